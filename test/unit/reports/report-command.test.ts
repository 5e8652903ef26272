import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runReportCommand } from '../../../src/cli/report-command';
import { main } from '../../../src/cli/main';

describe('tiaojie report', () => {
  let dir: string;
  let out: string;
  let err: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tj-report-'));
    out = '';
    err = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
    jest.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when run on a few simulated days, then it prints the table with definitions and writes JSON, CSV and an SVG chart', async () => {
    const code = await runReportCommand(['--days', '3', '--warmup', '0', '--by', 'tier', '--seed', '5', '--out', dir]);
    expect(code).toBe(0);
    expect(out).toMatch(/tiaojie report — .* by tier/);
    expect(out).toMatch(/successRate: Mediation success rate/);
    const json = JSON.parse(readFileSync(join(dir, 'kpis-5-tier.json'), 'utf8'));
    expect(json.report.by).toBe('tier');
    expect(json.report.total.referred).toBeGreaterThan(50);
    expect(readFileSync(join(dir, 'kpis-5-tier.csv'), 'utf8')).toMatch(/\r\ntotal,/);
    const svg = readFileSync(join(dir, 'kpis-5-tier.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(readFileSync(join(dir, 'mediators-5.csv'), 'utf8').split('\r\n')[0]).toBe('mediatorId,tier,organization,seats,subsidyYuan');
  }, 300_000);

  it('when a flag is wrong, then it exits 2 with the usage', async () => {
    expect(await main(['report', '--by', 'weather'])).toBe(2);
    expect(err).toMatch(/--by must be one of township, tier, category, mediator, channel, class, month/);
    expect(await main(['report', '--days', '-1'])).toBe(2);
  });

  it('when --county is given without a database, then it exits 2 naming DATABASE_URL', async () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      expect(await main(['report', '--county', 'x'])).toBe(2);
      expect(err).toMatch(/DATABASE_URL/);
      expect(await main(['report', '--county', 'x', '--database', 'postgres://nowhere', '--month', '2026-13'])).toBe(2);
      expect(err).toMatch(/--month must be YYYY-MM/);
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });
});
