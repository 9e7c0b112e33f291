/** A REST answer as tests look at it: status, raw text (to search for leaks) and parsed JSON. */
export interface RestAnswer {
  status: number;
  text: string;
  json: (Record<string, unknown> & { error?: { code: string; message: string } }) | undefined;
}

/** One call to the server under test with a bearer token; the body, when given, goes as JSON. */
export async function restCall(baseUrl: string, method: string, path: string, token: string, body?: unknown): Promise<RestAnswer> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? (JSON.parse(text) as RestAnswer['json']) : undefined };
}
