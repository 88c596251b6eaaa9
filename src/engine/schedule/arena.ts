/**
 * Carves many typed arrays out of one ArrayBuffer: one allocation per group of same-length
 * arrays instead of one per array, and the group is freed together.
 */
export class Arena {
  private offset = 0;
  private readonly buffer: ArrayBuffer;

  /** `f64`, `i32`, `u8`: how many elements of each kind will be carved. */
  constructor(f64: number, i32: number, u8: number) {
    this.buffer = new ArrayBuffer(f64 * 8 + i32 * 4 + u8 + 64);
  }

  f64(n: number): Float64Array {
    this.offset = (this.offset + 7) & ~7;
    const a = new Float64Array(this.buffer, this.offset, n);
    this.offset += n * 8;
    return a;
  }

  i32(n: number): Int32Array {
    this.offset = (this.offset + 3) & ~3;
    const a = new Int32Array(this.buffer, this.offset, n);
    this.offset += n * 4;
    return a;
  }

  u8(n: number): Uint8Array {
    const a = new Uint8Array(this.buffer, this.offset, n);
    this.offset += n;
    return a;
  }
}
