/**
 * Carves many typed arrays out of one ArrayBuffer: one allocation per group of same-length
 * arrays instead of one per array, and the group is freed together. Inside {@link withSlab}
 * the group is carved from the slab instead.
 */
export class Arena {
  private offset: number;
  private readonly buffer: ArrayBuffer;

  /**
   * `f64`, `i32`, `u8`: how many elements of each kind will be carved. `ownBuffer` keeps the
   * group out of the slab: arrays that outlive the computation (a result handed to a caller)
   * must not keep the whole slab alive.
   */
  constructor(f64: number, i32: number, u8: number, ownBuffer = false) {
    const bytes = f64 * 8 + i32 * 4 + u8 + 64;
    const region = ownBuffer ? { buffer: new ArrayBuffer(bytes), offset: 0 } : reserve(bytes);
    this.buffer = region.buffer;
    this.offset = region.offset;
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

/*
 * V8 runs a full mark-compact each time fresh ArrayBuffer memory grows by some tens of MB, and
 * each one marks the caller's whole heap (a million task objects). Building a large schedule
 * from one up-front reservation turns half a dozen of those collections into one. The engine
 * is synchronous, so a module-level slab cannot leak into another computation.
 */
let slab: { buffer: ArrayBuffer; offset: number } | null = null;

function reserve(bytes: number): { buffer: ArrayBuffer; offset: number } {
  if (slab) {
    const offset = (slab.offset + 7) & ~7;
    if (offset + bytes <= slab.buffer.byteLength) {
      slab.offset = offset + bytes;
      return { buffer: slab.buffer, offset };
    }
  }
  return { buffer: new ArrayBuffer(bytes), offset: 0 };
}

/**
 * Until the returned function is called, typed arrays are carved from one buffer of `bytes`
 * (fresh ones once it is full). Call it in a `finally`.
 */
export function openSlab(bytes: number): () => void {
  const outer = slab;
  slab = { buffer: new ArrayBuffer(bytes), offset: 0 };
  return () => {
    slab = outer;
  };
}

/** A zeroed Float64Array, from the slab when one is active. */
export function f64(n: number): Float64Array {
  const region = reserve(n * 8);
  return new Float64Array(region.buffer, region.offset, n);
}

/** A zeroed Int32Array, from the slab when one is active. */
export function i32(n: number): Int32Array {
  const region = reserve(n * 4);
  return new Int32Array(region.buffer, region.offset, n);
}

/** A zeroed Uint8Array, from the slab when one is active. */
export function u8(n: number): Uint8Array {
  const region = reserve(n);
  return new Uint8Array(region.buffer, region.offset, n);
}
