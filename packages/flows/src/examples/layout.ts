import type { FlowEdge } from '../schema/edges.js';

/** A place on the designer's grid: columns 260 px apart, rows 140 px. */
export const cell = (col: number, row: number) => ({ x: col * 260, y: row * 140 });

/** An edge of an example flow; `label` is the caption the canvas shows. */
export function link(id: string, source: string, target: string, options: { port?: string; guard?: string; label?: string; priority?: number } = {}): FlowEdge {
  return {
    id,
    source,
    sourcePort: options.port ?? 'out',
    target,
    ...(options.guard === undefined ? {} : { guard: options.guard }),
    ...(options.label === undefined ? {} : { label: options.label }),
    ...(options.priority === undefined ? {} : { priority: options.priority }),
  };
}
