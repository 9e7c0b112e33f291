/** G.711 A-law of one 16-bit sample (ITU-T G.711). */
function alaw(sample: number): number {
  const sign = sample < 0 ? 0x00 : 0x80;
  let magnitude = Math.min(Math.abs(sample), 32635);
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent === 0 ? 4 : exponent + 3)) & 0x0f;
  magnitude = (exponent << 4) | mantissa;
  return (sign | magnitude) ^ 0x55;
}

/**
 * Two seconds of a 440 Hz tone (amplitude 8000) as an 8 kHz A-law WAV: what
 * the bench's sipp caller streams in a loop for as long as its call lasts
 * (`rtp_stream="tone.wav,-1,8"` in caller-media.xml; sipp reads it from its
 * working directory).
 */
export function alawToneWav(seconds = 2, hz = 440): Buffer {
  const samples = 8000 * seconds;
  const data = Buffer.alloc(samples);
  for (let i = 0; i < samples; i++) data[i] = alaw(Math.round(8000 * Math.sin((2 * Math.PI * hz * i) / 8000)));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(6, 20); // A-law
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24); // sample rate
  header.writeUInt32LE(8000, 28); // bytes per second
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(samples, 40);
  return Buffer.concat([header, data]);
}
