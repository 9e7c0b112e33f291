import smpp, { type PDU, type Session, type Server } from 'smpp';
import { freePort } from './telephony.js';

/** A submit_sm as the SMSC read it (through the smpp package's own decoder, not ours). */
export interface SimulatedSubmit {
  messageId: string;
  sourceAddr: string;
  destination: string;
  destTon: number;
  esmClass: number;
  dataCoding: number;
  registeredDelivery: number;
  /** User data header elements, each `[iei, length, ...data]`. */
  udh: Buffer[];
  text: string;
  /** When the SMSC took it (Date.now()): the rate a sender keeps. */
  at: number;
}

export interface SmscSimulatorOptions {
  systemId: string;
  password: string;
  /** Delay before a delivery receipt for a submit that asked for one. */
  receiptDelayMs?: number;
  /** Put receipted_message_id and message_state TLVs (SMPP 3.4) on receipts: beside the receipt text, or instead of it. */
  receiptTlvs?: 'also' | 'only';
}

const MESSAGE_STATE: Record<string, number> = { ENROUTE: 1, DELIVRD: 2, EXPIRED: 3, DELETED: 4, UNDELIV: 5, ACCEPTD: 6, UNKNOWN: 7, REJECTD: 8 };

/**
 * An SMSC on 127.0.0.1 for tests, on the smpp package's server side:
 * authenticates bind_transceiver, answers submit_sm with message ids, sends
 * delivery receipts after a delay, injects deliver_sm (multipart, UCS-2),
 * answers or ignores enquire_link, throttles (a later part too), refuses
 * binds, drops connections on request or at the next submit, sends a
 * receipt before the submit's response, and sends receipts again. Destinations starting 000 are refused
 * (ESME_RINVDSTADR).
 */
