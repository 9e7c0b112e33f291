import { alawWav } from '../../apps/cti-server/src/features/voice/alawWav.js';

/**
 * Two seconds of a 440 Hz tone (amplitude 8000) as an 8 kHz A-law WAV: what
 * the bench's sipp caller streams in a loop for as long as its call lasts
 * (`rtp_stream="tone.wav,-1,8"` in caller-media.xml; sipp reads it from its
 * working directory).
 */
export function alawToneWav(seconds = 2, hz = 440): Buffer {
  return alawWav(8000 * seconds, (i) => 8000 * Math.sin((2 * Math.PI * hz * i) / 8000));
}
