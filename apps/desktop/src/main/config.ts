/**
 * Where the desktop finds its CTI server. The server serves the renderer
 * (the same web app as B/S mode), so its origin is the only one we trust.
 */
export interface DesktopConfig {
  /** Normalised origin, e.g. `http://127.0.0.1:8080` (no path, no slash). */
  readonly serverOrigin: string;
  /**
   * Extra origins the page may connect to (CSP connect-src), e.g. the SIP
   * WebSocket of Kamailio when it is not proxied through the server origin.
   */
  readonly extraConnectSources: readonly string[];
}

/** Used when neither `--server-url=` nor `OMNICC_SERVER_URL` is given. */
export const DEFAULT_SERVER_URL = 'http://127.0.0.1:8080/';

const SERVER_URL_ARG = '--server-url=';
const CONNECT_SRC_ARG = '--connect-src=';

/**
 * Parses a server URL and reduces it to its origin. Only http(s) is accepted:
 * anything else (file:, javascript:, data:) would let a config typo load a
 * page we cannot reason about.
 * @throws Error `BAD_REQUEST: ...` when the URL is not an absolute http(s) URL.
 */
export function normaliseServerOrigin(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`BAD_REQUEST: server URL is not a valid URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`BAD_REQUEST: server URL must be http(s), got ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') {
    // Credentials in the URL would be sent with every request and end up in logs.
    throw new Error('BAD_REQUEST: server URL must not contain credentials');
  }
  return url.origin;
}

/**
 * Parses one extra connect-src entry: an http(s) or ws(s) origin.
 * @throws Error `BAD_REQUEST: ...` for any other scheme or a malformed URL.
 */
export function normaliseConnectSource(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new Error(`BAD_REQUEST: connect source is not a valid URL: ${JSON.stringify(raw)}`);
  }
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol)) {
    throw new Error(`BAD_REQUEST: connect source must be http(s) or ws(s), got ${url.protocol}`);
  }
  // A CSP source with a path would only match that path; keep scheme+host+port.
  return `${url.protocol}//${url.host}`;
}

function lastArgValue(argv: readonly string[], prefix: string): string | undefined {
  let value: string | undefined;
  for (const arg of argv) {
    if (arg.startsWith(prefix)) value = arg.slice(prefix.length);
  }
  return value;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value !== undefined && value.trim() !== '' ? value : undefined;
}

/**
 * Reads the config: `--server-url=` beats `OMNICC_SERVER_URL` beats the
 * default; `--connect-src=` beats `OMNICC_CONNECT_SRC` (space or comma list).
 * @throws Error `BAD_REQUEST: ...` when a given value is invalid; we refuse to
 * start rather than fall back, so a typo never points agents somewhere else.
 */
export function resolveDesktopConfig(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): DesktopConfig {
  const rawServer =
    nonEmpty(lastArgValue(argv, SERVER_URL_ARG)) ?? nonEmpty(env['OMNICC_SERVER_URL']) ?? DEFAULT_SERVER_URL;
  const rawConnect = nonEmpty(lastArgValue(argv, CONNECT_SRC_ARG)) ?? nonEmpty(env['OMNICC_CONNECT_SRC']) ?? '';
  const extraConnectSources = rawConnect
    .split(/[\s,]+/)
    .filter((entry) => entry !== '')
    .map(normaliseConnectSource);
  return { serverOrigin: normaliseServerOrigin(rawServer), extraConnectSources };
}
