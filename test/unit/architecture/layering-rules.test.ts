import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The layering rule as CI applies it (.dependency-cruiser.js), run on small scratch trees: an import
 * that runs back up must fail the check with a line naming the rule and the arrow.
 */
const ROOT = join(__dirname, '..', '..', '..');
const DEPCRUISE = join(ROOT, 'node_modules', '.bin', 'depcruise');

interface CheckResult {
  readonly exitCode: number | null;
  readonly output: string;
}

/** Writes `files` (path → source) under a scratch folder and runs the project's rules over it. */
function checkTree(files: Readonly<Record<string, string>>): CheckResult {
  const dir = mkdtempSync(join(tmpdir(), 'tiaojie-layers-'));
  try {
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }));
    for (const [path, source] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), source);
    }
    const run = spawnSync(DEPCRUISE, ['src', '--config', join(ROOT, '.dependency-cruiser.js'), '--output-type', 'err'], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { exitCode: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const LEAF = 'export const x = 1;\n';

describe('the layering rule (npm run lint:deps)', () => {
  it('When every import points down, then the check passes', () => {
    const r = checkTree({
      'src/domain/time.ts': LEAF,
      'src/engine/solve.ts': "import { x } from '../domain/time';\nexport const y = x;\n",
      'src/use-cases/dispatch/dispatch-batch.ts': "import { y } from '../../engine/solve';\nexport const z = y;\n",
      'src/runtime/bootstrap.ts': "import { z } from '../use-cases/dispatch/dispatch-batch';\nexport const w = z;\n",
    });
    expect(r.output).toContain('no dependency violations found');
    expect(r.exitCode).toBe(0);
  });

  it('When domain imports runtime, then the check fails naming the arrow', () => {
    const r = checkTree({
      'src/runtime/logger.ts': LEAF,
      'src/domain/geo.ts': "import { x } from '../runtime/logger';\nexport const y = x;\n",
    });
    expect(r.exitCode).not.toBe(0);
    expect(r.output).toContain('no-upward-from-domain: src/domain/geo.ts → src/runtime/logger.ts');
  });

  it('When the engine imports the cost model, then the check fails: the engine may import only domain', () => {
    const r = checkTree({
      'src/cost-model/terms.ts': LEAF,
      'src/engine/verify.ts': "import { x } from '../cost-model/terms';\nexport const y = x;\n",
    });
    expect(r.exitCode).not.toBe(0);
    expect(r.output).toContain('engine-imports-only-domain: src/engine/verify.ts → src/cost-model/terms.ts');
  });

  it('When the engine starts threads, then the check fails', () => {
    const r = checkTree({ 'src/engine/threaded.ts': "import { Worker } from 'node:worker_threads';\nexport const W = Worker;\n" });
    expect(r.exitCode).not.toBe(0);
    expect(r.output).toContain('engine-no-threads-or-io: src/engine/threaded.ts');
  });

  it('When an HTTP router imports the Redis adapter, then the check fails: runtime wires adapters', () => {
    const r = checkTree({
      'src/adapters/redis/case-repo.ts': LEAF,
      'src/adapters/http/routes/cases.ts': "import { x } from '../../redis/case-repo';\nexport const y = x;\n",
    });
    expect(r.exitCode).not.toBe(0);
    expect(r.output).toContain(
      'no-adapter-http-to-redis-memory-webhooks-postgres: src/adapters/http/routes/cases.ts → src/adapters/redis/case-repo.ts',
    );
  });

  it('When two modules import each other, then the check fails on the cycle', () => {
    const r = checkTree({
      'src/domain/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'src/domain/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
    });
    expect(r.exitCode).not.toBe(0);
    expect(r.output).toContain('no-circular');
  });
});
