import type { FlowNodeKind } from '@omnicc/flows';
import { KIND_LOOK } from '../model/kinds.js';

/** A node kind's glyph; decorative, the kind's name is always written next to it. */
export function KindIcon({ kind }: { kind: FlowNodeKind }) {
  return (
    <svg className="fd-kind-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={KIND_LOOK[kind].glyph} />
    </svg>
  );
}
