import type { AppError } from '../../domain/errors';

/** Readiness of the storage the service depends on. */
export interface HealthCheck {
  /** Resolves when storage answers; rejects (or hangs: callers time it out) when it does not. */
  ping(): Promise<unknown>;
  /** True while the storage connection is up; cheap and synchronous, so every request may ask. */
  available(): boolean;
  /** The error to answer with when `err` says storage is unavailable; undefined for any other error. */
  unavailableError(err: unknown): AppError | undefined;
}
