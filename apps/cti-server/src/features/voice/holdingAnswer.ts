/**
 * The SDP answer of the queue's side of a waiting call, for rtpengine: it
 * accepts the caller's first audio stream with the codecs offered, sends only
 * (the caller just listens) and points at the discard port, so rtpengine has
 * somewhere legal to send what the caller says and nothing receives it. Every
 * other stream is refused (port 0), as an answer must list them all
 * (RFC 3264 §6). Undefined when the offer has no audio.
 */
export function holdingAnswer(offer: string): string | undefined {
  const [, ...sections] = offer.split(/\r?\n(?=m=)/);
  let audioTaken = false;
  const media: string[] = [];
  for (const section of sections) {
    const lines = section.split(/\r?\n/).filter((l) => l !== '');
    const m = /^m=(\S+) \d+(?:\/\d+)? (\S+) (.+)$/.exec(lines[0] ?? '');
    if (!m) return undefined;
    const [, kind = '', proto = '', formats = ''] = m;
    if (kind !== 'audio' || audioTaken) {
      media.push(`m=${kind} 0 ${proto} ${formats}`);
      continue;
    }
    audioTaken = true;
    const payloads = new Set(formats.split(' '));
    const codecLines = lines.filter((l) => {
      const pt = /^a=(?:rtpmap|fmtp):(\d+) /.exec(l)?.[1];
      return pt !== undefined && payloads.has(pt);
    });
    media.push(`m=audio 9 ${proto} ${formats}`, ...codecLines, 'a=sendonly');
  }
  if (!audioTaken) return undefined;
  return [`v=0`, `o=omnicc-queue 1 1 IN IP4 127.0.0.1`, `s=omnicc queue`, `c=IN IP4 127.0.0.1`, `t=0 0`, ...media, ''].join('\r\n');
}
