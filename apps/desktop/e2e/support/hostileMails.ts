import { SUPPORT_ADDRESS } from './email.js';

/** The global every payload tries to set, in the desk or any frame; it must stay unset. */
export const SENTINEL = '__omniccXss';

/** One hostile mail of the corpus: what it tries, and its raw RFC 5322 text. */
export interface HostileMail {
  name: string;
  raw: string;
}

const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64');
const wrap76 = (s: string): string => s.replace(/.{76}/g, '$&\r\n');

/**
 * A corpus of mails that try to run script, load from elsewhere, or escape
 * their frame: in the HTML body (tags, handlers, URLs, SVG and MathML, CSS,
 * parser confusion), and in the headers and parts the desk shows as text
 * (subject, sender name, attachment names). `beacon` is an origin the test
 * watches: any request to it (or to evil.example) means something loaded.
 */
export function hostileCorpus(beacon: string): { name: string; html?: string; text?: string; subject?: string; from?: string; attachment?: { filename: string; contentType: string; content: string }; contentType?: string }[] {
  const set = (n: number): string => `top.${SENTINEL}=${n};parent.${SENTINEL}=${n};window.${SENTINEL}=${n}`;
  return [
    { name: 'script tag', html: `<p>Bill</p><script>${set(1)}</script>` },
    { name: 'img onerror', html: `<img src=x onerror="${set(2)}">` },
    { name: 'svg onload', html: `<svg onload="${set(3)}"><circle r="10"/></svg>` },
    { name: 'svg script', html: `<svg><script>${set(4)}</script><a xlink:href="javascript:${set(4)}"><text>x</text></a></svg>` },
    { name: 'javascript: link', html: `<a href="javascript:${set(5)}">pay here</a>` },
    { name: 'entity-encoded javascript: link', html: `<a href="&#106;ava&#x73;cript&#58;${set(6)}">pay</a><a href="JaVaScRiPt:${set(6)}">pay</a>` },
    { name: 'javascript: with whitespace', html: `<a href=" java\tscript:${set(7)}">x</a>` },
    { name: 'iframe javascript:', html: `<iframe src="javascript:${set(8)}"></iframe>` },
    { name: 'iframe srcdoc', html: `<iframe srcdoc="<script>${set(9)}</script>"></iframe>` },
    { name: 'object and embed', html: `<object data="javascript:${set(10)}"></object><embed src="data:text/html,<script>${set(10)}</script>">` },
    { name: 'body onload', html: `<body onload="${set(11)}"><p>hi</p></body>` },
    { name: 'css url(javascript:)', html: `<div style="background:url(javascript:${set(12)});width:10px">x</div>` },
    { name: 'css expression()', html: `<div style="width: expression(${set(13)})">x</div>` },
    { name: 'style sheet imports', html: `<style>@import '${beacon}/import.css'; body { background: url(${beacon}/bg.png) }</style><p>styled</p>` },
    { name: 'link stylesheet', html: `<link rel="stylesheet" href="${beacon}/link.css"><p>x</p>` },
    { name: 'meta refresh', html: `<meta http-equiv="refresh" content="0;url=javascript:${set(16)}"><meta http-equiv="refresh" content="0;url=${beacon}/refresh">` },
    { name: 'base href', html: `<base href="${beacon}/"><img src="relative.png"><a href="relative">x</a>` },
    { name: 'form autofocus', html: `<form action="${beacon}/form"><input autofocus onfocus="${set(18)}"><button formaction="javascript:${set(18)}">go</button></form>` },
    { name: 'details ontoggle', html: `<details open ontoggle="${set(19)}"><summary>x</summary></details>` },
    { name: 'media onerror', html: `<video><source onerror="${set(20)}"></video><audio src=x onerror="${set(20)}"></audio>` },
    { name: 'mathml mutation', html: `<math><mtext><table><mglyph><style><img src=x onerror="${set(21)}">` },
    { name: 'noscript mutation', html: `<noscript><p title="</noscript><img src=x onerror=${set(22)}>"></noscript>` },
    { name: 'tracking pixel', html: `<p>Hello</p><img src="${beacon}/pixel.gif" width="1" height="1">` },
    { name: 'srcset and background attributes', html: `<img srcset="${beacon}/srcset.gif 1x"><table background="${beacon}/table.gif"><tr><td background="${beacon}/td.gif">x</td></tr></table>` },
    { name: 'malformed nested script', html: `<<script>script>${set(25)}<</script>/script><scr<script>ipt>${set(25)}</scr</script>ipt>` },
    { name: 'broken quoting', html: `<img """><script>${set(26)}</script>"><a href="x" title='a' onmouseover=${set(26)} style=x>y</a>` },
    { name: 'comment and CDATA tricks', html: `<!-- --!><script>${set(27)}</script> --><![CDATA[<script>${set(27)}</script>]]>` },
    { name: 'xmp and template', html: `<xmp><img src=x onerror=${set(28)}></xmp><template><img src=x onerror=${set(28)}></template>` },
    { name: 'data: URLs', html: `<a href="data:text/html;base64,${b64(`<script>${set(29)}</script>`)}">x</a><img src="data:image/svg+xml;base64,${b64(`<svg onload="${set(29)}"/>`)}">` },
    { name: 'link ping and target', html: `<a href="${beacon}/phish" ping="${beacon}/ping" target="_top">your bill</a>` },
    { name: 'full-frame overlay', html: `<div style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:99999;background:red">Log in again</div>` },
    { name: 'cid image with handler', html: `<img src="cid:logo@evil" onerror="${set(32)}">` },
    { name: 'hostile subject', subject: `"><img src=x onerror=${set(33)}><script>${set(33)}</script>`, text: 'see subject' },
    { name: 'hostile sender name', from: `=?UTF-8?B?${b64(`<img src=x onerror=${set(34)}>"><script>${set(34)}</script>`)}?= <evil@attacker.example>`, text: 'see sender' },
    {
      name: 'hostile attachment name',
      text: 'see attachment',
      attachment: { filename: `<img src=x onerror=${set(35)}>.html`, contentType: 'text/html', content: `<script>${set(35)}</script>` },
    },
    { name: 'svg attachment', text: 'see attachment', attachment: { filename: 'invoice.svg', contentType: 'image/svg+xml', content: `<svg xmlns="http://www.w3.org/2000/svg" onload="${set(36)}"/>` } },
    { name: 'script in plain text', text: `<script>${set(37)}</script> <img src=x onerror=${set(37)}>` },
    { name: 'broken MIME', contentType: 'multipart/mixed; boundary="never-used"', text: `<script>${set(38)}</script>` },
  ];
}

/** The corpus as raw mails, every one a reply in the thread of `threadId` (so they join the one interaction). */
export function hostileMails(beacon: string, threadId: string): HostileMail[] {
  return hostileCorpus(beacon).map((m, i) => {
    const head = [
      `From: ${m.from ?? `Attacker ${i} <attacker${i}@attacker.example>`}`,
      `To: ${SUPPORT_ADDRESS}`,
      `Subject: ${m.subject ?? `Re: ${m.name}`}`,
      'Date: Tue, 24 Nov 2026 10:00:00 +0800',
      `Message-ID: <hostile-${i}-${Date.now()}@attacker.example>`,
      `In-Reply-To: ${threadId}`,
      `References: ${threadId}`,
      'MIME-Version: 1.0',
    ];
    const bodyType = m.html !== undefined ? 'text/html' : 'text/plain';
    const body = m.html ?? m.text ?? '';
    if (m.contentType) return { name: m.name, raw: [...head, `Content-Type: ${m.contentType}`, '', body, ''].join('\r\n') };
    if (!m.attachment) return { name: m.name, raw: [...head, `Content-Type: ${bodyType}; charset=utf-8`, 'Content-Transfer-Encoding: base64', '', wrap76(b64(body)), ''].join('\r\n') };
    const boundary = `hostile-${i}`;
    const filename = `=?UTF-8?B?${b64(m.attachment.filename)}?=`;
    return {
      name: m.name,
      raw: [
        ...head,
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        `Content-Type: ${bodyType}; charset=utf-8`,
        'Content-Transfer-Encoding: base64',
        '',
        wrap76(b64(body)),
        `--${boundary}`,
        `Content-Type: ${m.attachment.contentType}; name="${filename}"`,
        `Content-Disposition: attachment; filename="${filename}"`,
        'Content-Transfer-Encoding: base64',
        '',
        wrap76(b64(m.attachment.content)),
        `--${boundary}--`,
        '',
      ].join('\r\n'),
    };
  });
}
