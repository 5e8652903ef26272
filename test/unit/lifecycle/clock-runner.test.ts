import { startClockRunner } from '../../../src/use-cases/lifecycle/clock-runner';
import { MemoryLifecycleStore } from '../../../src/adapters/memory/lifecycle-memory-store';
import type { LifecycleEvent } from '../../../src/domain/lifecycle-event';
import { waitingCase } from '../domain/fixtures';
import { config } from './helpers';

describe('startClockRunner', () => {
  it('when the interval passes, then each county is ticked on the injected clock and the term returns the case to court', async () => {
    const store = new MemoryLifecycleStore([], config);
    store.addCase(waitingCase({ id: 'c1', channel: 'court', referredAt: '2026-03-01T00:00:00.000Z' }));
    const seen: LifecycleEvent[] = [];
    const stop = startClockRunner({
      counties: () => ['x'],
      storeFor: () => store,
      config,
      intervalMs: 10,
      clock: () => new Date('2026-04-15T00:00:00.000Z'),
      onTick: (_county, events) => seen.push(...events),
    });
    for (let i = 0; i < 100 && !seen.some((e) => e.type === 'case.returned_to_court'); i++) await new Promise((r) => setTimeout(r, 10));
    await stop();
    expect(seen.map((e) => e.type)).toEqual(expect.arrayContaining(['case.deadline_overdue', 'case.returned_to_court']));
    expect((await store.getFile('c1'))!.status).toBe('returned_to_court');
    expect(seen.filter((e) => e.type === 'case.returned_to_court')).toHaveLength(1);
  });

  it('when one county’s run throws, then the counties after it are still ticked and the error names the county', async () => {
    const store = new MemoryLifecycleStore([], config);
    store.addCase(waitingCase({ id: 'c1', channel: 'court', referredAt: '2026-03-01T00:00:00.000Z' }));
    const ticked: string[] = [];
    const failed: (string | undefined)[] = [];
    const stop = startClockRunner({
      counties: () => ['broken', 'fine'],
      storeFor: (county) => {
        if (county === 'broken') throw new Error('corrupt store');
        return store;
      },
      config,
      intervalMs: 10,
      clock: () => new Date('2026-04-15T00:00:00.000Z'),
      onTick: (county) => ticked.push(county),
      onError: (_err, county) => failed.push(county),
    });
    for (let i = 0; i < 100 && ticked.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await stop();
    expect(ticked[0]).toBe('fine');
    expect(failed[0]).toBe('broken');
    expect((await store.getFile('c1'))!.status).toBe('returned_to_court');
  });
});
