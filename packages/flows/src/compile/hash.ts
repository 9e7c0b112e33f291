import type { FlowDocument } from '../schema/flowDocument.js';

/** JSON with object keys sorted at every level (arrays keep their order): one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/**
 * 64-bit FNV-1a over the UTF-8 bytes of `text` (lone surrogates as U+FFFD),
 * as 16 hex digits. Written with four 16-bit limbs and without building a
 * byte array, so it runs the same in every JavaScript engine without
 * BigInt, TextEncoder or node:crypto. Not cryptographic: it names a
 * version, it does not protect one.
 */
export function fnv1a64(text: string): string {
  // Offset basis 0xcbf29ce484222325, low limb first.
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  const feed = (b: number) => {
    h0 ^= b;
    // Multiply by the FNV prime 0x100000001b3 = 2^40 + 0x1b3, keeping 64 bits.
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    h3 = (h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16)) & 0xffff;
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
  };
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) feed(c);
    else if (c < 0x800) {
      feed(0xc0 | (c >> 6));
      feed(0x80 | (c & 63));
    } else if (c < 0x10000) {
      feed(0xe0 | (c >> 12));
      feed(0x80 | ((c >> 6) & 63));
      feed(0x80 | (c & 63));
    } else {
      feed(0xf0 | (c >> 18));
      feed(0x80 | ((c >> 12) & 63));
      feed(0x80 | ((c >> 6) & 63));
      feed(0x80 | (c & 63));
    }
  }
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/**
 * What a run depends on: variables, nodes and edges without their canvas
 * positions and captions, and the key. Moving a node or renaming the flow
 * keeps the hash (a run in progress still resumes); anything that changes
 * what a run does changes it.
 */
export function executableParts(doc: FlowDocument): unknown {
  return {
    schemaVersion: doc.schemaVersion,
    key: doc.key,
    variables: doc.variables,
    nodes: doc.nodes.map(({ position: _p, label: _l, ...rest }) => rest),
    edges: doc.edges.map(({ label: _l, ...rest }) => rest),
  };
}

/** The flow's hash: FNV-1a 64 of the canonical JSON of its executable parts. */
export const flowHash = (doc: FlowDocument): string => fnv1a64(canonicalJson(executableParts(doc)));
