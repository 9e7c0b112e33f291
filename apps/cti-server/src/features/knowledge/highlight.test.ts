import { describe, expect, it } from 'vitest';
import { matchRanges, snippet, SNIPPET_CHARS } from './highlight.js';
import { queryTerms } from './segment.js';

const marked = (m: { text: string; ranges: { start: number; length: number }[] }) => m.ranges.map((r) => m.text.slice(r.start, r.start + r.length));

describe('matchRanges', () => {
  it('marks Han grams and merges neighbours into one range', () => {
    const text = '宽带故障申告：宽带无法上网';
    expect(marked({ text, ranges: matchRanges(text, queryTerms('宽带故障')) })).toEqual(['宽带故障', '宽带']);
  });

  it('marks whole words that start with a query word or its stem, in any case or width', () => {
    const text = 'Roaming passes: ＲＯＡＭ abroad, roamer';
    expect(marked({ text, ranges: matchRanges(text, queryTerms('roaming pass')) })).toEqual(['Roaming', 'passes', 'ＲＯＡＭ', 'roamer']);
  });

  it('keeps offsets right after an emoji (a surrogate pair)', () => {
    const text = '😀😀故障';
    expect(matchRanges(text, queryTerms('故障'))).toEqual([{ start: 4, length: 2 }]);
  });
});

describe('snippet', () => {
  it('returns a short body whole, with white space folded', () => {
    expect(snippet('宽带\n\n故障', queryTerms('故障'))).toEqual({ text: '宽带 故障', ranges: [{ start: 3, length: 2 }] });
  });

  it('cuts a long body around its densest marks, with ellipses and ranges moved to match', () => {
    const body = `${'无关内容。'.repeat(60)}光猫LOS红灯闪烁说明光纤中断，需要派单维修光纤。${'其他说明。'.repeat(60)}`;
    const s = snippet(body, queryTerms('光纤 中断'));
    expect(s.text.startsWith('…') && s.text.endsWith('…')).toBe(true);
    expect(s.text.length).toBeLessThanOrEqual(SNIPPET_CHARS + 2);
    expect(marked(s)).toEqual(['光纤中断', '光纤']);
  });
});
