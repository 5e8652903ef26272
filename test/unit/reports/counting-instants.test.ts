import { loadSubsidyConfig } from '../../../src/domain/config/subsidy-config';
import { caseFacts, countingInstants, PLAIN_COUNTS, plainFigures, type PlainCounts } from '../../../src/use-cases/reports/counting-instants';
import { computeKpis } from '../../../src/use-cases/reports/kpis';
import { at } from '../lifecycle/helpers';
import { fixtures } from './kpi-fixtures';

const subsidy = loadSubsidyConfig();
const report = (files: Parameters<typeof computeKpis>[0]['files'], from: Date, to: Date) =>
  computeKpis({ files, from, to, subsidy, mediator: () => ({ tier: 'village', organization: 'o' }), by: 'township' });

/** Periods of one to seven days over the fixtures' month, at whole and half days. */
const periods = Array.from({ length: 60 }, (_, i) => i / 2).flatMap((d) => [1, 2.5, 7].map((len) => ({ from: at(d), to: at(d + len) })));

describe('counting instants: when a case can count, learnt from the report rules', () => {
  it('when a period holds none of a case’s counting instants, then the case counts nowhere in it (no row, no mediator)', () => {
    let outside = 0;
    for (const f of fixtures()) {
      const instants = countingInstants(f);
      expect(instants.length).toBeGreaterThanOrEqual(2);
      for (const { from, to } of periods) {
        if (instants.some((t) => t >= from.getTime() && t < to.getTime())) continue;
        outside += 1;
        expect(report([f], from, to)).toEqual(report([], from, to));
      }
    }
    expect(outside).toBeGreaterThan(20);
  });

  it("when a case's facts inside a period are summed, then they give the report's plain figures of that period", () => {
    const files = fixtures();
    for (const { from, to } of periods) {
      const sum = Object.fromEntries(PLAIN_COUNTS.map((k) => [k, 0])) as Record<keyof PlainCounts, number>;
      for (const f of files)
        for (const fact of caseFacts(f))
          if (Date.parse(fact.at) >= from.getTime() && Date.parse(fact.at) < to.getTime()) for (const k of PLAIN_COUNTS) sum[k] += fact.counts[k];
      const r = report(files, from, to);
      const { seats, ...figures } = plainFigures(sum, { from, to });
      expect({ from, to, total: r.total }).toMatchObject({ from, to, total: figures });
      expect(seats).toBe(r.mediators.reduce((n, m) => n + m.seats, 0));
    }
  });

  it('when a group has cases but none counts in the period, then it has no row', () => {
    const r = report(fixtures(), at(20), at(21));
    expect(r.rows.every((row) => row.referred + row.settled + row.fulfilment.voluntary.fulfilled + row.firstSessions > 0)).toBe(true);
    expect(r.rows.map((row) => row.group)).toEqual(['t02']);
  });
});
