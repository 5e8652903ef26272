import { IdentifierSchema } from '../../domain/party-identifier';
import { isCaseId } from '../../use-cases/intake/case-id';

/**
 * A record's key as it may be logged: itself when it is a valid identifier, else a placeholder.
 * A key written around the API may hold anything, party data included; logs never carry it.
 */
export function loggableId(id: string): string {
  return isCaseId(id) || IdentifierSchema.safeParse(id).success ? id : '(invalid id)';
}
