import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { parseProblem, SolutionSchema } from '../../../src/engine/problem';
import { verifySolution } from '../../../src/engine/verify';
import { toColumnar } from '../../../src/engine/columnar';

const dir = mkdtempSync(join(tmpdir(), 'tiaojie-cli-'));

function fileWith(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    return { code: await main(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const valid = {
  tasks: [{ id: 'c1' }, { id: 'c2', seats: 2 }],
  agents: [
    { id: 'm1', capacity: 2 },
    { id: 'm2', capacity: 1 },
    { id: 'm3', capacity: 1, loadCosts: [0, 2] },
  ],
  arcs: [
    { task: 'c1', agent: 'm1', cost: 3 },
    { task: 'c2', agent: 'm1', cost: 1 },
    { task: 'c2', agent: 'm2', cost: 4 },
    { task: 'c2', agent: 'm3', cost: 2 },
  ],
};

describe('tiaojie solve', () => {
  it('when the problem is valid, then it prints a verified solution and exits 0', async () => {
    const { code, out, err } = await run(['solve', fileWith('ok.json', JSON.stringify(valid))]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const solution = SolutionSchema.parse(JSON.parse(out));
    expect(solution.status).toBe('optimal');
    const verdict = verifySolution(parseProblem(valid), solution);
    expect(verdict.errors).toEqual([]);
    expect(solution.objective).toBe(6);
  });

  it('when the problem is infeasible, then it still exits 0 with status infeasible', async () => {
    const infeasible = { ...valid, tasks: [...valid.tasks, { id: 'c3' }] };
    const { code, out } = await run(['solve', fileWith('inf.json', JSON.stringify(infeasible))]);
    expect(code).toBe(0);
    expect(JSON.parse(out).status).toBe('infeasible');
  });

  it('when weighted loads meet --solver flow, then it refuses with one line', async () => {
    const weighted = { ...valid, arcs: valid.arcs.map((a) => ({ ...a, load: 2 })) };
    const { code, err } = await run(['solve', fileWith('w.json', JSON.stringify(weighted)), '--solver', 'flow']);
    expect(code).not.toBe(0);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(/needs every arc load to be 1/);
  });

  const bad: [string, string, RegExp][] = [
    ['malformed JSON', '{"tasks": [', /malformed JSON/],
    [
      'an unknown agent',
      JSON.stringify({ ...valid, arcs: [{ task: 'c1', agent: 'nobody', cost: 1 }] }),
      /arcs\[0\]\.agent: unknown agent "nobody"/,
    ],
    ['an unknown task', JSON.stringify({ ...valid, arcs: [{ task: 'zz', agent: 'm1', cost: 1 }] }), /arcs\[0\]\.task: unknown task "zz"/],
    ['a duplicate arc', JSON.stringify({ ...valid, arcs: [valid.arcs[0], valid.arcs[0]] }), /arcs\[1\]: duplicate arc/],
    ['a negative capacity', JSON.stringify({ ...valid, agents: [{ id: 'm1', capacity: -1 }] }), /agents\[0\]\.capacity/],
    ['a negative load', JSON.stringify({ ...valid, arcs: [{ task: 'c1', agent: 'm1', cost: 1, load: -2 }] }), /arcs\[0\]\.load/],
    [
      'decreasing loadCosts',
      JSON.stringify({ ...valid, agents: [{ id: 'm1', capacity: 2, loadCosts: [3, 1] }] }),
      /agents\[0\]\.loadCosts\[1\]: loadCosts must be non-decreasing/,
    ],
    ['an unknown field', JSON.stringify({ ...valid, colour: 'red' }), /Unrecognized key.*colour/],
    ['a non-number cost', JSON.stringify({ ...valid, arcs: [{ task: 'c1', agent: 'm1', cost: 'cheap' }] }), /arcs\[0\]\.cost/],
  ];
  it.each(bad)('when the input has %s, then it exits non-zero with one clear line', async (_what, content, message) => {
    const { code, out, err } = await run(['solve', fileWith('bad.json', content)]);
    expect(code).not.toBe(0);
    expect(out).toBe('');
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toMatch(message);
  });

  it('when the library is given NaN or Infinity, then validation names the field', () => {
    expect(() => parseProblem({ ...valid, arcs: [{ task: 'c1', agent: 'm1', cost: Number.NaN }] })).toThrow(/arcs\[0\]\.cost/);
    expect(() => parseProblem({ ...valid, agents: [{ id: 'm1', capacity: Infinity }] })).toThrow(/agents\[0\]\.capacity/);
  });

  it('when an option is unknown or a file is missing, then it says so', async () => {
    expect((await run(['solve', 'x.json', '--fast'])).err).toMatch(/unknown option --fast/);
    expect((await run(['solve', join(dir, 'missing.json')])).err).toMatch(/cannot read .*ENOENT/);
    expect((await run(['solve', 'x.json', '--time-limit', '-3'])).err).toMatch(/--time-limit must be a positive number/);
  });

  it('when the problem is in the columnar form, then it prints the same solution as for the v1 form', async () => {
    const columnar = JSON.stringify(toColumnar(parseProblem(valid)), null, 1);
    const a = await run(['solve', fileWith('v1.json', JSON.stringify(valid))]);
    const b = await run(['solve', fileWith('columnar.json', columnar)]);
    expect(b.err).toBe('');
    expect(b.code).toBe(0);
    expect({ ...JSON.parse(b.out), solveMs: 0 }).toEqual({ ...JSON.parse(a.out), solveMs: 0 });
  });

  it('when a columnar problem is bad or malformed, then it exits 1 naming the field and index, or the byte', async () => {
    const bad = { ...toColumnar(parseProblem(valid)), arcs: { task: [0, 1, 1, 2], agent: [0, 0, 1, 2], cost: [3, 1, 4, 2] } };
    const { code, err } = await run(['solve', fileWith('bad-columnar.json', JSON.stringify(bad))]);
    expect(code).toBe(1);
    expect(err).toMatch(/arcs\.task\[3\]: must be an index into tasks\.id \(an integer 0\.\.1\)/);
    const broken = await run(['solve', fileWith('broken-columnar.json', '{"format": "tiaojie.problem.columnar/1", "tasks": [1,,2]}')]);
    expect(broken.code).toBe(1);
    expect(broken.err).toMatch(/malformed JSON: .*at byte 53/);
  });
});
