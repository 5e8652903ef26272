import pino, { type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * The service logger: JSON lines, no request bodies. Party data must never reach it — callers log
 * ids and refs only; the redaction below is a second fence for fields that might slip through.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'tiaojie' },
      redact: {
        paths: ['req.headers.authorization', 'name', 'phone', '*.name', '*.phone', 'parties', '*.parties'],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
