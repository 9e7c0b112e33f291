import type { MessageSender } from '@omnicc/shared';
import { DeliveryStatus, type DeliveryStatusValue } from '../DeliveryStatus/DeliveryStatus.js';
import './ChatBubble.css';

export interface ChatBubbleProps {
  sender: MessageSender;
  /** Who wrote it, as shown above the text (customer name, agent name). */
  authorName: string;
  /** Untrusted text. Rendered as a React text child: never parsed as HTML. */
  text: string;
  /** ISO time the message was sent, for the <time> element. */
  sentAt: string;
  /** The same time formatted for the reader (HH:mm in their locale). */
  timeLabel: string;
  /** Delivery of the agent's own messages; omitted for others. */
  delivery?: { state: DeliveryStatusValue; label: string } | undefined;
  /** A line under the text: what the agent should know about this message (a part that never came, why it was not delivered). */
  note?: string | undefined;
  /** Offered when delivery failed: sends the same message again. */
  retry?: { label: string; onRetry: () => void } | undefined;
  messageId?: string | undefined;
  testId?: string | undefined;
}

/**
 * One chat message. System notes (chat ended, customer left) are centred
 * lines; customer and agent messages are bubbles on opposite sides.
 */
export function ChatBubble(props: ChatBubbleProps) {
  const { sender, authorName, text, sentAt, timeLabel, delivery, retry } = props;
  if (sender === 'system') {
    return (
      <li className="omni-bubble omni-bubble--system" data-sender={sender} data-message-id={props.messageId} data-testid={props.testId}>
        <span className="omni-bubble__system-text">{text}</span>
        <time className="omni-bubble__time" dateTime={sentAt}>
          {timeLabel}
        </time>
      </li>
    );
  }
  return (
    <li className={`omni-bubble omni-bubble--${sender}`} data-sender={sender} data-message-id={props.messageId} data-testid={props.testId}>
      <div className="omni-bubble__meta">
        <span className="omni-bubble__author">{authorName}</span>
        <time className="omni-bubble__time" dateTime={sentAt}>
          {timeLabel}
        </time>
      </div>
      <p className="omni-bubble__text">{text}</p>
      {props.note ? <p className="omni-bubble__note">{props.note}</p> : null}
      {delivery || retry ? (
        <div className="omni-bubble__status">
          {delivery ? <DeliveryStatus state={delivery.state} label={delivery.label} /> : null}
          {retry ? (
            <button type="button" className="omni-bubble__retry" onClick={retry.onRetry}>
              {retry.label}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}
