import { throttled } from '../../../src/domain/throttle';

describe('throttled', () => {
  test('when a report repeats within the interval, then it runs once and the next one carries the count held back', () => {
    let t = 0;
    const seen: [number, string][] = [];
    const report = throttled(
      1000,
      (held: number, what: string) => seen.push([held, what]),
      () => t,
    );
    report('a');
    t = 10;
    report('b');
    t = 500;
    report('c');
    expect(seen).toEqual([[0, 'a']]);
    t = 1000;
    report('d');
    expect(seen).toEqual([
      [0, 'a'],
      [2, 'd'],
    ]);
  });
});
