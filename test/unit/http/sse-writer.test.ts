import { EventEmitter } from 'node:events';
import type { Response } from 'express';
import { sseWriter } from '../../../src/adapters/http/sse-writer';

/** A response whose socket buffer the test fills and drains. */
function response(): { res: Pick<Response, 'write' | 'on'>; full: { value: boolean }; drain: () => void } {
  const emitter = new EventEmitter();
  const full = { value: false };
  const res = {
    write: () => !full.value,
    on: (event: string, listener: () => void) => emitter.on(event, listener),
  } as unknown as Pick<Response, 'write' | 'on'>;
  return { res, full, drain: () => void emitter.emit('drain') };
}

describe('sseWriter: a client that stops reading is found out', () => {
  test('when writes are taken, then the client is never stalled', () => {
    const { res } = response();
    const out = sseWriter(res, 1000);
    out.write('a');
    expect(out.stalled(Date.now() + 10_000)).toBe(false);
  });

  test('when the buffer stays full for the idle time, then the client is stalled; a drain clears it', () => {
    const { res, full, drain } = response();
    const out = sseWriter(res, 1000);
    full.value = true;
    const t0 = Date.now();
    out.write('a');
    out.write('b'); // a later write does not restart the clock
    expect(out.stalled(t0 + 500)).toBe(false);
    expect(out.stalled(t0 + 1500)).toBe(true);
    full.value = false;
    drain();
    expect(out.stalled(t0 + 5000)).toBe(false);
  });
});
