import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { BILLING_UI_SCRIPT, BILLING_UI_STYLE } from './billing/billingUiScript.js';

/** A UI add-in page this server serves: inline script and style, pinned by hash in its own CSP. */
export interface AddInPage {
  title: string;
  script: string;
  style: string;
}

/** The built-in add-ins' pages, by the path their manifest's slot entry names. */
export const BUILT_IN_PAGES: Record<string, AddInPage> = {
  '/add-ins/billing/ui/index.html': { title: 'Billing', script: BILLING_UI_SCRIPT, style: BILLING_UI_STYLE },
};

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/**
 * The CSP of an add-in page: its own inline script and style only, no
 * requests at all (data comes through the host's RPC), framed only by our
 * desk, and sandboxed even when opened outside its frame: without
 * allow-same-origin it runs in an opaque origin, so it reads none of our
 * storage, cookies or token.
 */
export function addInPageCsp(page: AddInPage): string {
  return [
    "default-src 'none'",
    `script-src ${sha256(page.script)}`,
    `style-src ${sha256(page.style)}`,
    "img-src data:",
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'self'",
    'sandbox allow-scripts',
  ].join('; ');
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** GET of each built-in add-in page, public (it holds no data: everything comes over the RPC), with its own CSP. */
export function registerAddInUiRoutes(app: FastifyInstance, pages: Record<string, AddInPage> = BUILT_IN_PAGES): void {
  for (const [path, page] of Object.entries(pages)) {
    const html = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(page.title)}</title><style>${page.style}</style></head><body><div id="root" aria-live="polite"></div><script>${page.script}</script></body></html>`;
    const csp = addInPageCsp(page);
    app.get(path, async (_request, reply) =>
      reply.headers({ 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp, 'cache-control': 'no-cache', 'cross-origin-resource-policy': 'same-origin' }).send(html),
    );
  }
}
