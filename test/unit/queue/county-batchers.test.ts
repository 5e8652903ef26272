import { CountyBatchers } from '../../../src/adapters/queue/county-batchers';

/** A promise and the function that resolves it. */
function gate(): { readonly open: () => void; readonly opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('CountyBatchers', () => {
  test('when one county’s batch is held up, then another county’s batches run and answer meanwhile; the held county’s later items wait their turn', async () => {
    const held = gate();
    const runs: string[] = [];
    const batchers = new CountyBatchers<number, string>({
      maxSize: 2,
      maxWaitMs: 1,
      run: async (county, items) => {
        runs.push(`${county}:${items.join(',')}`);
        if (county === 'b' && items.includes(1)) await held.opened;
        return items.map((i) => `${county}${i}`);
      },
    });
    const b1 = batchers.submit('b', 1);
    const b2 = batchers.submit('b', 2);
    const b3 = batchers.submit('b', 3);
    await new Promise((r) => setTimeout(r, 10));
    expect(await Promise.all([batchers.submit('a', 1), batchers.submit('a', 2), batchers.submit('a', 3)])).toEqual(['a1', 'a2', 'a3']);
    // b's first batch is still held, and its next one has not started before it.
    expect(runs.filter((r) => r.startsWith('b'))).toEqual(['b:1,2']);
    expect(batchers.size).toBe(3);
    held.open();
    expect(await Promise.all([b1, b2, b3])).toEqual(['b1', 'b2', 'b3']);
    expect(runs.filter((r) => r.startsWith('b'))).toEqual(['b:1,2', 'b:3']);
    await batchers.drain();
    expect(batchers.size).toBe(0);
  });

  test('when a county’s batch fails, then only that batch’s items are rejected', async () => {
    const batchers = new CountyBatchers<number, number>({
      maxWaitMs: 1,
      run: (county, items) => (county === 'bad' ? Promise.reject(new Error('store down')) : Promise.resolve(items.map((i) => i * 10))),
    });
    const bad = batchers.submit('bad', 1);
    const good = batchers.submit('good', 2);
    await expect(bad).rejects.toThrow('store down');
    await expect(good).resolves.toBe(20);
  });

  test('when a county’s dispatch throws (a bug, not a rejected promise), then that county’s next batch still runs and other counties are answered', async () => {
    let calls = 0;
    const batchers = new CountyBatchers<number, number>({
      maxWaitMs: 1,
      run: (county, items) => {
        if (county === 'a' && calls++ === 0) throw new RangeError('Invalid array length');
        return Promise.resolve(items.map((i) => i + 100));
      },
    });
    const first = batchers.submit('a', 1);
    const other = batchers.submit('b', 2);
    await expect(first).rejects.toThrow(RangeError);
    await expect(other).resolves.toBe(102);
    await expect(batchers.submit('a', 3)).resolves.toBe(103);
    expect(batchers.size).toBe(0);
  });
});
