import { unitCost, type FlowNetwork } from './network';
import { FINAL, SearchLabels, UNSEEN } from './search-labels';
import { startAgentPotentials, startTaskPotentials } from './starting-duals';
import { TaskArcSorter } from './task-arc-order';
import { UsedArcLists } from './used-arc-lists';

/** Where a solver keeps its flow (shared memory when two routers split the components). */
export interface FlowArrays {
  /** Per-agent load (may be shared memory: disjoint components write disjoint agents). @defaultValue a new array */
  readonly load?: Int32Array;
  /** Per-task unfilled seats. @defaultValue a new array */
  readonly unfilled?: Int32Array;
  /** Flow flag by arc position, filled with -1. @defaultValue a new array */
  readonly positionSlot?: Int32Array;
}

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
export class ShortestAugmentingPath {
  readonly load: Int32Array;
  readonly unfilled: Int32Array;
  /** The arcs in use, as per-agent lists (an arc in use also has its agent stored complemented, see `FlowNetwork`). */
  readonly used: UsedArcLists;
  private readonly potential: Float64Array;
  private readonly labels: SearchLabels;
  /** For an agent node, the task its `pred` arc leaves from. */
  private readonly predTask: Int32Array;
  private readonly sorter: TaskArcSorter;
  /**
   * Per task, a lower bound on min over its unused arcs of (cost − π(agent)), refreshed on every
   * scan. Potentials never rise, so the bound stays valid; it lets a search skip tasks whose every
   * alternative is already worse than the best route to the sink found so far.
   */
  private readonly alternativeBound: Float64Array;
  /** An upper bound on every agent's potential (potentials only fall). */
  private readonly maxAgentPotential: number;
  /** The cheapest first load unit of any agent (load costs are convex: no unit is cheaper). */
  private readonly minFirstUnit: number;
  /** No agent has load costs (every unit costs 0): the common case skips the lookup. */
  private readonly freeLoads: boolean;
  /** Reduced length of the route `bestDirectArc` last found. */
  private directLength = Infinity;

  constructor(
    private readonly net: FlowNetwork,
    share: FlowArrays = {},
  ) {
    const nodes = net.sink + 1;
    let totalSeats = 0;
    for (let t = 0; t < net.taskCount; t++) totalSeats += net.seats[t] as number;
    const positions = net.positionCost.length;
    this.load = share.load ?? new Int32Array(net.agentCount);
    this.unfilled = share.unfilled ?? new Int32Array(net.taskCount);
    this.used = new UsedArcLists(positions, net.agentCount, Math.min(totalSeats, positions), share.positionSlot);
    this.potential = new Float64Array(nodes);
    this.labels = new SearchLabels(nodes, net.sink);
    this.predTask = new Int32Array(nodes);
    this.sorter = new TaskArcSorter(net);
    this.freeLoads = net.unitCosts.every((lc) => lc === null);
    this.alternativeBound = new Float64Array(net.taskCount).fill(-Infinity);
    const duals = startAgentPotentials(net, this.potential);
    this.maxAgentPotential = duals.maxAgentPotential;
    this.minFirstUnit = duals.minFirstUnit;
  }

  /** Readies tasks[from..to), a component about to be routed: see `startTaskPotentials`. */
  prepareTasks(tasks: Int32Array, from: number, to: number): void {
    startTaskPotentials(this.net, this.potential, this.sorter, tasks, from, to);
  }

  /** Routes one more seat of `task`; false when no augmenting path exists (the seat cannot be filled). */
  augmentFrom(task: number): boolean {
    const direct = this.bestDirectArc(task);
    // A tight one-hop route to an agent with room: no path is shorter (reduced costs are ≥ 0), and
    // with D = 0 no potential moves, so the seat is placed without a search.
    if (direct !== -1 && this.directLength <= 0) {
      const a = this.net.positionAgent[direct] as number;
      (this.load[a] as number)++;
      this.takeArc(direct, a, task);
      return true;
    }
    const reached = this.shortestPathToSink(task, direct);
    if (reached) {
      this.labels.movePotentials(this.potential);
      this.applyPath(task);
    }
    this.labels.reset();
    return reached;
  }

