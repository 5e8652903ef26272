import { startClockRunner } from '../../../src/use-cases/lifecycle/clock-runner';
import { MemoryLifecycleStore } from '../../../src/adapters/memory/lifecycle-memory-store';
import { MemorySummonsStore } from '../../../src/adapters/memory/summons-memory-store';
import { defaultSummonsSettings } from '../../../src/domain/config/departments-config';
import { tickSummonses } from '../../../src/use-cases/summons/summons-clock-run';
import { caseStandingReader } from '../../../src/use-cases/summons/summons-case-standing';
import { config } from '../lifecycle/helpers';
import { REQUIRED_BY, summons } from './fixtures';

describe('legal clock runner: the summons step', () => {
  it('when the runner ticks repeatedly past the grace, then a summons is missed and escalated once, and onTick counts its events', async () => {
    const summonses = new MemorySummonsStore();
    await summonses.create([summons()], []);
    const counted: number[] = [];
    const settings = { get: () => Promise.resolve(defaultSummonsSettings()) };
    const lifecycle = new MemoryLifecycleStore([], config);
    const stop = startClockRunner({
      counties: () => ['x'],
      storeFor: () => lifecycle,
      config,
      intervalMs: 5,
      clock: () => new Date(Date.parse(REQUIRED_BY) + 3_600_000),
      summonses: (_county, now) => tickSummonses(summonses, settings, caseStandingReader(lifecycle), now),
      onTick: (_county, _events, summonsEvents) => counted.push(summonsEvents),
    });
    for (let i = 0; i < 100 && counted.length < 3; i++) await new Promise((r) => setTimeout(r, 5));
    await stop();
    expect(counted[0]).toBe(2);
    expect(counted.slice(1).every((n) => n === 0)).toBe(true);
    expect(summonses.events.map((e) => e.type)).toEqual(['summons.missed', 'summons.escalated']);
  });
});
