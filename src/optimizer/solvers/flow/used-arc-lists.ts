/**
 * Per-agent doubly linked lists of the arcs in use (the agent's reverse arcs in the residual
 * network), in a pool of slots — one per routed seat at most — so an agent's scan touches only
 * the tasks it holds, and taking or giving up a task is O(1).
 */
export class UsedArcLists {
  /** Slot of a used arc, or -1: doubles as the arc's flow flag. */
  readonly arcSlot: Int32Array;
  /** First slot of each agent's list, or -1. */
  readonly head: Int32Array;
  readonly slotArc: Int32Array;
  readonly slotNext: Int32Array;
  private readonly slotPrev: Int32Array;
  private readonly freeSlots: Int32Array;
  private freeCount: number;

  constructor(arcCount: number, agentCount: number, slots: number) {
    this.arcSlot = new Int32Array(arcCount).fill(-1);
    this.head = new Int32Array(agentCount).fill(-1);
    this.slotArc = new Int32Array(slots);
    this.slotNext = new Int32Array(slots);
    this.slotPrev = new Int32Array(slots);
    this.freeSlots = new Int32Array(slots);
    for (let s = 0; s < slots; s++) this.freeSlots[s] = slots - 1 - s;
    this.freeCount = slots;
  }

  /** Puts arc `e` (of agent `a`) in use. */
  link(e: number, a: number): void {
    const s = this.freeSlots[--this.freeCount]!;
    this.slotArc[s] = e;
    this.slotPrev[s] = -1;
    this.slotNext[s] = this.head[a]!;
    if (this.head[a] !== -1) this.slotPrev[this.head[a]!] = s;
    this.head[a] = s;
    this.arcSlot[e] = s;
  }

  /** Takes arc `e` (of agent `a`) out of use. */
  unlink(e: number, a: number): void {
    const s = this.arcSlot[e]!;
    const prev = this.slotPrev[s]!;
    const next = this.slotNext[s]!;
    if (prev === -1) this.head[a] = next;
    else this.slotNext[prev] = next;
    if (next !== -1) this.slotPrev[next] = prev;
    this.arcSlot[e] = -1;
    this.freeSlots[this.freeCount++] = s;
  }
}
