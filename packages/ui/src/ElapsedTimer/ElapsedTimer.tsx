import { useNow } from '../useNow/useNow.js';
import './ElapsedTimer.css';

/** "m:ss" under an hour, "h:mm:ss" from then on; negative spans (clock skew) count as zero. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

export interface ElapsedTimerProps {
  /** ISO start of the period, e.g. the agent's statusSince. */
  since: string;
  /** Accessible name, e.g. "Time in status". */
  label: string;
  testId?: string | undefined;
}

/** Time since `since`, ticking each second. role=timer is not announced on every tick. */
export function ElapsedTimer({ since, label, testId }: ElapsedTimerProps) {
  const now = useNow(1000);
  const start = Date.parse(since);
  return (
    <span className="omni-elapsed" role="timer" aria-label={label} data-testid={testId}>
      {formatElapsed(Number.isFinite(start) ? now - start : 0)}
    </span>
  );
}
