/**
 * An indexed binary min-heap of nodes keyed by a shared distance array, with decrease-key.
 * Positions live in a typed array so a Dijkstra run allocates nothing.
 */
export class NodeHeap {
  private readonly heap: Int32Array;
  /** Position of a node in `heap`, or -1 when absent. */
  private readonly pos: Int32Array;
  private size = 0;

  constructor(
    capacity: number,
    private readonly key: Float64Array,
  ) {
    this.heap = new Int32Array(capacity);
    this.pos = new Int32Array(capacity).fill(-1);
  }

  get isEmpty(): boolean {
    return this.size === 0;
  }

  /** Inserts a node, or moves it up after its key decreased. */
  pushOrDecrease(node: number): void {
    let i = this.pos[node] as number;
    if (i === -1) {
      i = this.size++;
      this.heap[i] = node;
      this.pos[node] = i;
    }
    this.siftUp(i);
  }

  popMin(): number {
    const { heap, pos } = this;
    const top = heap[0] as number;
    pos[top] = -1;
    const last = heap[--this.size] as number;
    if (this.size > 0) {
      heap[0] = last;
      pos[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  /** Empties the heap (only the nodes still inside are touched). */
  clear(): void {
    for (let i = 0; i < this.size; i++) this.pos[this.heap[i] as number] = -1;
    this.size = 0;
  }

  private siftUp(start: number): void {
    const { heap, pos, key } = this;
    const node = heap[start] as number;
    const k = key[node] as number;
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pn = heap[parent] as number;
      if ((key[pn] as number) <= k) break;
      heap[i] = pn;
      pos[pn] = i;
      i = parent;
    }
    heap[i] = node;
    pos[node] = i;
  }

  private siftDown(start: number): void {
    const { heap, pos, key } = this;
    const n = this.size;
    const node = heap[start] as number;
    const k = key[node] as number;
    let i = start;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && (key[heap[right] as number] as number) < (key[heap[child] as number] as number)) child = right;
      const cn = heap[child] as number;
      if ((key[cn] as number) >= k) break;
      heap[i] = cn;
      pos[cn] = i;
      i = child;
    }
    heap[i] = node;
    pos[node] = i;
  }
}