export class SmscSimulator {
  readonly submits: SimulatedSubmit[] = [];
  readonly bindAttempts: { at: number; systemId: string; accepted: boolean }[] = [];
  enquireLinks = 0;
  /** `stat:` word of the next receipts. */
  receiptStatus = 'DELIVRD';
  /** When set, enquire_link goes unanswered (a hung SMSC). */
  ignoreEnquireLinks = false;
  /** When set, a receipt goes out before the submit_sm_resp it reports on (some SMSCs race like this). */
  receiptFirst = false;
  private throttleLeft = 0;
  private throttleSkip = 0;
  private dropAtSubmit = false;
  private bindRefusal: number | undefined;
  private readonly bound = new Set<Session>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private nextId = 0x5a000;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly options: SmscSimulatorOptions,
  ) {}

  static async start(options: SmscSimulatorOptions): Promise<SmscSimulator> {
    const port = await freePort();
    const server = smpp.createServer((session) => simulator.attach(session));
    const simulator = new SmscSimulator(server, port, options);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return simulator;
  }

  get boundSessions(): number {
    return this.bound.size;
  }

  /** The next `n` submit_sm are answered ESME_RTHROTTLED (after `after` accepted ones, to throttle a later part). */
  throttleNext(n: number, options: { after?: number } = {}): void {
    this.throttleLeft = n;
    this.throttleSkip = options.after ?? 0;
  }

  /** The next submit_sm is never answered: the connection drops as it arrives, and the SMSC keeps nothing of it. */
  dropOnNextSubmit(): void {
    this.dropAtSubmit = true;
  }

  /** Sends the receipt of an accepted submit (again, or with another `stat:` word); resolves with the ESME's command_status. */
  async sendReceipt(messageId: string, stat = this.receiptStatus): Promise<number> {
    const submit = this.submits.find((s) => s.messageId === messageId);
    const session = [...this.bound].at(-1);
    if (!submit || !session) throw new Error(`no submit ${messageId} or no bound session`);
    return this.request(session, 'deliver_sm', this.receiptFields(submit, stat));
  }

  /** Binds are answered with this command_status (undefined: judged by credentials again). */
  refuseBinds(status: number | undefined): void {
    this.bindRefusal = status;
  }

  /** Drops every connection at once, as a crashed SMSC or a cut line would. */
  dropAll(): void {
    for (const session of this.server.sessions) session.destroy();
  }

  /**
   * Sends a message from a handset to the bound ESME. Longer than
   * `partSize` UTF-16 units, it goes as parts with an 8-bit concatenation
   * header, in `order` (1-based part numbers; a missing number is a lost part).
   */
  async deliver(from: string, to: string, text: string, opts: { ucs2?: boolean; partSize?: number; ref?: number; order?: number[] } = {}): Promise<number[]> {
    const session = [...this.bound].at(-1);
    if (!session) throw new Error('no bound session');
    const size = opts.partSize ?? (opts.ucs2 ? 67 : 153);
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
    const order = opts.order ?? chunks.map((_, i) => i + 1);
    const statuses: number[] = [];
    for (const seq of order) {
      const chunk = chunks[seq - 1] ?? '';
      const message = chunks.length > 1 ? { udh: Buffer.from([0x05, 0x00, 0x03, opts.ref ?? 42, chunks.length, seq]), message: chunk } : chunk;
      const fields = { source_addr: from.replace(/^\+/, ''), source_addr_ton: from.startsWith('+') ? 1 : 0, destination_addr: to, data_coding: opts.ucs2 ? 8 : 0, short_message: message };
      statuses.push(await this.request(session, 'deliver_sm', fields));
    }
    return statuses;
  }

  /** Sends a request the ESME did not ask for (unbind, query_sm…) on the bound session; resolves with the ESME's command_status. */
  async send(command: string, fields: Record<string, unknown> = {}): Promise<number> {
    const session = [...this.bound].at(-1);
    if (!session) throw new Error('no bound session');
    return this.request(session, command, fields);
  }

  /** Polls until `check` holds (every 10 ms, at most `timeoutMs`). */
  async waitFor(check: () => boolean, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('SMSC simulator: condition not met in time');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async close(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private attach(session: Session): void {
    session.on('error', () => undefined); // a client vanishing mid-write is part of the tests
    session.on('close', () => this.bound.delete(session));
    session.on('bind_transceiver', (pdu: PDU) => {
      const accepted = this.bindRefusal === undefined && pdu.system_id === this.options.systemId && pdu.password === this.options.password;
      this.bindAttempts.push({ at: Date.now(), systemId: String(pdu.system_id), accepted });
      if (!accepted) {
        session.send(pdu.response({ command_status: this.bindRefusal ?? smpp.errors.ESME_RINVPASWD }), () => session.close());
        return;
      }
      this.bound.add(session);
      session.send(pdu.response({ system_id: 'OMNICC-SIM' }));
    });
    session.on('submit_sm', (pdu: PDU) => this.onSubmit(session, pdu));
    session.on('enquire_link', (pdu: PDU) => {
      this.enquireLinks++;
      if (!this.ignoreEnquireLinks) session.send(pdu.response());
    });
    session.on('unbind', (pdu: PDU) => session.send(pdu.response(), () => session.close()));
  }

  private onSubmit(session: Session, pdu: PDU): void {
    if (!this.bound.has(session)) {
      session.send(pdu.response({ command_status: smpp.errors.ESME_RINVBNDSTS }));
      return;
    }
    if (this.dropAtSubmit) {
      this.dropAtSubmit = false;
      session.destroy();
      return;
    }
    if (this.throttleLeft > 0 && this.throttleSkip > 0) this.throttleSkip--;
    else if (this.throttleLeft > 0) {
      this.throttleLeft--;
      session.send(pdu.response({ command_status: smpp.errors.ESME_RTHROTTLED }));
      return;
    }
    if (String(pdu.destination_addr).startsWith('000')) {
      session.send(pdu.response({ command_status: smpp.errors.ESME_RINVDSTADR }));
      return;
    }
    const messageId = (this.nextId++).toString(16).toUpperCase();
    const body = pdu.short_message as { message?: unknown; udh?: Buffer[] };
    const submit: SimulatedSubmit = {
      messageId,
      sourceAddr: String(pdu.source_addr),
      destination: String(pdu.destination_addr),
      destTon: Number(pdu.dest_addr_ton),
      esmClass: Number(pdu.esm_class),
      dataCoding: Number(pdu.data_coding),
      registeredDelivery: Number(pdu.registered_delivery),
      udh: body.udh ?? [],
      text: typeof body.message === 'string' ? body.message : '',
      at: Date.now(),
    };
    this.submits.push(submit);
    const wantsReceipt = (submit.registeredDelivery & 1) === 1;
    if (wantsReceipt && this.receiptFirst) void this.request(session, 'deliver_sm', this.receiptFields(submit, this.receiptStatus)).catch(() => undefined);
    session.send(pdu.response({ message_id: messageId }));
    if (wantsReceipt && !this.receiptFirst) this.scheduleReceipt(session, submit);
  }

  private scheduleReceipt(session: Session, submit: SimulatedSubmit): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.request(session, 'deliver_sm', this.receiptFields(submit, this.receiptStatus)).catch(() => undefined);
    }, this.options.receiptDelayMs ?? 20);
    this.timers.add(timer);
  }

  private receiptFields(submit: SimulatedSubmit, stat: string): Record<string, unknown> {
    const stamp = '2611240830';
    const fields: Record<string, unknown> = {
      source_addr: submit.destination,
      destination_addr: submit.sourceAddr,
      esm_class: 0x04,
      data_coding: 0,
      short_message: `id:${submit.messageId} sub:001 dlvrd:${stat === 'DELIVRD' ? '001' : '000'} submit date:${stamp} done date:${stamp} stat:${stat} err:${stat === 'DELIVRD' ? '000' : '034'} text:${submit.text.slice(0, 10)}`,
    };
    if (this.options.receiptTlvs) Object.assign(fields, { receipted_message_id: submit.messageId, message_state: MESSAGE_STATE[stat] ?? 7 });
    if (this.options.receiptTlvs === 'only') fields.short_message = '';
    return fields;
  }

  /** Sends a request to the ESME; resolves with the response's command_status (rejects after 5 s). */
  private request(session: Session, command: string, fields: Record<string, unknown>): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${command}_resp`)), 5000);
      const sent = session.send(new smpp.PDU(command, fields), (response) => {
        clearTimeout(timer);
        resolve(response.command_status);
      });
      if (!sent) {
        clearTimeout(timer);
        reject(new Error('session not writable'));
      }
    });
  }
}
