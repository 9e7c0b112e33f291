import type { MarkedText as Marked } from '@omnicc/shared';

/**
 * Text with the server's match ranges drawn as <mark>. The text is
 * rendered as text: the server sends ranges, never markup, so nothing
 * it holds can become HTML here. Ranges out of bounds or overlapping an
 * earlier one are skipped.
 */
export function MarkedText({ value }: { value: Marked }) {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const r of [...value.ranges].sort((a, b) => a.start - b.start)) {
    const end = r.start + r.length;
    if (r.start < at || end > value.text.length) continue;
    if (r.start > at) parts.push({ text: value.text.slice(at, r.start), marked: false });
    parts.push({ text: value.text.slice(r.start, end), marked: true });
    at = end;
  }
  if (at < value.text.length) parts.push({ text: value.text.slice(at), marked: false });
  return <>{parts.map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}</>;
}
