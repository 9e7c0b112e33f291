import { describe, expect, it } from 'vitest';
import { sanitizeMailHtml } from './htmlSanitizer.js';

/** Hostile HTML as mail brings it; none of it may survive in a form that runs or loads. */
const HOSTILE = [
  '<script>window.pwned=1</script>hello',
  '<img src=x onerror="window.pwned=1">',
  '<body onload="window.pwned=1">x</body>',
  '<a href="javascript:window.pwned=1">click</a>',
  '<a href="jav&#x09;ascript:window.pwned=1">tab</a>',
  '<a href="&#106;avascript:window.pwned=1">entity</a>',
  '<a href=" JaVaScRiPt:window.pwned=1">case</a>',
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '<svg onload="window.pwned=1"><script>window.pwned=1</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.pwned=1>',
  '<div style="background:url(javascript:window.pwned=1)">bg</div>',
  '<div style="width: expression(window.pwned=1)">ie</div>',
  '<div style="background-image: url(https://tracker.example/p.gif)">track</div>',
  '<style>@import "https://evil.example/x.css"; body{background:url(https://tracker.example/)}</style>text',
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<base href="https://evil.example/">',
  '<iframe src="https://evil.example/"></iframe>',
  '<object data="https://evil.example/x.swf"></object><embed src="https://evil.example/x.swf">',
  '<form action="https://evil.example/"><input name=p><button>go</button></form>',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  '<img src="javascript:window.pwned=1">',
  '<img data-remote-src="javascript:window.pwned=1" src="cid:logo">',
  '<<script>script>window.pwned=1<</script>/script>',
  '<scr<script>ipt>window.pwned=1</script>',
  '<img """><script>window.pwned=1</script>">',
  '<noscript><p title="</noscript><img src=x onerror=window.pwned=1>">',
  '<template><img src=x onerror=window.pwned=1></template>',
  '<p style="color:red;behavior:url(x.htc)">b</p>',
  '<a href="https://ok.example/" onclick="window.pwned=1" style="color: red">link</a>',
  '<xmp><img src=x onerror=window.pwned=1></xmp>',
];

const FORBIDDEN = [/<script/i, /\son\w+\s*=/i, /javascript:/i, /vbscript:/i, /data:/i, /<svg/i, /<math/i, /expression\(/i, /url\(/i, /<style/i, /<link/i, /<meta/i, /<base/i, /<iframe/i, /<object/i, /<embed/i, /<form/i, /<input/i, /behavior/i, /\ssrc="https?:/i];

describe('sanitizeMailHtml', () => {
  it.each(HOSTILE)('neutralises %s', (html) => {
    const { html: clean } = sanitizeMailHtml(html);
    for (const bad of FORBIDDEN) expect(clean, `${bad} in ${clean}`).not.toMatch(bad);
  });

  it('keeps ordinary formatting, links that open outside, inline cid images and plain styles', () => {
    const { html, remoteImages } = sanitizeMailHtml('<p style="color: #c00; font-weight: bold">您好 <a href="https://www.10086.cn/">10086</a></p><img src="cid:logo@x" alt="logo"><table><tr><td colspan="2">x</td></tr></table>');
    expect(html).toBe('<p style="color:#c00;font-weight:bold">您好 <a href="https://www.10086.cn/" target="_blank" rel="noopener noreferrer nofollow">10086</a></p><img alt="logo" src="cid:logo@x" /><table><tr><td colspan="2">x</td></tr></table>');
    expect(remoteImages).toBe(0);
  });

  it('holds remote images back for a click and counts them', () => {
    const { html, remoteImages } = sanitizeMailHtml('<img src="https://tracker.example/open.gif?u=1" width="1"><img src="http://cdn.example/logo.png">');
    expect(html).toBe('<img width="1" data-remote-src="https://tracker.example/open.gif?u=1" /><img data-remote-src="http://cdn.example/logo.png" />');
    expect(remoteImages).toBe(2);
  });

  it('loads them once the agent allowed it, web addresses only', () => {
    const { html, remoteImages } = sanitizeMailHtml('<img src="https://cdn.example/a.png"><img src="javascript:alert(1)"><img src="data:image/svg+xml,<svg onload=alert(1)>">', { loadRemoteImages: true });
    expect(html).toBe('<img src="https://cdn.example/a.png" /><img /><img />');
    expect(remoteImages).toBe(1);
  });

  it('says whether the mail quotes earlier mail', () => {
    expect(sanitizeMailHtml('<p>Fixed.</p><blockquote type="cite"><p>My bill</p></blockquote>').quoted).toBe(true);
    expect(sanitizeMailHtml('<p>No quote, not even &lt;blockquote&gt; as text</p>').quoted).toBe(false);
  });
});
