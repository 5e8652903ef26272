/**
 * Per-agent doubly linked lists of the arcs in use (the agent's reverse arcs in the residual
 * network), in a pool of slots — one per routed seat at most — so an agent's scan touches only
 * the tasks it holds, and taking or giving up a task is O(1). Arcs are named by their position in
 * the task-grouped arrays of the network (see `FlowNetwork`), so a scan reads cost and agent in
 * sequence instead of chasing arc ids.
 */
export class UsedArcLists {
  /** Slot of the arc at each position, or -1: doubles as the arc's flow flag. */
  readonly positionSlot: Int32Array;
  /** First slot of each agent's list, or -1. */
  readonly head: Int32Array;
  /** Position of the arc in each slot (kept current when a task's arcs are reordered). */
  readonly slotPosition: Int32Array;
  /** Task of the arc in each slot. */
  readonly slotTask: Int32Array;
  readonly slotNext: Int32Array;
  private readonly slotPrev: Int32Array;
  private readonly freeSlots: Int32Array;
  private freeCount: number;

  /** `positionSlot` may be supplied (e.g. shared with other threads); it must be filled with -1. */
  constructor(positionCount: number, agentCount: number, slots: number, positionSlot?: Int32Array) {
    this.positionSlot = positionSlot ?? new Int32Array(positionCount).fill(-1);
    this.head = new Int32Array(agentCount).fill(-1);
    this.slotPosition = new Int32Array(slots);
    this.slotTask = new Int32Array(slots);
    this.slotNext = new Int32Array(slots);
    this.slotPrev = new Int32Array(slots);
    this.freeSlots = new Int32Array(slots);
    for (let s = 0; s < slots; s++) this.freeSlots[s] = slots - 1 - s;
    this.freeCount = slots;
  }

  /** Puts the arc at `position` (task `t` → agent `a`) in use. */
  link(position: number, a: number, t: number): void {
    const s = this.freeSlots[--this.freeCount] as number;
    this.slotPosition[s] = position;
    this.slotTask[s] = t;
    this.slotPrev[s] = -1;
    this.slotNext[s] = this.head[a] as number;
    if (this.head[a] !== -1) this.slotPrev[this.head[a] as number] = s;
    this.head[a] = s;
    this.positionSlot[position] = s;
  }

  /** Takes the arc at `position` (of agent `a`) out of use. */
  unlink(position: number, a: number): void {
    const s = this.positionSlot[position] as number;
    const prev = this.slotPrev[s] as number;
    const next = this.slotNext[s] as number;
    if (prev === -1) this.head[a] = next;
    else this.slotNext[prev] = next;
    if (next !== -1) this.slotPrev[next] = prev;
    this.positionSlot[position] = -1;
    this.freeSlots[this.freeCount++] = s;
  }
}
