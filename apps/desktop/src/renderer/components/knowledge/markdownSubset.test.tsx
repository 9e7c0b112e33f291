// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { inline, markdownBlocks, plainText } from './markdownSubset.js';

describe('the Markdown subset', () => {
  afterEach(() => cleanup());

  it('reads headings, bullet and numbered lists and paragraphs; anything else is text', () => {
    expect(markdownBlocks('## 排查步骤\n\n- 看光猫\n- 重启\n\n1. 登记\n2. 派单\n\n第一行\n第二行\n\n> 引用 | 表格')).toEqual([
      { kind: 'heading', text: '排查步骤' },
      { kind: 'list', ordered: false, items: ['看光猫', '重启'] },
      { kind: 'list', ordered: true, items: ['登记', '派单'] },
      { kind: 'paragraph', text: '第一行\n第二行' },
      { kind: 'paragraph', text: '> 引用 | 表格' },
    ]);
  });

  it('renders bold, italics, code and https links as elements, and markup in the text as text', () => {
    const { container } = render(<p>{inline('**重启** *光猫* `LOS` [说明](https://example.com/a) [x](javascript:alert(1)) <img src=x onerror=alert(1)>')}</p>);
    const p = container.querySelector('p')!;
    expect([...p.children].map((c) => c.tagName)).toEqual(['STRONG', 'EM', 'CODE', 'A']);
    expect(p.querySelector('a')?.getAttribute('href')).toBe('https://example.com/a');
    expect(p.querySelector('img')).toBeNull();
    expect(p.textContent).toContain('[x](javascript:alert(1)) <img src=x onerror=alert(1)>');
  });

  it('takes the markup out for a reply', () => {
    expect(plainText('**重启**光猫，见[说明](https://example.com/a)')).toBe('重启光猫，见说明 (https://example.com/a)');
  });
});
