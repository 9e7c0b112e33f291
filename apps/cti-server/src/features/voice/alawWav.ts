/** G.711 A-law of one 16-bit sample (ITU-T G.711). */
export function alaw(sample: number): number {
  const sign = sample < 0 ? 0x00 : 0x80;
  let magnitude = Math.min(Math.abs(sample), 32635);
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent === 0 ? 4 : exponent + 3)) & 0x0f;
  magnitude = (exponent << 4) | mantissa;
  return (sign | magnitude) ^ 0x55;
}

/**
 * An 8 kHz mono A-law WAV of `count` samples, `sampleAt(i)` giving each as a
 * 16-bit value. A-law is what telephone calls carry: rtpengine (ffmpeg) and
 * sipp both read it without resampling.
 */
export function alawWav(count: number, sampleAt: (i: number) => number): Buffer {
  const data = Buffer.alloc(count);
  for (let i = 0; i < count; i++) data[i] = alaw(Math.round(sampleAt(i)));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + count, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(6, 20); // A-law
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24); // sample rate
  header.writeUInt32LE(8000, 28); // bytes per second
  header.writeUInt16LE(1, 32); // block align
  header.writeUInt16LE(8, 34); // bits per sample
  header.write('data', 36);
  header.writeUInt32LE(count, 40);
  return Buffer.concat([header, data]);
}
