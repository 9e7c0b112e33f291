import { useId, type KeyboardEvent, type Ref } from 'react';
import './Composer.css';

export interface ComposerLabels {
  /** Accessible name of the text box. */
  label: string;
  placeholder: string;
  send: string;
  /** Visible count near the limit, e.g. "3,900 / 4,000". */
  count: (length: number, max: number) => string;
  /** Shown (and announced) when over the limit. */
  tooLong: (over: number) => string;
  /** Hint under the box, e.g. "Enter to send, Shift+Enter for a new line". */
  hint: string;
}

export interface ComposerProps {
  value: string;
  onChange: (value: string) => void;
  /** Called with the trimmed text; the parent clears `value`. */
  onSend: (text: string) => void;
  /** Called on each edit, so the parent can throttle typing notices. */
  onTyping?: () => void;
  maxChars: number;
  disabled?: boolean | undefined;
  labels: ComposerLabels;
  textareaRef?: Ref<HTMLTextAreaElement>;
  testIds?: { textarea?: string | undefined; send?: string };
}

/** Counter appears from this share of the limit on; below it, it is noise. */
const COUNT_FROM = 0.8;

/** True when Enter should send: plain Enter, not Shift+Enter and not while an IME is composing (pinyin). */
export function isSendKey(e: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'altKey' | 'ctrlKey' | 'metaKey'> & { nativeEvent: { isComposing?: boolean | undefined; keyCode?: number } }): boolean {
  if (e.key !== 'Enter' || e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return false;
  // 229 is what browsers report for keys that an input method consumes.
  return !e.nativeEvent.isComposing && e.nativeEvent.keyCode !== 229;
}

/**
 * Message box of a conversation: Enter sends, Shift+Enter breaks the line,
 * and text over the limit is kept (never cut silently) but cannot be sent.
 */
export function Composer(props: ComposerProps) {
  const { value, maxChars, disabled = false, labels, testIds = {} } = props;
  const hintId = useId();
  const countId = useId();
  const length = value.length;
  const over = length - maxChars;
  const canSend = !disabled && value.trim().length > 0 && over <= 0;

  const send = (): void => {
    if (canSend) props.onSend(value.trim());
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (isSendKey(e)) {
      e.preventDefault();
      send();
    }
  };

  return (
    <form
      className="omni-composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <textarea
        ref={props.textareaRef}
        className="omni-composer__input"
        aria-label={labels.label}
        aria-describedby={`${hintId} ${countId}`}
        aria-invalid={over > 0 ? true : undefined}
        placeholder={labels.placeholder}
        value={value}
        rows={3}
        disabled={disabled}
        onChange={(e) => {
          props.onChange(e.target.value);
          props.onTyping?.();
        }}
        onKeyDown={onKeyDown}
        data-testid={testIds.textarea}
      />
      <div className="omni-composer__bar">
        <span id={hintId} className="omni-composer__hint">
          {labels.hint}
        </span>
        <span id={countId} className={`omni-composer__count${over > 0 ? ' omni-composer__count--over' : ''}`} role={over > 0 ? 'alert' : undefined}>
          {over > 0 ? labels.tooLong(over) : length >= maxChars * COUNT_FROM ? labels.count(length, maxChars) : ''}
        </span>
        <button type="submit" className="omni-button omni-button--primary" disabled={!canSend} data-testid={testIds.send}>
          {labels.send}
        </button>
      </div>
    </form>
  );
}
