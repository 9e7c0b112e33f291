import type { ReactNode } from 'react';

/** One block of an article body in the Markdown subset. */
export type Block = { kind: 'heading'; text: string } | { kind: 'list'; ordered: boolean; items: string[] } | { kind: 'paragraph'; text: string };

/**
 * The blocks of a body written in the subset (docs/knowledge.md): `#`–`###`
 * headings, `-`/`*`/`1.` lists, paragraphs separated by blank lines.
 * Everything else is text. Nothing here builds HTML: the desk renders the
 * blocks as React elements.
 */
export function markdownBlocks(body: string): Block[] {
  const blocks: Block[] = [];
  for (const chunk of body.split(/\n\s*\n/)) {
    const lines = chunk.split('\n').filter((l) => l.trim() !== '');
    if (lines.length === 0) continue;
    const heading = /^#{1,3}\s+(.*)$/.exec(lines[0]!.trim());
    if (heading && lines.length === 1) {
      blocks.push({ kind: 'heading', text: heading[1]! });
      continue;
    }
    const bullet = lines.every((l) => /^\s*[-*]\s+/.test(l));
    const numbered = lines.every((l) => /^\s*\d+[.)]\s+/.test(l));
    if (bullet || numbered) blocks.push({ kind: 'list', ordered: numbered, items: lines.map((l) => l.replace(/^\s*(?:[-*]|\d+[.)])\s+/, '')) });
    else blocks.push({ kind: 'paragraph', text: lines.join('\n') });
  }
  return blocks;
}

const INLINE = /\*\*([^*]+)\*\*|\*([^*]+)\*|`([^`]+)`|\[([^\]]+)\]\((https:\/\/[^\s)]+)\)/g;

/** Bold, italics, code and https links of one line of the subset, as React nodes (other text as text). */
export function inline(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > at) out.push(text.slice(at, m.index));
    const key = out.length;
    if (m[1] !== undefined) out.push(<strong key={key}>{m[1]}</strong>);
    else if (m[2] !== undefined) out.push(<em key={key}>{m[2]}</em>);
    else if (m[3] !== undefined) out.push(<code key={key}>{m[3]}</code>);
    else
      out.push(
        <a key={key} href={m[5]} target="_blank" rel="noopener noreferrer">
          {m[4]}
        </a>,
      );
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

/** The subset's markup taken out, for what goes into a reply (the customer gets plain text). */
export function plainText(text: string): string {
  return text.replace(INLINE, (_m, bold?: string, em?: string, code?: string, label?: string, url?: string) => bold ?? em ?? code ?? `${label} (${url})`);
}
