import { NodeHeap } from './heap';
import { unitCost, type FlowNetwork } from './network';
import { TaskArcSorter } from './task-arc-order';
import { UsedArcLists } from './used-arc-lists';

const UNSEEN = 0;
const LABELLED = 1;
const FINAL = 2;

/**
 * Successive shortest augmenting paths with Dijkstra on reduced costs
 * rc(u,v) = c(u,v) + π(u) − π(v) ≥ 0, one seat at a time from its task to the sink.
 *
 * Each search stops as soon as the sink is final at distance D; only the nodes made final move
 * their potential (π(v) += d(v) − D), which keeps every residual reduced cost non-negative while
 * touching only the explored neighbourhood — the trick that makes a county re-solve cost
 * milliseconds. When every seat has been routed the flow is a min-cost flow: the potentials are a
 * dual certificate (no negative residual cycle).
 */
/** Where a solver keeps its flow (shared memory when two routers split the components). */
export interface FlowArrays {
  /** Per-agent load (may be shared memory: disjoint components write disjoint agents). @defaultValue a new array */
  readonly load?: Int32Array;
  /** Per-task unfilled seats. @defaultValue a new array */
  readonly unfilled?: Int32Array;
  /** Flow flag by arc position, filled with -1. @defaultValue a new array */
  readonly positionSlot?: Int32Array;
}

export class ShortestAugmentingPath {
  readonly load: Int32Array;
  readonly unfilled: Int32Array;
  /** The arcs in use, as per-agent lists (an arc in use also has its agent stored complemented, see `FlowNetwork`). */
  readonly used: UsedArcLists;
  private readonly potential: Float64Array;
  private readonly dist: Float64Array;
  private readonly state: Uint8Array;
  /** How each node was reached: an arc position for tasks and agents, the previous node for the sink. */
  private readonly pred: Int32Array;
  /** For an agent node, the task its `pred` arc leaves from. */
  private readonly predTask: Int32Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly heap: NodeHeap;
  private readonly sorter: TaskArcSorter;
  /**
   * Per task, a lower bound on min over its unused arcs of (cost − π(agent)), refreshed on every
   * scan. Potentials never rise, so the bound stays valid; it lets a search skip tasks whose every
   * alternative is already worse than the best route to the sink found so far.
   */
  private readonly alternativeBound: Float64Array;
  /** An upper bound on every agent's potential (potentials only fall). */
  private maxAgentPotential = -Infinity;
  /** No agent has load costs (every unit costs 0): the common case skips the lookup. */
  private readonly freeLoads: boolean;
  /** The cheapest first load unit of any agent (load costs are convex: no unit is cheaper). */
  private minFirstUnit = Infinity;
  /** Reduced length of the route `bestDirectArc` last found. */
  private directLength = Infinity;

  constructor(
    private readonly net: FlowNetwork,
    share: FlowArrays = {},
  ) {
    const nodes = net.sink + 1;
    let totalSeats = 0;
    for (let t = 0; t < net.taskCount; t++) totalSeats += net.seats[t]!;
    const positions = net.positionCost.length;
    this.load = share.load ?? new Int32Array(net.agentCount);
    this.unfilled = share.unfilled ?? new Int32Array(net.taskCount);
    this.used = new UsedArcLists(positions, net.agentCount, Math.min(totalSeats, positions), share.positionSlot);
    this.potential = new Float64Array(nodes);
    this.dist = new Float64Array(nodes);
    this.state = new Uint8Array(nodes);
    this.pred = new Int32Array(nodes);
    this.predTask = new Int32Array(nodes);
    this.touched = new Int32Array(nodes);
    this.heap = new NodeHeap(nodes, this.dist);
    this.sorter = new TaskArcSorter(net);
    this.freeLoads = net.unitCosts.every((lc) => lc === null);
    this.alternativeBound = new Float64Array(net.taskCount).fill(-Infinity);
    this.initAgentPotentials();
  }

