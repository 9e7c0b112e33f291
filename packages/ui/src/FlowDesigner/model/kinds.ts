import { NODE_PORTS, type FlowCatalog, type FlowNode, type FlowNodeKind } from '@omnicc/flows';

/** Colour families on the canvas: what a node does decides how it looks. */
export type KindFamily = 'terminal' | 'talk' | 'logic' | 'effect' | 'handoff';

/** How each kind looks: family colour and a glyph (SVG path in a 24×24 box). */
export const KIND_LOOK: Record<FlowNodeKind, { family: KindFamily; glyph: string }> = {
  start: { family: 'terminal', glyph: 'M8 5v14l11-7z' },
  script: { family: 'talk', glyph: 'M4 5h16v10H9l-5 4z' },
  ask: { family: 'talk', glyph: 'M4 5h16v4H4zM4 12h16v4H4zM4 19h8' },
  decision: { family: 'logic', glyph: 'M12 3l9 9-9 9-9-9z' },
  addInCall: { family: 'effect', glyph: 'M9 3v5M15 3v5M6 8h12v4a6 6 0 0 1-12 0zM12 18v3' },
  setVariable: { family: 'logic', glyph: 'M5 9h14M5 15h14' },
  createWorkOrder: { family: 'effect', glyph: 'M6 3h9l4 4v14H6zM9 12h7M9 16h7' },
  sendMessage: { family: 'effect', glyph: 'M3 6h18v12H3zM3 6l9 7 9-7' },
  transfer: { family: 'handoff', glyph: 'M4 12h13M13 7l5 5-5 5M20 5v14' },
  waitReply: { family: 'talk', glyph: 'M12 4a8 8 0 1 0 0 16 8 8 0 0 0 0-16zM12 8v4l3 2' },
  end: { family: 'terminal', glyph: 'M6 6h12v12H6z' },
};

/** A kind with no output ports ends the run there: no edge may leave it. */
export const isTerminalKind = (kind: FlowNodeKind): boolean => NODE_PORTS[kind].length === 0;

/** The node a palette drop or Enter adds: valid where the catalog allows, so a new node starts with few errors. */
export function newNode(kind: FlowNodeKind, id: string, position: { x: number; y: number }, catalog: FlowCatalog, texts: { answer: string; message: string }): FlowNode {
  const base = { id, position };
  switch (kind) {
    case 'start':
    case 'decision':
      return { ...base, kind };
    case 'script':
      return { ...base, kind, text: '' };
    case 'ask':
      return { ...base, kind, fields: [{ variable: 'answer', label: texts.answer, input: 'text', required: true }] };
    case 'addInCall': {
      const addIn = catalog.addIns[0];
      return { ...base, kind, addInId: addIn?.id ?? '', operation: addIn?.operations[0]?.name ?? '', input: {}, output: {} };
    }
    case 'setVariable':
      return { ...base, kind, assignments: [{ variable: 'result', value: '""' }] };
    case 'createWorkOrder':
      return { ...base, kind, workOrderType: catalog.workOrderTypes[0]?.type ?? '', fields: {} };
    case 'sendMessage':
      return { ...base, kind, channel: 'sms', body: texts.message };
    case 'transfer':
      return { ...base, kind, queueId: catalog.queues[0]?.id ?? '' };
    case 'waitReply':
      return { ...base, kind, timeoutSeconds: 300 };
    case 'end':
      return { ...base, kind, disposition: catalog.dispositions[0]?.code ?? '' };
  }
}

/** Default size of a node before it is measured (layout, drop centring). */
export const NODE_SIZE = { width: 220, height: 64 } as const;
