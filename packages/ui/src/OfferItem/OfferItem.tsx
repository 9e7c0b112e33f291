import { useId, useState } from 'react';
import type { Channel } from '@omnicc/shared';
import { ChannelIcon } from '../ChannelIcon/ChannelIcon.js';
import { useNow } from '../useNow/useNow.js';
import './OfferItem.css';

/** Seconds left until `expiresAt`, never negative; rounded up so "0" means really over. */
export function secondsLeft(expiresAt: string, now: number): number {
  const ms = Date.parse(expiresAt) - now;
  return Number.isFinite(ms) ? Math.max(0, Math.ceil(ms / 1000)) : 0;
}

export interface OfferItemLabels {
  /** Channel name shown next to its icon, e.g. "Web chat". */
  channel: string;
  accept: string;
  reject: string;
  /** Full sentence for screen readers and the tooltip, e.g. "25 seconds left". */
  secondsLeft: (seconds: number) => string;
  /** Short visible countdown, e.g. "25 s". */
  secondsShort: (seconds: number) => string;
}

export interface OfferItemProps {
  channel: Channel;
  customerName: string;
  /** Phone or email of the customer, shown under the name. */
  detail?: string | undefined;
  expiresAt: string;
  labels: OfferItemLabels;
  onAccept: () => void;
  onReject: () => void;
  /** True while an accept or reject is on its way: both buttons wait. */
  busy?: boolean | undefined;
  /** Keyboard shortcuts announced on the buttons (aria-keyshortcuts), e.g. "Alt+A". */
  acceptShortcut?: string | undefined;
  rejectShortcut?: string | undefined;
  testIds?: { root?: string | undefined; accept?: string | undefined; reject?: string };
  offerId?: string | undefined;
}

/**
 * One ringing offer: who, on which channel, how long is left, accept or reject.
 * The countdown is visual; screen readers get it from the label on demand,
 * not announced every second.
 */
export function OfferItem(props: OfferItemProps) {
  const { channel, customerName, detail, expiresAt, labels, busy = false, testIds = {} } = props;
  const now = useNow(250);
  const nameId = useId();
  const remaining = secondsLeft(expiresAt, now);
  // The full span is unknown to the client; the first render's remaining time stands in for it.
  const [total] = useState(() => Math.max(1, secondsLeft(expiresAt, Date.now())));
  const fraction = Math.min(1, remaining / total);
  const urgent = remaining <= 5;

  return (
    <div
      className={`omni-offer${urgent ? ' omni-offer--urgent' : ''}`}
      role="group"
      aria-labelledby={nameId}
      data-testid={testIds.root}
      data-offer-id={props.offerId}
    >
      <div className="omni-offer__head">
        <ChannelIcon channel={channel} />
        <span className="omni-offer__channel">{labels.channel}</span>
        <span className="omni-offer__countdown" title={labels.secondsLeft(remaining)}>
          <span aria-hidden="true">{labels.secondsShort(remaining)}</span>
          <span className="omni-visually-hidden">{labels.secondsLeft(remaining)}</span>
        </span>
      </div>
      <div className="omni-offer__name" id={nameId}>
        {customerName}
      </div>
      {detail ? <div className="omni-offer__detail">{detail}</div> : null}
      <div className="omni-offer__bar" aria-hidden="true">
        <span className="omni-offer__bar-fill" style={{ transform: `scaleX(${fraction})` }} />
      </div>
      <div className="omni-offer__actions">
        <button
          type="button"
          className="omni-button omni-button--primary omni-button--small"
          onClick={props.onAccept}
          disabled={busy}
          aria-keyshortcuts={props.acceptShortcut}
          data-testid={testIds.accept}
        >
          {labels.accept}
        </button>
        <button
          type="button"
          className="omni-button omni-button--small"
          onClick={props.onReject}
          disabled={busy}
          aria-keyshortcuts={props.rejectShortcut}
          data-testid={testIds.reject}
        >
          {labels.reject}
        </button>
      </div>
    </div>
  );
}
