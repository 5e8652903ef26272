import type { NextFunction, Request, Response } from 'express';

/**
 * The API's shutdown state. Once draining, readiness answers 503 (load balancers stop sending)
 * and every reply carries `Connection: close`, so each keep-alive client's in-flight request is
 * answered and its connection then ends by itself rather than being cut under a request the
 * server has received but not yet read.
 */
export class DrainSwitch {
  private on = false;
  /** Starts draining; there is no way back (a stopping process never serves again). */
  start(): void {
    this.on = true;
  }
  get draining(): boolean {
    return this.on;
  }
}

/** Sets `Connection: close` on every reply while draining. */
export function closeConnectionsWhenDraining(drain: DrainSwitch) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    if (drain.draining) res.setHeader('Connection', 'close');
    next();
  };
}