  /**
   * Feasible starting duals for the empty flow, by row reduction: π(sink)=0 and π(agent)=−(cost of
   * its first load unit), so every agent→sink arc is tight; tasks get theirs in `prepareTasks`.
   */
  private initAgentPotentials(): void {
    const { net, potential } = this;
    const T = net.taskCount;
    potential[net.sink] = 0;
    for (let a = 0; a < net.agentCount; a++) {
      potential[T + a] = net.capacity[a]! > 0 ? -unitCost(net, a, 0) : 0;
      this.maxAgentPotential = Math.max(this.maxAgentPotential, potential[T + a]!);
      this.minFirstUnit = Math.min(this.minFirstUnit, unitCost(net, a, 0));
    }
  }

  /**
   * Readies tasks[from..to) — a component about to be routed — for routing: puts each task's arcs
   * in cost order (so scans can stop early; none holds an arc yet, so nothing points into them),
   * and gives it its starting potential, as high as its arcs allow, so its cheapest route is tight
   * and, while its best agent has room, it is placed by one scan of its arcs without a search.
   * Their agents' potentials are still the starting ones (no other component touches them), so
   * this is row reduction.
   */
  prepareTasks(tasks: Int32Array, from: number, to: number): void {
    const { net, potential } = this;
    const T = net.taskCount;
    const floor = net.unfilledCost === null ? -Infinity : -net.unfilledCost;
    for (let i = from; i < to; i++) {
      const t = tasks[i]!;
      this.sorter.sort(t);
      let best = floor;
      for (let j = net.taskStart[t]!, end = net.taskStart[t + 1]!; j < end; j++) {
        const bound = potential[T + net.positionAgent[j]!]! - net.positionCost[j]!;
        if (bound > best) best = bound;
      }
      potential[t] = best === -Infinity ? 0 : best;
    }
  }

  /** Routes one more seat of `task`; false when no augmenting path exists (the seat cannot be filled). */
  augmentFrom(task: number): boolean {
    const direct = this.bestDirectArc(task);
    // A tight one-hop route to an agent with room: no path is shorter (reduced costs are ≥ 0), and
    // with D = 0 no potential moves, so the seat is placed without a search.
    if (direct !== -1 && this.directLength <= 0) {
      const a = this.net.positionAgent[direct]!;
      this.load[a]!++;
      this.takeArc(direct, a, task);
      return true;
    }
    const reached = this.shortestPathToSink(task, direct);
    if (reached) {
      this.updatePotentials(this.dist[this.net.sink]!);
      this.applyPath(task);
    }
    this.reset();
    return reached;
  }

  private label(node: number, d: number, via: number): void {
    const { state, dist } = this;
    const s = state[node]!;
    if (s === FINAL || (s === LABELLED && d >= dist[node]!)) return;
    // A node no closer than the sink's tentative distance cannot lie on a shorter path (costs ≥ 0).
    const sink = this.net.sink;
    if (node !== sink && state[sink] === LABELLED && d >= dist[sink]!) return;
    if (s === UNSEEN) {
      state[node] = LABELLED;
      this.touched[this.touchedCount++] = node;
    }
    dist[node] = d;
    this.pred[node] = via;
    this.heap.pushOrDecrease(node);
  }

  /** `label` for a caller that has already checked the node is worth it (not final, closer than its label and the sink's). */
  private relabel(node: number, d: number, via: number): void {
    if (this.state[node] === UNSEEN) {
      this.state[node] = LABELLED;
      this.touched[this.touchedCount++] = node;
    }
    this.dist[node] = d;
    this.pred[node] = via;
    this.heap.pushOrDecrease(node);
  }

