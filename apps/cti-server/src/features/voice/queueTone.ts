import { alawWav } from './alawWav.js';

const RATE = 8000;
/** Two soft notes (C5, E5 with a short fade) and then quiet: calm for a wait of minutes, and clearly "you are still in the queue". */
const NOTES = [
  { hz: 523.25, from: 0, to: 0.35 },
  { hz: 659.25, from: 0.45, to: 0.8 },
];
const LOOP_SECONDS = 4;
const AMPLITUDE = 5000;
const FADE_SECONDS = 0.03;

/**
 * The default queue tone: one 4 s loop as an A-law WAV (32 KB), small
 * enough to travel inside rtpengine's `play media` command (`blob`), so it
 * needs no file on rtpengine's host.
 */
export function queueToneWav(): Buffer {
  return alawWav(RATE * LOOP_SECONDS, (i) => {
    const t = i / RATE;
    const note = NOTES.find((n) => t >= n.from && t < n.to);
    if (!note) return 0;
    const fade = Math.min(1, (t - note.from) / FADE_SECONDS, (note.to - t) / FADE_SECONDS);
    return AMPLITUDE * fade * Math.sin(2 * Math.PI * note.hz * (t - note.from));
  });
}
