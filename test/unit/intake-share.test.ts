import { IntakeShare } from '../../src/adapters/queue/intake-share';

describe('IntakeShare', () => {
  const t0 = 1_700_000_000_000;

  test('when a county stays within its slice, then every job goes to the FIFO (priority 0)', () => {
    const share = new IntakeShare({ slice: 4 });
    expect([...share.take('a', 2, t0), ...share.take('a', 2, t0 + 500)]).toEqual([0, 0, 0, 0]);
  });

  test('when a county exceeds its slice, then each further slice gets the next priority', () => {
    const share = new IntakeShare({ slice: 4 });
    expect(share.take('a', 3, t0)).toEqual([0, 0, 0]);
    expect(share.take('a', 7, t0 + 1000)).toEqual([0, 1, 1, 1, 1, 2, 2]);
  });

  test('when another county is busy, then a quiet county still gets priority 0', () => {
    const share = new IntakeShare({ slice: 4 });
    share.take('busy', 100, t0);
    expect(share.take('quiet', 1, t0)).toEqual([0]);
  });

  test('when the window has passed, then the county starts again from the FIFO', () => {
    const share = new IntakeShare({ slice: 4, windowMs: 10_000 });
    share.take('a', 100, t0);
    expect(share.take('a', 1, t0 + 9_000)).toEqual([25]);
    expect(share.take('a', 1, t0 + 11_000)).toEqual([0]);
  });

  test('when the slice is 0, then every job goes to the FIFO', () => {
    const share = new IntakeShare({ slice: 0 });
    expect(share.take('a', 3, t0)).toEqual([0, 0, 0]);
  });
});
