import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors';
import type { CaseFile } from '../../domain/lifecycle-file';
import type { AfterAgreementApplyOutcome } from '../../use-cases/lifecycle/after-agreement';

/**
 * The case file of a successful after-agreement command, or the error its outcome means: a
 * contradicting value is a 400 naming the field, an action the route's state does not allow a 409
 * with `current` and `allowed`, a refused rule a 409 whose `reason` is the rule's code.
 */
export function fileOrThrow(out: AfterAgreementApplyOutcome, caseId: string): CaseFile {
  switch (out.status) {
    case 'ok':
      return out.file;
    case 'not_found':
      throw new NotFoundError('case', caseId);
    case 'invalid':
      throw new ValidationError([{ field: out.field, reason: out.reason }]);
    case 'illegal':
      throw new ConflictError(`"${out.action}" is not allowed now (${out.current})`, {
        current: out.current,
        action: out.action,
        allowed: out.allowed,
      });
    case 'rejected':
      throw new ConflictError(out.message, { reason: out.code });
    case 'conflict':
      throw new ConflictError(out.message, { reason: 'concurrent_change' });
  }
}
