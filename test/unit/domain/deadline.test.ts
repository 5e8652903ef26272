import { within } from '../../../src/domain/deadline';

const after = <T>(ms: number, value: T): Promise<T> => new Promise((r) => setTimeout(() => r(value), ms));

describe('within', () => {
  test('when the promise settles first, then its value', async () => {
    expect(await within(after(5, 'x'), 1000)).toEqual({ timedOut: false, value: 'x' });
  });

  test('when the deadline comes first, then timedOut, and a late rejection is not left unhandled', async () => {
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 30));
    expect(await within(late, 5)).toEqual({ timedOut: true });
    await after(40, null);
  });

  test('when the promise rejects before the deadline, then the rejection', async () => {
    await expect(within(Promise.reject(new Error('no')), 1000)).rejects.toThrow('no');
  });
});
