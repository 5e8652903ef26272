import type { CaseFile } from '../../../src/domain/lifecycle-file';
import { ledgerEviction } from '../../../src/use-cases/ledger/evict-closed-cases';
import type {
  EvictionExpectation,
  HotCaseEviction,
  LedgerCaseState,
  LedgerRetentionRecords,
} from '../../../src/use-cases/ledger/eviction-port';
import type { OutboxEntry } from '../../../src/use-cases/ledger/ledger-port';

const NOW = new Date('2027-04-10T02:00:00.000Z');
const file = { caseId: 'c1', version: 3, status: 'withdrawn' } as CaseFile;

function fakes(held: LedgerCaseState | null, tail: OutboxEntry[] = []) {
  const evicted: EvictionExpectation[] = [];
  const marked: string[] = [];
  const hot: HotCaseEviction = {
    referredBefore: () => Promise.resolve(['c1']),
    evict: (_f, expect) => {
      evicted.push(expect);
      return Promise.resolve('evicted');
    },
  };
  const ledger: LedgerRetentionRecords = {
    cursors: () => Promise.resolve({ outbox: '5-0', outboxRead: 5, audit: '0-0', copied: true, recordsCopied: true }),
    caseState: () => Promise.resolve(held),
    markEvicted: (id) => {
      marked.push(id);
      return Promise.resolve();
    },
  };
  const outbox = { read: () => Promise.resolve(tail) };
  return { hot, ledger, outbox, evicted, marked };
}

const entry = (id: string, data: Record<string, unknown>): OutboxEntry => ({ id, type: 'case.changed', data, eventId: null });

describe('ledgerEviction: a closed case leaves Redis only once the ledger holds it', () => {
  test('when the ledger holds the file at its version, then Redis evicts it checking the ledger’s status and summonses after the last outbox entry read, and the ledger marks it', async () => {
    const f = fakes({ fileVersion: 3, status: 'withdrawn', summonsVersions: { s1: 2 } }, [entry('6-0', { caseId: 'c9' })]);
    expect(await ledgerEviction(f).retire(file, NOW)).toBe('retired');
    expect(f.evicted).toEqual([{ status: 'withdrawn', summonsVersions: { s1: 2 }, outboxAfter: '6-0' }]);
    expect(f.marked).toEqual(['c1']);
  });

  test('when the ledger holds no row, or an older version, then the case is kept and nothing is evicted', async () => {
    for (const held of [null, { fileVersion: 2, status: 'withdrawn', summonsVersions: {} }]) {
      const f = fakes(held);
      expect(await ledgerEviction(f).retire(file, NOW)).toBe('kept');
      expect(f.evicted).toEqual([]);
    }
  });

  test('when the unread outbox names the case or one of its summonses, then it is kept until the projector copied it', async () => {
    const named = fakes({ fileVersion: 3, status: 'withdrawn', summonsVersions: {} }, [entry('6-0', { caseId: 'c1' })]);
    expect(await ledgerEviction(named).retire(file, NOW)).toBe('kept');
    const summons = fakes({ fileVersion: 3, status: 'withdrawn', summonsVersions: { s1: 1 } }, [entry('6-0', { summonsId: 's1' })]);
    expect(await ledgerEviction(summons).retire(file, NOW)).toBe('kept');
  });

  test('when the projector lags by maxLag entries or more, then nothing is evicted in this run', async () => {
    const f = fakes({ fileVersion: 3, status: 'withdrawn', summonsVersions: {} }, [entry('6-0', {}), entry('7-0', {})]);
    expect(await ledgerEviction({ ...f, maxLag: 2 }).retire(file, NOW)).toBe('kept');
    expect(f.evicted).toEqual([]);
  });

  test('when Redis says the case changed, then the ledger is not marked', async () => {
    const f = fakes({ fileVersion: 3, status: 'withdrawn', summonsVersions: {} });
    const changed = { ...f, hot: { ...f.hot, evict: () => Promise.resolve('changed' as const) } };
    expect(await ledgerEviction(changed).retire(file, NOW)).toBe('changed');
    expect(f.marked).toEqual([]);
  });
});
