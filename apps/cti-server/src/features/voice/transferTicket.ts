import { createHmac, timingSafeEqual } from 'node:crypto';

/** Where a transferred call goes: one agent, or a queue. */
export type TransferTarget = { agentId: string } | { queueId: string };

/** What a transfer address stands for: this interaction, held by this agent, goes to this target. */
export interface TransferTicket {
  interactionId: string;
  fromAgentId: string;
  to: TransferTarget;
  /** Epoch seconds; the address is refused after it. */
  expiresAt: number;
}

/** SIP user part of transfer addresses: `xfer-<ticket>` (sip:xfer-…@domain). */
export const TRANSFER_USER_PREFIX = 'xfer-';
/** Long enough for a REFER, its 202 and the caller's new INVITE on a slow network; short enough that a leaked address is soon dead. */
export const TRANSFER_TICKET_TTL_SECONDS = 60;
const MAC_BYTES = 12;

/** Derives the transfer key from the server's token secret, so there is one secret to manage. */
export function transferSecret(tokenSecret: string): string {
  return createHmac('sha256', tokenSecret).update('omnicc voice transfer').digest('base64url');
}

/**
 * A transfer address signed by the CTI: any CTI node can check it, so the
 * node that answers the agent's socket and the node that owns routing (where
 * the caller's new INVITE arrives) need no shared state. Packed in binary so
 * the SIP user part stays short (about 110 characters) and holds only
 * base64url characters, which SIP allows unescaped.
 */
export function signTransferTicket(secret: string, ticket: TransferTicket): string {
  const target = 'agentId' in ticket.to ? parseUuid(ticket.to.agentId) : Buffer.from(ticket.to.queueId, 'utf8');
  const expires = Buffer.alloc(4);
  expires.writeUInt32BE(ticket.expiresAt);
  const payload = Buffer.concat([
    parseUuid(ticket.interactionId),
    parseUuid(ticket.fromAgentId),
    expires,
    Buffer.from(['agentId' in ticket.to ? 1 : 2]),
    target,
  ]);
  return `${TRANSFER_USER_PREFIX}${Buffer.concat([payload, mac(secret, payload)]).toString('base64url')}`;
}

/** The ticket of a transfer address, or why it is refused: a bad signature, a bad shape, or too late. */
export function readTransferTicket(secret: string, user: string, nowSeconds: number): TransferTicket | 'invalid' | 'expired' {
  if (!user.startsWith(TRANSFER_USER_PREFIX)) return 'invalid';
  const raw = Buffer.from(user.slice(TRANSFER_USER_PREFIX.length), 'base64url');
  if (raw.length < 16 + 16 + 4 + 1 + 1 + MAC_BYTES) return 'invalid';
  const payload = raw.subarray(0, raw.length - MAC_BYTES);
  const given = raw.subarray(raw.length - MAC_BYTES);
  if (!timingSafeEqual(given, mac(secret, payload))) return 'invalid';
  const kind = payload[36];
  const target = payload.subarray(37);
  let to: TransferTarget;
  if (kind === 1 && target.length === 16) to = { agentId: stringifyUuid(target) };
  else if (kind === 2 && target.length <= 32) to = { queueId: target.toString('utf8') };
  else return 'invalid';
  const expiresAt = payload.readUInt32BE(32);
  if (expiresAt < nowSeconds) return 'expired';
  return { interactionId: stringifyUuid(payload.subarray(0, 16)), fromAgentId: stringifyUuid(payload.subarray(16, 32)), to, expiresAt };
}

/** A UUID as its 16 bytes (ids are validated UUIDs before they get here). */
function parseUuid(id: string): Buffer {
  const hex = id.replace(/-/g, '');
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error(`not a UUID: ${id}`);
  return Buffer.from(hex, 'hex');
}

function stringifyUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function mac(secret: string, payload: Buffer): Buffer {
  return createHmac('sha256', secret).update(payload).digest().subarray(0, MAC_BYTES);
}
