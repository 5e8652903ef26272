import { toSolution } from '../../../src/engine/indexed';
import { solveIndexed } from '../../../src/engine/solve';
import { verifySolution } from '../../../src/engine/verify';
import { gapToProblem, indexedToProblem } from '../../../benchmarks/lib/gap-instances';
import { findBenchData, parseGapFile, parsePublishedOptima, readGapFile, readPublishedOptima } from '../../../benchmarks/lib/orlib';
import { orlibName } from '../../../benchmarks/lib/orlib-best-known';

describe('OR-Library readers', () => {
  test('when a gap file is read, then problems, costs, loads and capacities come out in order', () => {
    const [g] = parseGapFile('1\n2 3\n1 2 3\n4 5 6\n7 8 9\n10 11 12\n20 30\n', 't');
    expect(g!.m).toBe(2);
    expect(g!.n).toBe(3);
    expect(Array.from(g!.cost)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Array.from(g!.load)).toEqual([7, 8, 9, 10, 11, 12]);
    expect(Array.from(g!.capacity)).toEqual([20, 30]);
  });

  test('when a problem of gapd.txt or gapc.txt is named, then it gets the OR-Library name and its published optimum, others none', () => {
    expect(orlibName('d', 20, 200)).toEqual({ name: 'd20200', bestKnown: 12235 });
    expect(orlibName('C', 5, 100)).toEqual({ name: 'c05100', bestKnown: 1931 });
    expect(orlibName('d', 80, 1600)).toEqual({ name: 'd801600', bestKnown: null });
  });

  test('when the README tables are parsed, then both senses and the assign optima are read', () => {
    const optima = parsePublishedOptima(
      [
        '| file | m×n | maximise Σc·x | minimise Σc·x |',
        '|---|---|---|---|',
        '| gap1 | 5×15 | 336 327 339 341 326 | 261 269 256 274 251 |',
        '',
        'One-to-one. Optima: assign100 305, assign200 475.',
        'More text.',
        '',
        'assign999 1',
      ].join('\n'),
    );
    expect(optima.gap.get('gap1')).toEqual({ max: [336, 327, 339, 341, 326], min: [261, 269, 256, 274, 251] });
    expect([...optima.assign]).toEqual([
      ['assign100', 305],
      ['assign200', 475],
    ]);
  });
});

const dataDir = findBenchData();
const describeWithData = dataDir ? describe : describe.skip;
if (!dataDir) console.warn('OR-Library data not found (TIAOJIE_BENCH_DATA or ../shared/bench-data): gap1 test skipped');

describeWithData('OR-Library gap1 through solve auto', () => {
  test.each(['min', 'max'] as const)('when gap1 is solved (%s), then every problem is optimal at the published value', async (sense) => {
    const optima = readPublishedOptima(dataDir!).gap.get('gap1')![sense];
    const problems = readGapFile(dataDir!, 'gap1');
    for (let q = 0; q < problems.length; q++) {
      const p = gapToProblem(problems[q]!, sense);
      const s = await solveIndexed(p, { solver: 'auto', timeLimitSec: 30 });
      expect(s.status).toBe('optimal');
      const v = verifySolution(indexedToProblem(p), toSolution(p, s, 0));
      expect(v.errors).toEqual([]);
      expect(v.objective).toBe(optima[q]);
    }
  });
});
