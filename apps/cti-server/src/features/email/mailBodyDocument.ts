import { sanitizeMailHtml } from './htmlSanitizer.js';

/** How the agent asked to see one mail's HTML body. */
export interface MailBodyView {
  /** The agent clicked "show images" for this mail. */
  images: boolean;
  /** The agent unfolded the quoted earlier mail. */
  quotes: boolean;
  lang: 'en' | 'zh-CN';
}

/**
 * The policy of a mail body document. It is the document's own (it is
 * served, not a `srcdoc`: a srcdoc frame inherits the desk's CSP, whose
 * `style-src 'self'` would strip every inline style a mail is made of):
 * - nothing runs and nothing is fetched but inline styles and `data:`
 *   images, plus web images once the agent allowed them;
 * - `sandbox` makes it an opaque origin even when opened on its own tab
 *   (the iframe's `sandbox` attribute says the same in the desk), with
 *   popups only so that a link opens in the browser (Electron hands it to the
 *   OS browser, https only; see apps/desktop/src/main/security.ts);
 * - only the desk itself may frame it.
 */
export function mailBodyCsp(images: boolean): string {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    images ? 'img-src data: https: http:' : 'img-src data:',
    'font-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
    'sandbox allow-popups allow-popups-to-escape-sandbox',
  ].join('; ');
}

/** Typography close to the desk's, on paper white: mails are written for white backgrounds. */
const BASE_STYLE = [
  'html{color-scheme:light}',
  'body{margin:0;padding:12px 16px;font:14px/1.55 system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#fff;overflow-wrap:anywhere}',
  'img{max-width:100%;height:auto}',
  'table{max-width:100%}',
  'pre{white-space:pre-wrap}',
  'a{color:#0b5cad}',
  'blockquote{margin:8px 0;padding-left:10px;border-left:3px solid #d0d7de;color:#57606a}',
].join('');

/** Folded quotes: the desk shows a "show quoted text" button outside the frame, which reloads it with `quotes`. */
const FOLD_QUOTES = 'blockquote{display:none}';

/**
 * A received mail's HTML as a whole document for the desk's sandboxed
 * frame: sanitized again here from the stored copy (with the agent's
 * choice on remote images), wrapped with our typography.
 */
export function mailBodyDocument(storedHtml: string, view: MailBodyView): string {
  const { html } = sanitizeMailHtml(storedHtml, { loadRemoteImages: view.images });
  const style = view.quotes ? BASE_STYLE : BASE_STYLE + FOLD_QUOTES;
  return `<!doctype html><html lang="${view.lang}"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><style>${style}</style></head><body>${html}</body></html>`;
}
