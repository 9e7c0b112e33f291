import { SoftphoneError, type CallEndReason, type DialOptions, type IncomingCall, type Softphone, type SoftphoneConfig, type SoftphoneEvent } from '../telephony/softphone.js';

type Op = 'register' | 'unregister' | 'answer' | 'reject' | 'hangUp' | 'setHold' | 'setMuted' | 'sendDtmf' | 'refer' | 'dial';

/**
 * A phone with no SIP underneath: tests ring it, connect and end calls with
 * `ring`/`connect`/`end`, read what the desk asked of it from `calls`, and
 * make any operation fail with `failNext`.
 */
export class FakeSoftphone implements Softphone {
  readonly calls: { op: Op; args: unknown[] }[] = [];
  registeredWith: SoftphoneConfig | null = null;
  private readonly listeners = new Set<(e: SoftphoneEvent) => void>();
  private readonly failures = new Map<Op, SoftphoneError>();
  private seq = 0;

  onEvent(listener: (e: SoftphoneEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: SoftphoneEvent): void {
    for (const l of this.listeners) l(event);
  }

  /** The next `op` fails with this code. */
  failNext(op: Op, code: SoftphoneError['code']): void {
    this.failures.set(op, new SoftphoneError(code, `fake ${op} failed`));
  }

  private record(op: Op, ...args: unknown[]): void {
    this.calls.push({ op, args });
    const failure = this.failures.get(op);
    if (failure) {
      this.failures.delete(op);
      throw failure;
    }
  }

  opsOf(op: Op): unknown[][] {
    return this.calls.filter((c) => c.op === op).map((c) => c.args);
  }

  ring(call: Partial<IncomingCall> & { callId: string }): void {
    this.emit({ type: 'incoming', call: { offerId: null, interactionId: null, consultFor: null, number: '13800138000', name: null, ...call } });
  }

  connect(callId: string): void {
    this.emit({ type: 'connected', callId });
  }

  end(callId: string, reason: CallEndReason = 'remoteHangUp', status?: number): void {
    this.emit({ type: 'ended', callId, reason, ...(status === undefined ? {} : { status }) });
  }

  register(config: SoftphoneConfig): Promise<void> {
    return this.run(() => {
      this.record('register', config);
      this.registeredWith = config;
    });
  }

  unregister(): Promise<void> {
    return this.run(() => {
      this.record('unregister');
      this.registeredWith = null;
    });
  }

  answer(callId: string): Promise<void> {
    return this.run(() => this.record('answer', callId));
  }

  reject(callId: string): Promise<void> {
    return this.run(() => this.record('reject', callId));
  }

  hangUp(callId: string): Promise<void> {
    return this.run(() => this.record('hangUp', callId));
  }

  setHold(callId: string, hold: boolean): Promise<void> {
    return this.run(() => this.record('setHold', callId, hold));
  }

  setMuted(callId: string, muted: boolean): void {
    this.record('setMuted', callId, muted);
  }

  sendDtmf(callId: string, tone: string): Promise<void> {
    return this.run(() => this.record('sendDtmf', callId, tone));
  }

  refer(callId: string, referTo: string): Promise<void> {
    return this.run(() => this.record('refer', callId, referTo));
  }

  /** Records the options only when given, so plain calls read `[number]`. */
  dial(target: string, options?: DialOptions): Promise<string> {
    return this.run(() => {
      if (options) this.record('dial', target, options);
      else this.record('dial', target);
      return `out-${++this.seq}`;
    });
  }

  stats(): Promise<RTCStatsReport | null> {
    return Promise.resolve(null);
  }

  /** Synchronous failures become rejections, as from the real phone. */
  private run<T>(fn: () => T): Promise<T> {
    try {
      return Promise.resolve(fn());
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
  }
}