  private shortestPathToSink(origin: number, direct: number): boolean {
    const { net, state, dist } = this;
    const sink = net.sink;
    if (direct !== -1) this.labelDirectPath(origin, direct);
    this.label(origin, 0, -1);
    while (!this.heap.isEmpty) {
      const u = this.heap.popMin();
      state[u] = FINAL;
      if (u === sink) return true;
      if (u < net.taskCount) {
        const hopeless = state[sink] === LABELLED && dist[u]! + this.potential[u]! + this.alternativeBound[u]! >= dist[sink]!;
        if (hopeless) this.scanUnfilled(u, dist[u]!);
        else this.scanTask(u, dist[u]!);
      }
      else this.scanAgent(u, dist[u]!);
    }
    return false;
  }

  /**
   * The best one-hop route from the origin (to an agent with room), as an arc position or -1, its
   * reduced length left in `directLength`. Labelling the sink with it before a search starts prunes
   * every arc no better: on a loosely loaded county most seats need no search at all.
   */
  private bestDirectArc(origin: number): number {
    const { net, potential } = this;
    const T = net.taskCount;
    const pt = potential[origin]!;
    const pSink = potential[net.sink]!;
    let best = Infinity;
    let bestArc = -1;
    let bound = Infinity;
    const { positionCost, positionAgent } = net;
    for (let j = net.taskStart[origin]!, end = net.taskStart[origin + 1]!; j < end; j++) {
      const c = positionCost[j]!;
      // Sorted by cost, with load units costing at least minFirstUnit: no dearer arc can win.
      if (c + pt - pSink + this.minFirstUnit >= best) {
        bound = Math.min(bound, c - this.maxAgentPotential);
        break;
      }
      const a = positionAgent[j]!;
      if (a < 0) continue; // in use
      const reduced = c - potential[T + a]!;
      if (reduced < bound) bound = reduced;
      const load = this.load[a]!;
      if (load >= net.capacity[a]!) continue;
      const viaAgent = c + pt - pSink + (this.freeLoads ? 0 : unitCost(net, a, load));
      if (viaAgent < best) {
        best = viaAgent;
        bestArc = j;
      }
    }
    // Fresh, so the search skips scanning the origin again when no arc can beat this route.
    this.alternativeBound[origin] = bound;
    this.directLength = best;
    return bestArc;
  }

  /** Labels the agent of the direct route, then the sink (so the path can be walked back). */
  private labelDirectPath(origin: number, arc: number): void {
    const { net, potential } = this;
    const agentNode = net.taskCount + net.positionAgent[arc]!;
    const rc = net.positionCost[arc]! + potential[origin]! - potential[agentNode]!;
    this.label(agentNode, rc > 0 ? rc : 0, arc);
    this.predTask[agentNode] = origin;
    const best = this.directLength;
    this.label(net.sink, best > 0 ? best : 0, agentNode);
  }

  private scanTask(t: number, d: number): void {
    const { net, potential, dist, state } = this;
    const { positionCost, positionAgent } = net;
    const pt = potential[t]!;
    const T = net.taskCount;
    const sink = net.sink;
    let sinkDist = state[sink] === LABELLED ? dist[sink]! : Infinity;
    // Potentials never rise, so cost − π(agent) ≥ cost − maxAgentPotential: once an arc's cost
    // alone puts it past the sink's label, so do all dearer ones (arcs are sorted by cost).
    let costLimit = sinkDist - d - pt + this.maxAgentPotential;
    let bound = Infinity;
    for (let j = net.taskStart[t]!, end = net.taskStart[t + 1]!; j < end; j++) {
      const c = positionCost[j]!;
      if (c >= costLimit) {
        bound = Math.min(bound, c - this.maxAgentPotential);
        break;
      }
      const agent = positionAgent[j]!;
      if (agent < 0) continue; // in use
      const a = T + agent;
      const reduced = c - potential[a]!;
      if (reduced < bound) bound = reduced;
      const rc = reduced + pt;
      const nd = rc > 0 ? d + rc : d;
      // Cheap rejections before the call: no better than the sink's label, or than the agent's own.
      if (nd >= sinkDist) continue;
      const s = state[a]!;
      if (s !== UNSEEN && (s === FINAL || nd >= dist[a]!)) continue;
      this.relabel(a, nd, j);
      this.predTask[a] = t;
      // An agent with room: the sink is one arc on. Labelling it now, not when the agent is
      // settled, prunes the rest of this scan and the scans before that.
      const load = this.load[agent]!;
      if (load < net.capacity[agent]!) {
        const toSink = (this.freeLoads ? 0 : unitCost(net, agent, load)) + potential[a]! - potential[sink]!;
        const via = toSink > 0 ? nd + toSink : nd;
        if (via < sinkDist) {
          this.relabel(sink, via, a);
          sinkDist = via;
          costLimit = sinkDist - d - pt + this.maxAgentPotential;
        }
      }
    }
    this.alternativeBound[t] = bound;
    this.scanUnfilled(t, d);
  }

