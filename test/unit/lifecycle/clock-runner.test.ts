import { startClockRunner } from '../../../src/use-cases/lifecycle/clock-runner';
import { MemoryLifecycleStore } from '../../../src/adapters/memory/lifecycle-memory-store';
import type { LifecycleEvent } from '../../../src/domain/lifecycle-event';
import { waitingCase } from '../domain/fixtures';
import { config } from './helpers';
import { clockDueAt } from '../../../src/domain/lifecycle/clock-due';
import type { ClockDueSource, ClockRecheck } from '../../../src/use-cases/lifecycle/clock-due-port';

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

  it('when a due source is given, then only the cases it names are read, and those left unchanged (or gone) are handed back to recheck', async () => {
    const store = new MemoryLifecycleStore([], config);
    for (const id of ['due', 'other', 'idle'])
      store.addCase(
        waitingCase({ id, channel: 'court', referredAt: id === 'idle' ? '2026-04-14T00:00:00.000Z' : '2026-03-01T00:00:00.000Z' }),
      );
    const now = new Date('2026-04-15T00:00:00.000Z');
    const rechecked: ClockRecheck[][] = [];
    const source: ClockDueSource = {
      dueCaseIds: () => Promise.resolve(['due', 'idle', 'gone']),
      recheck: (cases, readAt) => {
        expect(readAt).toEqual(now);
        rechecked.push([...cases]);
        return Promise.resolve();
      },
    };
    const seen: string[] = [];
    const stop = startClockRunner({
      counties: () => ['x'],
      storeFor: () => store,
      dueSource: () => source,
      config,
      intervalMs: 10,
      clock: () => now,
      onTick: (_county, events) => seen.push(...events.map((e) => ('caseId' in e ? e.caseId : ''))),
    });
    for (let i = 0; i < 100 && rechecked.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await stop();
    expect((await store.getFile('due'))!.status).toBe('returned_to_court');
    expect((await store.getFile('other'))!.status).toBe('referred');
    expect(new Set(seen)).toEqual(new Set(['due']));
    const idle = await store.getFile('idle');
    expect(rechecked[0]).toEqual([
      { caseId: 'idle', fileVersion: idle!.version, dueAt: clockDueAt(idle!, config, now) },
      { caseId: 'gone', fileVersion: null, dueAt: null },
    ]);
  });
});
