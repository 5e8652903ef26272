/** What bench:scale measured, and its table. */
import type { IntakeFigures, LatencyFigures, RebalanceFigures } from './scale-phases';

export interface ScaleReport {
  readonly settings: Readonly<Record<string, unknown>>;
  readonly geography: string;
  readonly provision: { counties: number; rosterSeconds: number; mediators: number };
  readonly intake: { one: IntakeFigures; province: IntakeFigures };
  readonly latency: { one: LatencyFigures; province: LatencyFigures };
  readonly perReferral: {
    referrals: number;
    commands: number;
    topCommands: { name: string; perReferral: number }[];
    netInBytes: number;
    netOutBytes: number;
    replOutBytes: number;
    redisCpuMs: number;
    apiCpuMs: number;
    workerCpuMs: number;
    memoryBytes: number;
    usedMemoryAfter: number;
    masters: number;
  };
  readonly throughput: {
    workers: number;
    cases: number;
    seconds: number;
    perSec: number;
    perWorkerPerSec: number;
    workerCpuMsPerCase: number;
  }[];
  readonly rebalance: { one: RebalanceFigures; province: RebalanceFigures };
  readonly fairness: {
    burst: number;
    quietWithout: LatencyFigures;
    quietDuringFifo: LatencyFigures;
    busyBurstFifo: LatencyFigures;
    quietDuring: LatencyFigures;
    busyBurst: LatencyFigures;
  };
  readonly failover: {
    killedPort: number;
    killAtSec: number;
    sent: number;
    acknowledged: number;
    acknowledgedLost: number;
    refused503: number;
    other: number;
    seconds503: number;
    undecided: number;
  } | null;
  readonly audit: { doubleAssigned: number; stillWaiting: number; problems: string[] };
  readonly apiExitCode: number | null;
}

const f = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : 'n/a');
const refusals = (l: LatencyFigures) => {
  const parts = Object.entries(l.refused).map(([status, n]) => `${n}× ${status === '0' ? 'no answer' : status}`);
  return parts.length ? `: ${parts.join(', ')}` : '';
};
const lat = (l: LatencyFigures) =>
  `p50 ${f(l.p50Ms, 0)} ms, p99 ${f(l.p99Ms, 0)} ms, max ${f(l.maxMs, 0)} ms (${l.decided}/${l.acknowledged} decided, ${l.forDispatcher} of them proposed/held, ${l.sent - l.acknowledged} refused${refusals(l)})`;

export function printScaleReport(r: ScaleReport): void {
  const s = r.settings;
  const p = r.perReferral;
  const [w1, w2] = r.throughput;
  const lines = [
    `tiaojie scale benchmark — ${r.provision.counties - 2} counties + 2 baseline counties, Redis ${String(s.redis)} (${p.masters} master${p.masters > 1 ? 's' : ''}), API + worker processes on this machine`,
    `  ${r.geography}; REDIS_COMMAND_TIMEOUT_MS and REQUEST_DEADLINE_MS 5000 (the machine is shared)`,
    '',
    `a. provisioning    ${r.provision.counties} counties, ${r.provision.mediators} mediators: rosters in ${f(r.provision.rosterSeconds)} s; API keys by TIAOJIE_API_KEYS`,
    `   intake          ${f(r.intake.province.perSec, 0)} referrals/s over ${r.intake.province.counties} counties (p99 ${r.intake.province.p99Ms} ms, non-2xx ${r.intake.province.non2xx}); baseline 1 county ${f(r.intake.one.perSec, 0)}/s`,
    `   dispatch kept   backlog done ${f(r.intake.province.drainSec)} s after the intake (1 county: ${f(r.intake.one.drainSec)} s)`,
    `b. latency         ${String(s.rate)}/s over the counties for ${String(s.seconds)} s: ${lat(r.latency.province)}`,
    `   baseline        the same rate into 1 county: ${lat(r.latency.one)}`,
    `   no decision event within 30 s ${r.latency.province.undecided}; at the end: lost (still waiting) ${r.audit.stillWaiting}, double-assigned ${r.audit.doubleAssigned}, store problems ${r.audit.problems.length} (all phases; must be 0)`,
    `c. per referral    Redis ${f(p.commands)} commands, ${f(p.netInBytes, 0)} B in, ${f(p.netOutBytes, 0)} B out, ${f(p.replOutBytes, 0)} B to replicas, ${f(p.redisCpuMs, 2)} ms Redis CPU`,
    `                   CPU: API ${f(p.apiCpuMs, 2)} ms, worker ${f(p.workerCpuMs, 2)} ms; memory ${f(p.memoryBytes, 0)} B retained (case, events, job records); used_memory ${f(p.usedMemoryAfter / 2 ** 20)} MiB`,
    `                   top: ${p.topCommands.map((c) => `${c.name} ${f(c.perReferral)}`).join(', ')}`,
    w1 && w2
      ? `d. workers         backlog of ${w1.cases}: 1 process ${f(w1.perSec, 0)} cases/s (${f(w1.workerCpuMsPerCase, 2)} CPU ms/case); 2 processes ${f(w2.perSec, 0)} cases/s (${f(w2.perWorkerPerSec, 0)} per process, ×${f(w2.perSec / w1.perSec, 2)})`
      : 'd. workers         not measured',
    `e. rebalance       ${r.rebalance.province.counties} counties at once: ${f(r.rebalance.province.totalSec)} s total, slowest ${f(r.rebalance.province.slowestSec, 2)} s (${r.rebalance.province.slowestCounty}), median ${f(r.rebalance.province.medianSec, 2)} s, ${r.rebalance.province.moves} moves, ${r.rebalance.province.failed} failed`,
    `   baseline        1 county alone: ${f(r.rebalance.one.totalSec, 2)} s`,
    `f. fairness        one county posts ${r.fairness.burst} referrals (requests of 100); the others keep their share:`,
    `   quiet counties  fair share:  ${lat(r.fairness.quietDuring)}`,
    `   baseline        one FIFO:    ${lat(r.fairness.quietDuringFifo)}`,
    `   baseline        no burst (b): ${lat(r.fairness.quietWithout)}`,
    `   busy county     its burst, fair share ${lat(r.fairness.busyBurst)}; one FIFO ${lat(r.fairness.busyBurstFifo)}`,
    r.failover
      ? `g. master kill     port ${r.failover.killedPort} at ${f(r.failover.killAtSec)} s: ${r.failover.acknowledged} acknowledged, ${r.failover.acknowledgedLost} lost; ${r.failover.refused503} answered 503 over ${f(r.failover.seconds503)} s, ${r.failover.other} other errors; ${r.failover.undecided} acknowledged undecided`
      : 'g. master kill     skipped (--redis single)',
    `API graceful stop  exit code ${r.apiExitCode}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
}
