import { simulateLifecycle, type LifecycleSimResult } from '../../../src/simulator/lifecycle-simulation';
import type { Summons } from '../../../src/domain/summons/summons';

const byRef = <T extends { readonly ref: string }>(xs: readonly T[]) => [...xs].sort((a, b) => a.ref.localeCompare(b.ref));

describe('simulated sessions record the arrivals of their summonses', () => {
  let sim: LifecycleSimResult;
  beforeAll(async () => {
    sim = await simulateLifecycle({ days: 14 });
  }, 120_000);

  test('when a session is held, then its arrivals are the departments summoned to it, on time exactly when their summons was checked in by requiredBy', () => {
    const ofSession = new Map<string, Summons[]>();
    for (const s of sim.summonses) if (s.sessionId) ofSession.set(s.sessionId, [...(ofSession.get(s.sessionId) ?? []), s]);
    let arrivals = 0;
    let late = 0;
    for (const f of sim.files)
      for (const session of f.sessions.filter((x) => x.status === 'held')) {
        const expected = (ofSession.get(session.id) ?? [])
          .filter((s) => s.status !== 'cancelled')
          .map((s) => ({ ref: s.department, onTime: s.status === 'checked_in' && s.onTime === true }));
        expect(byRef(session.arrivals)).toEqual(byRef(expected));
        arrivals += session.arrivals.length;
        late += session.arrivals.filter((a) => !a.onTime).length;
      }
    // The run holds summoned sessions, and some departments come late or not at all.
    expect(arrivals).toBeGreaterThan(100);
    expect(late).toBeGreaterThan(0);
  });

  test('when a simulated case closes before its departments are due, then their summonses are cancelled (case_closed), never missed or checked in', () => {
    const fileOf = new Map(sim.files.map((f) => [f.caseId, f]));
    const closedFirst = sim.summonses.filter((s) => {
      const closing = fileOf.get(s.caseId)?.history.find((h) => ['settled', 'returned_to_court', 'withdrawn'].includes(h.to));
      return closing !== undefined && Date.parse(closing.at) < Date.parse(s.requiredBy);
    });
    expect(closedFirst.length).toBeGreaterThan(0);
    for (const s of closedFirst) expect(s).toMatchObject({ status: 'cancelled', cancelReason: 'case_closed' });
  });
});
