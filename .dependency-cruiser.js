/**
 * The layering rule (docs/architecture.md): every import points down.
 *   domain ← engine ← cost-model ← planning ← use-cases ← adapters/*, simulator ← runtime ← cli ← workers
 * A rule names the arrow it forbids, so a CI failure says which import runs back up.
 */
const LAYERS = [
  ['domain', '^src/domain/'],
  ['engine', '^src/engine/'],
  ['cost-model', '^src/cost-model/'],
  ['planning', '^src/planning/'],
  ['use-cases', '^src/use-cases/'],
  ['adapters', '^src/(adapters|simulator)/'],
  ['runtime', '^src/runtime/'],
  ['cli', '^src/cli/'],
  ['workers', '^workers/'],
];

/** One rule per layer: nothing in it imports a layer above it. */
const upwardRules = LAYERS.slice(0, -1).map(([name, path], i) => ({
  name: `no-upward-from-${name}`,
  comment: `${name} may import only the layers below it (${
    LAYERS.slice(0, i)
      .map(([n]) => n)
      .join(', ') || 'none'
  })`,
  severity: 'error',
  from: { path },
  to: { path: LAYERS.slice(i + 1).map(([, p]) => p) },
}));

/** Adapters of one kind do not reach into another: they meet in runtime, which wires them. */
const adapterRules = [
  ['http', ['redis', 'memory', 'webhooks', 'postgres']],
  ['redis', ['http', 'queue', 'webhooks', 'memory', 'postgres']],
  ['memory', ['http', 'queue', 'webhooks', 'redis', 'postgres']],
  ['queue', ['http', 'webhooks', 'memory', 'postgres']],
  ['webhooks', ['http', 'memory', 'postgres']],
  // Issue 19: the ledger's adapter persists only; the outbox between it and Redis is wired in runtime.
  ['postgres', ['http', 'redis', 'queue', 'webhooks', 'memory']],
].map(([from, to]) => ({
  name: `no-adapter-${from}-to-${to.join('-')}`,
  comment: `adapters/${from} must not import adapters/{${to.join(',')}}: runtime wires adapters together`,
  severity: 'error',
  from: { path: `^src/adapters/${from}/` },
  to: { path: `^src/adapters/(${to.join('|')})/` },
}));

module.exports = {
  forbidden: [
    ...upwardRules,
    ...adapterRules,
    {
      name: 'no-simulator-to-service-adapters',
      comment: 'the simulator drives the use cases in memory; it never speaks Redis, HTTP or queues',
      severity: 'error',
      from: { path: '^src/simulator/' },
      to: { path: '^src/adapters/(redis|http|queue|webhooks)/' },
    },
    {
      name: 'no-adapters-to-simulator',
      comment: 'the service does not depend on the simulator',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/simulator/' },
    },
    {
      name: 'engine-imports-only-domain',
      comment: 'the engine is pure: no config, no threads, no I/O; it may import only domain/ and itself',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { pathNot: ['^src/(engine|domain)/', '^node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'engine-no-threads-or-io',
      comment: 'the engine starts no threads and reads no files: a runner is injected (runtime/flow-thread.ts)',
      severity: 'error',
      from: { path: '^src/engine/' },
      to: { dependencyTypes: ['core'], path: '^(node:)?(worker_threads|child_process|fs|net|http|cluster)$' },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds schemas and pure rules: no Node built-ins (crypto, fs, …)',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'src-not-to-tests-or-benchmarks',
      comment: 'runtime code never imports test or benchmark code',
      severity: 'error',
      from: { path: '^(src|workers)/' },
      to: { path: '^(test|benchmarks)/' },
    },
    {
      name: 'no-circular',
      comment: 'a cycle means two modules are one concept, or one belongs lower',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '^dist/' },
  },
};
