import { useCallback, useEffect, useState } from 'preact/hooks';
import { ApiError, apiGet, request } from '../api';
import { formatDateTime } from '../format';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import { useSession } from '../session';
import { AddUserForm } from '../users/add-user-form';
import { sortUsers, type UserView } from '../users/user-form';
import '../users/users.css';

interface UserPage {
  readonly items: readonly UserView[];
  readonly total: number;
}

/** 用户管理 (admins): the county's accounts, add one, disable or enable one. */
export function Users() {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const { user: me } = useSession();
  const [users, setUsers] = useState<readonly UserView[] | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<string | undefined>(undefined);
  const isAdmin = me?.role === 'admin';

  const load = useCallback(async (signal?: AbortSignal) => {
    // A county has a handful of accounts: one page of the largest size holds them.
    const page = await apiGet<UserPage>('/v1/users?limit=1000', signal);
    setUsers(sortUsers(page.items));
  }, []);

  useEffect(() => {
    if (!isAdmin) return undefined;
    const ctl = new AbortController();
    load(ctl.signal).catch((e: Error) => !ctl.signal.aborted && setProblem(e.message));
    return () => ctl.abort();
  }, [isAdmin, load]);

  const setDisabled = async (u: UserView, disabled: boolean) => {
    setBusy(u.username);
    setProblem(undefined);
    try {
      const next = await request<UserView>('PATCH', `/v1/users/${encodeURIComponent(u.username)}`, { body: { disabled } });
      setUsers((list) => list && sortUsers(list.map((x) => (x.username === u.username ? { ...x, ...next } : x))));
    } catch (err) {
      setProblem(
        err instanceof ApiError && err.status === 403
          ? t('forbidden')
          : t('errorGeneric', { message: err instanceof Error ? err.message : String(err) }),
      );
    } finally {
      setBusy(undefined);
    }
  };

  const added = (username: string) => {
    setNotice(t('userAdded', { username }));
    load().catch((e: Error) => setProblem(e.message));
  };

  if (!isAdmin) {
    return (
      <section data-page="users" data-ready="true">
        <h1>{t('usersTitle')}</h1>
        <p role="alert">{t('adminOnly')}</p>
      </section>
    );
  }
  return (
    <section data-page="users" data-ready={users ? 'true' : undefined} class="users-page">
      <h1>{t('usersTitle')}</h1>
      <AddUserForm onAdded={added} />
      {notice && (
        <p role="status" class="notice">
          {notice}
        </p>
      )}
      {problem && (
        <p role="alert" class="error">
          {problem}
        </p>
      )}
      {!users && !problem && <p class="muted">{t('loading')}</p>}
      {users && (
        <>
          <p class="muted">{t('usersCount', { total: users.length })}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('username')}</th>
                <th scope="col">{t('displayName')}</th>
                <th scope="col">{t('role')}</th>
                <th scope="col">{t('county')}</th>
                <th scope="col">{t('accountState')}</th>
                <th scope="col">{t('createdAt')}</th>
                <th scope="col">
                  <span class="sr-only">{t('colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.username} data-username={u.username} class={u.disabled ? 'disabled' : undefined}>
                  <td>
                    {u.username}
                    {u.username === me.username && <span class="muted">{t('you')}</span>}
                  </td>
                  <td>{u.displayName}</td>
                  <td>{label(labels.roles[u.role], u.role)}</td>
                  <td>{u.county}</td>
                  <td>{u.disabled ? <span class="tag warn">{t('disabled')}</span> : t('enabled')}</td>
                  <td>{formatDateTime(u.createdAt, locale)}</td>
                  <td class="actions">
                    {u.username !== me.username && (
                      <button
                        type="button"
                        class="secondary"
                        data-action={u.disabled ? 'enable' : 'disable'}
                        data-write
                        disabled={busy === u.username}
                        aria-label={t(u.disabled ? 'enableUser' : 'disableUser', { name: u.displayName })}
                        onClick={() => void setDisabled(u, !u.disabled)}
                      >
                        {t(u.disabled ? 'enable' : 'disable')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
