/** Readiness of the storage the service depends on. */
export interface HealthCheck {
  /** Resolves when storage answers; rejects (or hangs: callers time it out) when it does not. */
  ping(): Promise<unknown>;
}