  private shortestPathToSink(origin: number, direct: number): boolean {
    const { net, labels } = this;
    const { dist } = labels;
    const sink = net.sink;
    if (direct !== -1) this.labelDirectPath(origin, direct);
    labels.label(origin, 0, -1);
    while (!labels.isEmpty) {
      const u = labels.settleNext();
      if (u === sink) return true;
      if (u < net.taskCount) {
        const hopeless = (dist[u] as number) + (this.potential[u] as number) + (this.alternativeBound[u] as number) >= labels.sinkDist;
        if (hopeless) this.scanUnfilled(u, dist[u] as number);
        else this.scanTask(u, dist[u] as number);
      } else this.scanAgent(u, dist[u] as number);
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
    const pt = potential[origin] as number;
    const pSink = potential[net.sink] as number;
    let best = Infinity;
    let bestArc = -1;
    let bound = Infinity;
    const { positionCost, positionAgent } = net;
    for (let j = net.taskStart[origin] as number, end = net.taskStart[origin + 1] as number; j < end; j++) {
      const c = positionCost[j] as number;
      // Sorted by cost, with load units costing at least minFirstUnit: no dearer arc can win.
      if (c + pt - pSink + this.minFirstUnit >= best) {
        bound = Math.min(bound, c - this.maxAgentPotential);
        break;
      }
      const a = positionAgent[j] as number;
      if (a < 0) continue; // in use
      const reduced = c - (potential[T + a] as number);
      if (reduced < bound) bound = reduced;
      const load = this.load[a] as number;
      if (load >= (net.capacity[a] as number)) continue;
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
    const agentNode = net.taskCount + (net.positionAgent[arc] as number);
    const rc = (net.positionCost[arc] as number) + (potential[origin] as number) - (potential[agentNode] as number);
    this.labels.label(agentNode, rc > 0 ? rc : 0, arc);
    this.predTask[agentNode] = origin;
    const best = this.directLength;
    this.labels.label(net.sink, best > 0 ? best : 0, agentNode);
  }

  private scanTask(t: number, d: number): void {
    const { net, potential, labels } = this;
    const { dist, state } = labels;
    const { positionCost, positionAgent } = net;
    const pt = potential[t] as number;
    const T = net.taskCount;
    const sink = net.sink;
    let sinkDist = labels.sinkDist;
    // Potentials never rise, so cost − π(agent) ≥ cost − maxAgentPotential: once an arc's cost
    // alone puts it past the sink's label, so do all dearer ones (arcs are sorted by cost).
    let costLimit = sinkDist - d - pt + this.maxAgentPotential;
    let bound = Infinity;
    for (let j = net.taskStart[t] as number, end = net.taskStart[t + 1] as number; j < end; j++) {
      const c = positionCost[j] as number;
      if (c >= costLimit) {
        bound = Math.min(bound, c - this.maxAgentPotential);
        break;
      }
      const agent = positionAgent[j] as number;
      if (agent < 0) continue; // in use
      const a = T + agent;
      const reduced = c - (potential[a] as number);
      if (reduced < bound) bound = reduced;
      const rc = reduced + pt;
      const nd = rc > 0 ? d + rc : d;
      // Cheap rejections before the call: no better than the sink's label, or than the agent's own.
      if (nd >= sinkDist) continue;
      const s = state[a] as number;
      if (s !== UNSEEN && (s === FINAL || nd >= (dist[a] as number))) continue;
      labels.relabel(a, nd, j);
      this.predTask[a] = t;
      // An agent with room: the sink is one arc on. Labelling it now, not when the agent is
      // settled, prunes the rest of this scan and the scans before that.
      const load = this.load[agent] as number;
      if (load < (net.capacity[agent] as number)) {
        const toSink = (this.freeLoads ? 0 : unitCost(net, agent, load)) + (potential[a] as number) - (potential[sink] as number);
        const via = toSink > 0 ? nd + toSink : nd;
        if (via < sinkDist) {
          labels.relabel(sink, via, a);
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
    const pt = potential[t] as number;
    if (net.unfilledCost !== null) {
      const rc = net.unfilledCost + pt - (potential[net.sink] as number);
      this.labels.label(net.sink, rc > 0 ? d + rc : d, t);
    }
  }

  private scanAgent(node: number, d: number): void {
    const { net, potential } = this;
    const a = node - net.taskCount;
    const pa = potential[node] as number;
    const { head, slotNext, slotPosition, slotTask } = this.used;
    const cost = net.positionCost;
    for (let s = head[a] as number; s !== -1; s = slotNext[s] as number) {
      const j = slotPosition[s] as number;
      const t = slotTask[s] as number;
      const rc = pa - (cost[j] as number) - (potential[t] as number);
      this.labels.label(t, rc > 0 ? d + rc : d, j);
    }
    // No sink label here: every label an agent with room gets (a direct route or a task scan)
    // offers the sink the route through it at once, at this same distance.
  }

  /** Walks the predecessor chain back from the sink, flipping arcs along the path. */
  private applyPath(origin: number): void {
    const { net } = this;
    const { pred } = this.labels;
    const T = net.taskCount;
    let v = pred[net.sink] as number;
    if (v < T) (this.unfilled[v] as number)++;
    else (this.load[v - T] as number)++;
    while (v !== origin) {
      const j = pred[v] as number;
      if (v >= T) {
        const t = this.predTask[v] as number;
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
    const a = ~(this.net.positionAgent[j] as number);
    this.net.positionAgent[j] = a;
    const freed = (this.net.positionCost[j] as number) - (this.potential[this.net.taskCount + a] as number);
    if (freed < (this.alternativeBound[t] as number)) this.alternativeBound[t] = freed;
    this.used.unlink(j, a);
    return a;
  }
}
