/** IPC between the bench (parent), its client workers and the bare socket.io server. */

export type ToWorker =
  /** Connect one /agent socket per token, set each ready, answer `ready`; hold each accepted chat `holdMs` before ending it. */
  | { type: 'agents'; url: string; tokens: string[]; dispositionCode: string; holdMs: number }
  /** Connect `count` plain clients to the bare server, answer `ready`. */
  | { type: 'bare'; url: string; count: number }
  /** Report figures (`stats`) and disconnect everything. */
  | { type: 'stop' };

export type FromWorker =
  | { type: 'ready'; connected: number; failed: number }
  /** An agent socket got 'offer:new' for `interactionId` at wall clock `t` (ms). */
  | { type: 'offer'; interactionId: string; t: number; bytes: number }
  | { type: 'stats'; accepted: number; ended: number; wrapped: number; errors: number; firstErrors: string[]; bareLatenciesMs: number[] };

export type ToBareServer = { type: 'run'; count: number; perSecond: number; payloadBytes: number } | { type: 'stop' };
export type FromBareServer = { type: 'listening'; port: number; clients: number } | { type: 'runDone'; sent: number; clients: number };

export function send(message: FromWorker | FromBareServer): void {
  process.send?.(message);
}