  private scanUnfilled(t: number, d: number): void {
    const { net, potential } = this;
    const pt = potential[t]!;
    if (net.unfilledCost !== null) {
      const rc = net.unfilledCost + pt - potential[net.sink]!;
      this.label(net.sink, rc > 0 ? d + rc : d, t);
    }
  }

  private scanAgent(node: number, d: number): void {
    const { net, potential } = this;
    const a = node - net.taskCount;
    const pa = potential[node]!;
    const { head, slotNext, slotPosition, slotTask } = this.used;
    const cost = net.positionCost;
    for (let s = head[a]!; s !== -1; s = slotNext[s]!) {
      const j = slotPosition[s]!;
      const t = slotTask[s]!;
      const rc = pa - cost[j]! - potential[t]!;
      this.label(t, rc > 0 ? d + rc : d, j);
    }
    const load = this.load[a]!;
    if (load < net.capacity[a]!) {
      const rc = (this.freeLoads ? 0 : unitCost(net, a, load)) + pa - potential[net.sink]!;
      this.label(net.sink, rc > 0 ? d + rc : d, node);
    }
  }

  private updatePotentials(sinkDist: number): void {
    const { touched, state, dist, potential } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      const v = touched[i]!;
      if (state[v] === FINAL) potential[v]! += dist[v]! - sinkDist;
    }
  }

  /** Walks the predecessor chain back from the sink, flipping arcs along the path. */
  private applyPath(origin: number): void {
    const { net, pred } = this;
    const T = net.taskCount;
    let v = pred[net.sink]!;
    if (v < T) this.unfilled[v]!++;
    else this.load[v - T]!++;
    while (v !== origin) {
      const j = pred[v]!;
      if (v >= T) {
        const t = this.predTask[v]!;
        this.takeArc(j, v - T, t); // task → agent: the task takes this agent
        v = t;
      } else {
        v = T + this.giveUpArc(j, v); // agent → task (reverse): the task gives this agent up
      }
    }
  }

  /** Task `t` takes agent `a` by the arc at position `j` (its agent stored complemented: in use). */
  private takeArc(j: number, a: number, t: number): void {
    this.used.link(j, a, t);
    this.net.positionAgent[j] = ~a;
  }

  /** Task `t` gives up the agent of the arc at position `j`, which it returns; the freed arc joins the task's alternatives. */
  private giveUpArc(j: number, t: number): number {
    const a = ~this.net.positionAgent[j]!;
    this.net.positionAgent[j] = a;
    const freed = this.net.positionCost[j]! - this.potential[this.net.taskCount + a]!;
    if (freed < this.alternativeBound[t]!) this.alternativeBound[t] = freed;
    this.used.unlink(j, a);
    return a;
  }

  private reset(): void {
    const { touched, state } = this;
    for (let i = 0; i < this.touchedCount; i++) state[touched[i]!] = UNSEEN;
    this.touchedCount = 0;
    this.heap.clear();
  }
}
