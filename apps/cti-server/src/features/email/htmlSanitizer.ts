import sanitizeHtml from 'sanitize-html';

/** Sanitized HTML of a mail, ready for a sandboxed iframe, and what was held back. */
export interface SanitizedHtml {
  html: string;
  /** Remote images: held in `data-remote-src` (shown only once the agent allows them), or loaded when `loadRemoteImages`. */
  remoteImages: number;
  /** Whether it quotes earlier mail (`blockquote`), which the agent's view folds away. */
  quoted: boolean;
}

export interface SanitizeOptions {
  /** The agent allowed this mail's remote images: keep them in `src`. */
  loadRemoteImages?: boolean;
}

/** Formatting that mail clients produce; nothing that runs, loads a page, or submits. */
const ALLOWED_TAGS = [
  'a', 'abbr', 'b', 'blockquote', 'br', 'caption', 'center', 'code', 'col', 'colgroup', 'dd', 'del', 'div', 'dl', 'dt', 'em', 'font',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q', 's', 'small', 'span',
  'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'tt', 'u', 'ul',
];

/** CSS values without url(), expression(), escapes or anything but plain words, numbers, colours and lengths. */
const SAFE_VALUE = /^[#(),.%\w\s-]*$/;
const NO_CALLS = /^(?!.*(url|expression|image|var|attr|env)\s*\().*$/i;
const CSS: RegExp[] = [SAFE_VALUE, NO_CALLS];
const STYLE_PROPERTIES = [
  'color', 'background-color', 'font-size', 'font-weight', 'font-style', 'font-family', 'text-align', 'text-decoration', 'line-height',
  'margin', 'margin-left', 'margin-right', 'margin-top', 'margin-bottom', 'padding', 'padding-left', 'padding-right', 'padding-top', 'padding-bottom',
  'border', 'border-collapse', 'width', 'height', 'vertical-align', 'white-space',
];

/**
 * Server-side sanitizing of a received mail's HTML (the stored copy stays as
 * received). An allowlist: unknown tags are dropped with their attributes
 * (the text of `script`, `style`, `noscript`… with them), every `on*`
 * handler, `javascript:`/`data:`/`vbscript:` URL, SVG, MathML, form, iframe,
 * object and meta refresh goes; inline styles keep a few properties with
 * plain values only (no `url()`, no `expression()`). Links open outside
 * with no referrer. Remote images are not loaded (a tracking pixel tells the
 * sender the mail was read, and when): their address moves to
 * `data-remote-src` for the desktop to restore on the agent's click; inline
 * `cid:` images stay for the desktop to map to the attachment.
 *
 * The desktop also renders the result in an iframe with `sandbox` (no
 * scripts, no same-origin) and a CSP: this is the first of two walls.
 */
export function sanitizeMailHtml(html: string, options: SanitizeOptions = {}): SanitizedHtml {
  let remoteImages = 0;
  const clean = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    disallowedTagsMode: 'discard',
    allowedAttributes: {
      '*': ['style', 'title', 'align', 'dir', 'lang'],
      a: ['href', 'name', 'target', 'rel'],
      img: ['src', 'alt', 'width', 'height', 'data-remote-src'],
      font: ['color', 'size', 'face'],
      table: ['width', 'border', 'cellpadding', 'cellspacing', 'bgcolor'],
      td: ['colspan', 'rowspan', 'width', 'valign', 'bgcolor'],
      th: ['colspan', 'rowspan', 'width', 'valign', 'bgcolor'],
      ol: ['start', 'type'],
    },
    allowedStyles: { '*': Object.fromEntries(STYLE_PROPERTIES.map((p) => [p, CSS])) },
    allowedSchemes: ['http', 'https', 'mailto', 'tel'],
    allowedSchemesByTag: { img: ['http', 'https', 'cid'] },
    allowProtocolRelative: false,
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'title', 'head', 'template', 'svg', 'math', 'iframe', 'object', 'xmp', 'noembed', 'noframes'],
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, target: '_blank', rel: 'noopener noreferrer nofollow' } }),
      img: (tagName, attribs) => {
        const { src, 'data-remote-src': _forged, ...rest } = attribs;
        const url = src?.trim() ?? '';
        if (/^cid:/i.test(url)) return { tagName, attribs: { ...rest, src: url } };
        // Only web addresses are held for a click; anything else (javascript:, data:) is dropped.
        if (!/^https?:\/\//i.test(url)) return { tagName, attribs: rest };
        remoteImages++;
        return { tagName, attribs: { ...rest, [options.loadRemoteImages ? 'src' : 'data-remote-src']: url } };
      },
    },
  });
  return { html: clean, remoteImages, quoted: /<blockquote[\s>]/i.test(clean) };
}
