import { z } from 'zod';

/** Who may call what: roles of API keys and users, and the county whose data they see. */
export const ROLES = ['court', 'dispatcher', 'viewer', 'admin'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const CountyIdSchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'county ids are lower-case letters, digits, "_" and "-"');

/**
 * The county of an installation admin's key: the whole installation, no county in particular. Only
 * an admin key may carry it; it is never a county id (CountyIdSchema refuses it), so such a key
 * reaches the installation-wide routes (bull-board, /metrics) and no county's data.
 */
export const INSTALLATION_SCOPE = '*';

/** One API key: who holds it (role) and whose data it sees (county, or `*` for an installation admin). */
export const ApiKeySchema = z
  .strictObject({
    key: z.string().min(16, 'API keys must be at least 16 characters'),
    role: RoleSchema,
    county: z.union([CountyIdSchema, z.literal(INSTALLATION_SCOPE)]),
    /** Free label for logs ("court-system", "dispatcher-wang"); never the key itself. */
    label: z.string().optional(),
  })
  .refine((k) => k.county !== INSTALLATION_SCOPE || k.role === 'admin', {
    message: `only an admin key may have county "${INSTALLATION_SCOPE}" (the whole installation)`,
    path: ['county'],
  });
export type ApiKey = z.infer<typeof ApiKeySchema>;
