/**
 * Types for the parts of npm `smpp` 0.5 we use (it ships none). PDU fields
 * are dynamic (named as in the SMPP specification), so they are `unknown`
 * here and read through the narrowing helpers in pduFields.ts.
 */
declare module 'smpp' {
  import type { EventEmitter } from 'node:events';
  import type { Server as NetServer, Socket } from 'node:net';

  export interface PDU {
    command: string;
    command_id: number;
    command_status: number;
    sequence_number: number;
    [field: string]: unknown;
    isResponse(): boolean;
    response(fields?: Record<string, unknown>): PDU;
    toBuffer(): Buffer;
  }

  export interface Session extends EventEmitter {
    readonly socket: Socket;
    /** Sends a PDU; false when the socket is not writable. The response callback never times out (we add our own). */
    send(pdu: PDU, onResponse?: (response: PDU) => void, onSent?: (pdu: PDU) => void): boolean;
    close(onClosed?: () => void): void;
    destroy(onClosed?: () => void): void;
    pause(): void;
    resume(): void;
  }

  export interface Server extends NetServer {
    readonly sessions: Session[];
  }

  interface Smpp {
    /** A new PDU by command name, or one parsed from its wire bytes. */
    PDU: new (command: string | Buffer, fields?: Record<string, unknown>) => PDU;
    connect(options: { host: string; port: number }, onConnect?: () => void): Session;
    createServer(onSession: (session: Session) => void): Server;
    /** ESME_* command_status names to numbers. */
    errors: Readonly<Record<string, number>>;
  }

  const smpp: Smpp;
  export default smpp;
}
