/**
 * Writes numbers as ASCII straight into a buffer, printed exactly as
 * JavaScript's Number#toString prints them, without making a string per
 * number. A million-step answer is mostly digits: this is where its time goes.
 */
import { writeFloat32, writeFloat64 } from './decimal/index.js';

/** Most bytes the decimal writers need for one value. */
const FLOAT32_ROOM = 22;
const FLOAT64_ROOM = 25;

const ZERO = 48;

export class AsciiWriter {
  private buffer: Buffer;
  private used = 0;

  constructor(private readonly capacity: number) {
    this.buffer = Buffer.allocUnsafe(capacity);
  }

  get length(): number {
    return this.used;
  }

  /** Hands over what has been written and starts a new buffer. */
  take(): Buffer {
    const written = this.buffer.subarray(0, this.used);
    this.buffer = Buffer.allocUnsafe(this.capacity);
    this.used = 0;
    return written;
  }

  text(ascii: string): void {
    this.reserve(ascii.length);
    if (ascii.length > 32) {
      this.used += this.buffer.write(ascii, this.used, 'latin1');
      return;
    }
    // Short strings byte by byte: a call into Buffer#write costs more than the copy.
    for (let i = 0; i < ascii.length; i++) this.buffer[this.used++] = ascii.charCodeAt(i);
  }

  /** One ASCII character, by its code. */
  byte(code: number): void {
    this.reserve(1);
    this.buffer[this.used++] = code;
  }

  /** A number as Number#toString writes it: a step (any sign, whole or not) or a count. */
  integer(value: number): void {
    if (!(value >= 0 && value < 2 ** 31) || !Number.isInteger(value)) {
      this.text(String(value));
      return;
    }
    this.reserve(10);
    this.digits(value, digitCount(value));
  }

  /** A float32 value as its shortest round-trip decimal, as String(shortestFloat32(x)) prints it (Schubfach, no allocation). */
  float32(value: number): void {
    this.reserve(FLOAT32_ROOM);
    this.used = writeFloat32(this.buffer, this.used, value);
  }

  /** A double as String(x) prints it (Schubfach, no allocation). */
  float64(value: number): void {
    this.reserve(FLOAT64_ROOM);
    this.used = writeFloat64(this.buffer, this.used, value);
  }

  /** Writes `value` as exactly `count` digits (zero-padded on the left). */
  private digits(value: number, count: number): void {
    // value < 2^31 here, so 32-bit integer division is exact.
    let rest = value | 0;
    const buffer = this.buffer;
    for (let i = this.used + count - 1; i >= this.used; i--) {
      const quotient = (rest / 10) | 0;
      buffer[i] = ZERO + rest - quotient * 10;
      rest = quotient;
    }
    this.used += count;
  }

  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buffer.length) return;
    const larger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.used + bytes));
    this.buffer.copy(larger, 0, 0, this.used);
    this.buffer = larger;
  }
}

/** Decimal digits of a non-negative integer below 2^31. */
function digitCount(value: number): number {
  let count = 1;
  for (let rest = value | 0; rest >= 10; rest = (rest / 10) | 0) count++;
  return count;
}
