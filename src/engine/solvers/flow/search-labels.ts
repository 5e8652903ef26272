import { NodeHeap } from './heap';

export const UNSEEN = 0;
export const LABELLED = 1;
export const FINAL = 2;

/**
 * One Dijkstra search's labels over the flow network's nodes: tentative distances, how each node
 * was reached, which are final, and the open set. Reset touches only the nodes the search reached,
 * so a search that stays in a small neighbourhood costs only that.
 */
export class SearchLabels {
  readonly dist: Float64Array;
  /** UNSEEN, LABELLED or FINAL per node. */
  readonly state: Uint8Array;
  /** How each node was reached: an arc position for tasks and agents, the previous node for the sink. */
  readonly pred: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly heap: NodeHeap;

  constructor(
    nodes: number,
    private readonly sink: number,
  ) {
    this.dist = new Float64Array(nodes);
    this.state = new Uint8Array(nodes);
    this.pred = new Int32Array(nodes);
    this.touched = new Int32Array(nodes);
    this.heap = new NodeHeap(nodes, this.dist);
  }

  get isEmpty(): boolean {
    return this.heap.isEmpty;
  }

  /** The sink's tentative distance (Infinity while unlabelled). */
  get sinkDist(): number {
    return this.state[this.sink] === LABELLED ? (this.dist[this.sink] as number) : Infinity;
  }

  /** Offers node a label at distance d, reached by `via`; kept only if it may lie on a shorter route. */
  label(node: number, d: number, via: number): void {
    const { state, dist } = this;
    const s = state[node] as number;
    if (s === FINAL || (s === LABELLED && d >= (dist[node] as number))) return;
    // A node no closer than the sink's tentative distance cannot lie on a shorter path (costs ≥ 0).
    const sink = this.sink;
    if (node !== sink && state[sink] === LABELLED && d >= (dist[sink] as number)) return;
    this.relabel(node, d, via);
  }

  /** `label` for a caller that has already checked the node is worth it (not final, closer than its label and the sink's). */
  relabel(node: number, d: number, via: number): void {
    if (this.state[node] === UNSEEN) {
      this.state[node] = LABELLED;
      this.touched[this.touchedCount++] = node;
    }
    this.dist[node] = d;
    this.pred[node] = via;
    this.heap.pushOrDecrease(node);
  }

  /** Takes the closest open node and makes it final. */
  settleNext(): number {
    const u = this.heap.popMin();
    this.state[u] = FINAL;
    return u;
  }

  /**
   * The early-stop potential update once the sink is final at distance D: π(v) += d(v) − D for the
   * final nodes only, which keeps every residual reduced cost non-negative.
   */
  movePotentials(potential: Float64Array): void {
    const { touched, state, dist } = this;
    const sinkDist = dist[this.sink] as number;
    for (let i = 0; i < this.touchedCount; i++) {
      const v = touched[i] as number;
      if (state[v] === FINAL) (potential[v] as number) += (dist[v] as number) - sinkDist;
    }
  }

  reset(): void {
    const { touched, state } = this;
    for (let i = 0; i < this.touchedCount; i++) state[touched[i] as number] = UNSEEN;
    this.touchedCount = 0;
    this.heap.clear();
  }
}
