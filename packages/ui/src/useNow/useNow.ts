import { useEffect, useState } from 'react';

/**
 * The current time in ms, re-read every `intervalMs`. Countdowns and status
 * timers share this so they tick together and stop when unmounted.
 */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
