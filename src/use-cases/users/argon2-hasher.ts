import { hash, verify } from '@node-rs/argon2';
import type { PasswordHasher } from './user-port';

/**
 * argon2id with the library's defaults (19 MiB, 2 passes, 1 lane: OWASP's first recommended
 * setting), written as a PHC string, so the parameters travel with each hash and can be raised
 * later without breaking stored ones.
 */
export function argon2Hasher(): PasswordHasher {
  return {
    hash: (password) => hash(password),
    verify: async (stored, password) => {
      try {
        return await verify(stored, password);
      } catch {
        // A malformed stored hash is a failed check, not a 500 that tells the account exists.
        return false;
      }
    },
  };
}
