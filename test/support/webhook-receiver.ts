import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedDelivery {
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A local webhook receiver on a free port that records every delivery and answers 204. */
export function startReceiver(): Promise<{ server: Server; url: string; received: ReceivedDelivery[] }> {
  const received: ReceivedDelivery[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received }),
    ),
  );
}

/**
 * Service settings that let webhooks reach a local receiver: plain http, and 127.0.0.1 admitted
 * although it is the loopback (by default both are refused: issue 18, SSRF).
 */
export const LOCAL_RECEIVER_ENV: Readonly<Record<string, string>> = { WEBHOOK_ALLOW_HTTP: 'true', WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' };
