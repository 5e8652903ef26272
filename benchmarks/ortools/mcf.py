"""OR-Tools' C++ SimpleMinCostFlow on one instance file written by benchmarks/lib/ortools.ts.

Usage: python mcf.py INSTANCE.bin RUNS [WARMUP]
After WARMUP untimed build + solve pairs (default 1: first-touch of the solver's memory, as ours
is timed warm too), prints one JSON line: per run the build time (graph and supplies into the solver) and the solve time
(SimpleMinCostFlow.solve() alone) and the solve's CPU time (the process's), all in ms, and the optimal cost in the file's integer units.
Each run builds a fresh solver, so no run reuses another's work.

File format (little-endian): an ASCII JSON header line {"tasks":T,"agents":A,"arcs":M,
"unfilledCost":U|null}, then int32 arrays seats[T], capacity[A], arcTask[M], arcAgent[M], arcCost[M].
Network: task t supplies seats[t]; arc task->agent (capacity 1, cost arcCost); agent->sink
(capacity[a], cost 0); with U, task->sink (capacity seats[t], cost U); the sink demands sum(seats).
"""

import json
import sys
import time

import numpy as np
from ortools.graph.python import min_cost_flow


def read_instance(path):
    with open(path, "rb") as f:
        header = json.loads(f.readline())
        rest = np.frombuffer(f.read(), dtype="<i4")
    t, a, m = header["tasks"], header["agents"], header["arcs"]
    cuts = np.cumsum([t, a, m, m, m])
    if rest.size != cuts[-1]:
        raise SystemExit(f"{path}: expected {cuts[-1]} int32 values after the header, found {rest.size}")
    seats, capacity, arc_task, arc_agent, arc_cost = np.split(rest, cuts[:-1])
    return header, seats, capacity, arc_task, arc_agent, arc_cost


def network(header, seats, capacity, arc_task, arc_agent, arc_cost):
    """Tails, heads, capacities, costs and supplies as int64 arrays (node ids: tasks, agents, sink)."""
    t, a = header["tasks"], header["agents"]
    sink = t + a
    tails = [arc_task.astype(np.int64), np.arange(t, t + a, dtype=np.int64)]
    heads = [arc_agent.astype(np.int64) + t, np.full(a, sink, dtype=np.int64)]
    caps = [np.ones(arc_task.size, dtype=np.int64), capacity.astype(np.int64)]
    costs = [arc_cost.astype(np.int64), np.zeros(a, dtype=np.int64)]
    if header["unfilledCost"] is not None:
        tails.append(np.arange(t, dtype=np.int64))
        heads.append(np.full(t, sink, dtype=np.int64))
        caps.append(seats.astype(np.int64))
        costs.append(np.full(t, header["unfilledCost"], dtype=np.int64))
    supplies = np.zeros(sink + 1, dtype=np.int64)
    supplies[:t] = seats
    supplies[sink] = -int(seats.sum())
    return [np.concatenate(x) for x in (tails, heads, caps, costs)], supplies


def run_once(arrays, supplies):
    tails, heads, caps, costs = arrays
    started = time.perf_counter()
    smcf = min_cost_flow.SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tails, heads, caps, costs)
    smcf.set_nodes_supplies(np.arange(supplies.size, dtype=np.int64), supplies)
    built = time.perf_counter()
    cpu = time.process_time()
    status = smcf.solve()
    solved = time.perf_counter()
    times = {"buildMs": (built - started) * 1e3, "solveMs": (solved - built) * 1e3, "solveCpuMs": (time.process_time() - cpu) * 1e3}
    if status != smcf.OPTIMAL:
        return {"status": str(status), **times, "cost": None}
    return {"status": "optimal", **times, "cost": int(smcf.optimal_cost())}


def main():
    path, runs = sys.argv[1], int(sys.argv[2])
    warmup = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    arrays, supplies = network(*read_instance(path))
    for _ in range(warmup):
        run_once(arrays, supplies)
    print(json.dumps({"runs": [run_once(arrays, supplies) for _ in range(runs)]}))


if __name__ == "__main__":
    main()
