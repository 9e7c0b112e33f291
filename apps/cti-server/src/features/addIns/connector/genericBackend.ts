import { AddInCallError } from './addInErrors.js';
import type { AddInBackend } from './addInConnector.js';
import { fetchUpstreamJson } from './upstreamJson.js';

/**
 * The backend of an add-in installed from a manifest alone (no code in this
 * server): each operation is `POST <baseUrl>/operations/<name>` with
 * `{ input }`, answered 200 `{ output, details? }`; the connector checks
 * `output` against the operation's fields. The add-in's key goes as a
 * bearer token.
 */
export const genericBackend: AddInBackend = {
  async call(operation, input, context) {
    const res = await fetchUpstreamJson(
      { url: `${context.baseUrl.replace(/\/+$/, '')}/operations/${operation.name}`, method: 'POST', body: { input }, ...(context.secret === undefined ? {} : { headers: { authorization: `Bearer ${context.secret}` } }) },
      context.signal,
    );
    if (res.status === 404) throw new AddInCallError('NOT_FOUND', `the add-in's system found nothing (404)`);
    if (res.status >= 400) throw new AddInCallError(res.status === 400 ? 'BAD_INPUT' : 'UPSTREAM_ERROR', `the add-in's system answered ${res.status}`);
    const body = res.body as { output?: unknown; details?: unknown } | null;
    if (typeof body !== 'object' || body === null) throw new AddInCallError('BAD_RESPONSE', 'the answer is not an object');
    return { output: body.output as Record<string, never>, ...(body.details === undefined ? {} : { details: body.details }) };
  },
};
