import { z } from 'zod';

/** Who may call what: roles of API keys and users, and the county whose data they see. */
export const ROLES = ['court', 'dispatcher', 'viewer', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const CountyIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'county ids are lower-case letters, digits, "_" and "-"');

/** One API key: who holds it (role) and whose data it sees (county). */
export const ApiKeySchema = z.strictObject({
  key: z.string().min(16, 'API keys must be at least 16 characters'),
  role: RoleSchema,
  county: CountyIdSchema,
  /** Free label for logs ("court-system", "dispatcher-wang"); never the key itself. */
  label: z.string().optional(),
});
export type ApiKey = z.infer<typeof ApiKeySchema>;
