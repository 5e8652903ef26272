import type { ArrayAllocator } from './network';

/**
 * Shared memory for threaded solves, kept and reused from one solve to the next. Fresh
 * SharedArrayBuffers per solve would pile up: V8 does not count them as memory pressure, so
 * dropped ones are collected late (nodejs/node#34703) and a few province solves would hold
 * gigabytes. Buffers are handed out in allocation order, so a solve's n-th array reuses the
 * previous solve's n-th buffer; it grows when a bigger problem comes. Only one solve may use the
 * arena at a time (`tryAcquire`).
 */
export class SharedArena {
  private readonly buffers: SharedArrayBuffer[] = [];
  private next = 0;
  private busy = false;

  /** An allocator over the arena, or null while another solve holds it. Call `release` when done. */
  tryAcquire(): ArrayAllocator | null {
    if (this.busy) return null;
    this.busy = true;
    this.next = 0;
    return {
      float64: (n, zeroed = true) => {
        const a = new Float64Array(this.take(8 * n), 0, n);
        return zeroed ? a.fill(0) : a;
      },
      int32: (n, zeroed = true) => {
        const a = new Int32Array(this.take(4 * n), 0, n);
        return zeroed ? a.fill(0) : a;
      },
    };
  }

  release(): void {
    this.busy = false;
  }

  /** Bytes held (for reports). */
  get bytes(): number {
    return this.buffers.reduce((sum, b) => sum + b.byteLength, 0);
  }

  private take(bytes: number): SharedArrayBuffer {
    const i = this.next++;
    const held = this.buffers[i];
    if (held && held.byteLength >= bytes) return held;
    const fresh = new SharedArrayBuffer(Math.max(bytes, 8));
    this.buffers[i] = fresh;
    return fresh;
  }
}

/** The process's arena for threaded flow solves. */
export const sharedArena = new SharedArena();
