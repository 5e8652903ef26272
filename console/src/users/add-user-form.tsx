import { useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import { EMPTY_USER, ROLES, bodyOf, userFieldOf, type NewUser, type UserField, type UserRole } from './user-form';

/** Username, display name, role and password; the service's refusals appear under their inputs. */
export function AddUserForm({ onAdded }: { readonly onAdded: (username: string) => void }) {
  const { t, label } = useLocale();
  const labels = useLabels();
  const [user, setUser] = useState<NewUser>(EMPTY_USER);
  const [problems, setProblems] = useState<Partial<Record<UserField, string>>>({});
  const [general, setGeneral] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblems({});
    setGeneral(undefined);
    const body = bodyOf(user);
    try {
      await request('POST', '/v1/users', { body });
      setUser(EMPTY_USER);
      onAdded(body.username);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict') {
        setProblems({ username: t('usernameTaken') });
      } else if (err instanceof ApiError && err.problems.length > 0) {
        setProblems(Object.fromEntries(err.problems.map((p) => [userFieldOf(p.field), p.reason])));
      } else if (err instanceof ApiError && err.status === 403) {
        setGeneral(t('forbidden'));
      } else {
        setGeneral(t('errorGeneric', { message: err instanceof Error ? err.message : String(err) }));
      }
    } finally {
      setBusy(false);
    }
  };

  const input = (field: Exclude<UserField, 'role'>, text: 'username' | 'displayName' | 'password') => {
    const common = {
      name: field,
      required: true,
      value: user[field],
      'aria-invalid': problems[field] ? ('true' as const) : undefined,
      'aria-describedby': problems[field] ? `add-user-${field}-problem` : undefined,
      onInput: (e: Event) => setUser({ ...user, [field]: (e.currentTarget as HTMLInputElement).value }),
    };
    return (
      <label>
        {t(text)}
        {field === 'password' ? (
          <input type="password" autocomplete="new-password" minLength={10} {...common} />
        ) : (
          <input type="text" autocomplete="off" {...common} />
        )}
        {problems[field] && (
          <span class="error" id={`add-user-${field}-problem`} role="alert">
            {problems[field]}
          </span>
        )}
      </label>
    );
  };

  return (
    <form class="panel add-user" data-testid="add-user" onSubmit={(e) => void submit(e)}>
      <h2>{t('addUser')}</h2>
      <div class="add-user-fields">
        {input('username', 'username')}
        {input('displayName', 'displayName')}
        <label>
          {t('role')}
          <select name="role" value={user.role} onChange={(e) => setUser({ ...user, role: e.currentTarget.value as UserRole })}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {label(labels.roles[r], r)}
              </option>
            ))}
          </select>
          {problems.role && (
            <span class="error" role="alert">
              {problems.role}
            </span>
          )}
        </label>
        {input('password', 'password')}
        <button type="submit" data-write disabled={busy}>
          {t('add')}
        </button>
      </div>
      {general && (
        <p role="alert" class="error">
          {general}
        </p>
      )}
    </form>
  );
}
