import { loadLifecycleConfig } from '../../src/domain/config/lifecycle-config';
import { ledgerProjectionFor } from '../../src/runtime/ledger-projection';
import { projectOutbox } from '../../src/use-cases/ledger/project-outbox';
import type { TestService } from './service';

/**
 * Copies the test county's outbox into the ledger now, as the worker's projector does within a
 * pass: the reports read the ledger (issue 19), so a test reads them after this, not after a wait.
 */
export async function syncLedger(svc: TestService): Promise<void> {
  await projectOutbox(
    ledgerProjectionFor({ redis: svc.service.redis, db: svc.service.ledger.db, lifecycle: loadLifecycleConfig() }, svc.county),
  );
}
