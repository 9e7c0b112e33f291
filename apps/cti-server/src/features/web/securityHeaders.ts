import type { FastifyInstance } from 'fastify';

/**
 * Strict CSP for everything we serve. No inline script or style anywhere;
 * the desktop talks only to its own origin (REST and WebSocket), plus the
 * softphone's SIP WebSocket when voice runs (Kamailio listens on its own
 * port, so it is another origin). Frames are allowed from our own origin
 * only (sandboxed add-in and email frames).
 */
export function desktopCsp(extraConnectSources: readonly string[] = []): string {
  for (const src of extraConnectSources) {
    // A source goes into a header: nothing that could end the directive or the header.
    if (!/^wss?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~/-]*)?$/.test(src)) throw new Error(`not a WebSocket source for the CSP: ${src}`);
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: data:",
    "font-src 'self'",
    ["connect-src 'self'", ...extraConnectSources].join(' '),
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export const DESKTOP_CSP = desktopCsp();

export function installSecurityHeaders(app: FastifyInstance, options: { connectSources?: readonly string[] } = {}): void {
  const csp = desktopCsp(options.connectSources);
  app.addHook('onSend', async (_request, reply, payload) => {
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', csp);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'microphone=(self), camera=(), geolocation=(), payment=()');
    return payload;
  });
}
