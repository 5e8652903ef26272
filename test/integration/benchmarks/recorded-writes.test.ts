import { MediatorRepo } from '../../../src/adapters/redis/mediator-repo';
import { RedisLifecycleStore } from '../../../src/adapters/redis/lifecycle-redis-store';
import { createRedis, type TiaojieRedis } from '../../../src/adapters/redis/redis-connection';
import { loadLifecycleConfig } from '../../../src/domain/config/lifecycle-config';
import { generateCounty } from '../../../src/simulator/county';
import { simulateLifecycle } from '../../../src/simulator/lifecycle-simulation';
import { caseFiles } from '../../../src/use-cases/lifecycle/case-files';
import { recordingStoreFactory, replayWrites } from '../../../benchmarks/lib/recorded-writes';
import { startTestRedis, uniqueCounty, type TestRedis } from '../../support/redis';

const lifecycle = loadLifecycleConfig();

describe('the ledger benchmark’s recorded writes, replayed through the Redis ports (private redis-server)', () => {
  let server: TestRedis;
  let redis: TiaojieRedis;

  beforeAll(async () => {
    server = await startTestRedis();
    redis = createRedis(server.url);
  }, 60_000);

  afterAll(async () => {
    redis?.disconnect();
    await server?.stop();
  });

  test('when a simulated county’s writes are replayed, then Redis refuses none and holds every case file as the simulation left it', async () => {
    const county = generateCounty({ seed: 7 });
    const rec = recordingStoreFactory();
    const run = await simulateLifecycle({ county, days: 3, lifecycle, store: rec.make });
    const name = uniqueCounty('rw');
    await new MediatorRepo(redis, name).upsert(county.mediators);

    const counts = await replayWrites(rec.store().writes, redis, name, lifecycle);

    expect(counts.firstRefusals).toEqual([]);
    expect(counts.intakes).toBe(run.files.length);
    const stored = await caseFiles(new RedisLifecycleStore(redis, name), lifecycle).listFiles();
    const statusOf = (files: readonly { caseId: string; status: string }[]) => Object.fromEntries(files.map((f) => [f.caseId, f.status]));
    expect(statusOf(stored)).toEqual(statusOf(run.files));
    expect(new Set(run.files.map((f) => f.status)).size).toBeGreaterThan(1);
  }, 120_000);
});
