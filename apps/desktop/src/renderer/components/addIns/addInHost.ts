import {
  ADD_IN_RPC_METHODS,
  ADD_IN_RPC_PROTOCOL,
  addInRpcCallParamsSchema,
  addInRpcRequestSchema,
  rpcMethodOf,
  type AddInRpcContext,
  type AddInRpcErrorCode,
  type AddInRpcResponse,
} from '@omnicc/shared';

/** What the host may tell an add-in about the customer and the interaction; each part only if its capability is granted. */
export interface AddInSlotContext {
  interactionId?: string;
  customer?: { name?: string; tier?: string; region?: string };
  contacts?: { phones: string[]; emails: string[] };
  interaction?: { channel: string; direction?: string; queueId?: string };
}

/** The add-in as the host runs it: its id, slot and what an admin granted it. */
export interface HostedAddIn {
  id: string;
  slot: string;
  granted: readonly string[];
}

/** Requests a frame may send per second before the host refuses it and marks it misbehaving. */
export const ADD_IN_RATE_LIMIT = 20;

export interface AddInHostDeps {
  addIn: HostedAddIn;
  /** The frame's window: messages from any other source are dropped. */
  frameWindow: () => Window | null;
  context: () => AddInSlotContext;
  locale: () => 'zh-CN' | 'en';
  /** Calls the add-in's operation through our server with the agent's token, which stays in the host. */
  callOperation: (operation: string, input: Record<string, string | number | boolean | null>, interactionId: string | undefined) => Promise<unknown>;
  now?: () => number;
  /** A dropped or refused message, with its code (logged; never shown to the add-in beyond the error). */
  log?: (code: AddInRpcErrorCode, detail: string) => void;
  /** Called once when the frame floods: the slot shows its placeholder. */
  onMisbehaving?: () => void;
  /** Called on the frame's first valid request: it is alive. */
  onFirstRequest?: () => void;
}

/** A host failure the frame is told about. */
class RpcRefusal extends Error {
  constructor(
    readonly code: AddInRpcErrorCode,
    message: string,
    readonly addInError?: string,
  ) {
    super(message);
  }
}

/**
 * The desktop's side of the add-in RPC (docs/add-ins.md §3): takes the
 * window's `message` events, keeps only those from this add-in's frame,
 * parses them (a malformed one is dropped and logged MALFORMED), refuses
 * methods whose capability is not granted (NOT_GRANTED), allows
 * ADD_IN_RATE_LIMIT requests per second (beyond that RATE_LIMITED, the
 * frame marked misbehaving and ignored from then on), and answers the rest.
 * The token never leaves the host: callOperation goes through `callOperation`.
 */
export function createAddInHost(deps: AddInHostDeps): { onMessage: (event: MessageEvent) => void; misbehaving: () => boolean } {
  const now = deps.now ?? (() => Date.now());
  const log = deps.log ?? (() => {});
  let recent: number[] = [];
  let misbehaving = false;
  let alive = false;
  const granted = (capability: string | null) => capability === null || deps.addIn.granted.includes(capability);

  const reply = (message: AddInRpcResponse) => deps.frameWindow()?.postMessage(message, '*');

  const answer = async (method: string, params: Record<string, unknown> | undefined): Promise<unknown> => {
    const known = rpcMethodOf(method);
    if (!known) throw new RpcRefusal('UNKNOWN_METHOD', `no method ${method}`);
    if (!granted(ADD_IN_RPC_METHODS[known])) throw new RpcRefusal('NOT_GRANTED', `${method} needs ${ADD_IN_RPC_METHODS[known] ?? ''}, not granted to ${deps.addIn.id}`);
    const context = deps.context();
    switch (known) {
      case 'getContext':
        return { addInId: deps.addIn.id, slot: deps.addIn.slot, locale: deps.locale(), granted: [...deps.addIn.granted] } satisfies AddInRpcContext;
      case 'getCustomer':
        if (!context.customer) throw new RpcRefusal('NO_DATA', 'no customer here');
        return { ...context.customer };
      case 'getCustomerContacts':
        if (!context.contacts) throw new RpcRefusal('NO_DATA', 'no customer contacts here');
        return { phones: [...context.contacts.phones], emails: [...context.contacts.emails] };
      case 'getInteraction':
        if (!context.interaction) throw new RpcRefusal('NO_DATA', 'no interaction here');
        return { ...context.interaction };
      case 'callOperation': {
        const parsed = addInRpcCallParamsSchema.safeParse(params);
        if (!parsed.success) throw new RpcRefusal('MALFORMED', 'callOperation needs { operation, input }');
        try {
          return await deps.callOperation(parsed.data.operation, parsed.data.input, context.interactionId);
        } catch (err) {
          const e = err as { code?: string; message?: string; details?: { addInError?: string } };
          throw new RpcRefusal('FAILED', e.message ?? 'the operation failed', e.details?.addInError ?? e.code);
        }
      }
    }
  };

  const onMessage = (event: MessageEvent): void => {
    const frame = deps.frameWindow();
    // Only this frame speaks for this add-in; any other window (another add-in, a page) is ignored silently.
    if (!frame || event.source !== frame || misbehaving) return;
    const parsed = addInRpcRequestSchema.safeParse(event.data);
    if (!parsed.success) {
      log('MALFORMED', `${deps.addIn.id}: ${parsed.error.issues[0]?.message ?? 'bad message'}`);
      return;
    }
    const { id, method, params } = parsed.data;
    const t = now();
    recent = recent.filter((at) => t - at < 1000);
    recent.push(t);
    if (recent.length > ADD_IN_RATE_LIMIT) {
      misbehaving = true;
      log('RATE_LIMITED', `${deps.addIn.id}: more than ${ADD_IN_RATE_LIMIT} requests in a second`);
      reply({ protocol: ADD_IN_RPC_PROTOCOL, kind: 'response', id, ok: false, error: { code: 'RATE_LIMITED', message: 'too many requests: this add-in is stopped' } });
      deps.onMisbehaving?.();
      return;
    }
    if (!alive) {
      alive = true;
      deps.onFirstRequest?.();
    }
    answer(method, params).then(
      (result) => reply({ protocol: ADD_IN_RPC_PROTOCOL, kind: 'response', id, ok: true, result }),
      (err: unknown) => {
        const refusal = err instanceof RpcRefusal ? err : new RpcRefusal('FAILED', 'the host failed');
        if (refusal.code === 'NOT_GRANTED' || refusal.code === 'UNKNOWN_METHOD' || refusal.code === 'MALFORMED') log(refusal.code, `${deps.addIn.id}: ${refusal.message}`);
        reply({ protocol: ADD_IN_RPC_PROTOCOL, kind: 'response', id, ok: false, error: { code: refusal.code, message: refusal.message, ...(refusal.addInError === undefined ? {} : { addInError: refusal.addInError }) } });
      },
    );
  };

  return { onMessage, misbehaving: () => misbehaving };
}
