import { z } from 'zod';
import { CountyIdSchema, RoleSchema } from '../../../domain/access';
import { DisplayNameSchema, PasswordSchema, UsernameSchema } from '../../../domain/user';
import type { ApiAccounts, RouteTarget } from '../deps';
import { pageOf, PageInfo, PageQuery } from '../paging';
import { defineRoute } from '../route';

export const UserViewSchema = z
  .object({
    username: z.string(),
    displayName: z.string(),
    role: RoleSchema,
    county: z.string(),
    disabled: z.boolean(),
    createdAt: z.string(),
  })
  .meta({ id: 'User' });

export const UserCreateSchema = z
  .strictObject({
    username: UsernameSchema,
    displayName: DisplayNameSchema,
    role: RoleSchema,
    /** 10 to 200 characters; stored as an argon2id hash only. */
    password: PasswordSchema,
    /** Required of an installation admin; a county admin's own county when left out (another county: 403). */
    county: CountyIdSchema.optional(),
  })
  .meta({ id: 'UserCreate' });

export const UserPatchSchema = z
  .strictObject({
    /** true ends the user's sessions at once. */
    disabled: z.boolean().optional(),
    displayName: DisplayNameSchema.optional(),
    role: RoleSchema.optional(),
    /** A new password ends the user's sessions. */
    password: PasswordSchema.optional(),
  })
  .meta({ id: 'UserPatch' });

const UsersQuery = PageQuery.extend({
  /** An installation admin's filter; a county admin may name only their own county. */
  county: CountyIdSchema.optional(),
});

const UsernameParams = z.object({ username: UsernameSchema });

/** User accounts: a county admin manages their county's users, an installation admin every county's. */
export function userRoutes({ router, registry }: RouteTarget, accounts: ApiAccounts): void {
  const admin = accounts.admin;

  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/users',
    tag: 'users',
    summary: 'List user accounts (never their passwords), a page at a time in user name order',
    roles: [],
    installation: true,
    query: UsersQuery,
    response: z.object({ items: z.array(UserViewSchema), ...PageInfo }),
    handler: async ({ caller, query }) => pageOf(await admin.list(caller.county, query.county), query),
  });

  defineRoute(
    router,
    registry,
    {
      method: 'post',
      path: '/v1/users',
      tag: 'users',
      summary: 'Create a user account with a role, in the admin’s county',
      description: 'A taken user name (in any county) is 409 `conflict` naming body.username.',
      roles: [],
      installation: true,
      body: UserCreateSchema,
      status: 201,
      response: UserViewSchema,
      handler: ({ caller, body }) => admin.create(caller.county, body),
    },
    [409],
  );

  defineRoute(
    router,
    registry,
    {
      method: 'patch',
      path: '/v1/users/:username',
      tag: 'users',
      summary: 'Disable or enable a user, rename them, change their role or password',
      description: 'Disabling a user or setting a new password ends their sessions at once.',
      roles: [],
      installation: true,
      params: UsernameParams,
      body: UserPatchSchema,
      response: UserViewSchema,
      handler: ({ caller, params, body }) => admin.update(caller.county, params.username, body),
    },
    [404],
  );
}
