import { randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { readJob } from '../../src/adapters/http/job-read';
import { startTestRedis, type TestRedis } from '../support/redis';

describe('readJob (GET /v1/jobs/:id, GET /v1/rebalance/jobs/:id) against a real queue', () => {
  let redis: TestRedis;

  beforeAll(async () => {
    redis = await startTestRedis();
  });

  afterAll(async () => {
    await redis?.stop();
  });

  test('when a job finishes while it is being read, then a read that says completed always has the result and the attempt', async () => {
    const prefix = `q${randomUUID().slice(0, 8)}`;
    const connection = { url: redis.url };
    const queue = new Queue<{ n: number }>('read-race', { connection, prefix });
    const release = new Map<string, () => void>();
    const worker = new Worker<{ n: number }>(
      'read-race',
      async (job) => {
        await new Promise<void>((r) => release.set(job.id!, r));
        return { n: job.data.n };
      },
      { connection, prefix, concurrency: 1 },
    );
    try {
      const JOBS = 20;
      let completedReads = 0;
      for (let n = 0; n < JOBS; n++) {
        const id = `job-${n}`;
        await queue.add('x', { n }, { jobId: id });
        while (!release.has(id)) await new Promise((r) => setTimeout(r, 2));
        // Reads back to back, with the finish landing somewhere among them.
        setTimeout(() => release.get(id)!(), n % 5);
        for (;;) {
          const read = await readJob(queue, id);
          expect(read).toBeDefined();
          if (read!.state !== 'completed') continue;
          completedReads++;
          expect(read!.job.returnvalue).toEqual({ n });
          expect(read!.job.attemptsMade).toBe(1);
          expect(read!.job.finishedOn).toBeGreaterThan(0);
          break;
        }
      }
      expect(completedReads).toBe(JOBS);
      expect(await readJob(queue, 'no-such-job')).toBeUndefined();
    } finally {
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
