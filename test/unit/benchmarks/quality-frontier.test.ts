import { metricsRow } from './metrics-row';
import { calmRun, calmTable, reweighted } from '../../../benchmarks/lib/quality-frontier';

const row = (policy: string, successRate: number, meanTravelKm: number) => metricsRow(policy, successRate, successRate, meanTravelKm);

describe('quality frontier', () => {
  test('calm table: means over seeds, and per seed whether success and travel are not worse than today’s', () => {
    const greedy = [row('greedy', 0.5, 4), row('greedy', 0.5, 5)];
    const text = calmTable(
      [
        { label: 'today', ms: [row('today', 0.6, 4.4), row('today', 0.62, 5.5)] },
        // seed 1: more success, more travel; seed 2: equal success, less travel
        { label: 'variant', ms: [row('variant', 0.61, 4.44), row('variant', 0.62, 5.45)] },
      ],
      greedy,
    );
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/policy\s+success\s+travel vs greedy/);
    expect(lines[2]).toMatch(/^today\s+61\.0%\s+\+10\.0%\s+2 of 2\s+2 of 2$/);
    expect(lines[3]).toMatch(/^variant\s+61\.5%\s+\+10\.0%\s+2 of 2\s+1 of 2$/);
  });

  test('a reweighted run prices with the moved weights but leaves the simulated county as generated', async () => {
    let seen: number | undefined;
    const run = reweighted('balance 99', (w) => {
      seen = w.load.weight;
      return { ...w, load: { ...w.load, weight: 99 } };
    });
    const shipped = await calmRun(1, 2, 1, { label: 'ours', dispatcher: (c) => reweighted('same', (w) => w).dispatcher(c) });
    const moved = await calmRun(1, 2, 1, run);
    expect(seen).toBe(4);
    expect(moved.policy).toBe('balance 99');
    expect(moved.cases).toBe(shipped.cases);
  });
});
