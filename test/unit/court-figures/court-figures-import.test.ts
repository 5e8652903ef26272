import type { CourtFigures, CourtMonth } from '../../../src/domain/court-figures';
import { ValidationError } from '../../../src/domain/errors';
import type { CourtFiguresStore } from '../../../src/use-cases/court-figures/court-figures-port';
import { parseCourtFiguresCsv } from '../../../src/use-cases/court-figures/court-figures-csv';
import { recordCourtFigures } from '../../../src/use-cases/court-figures/import-court-figures';

/** An in-memory store that counts its writes. */
function memoryStore(): CourtFiguresStore & { writes: number; held: Map<string, CourtMonth> } {
  const held = new Map<string, CourtMonth>();
  return {
    held,
    writes: 0,
    list: (from, to) =>
      Promise.resolve(
        [...held.values()]
          .filter((m) => (from === undefined || m.month >= from) && (to === undefined || m.month <= to))
          .sort((a, b) => (a.month < b.month ? -1 : 1)),
      ),
    async putMany(months, at) {
      this.writes += 1;
      for (const m of months) held.set(m.month, { month: m.month, figures: m.figures, updatedAt: at.toISOString() });
      return Promise.resolve();
    },
  };
}

const HEADER = 'month,civil_commercial_filings,administrative_filings,transferred_to_mediation,filed_after_failed_mediation';
const CSV = [HEADER, '2023-01,160,6,240,50', '2023-02,150,4,230,45', ''].join('\n');

function issuesOf(text: string): { field: string; reason: string }[] {
  try {
    parseCourtFiguresCsv(text);
  } catch (err) {
    if (err instanceof ValidationError) return err.issues.map((i) => ({ ...i }));
    throw err;
  }
  throw new Error('no error');
}

describe('court figures CSV', () => {
  it('when the file is good, then every month is read with its four figures', () => {
    expect(parseCourtFiguresCsv(CSV)).toEqual([
      {
        month: '2023-01',
        figures: { civilCommercialFilings: 160, administrativeFilings: 6, transferredToMediation: 240, filedAfterFailedMediation: 50 },
      },
      {
        month: '2023-02',
        figures: { civilCommercialFilings: 150, administrativeFilings: 4, transferredToMediation: 230, filedAfterFailedMediation: 45 },
      },
    ]);
  });

  it('when the columns come in another order with a BOM, CRLF and comments, then they are read by name', () => {
    const text =
      '\uFEFF# from the court\r\nfiled_after_failed_mediation,month,transferred_to_mediation,administrative_filings,civil_commercial_filings\r\n50,2023-01,240,6,160\r\n';
    expect(parseCourtFiguresCsv(text)[0]!.figures.civilCommercialFilings).toBe(160);
  });

  it('when rows are bad, then each is reported with its line and column', () => {
    const text = [
      HEADER,
      '2023-01,160,6,240,50',
      '2023-13,160,6,240,50',
      '2023-03,1.5,6,-2,50',
      '2023-04,40,1,10,50',
      '2023-01,1,1,1,1',
    ].join('\n');
    expect(issuesOf(text)).toEqual([
      { field: 'line 3: month', reason: 'must be YYYY-MM' },
      { field: 'line 4: civil_commercial_filings', reason: 'must be a whole number of 0 or more' },
      { field: 'line 4: transferred_to_mediation', reason: 'must be a whole number of 0 or more' },
      { field: 'line 5: filed_after_failed_mediation', reason: 'must not exceed civilCommercialFilings (they are part of the filings)' },
      { field: 'line 6: month', reason: '2023-01 repeats line 2' },
    ]);
  });

  it('when the header lacks a column or names an unknown one, then line 1 is reported', () => {
    expect(issuesOf('month,civil_commercial_filings,administrative_filings,transferred_to_mediation,fled\n2023-01,1,1,1,1')).toEqual([
      { field: 'line 1: filed_after_failed_mediation', reason: 'column missing from the header' },
      { field: 'line 1: fled', reason: 'unknown column' },
    ]);
    expect(issuesOf('')).toEqual([{ field: 'line 1', reason: 'the file is empty: a header row is required' }]);
  });
});

describe('recording court figures', () => {
  const now = new Date('2026-12-06T10:00:00Z');
  const later = new Date('2026-12-07T10:00:00Z');

  it('when the same months are imported twice, then the second import changes nothing', async () => {
    const store = memoryStore();
    expect(await recordCourtFigures(store, parseCourtFiguresCsv(CSV), now)).toEqual({
      created: ['2023-01', '2023-02'],
      updated: [],
      unchanged: [],
    });
    const before = JSON.stringify([...store.held]);
    expect(await recordCourtFigures(store, parseCourtFiguresCsv(CSV), later)).toEqual({
      created: [],
      updated: [],
      unchanged: ['2023-01', '2023-02'],
    });
    expect(store.writes).toBe(1);
    expect(JSON.stringify([...store.held])).toBe(before);
  });

  it('when a figure of a month already held changes, then it is an update naming the field, and only that month is written', async () => {
    const store = memoryStore();
    await recordCourtFigures(store, parseCourtFiguresCsv(CSV), now);
    const changed: CourtFigures = {
      civilCommercialFilings: 161,
      administrativeFilings: 6,
      transferredToMediation: 240,
      filedAfterFailedMediation: 50,
    };
    const out = await recordCourtFigures(store, [...parseCourtFiguresCsv(CSV).slice(1), { month: '2023-01', figures: changed }], later);
    expect(out).toEqual({ created: [], updated: [{ month: '2023-01', fields: ['civilCommercialFilings'] }], unchanged: ['2023-02'] });
    expect(store.held.get('2023-01')).toEqual({ month: '2023-01', figures: changed, updatedAt: later.toISOString() });
    expect(store.held.get('2023-02')!.updatedAt).toBe(now.toISOString());
  });
});
