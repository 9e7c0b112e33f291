import type { DeliveryState } from '@omnicc/shared';
import './DeliveryStatus.css';

/** Server delivery states plus the two the client knows before the server answers. */
export type DeliveryStatusValue = DeliveryState | 'sending' | 'failed';

const GLYPHS: Record<DeliveryStatusValue, string> = {
  sending: '◷',
  failed: '!',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
};

export interface DeliveryStatusProps {
  state: DeliveryStatusValue;
  /** Words for the state, e.g. "Read"; the glyph alone means nothing to a screen reader. */
  label: string;
}

/** Tick marks for an agent's message, with the state spelled out for assistive technology. */
export function DeliveryStatus({ state, label }: DeliveryStatusProps) {
  return (
    <span className={`omni-delivery omni-delivery--${state}`} data-delivery={state} title={label}>
      <span aria-hidden="true">{GLYPHS[state]}</span>
      <span className="omni-visually-hidden">{label}</span>
    </span>
  );
}
