import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runDemoCommand } from '../../../src/cli/demo-command';
import { runGenerateCommand } from '../../../src/cli/generate-command';
import { main } from '../../../src/cli/main';

function capture(): { out: () => string; err: () => string; restore: () => void } {
  let out = '';
  let err = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => ((out += String(s)), true));
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((err += String(s)), true));
  return {
    out: () => out,
    err: () => err,
    restore: () => {
      o.mockRestore();
      e.mockRestore();
    },
  };
}

describe('tiaojie demo', () => {
  test('when run with no Redis and defaults, then it prints a summary and writes a JSON report', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tj-demo-'));
    const file = path.join(dir, 'demo.json');
    const io = capture();
    let code: number;
    try {
      code = await runDemoCommand(['--days', '1', '--warmup', '2', '--out', file]);
    } finally {
      io.restore();
    }
    expect(code).toBe(0);
    expect(io.out()).toMatch(/Referrals\s+\d+ — court referral \d+/);
    expect(io.out()).toMatch(/Assigned\s+\d+ of \d+/);
    expect(io.out()).toMatch(/Travel\s+mean [\d.]+ km, p90 [\d.]+ km/);
    expect(io.out()).toContain('chosen: ');
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.summary.cases).toBe(report.cases.length);
    expect(report.summary.assigned).toBe(report.cases.filter((c: { assignment: unknown }) => c.assignment).length);
    const major = report.cases.find((c: { class: string; assignment: unknown }) => c.class === 'major' && c.assignment);
    // A major case's panel is sized by the case (gold lead + one or two experts), each seat a different mediator.
    if (major) {
      const ids: string[] = major.assignment.mediatorIds;
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThanOrEqual(2);
      expect(ids.length).toBeLessThanOrEqual(3);
    }
  });

  test('when a flag is wrong, then exit 2 with a message (main turns the usage error into the code)', async () => {
    await expect(runDemoCommand(['--nope'])).rejects.toThrow(/unknown option --nope/);
    const io = capture();
    try {
      expect(await main(['demo', '--days', 'many'])).toBe(2);
      expect(await main(['demo', '--nope'])).toBe(2);
    } finally {
      io.restore();
    }
    expect(io.err()).toContain('tiaojie demo:');
  });
});

describe('tiaojie generate', () => {
  test('writes mediators and referrals; referrals validate and carry refs only', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tj-gen-'));
    const file = path.join(dir, 'county.json');
    const io = capture();
    try {
      expect(await runGenerateCommand(['--days', '2', '--out', file])).toBe(0);
    } finally {
      io.restore();
    }
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    expect(doc.mediators).toHaveLength(555);
    expect(doc.referrals.length).toBeGreaterThan(40);
    expect(doc.hiddenTrueSkill).toBeUndefined();
    for (const r of doc.referrals) for (const p of r.parties) expect(Object.keys(p).sort()).toEqual(['ref', 'village']);
  });
});
