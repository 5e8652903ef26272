import { useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import { useSession } from '../session';
import { draftOf, fieldOfProblem, patchOf, type EditDraft, type EditField } from './edit-form';
import { LoadBar } from './load-bar';
import { currentAndComingLeave, onLeaveAt, type LabelText, type MediatorView } from './roster';
import { LeaveEditor } from './leave-editor';
import { periodText } from './leave-text';

export interface RowProps {
  readonly m: MediatorView;
  readonly places: ReadonlyMap<string, LabelText>;
  readonly now: number;
  readonly editing: boolean;
  readonly onEdit: (id: string | undefined) => void;
  readonly onSaved: (m: MediatorView) => void;
}

type Problems = Partial<Record<EditField, string>>;

/** One mediator; in edit mode its status, leave and capacity cells turn into inputs. */
export function RosterRow({ m, places, now, editing, onEdit, onSaved }: RowProps) {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const { canWrite } = useSession();
  const [draft, setDraft] = useState<EditDraft>(() => draftOf(m));
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  const coming = currentAndComingLeave(m.leave, now);

  const start = () => {
    setDraft(draftOf(m));
    setProblems({});
    onEdit(m.id);
  };

  const save = async () => {
    const { patch, problems: found } = patchOf(m, draft);
    if (found.length > 0) return setProblems(Object.fromEntries(found.map((p) => [p.field, t(p.text)])));
    if (Object.keys(patch).length === 0) return onEdit(undefined);
    setBusy(true);
    try {
      onSaved(await request<MediatorView>('PATCH', `/v1/mediators/${encodeURIComponent(m.id)}`, { body: patch }));
      onEdit(undefined);
    } catch (err) {
      const added = draft.leaveFrom !== '' && draft.leaveUntil !== '';
      const sent = patch.leave?.length ?? 0;
      if (err instanceof ApiError && err.problems.length > 0) {
        setProblems(Object.fromEntries(err.problems.map((p) => [fieldOfProblem(p.field, sent, added), p.reason])));
      } else {
        setProblems({
          capacity:
            err instanceof ApiError && err.status === 403
              ? t('forbidden')
              : t('errorGeneric', { message: err instanceof Error ? err.message : String(err) }),
        });
      }
    } finally {
      setBusy(false);
    }
  };

  const village = m.village ? places.get(m.village) : undefined;
  return (
    <tr data-mediator-id={m.id} class={editing ? 'editing' : undefined}>
      <td>
        <span class="name">{m.name}</span>
        <span class="muted id">{m.id}</span>
      </td>
      <td>{label(labels.tiers[m.tier], m.tier)}</td>
      <td>{label(m.organizationName, m.organization)}</td>
      <td>
        {label(places.get(m.township), m.township)}
        {village && <span class="muted"> · {label(village)}</span>}
      </td>
      <td>
        {editing ? (
          <LeaveEditor id={m.id} draft={draft} problems={problems} onChange={setDraft} />
        ) : (
          <>
            <span class={m.status === 'on_leave' ? 'tag warn' : 'tag'}>{label(labels.mediatorStatuses[m.status], m.status)}</span>
            {m.status === 'active' && onLeaveAt(m, now) && <span class="tag warn">{t('onLeaveNow')}</span>}
            {coming.length > 0 && (
              <ul class="leave-list">
                {coming.map((p) => (
                  <li key={`${p.from}/${p.until}`}>{periodText(p, locale, t)}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </td>
      <td class="load-cell">
        <LoadBar load={m.load} capacity={m.capacity} />
        {editing && (
          <label class="field">
            {t('capacity')}
            <input
              name="capacity"
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              value={draft.capacity}
              aria-invalid={problems.capacity ? 'true' : undefined}
              aria-describedby={problems.capacity ? `${m.id}-capacity-problem` : undefined}
              onInput={(e) => setDraft({ ...draft, capacity: e.currentTarget.value })}
            />
            {problems.capacity && (
              <span class="error" id={`${m.id}-capacity-problem`} role="alert">
                {problems.capacity}
              </span>
            )}
            {Number(draft.capacity) < m.load && !problems.capacity && <span class="muted note">{t('capacityBelowLoad')}</span>}
          </label>
        )}
      </td>
      <td class="actions">
        {canWrite && !editing && (
          <button type="button" class="secondary" data-action="edit" data-write aria-label={t('editOf', { name: m.name })} onClick={start}>
            {t('edit')}
          </button>
        )}
        {canWrite && editing && (
          <>
            <button type="button" data-action="save" data-write disabled={busy} onClick={() => void save()}>
              {busy ? t('saving') : t('save')}
            </button>
            <button type="button" class="secondary" disabled={busy} onClick={() => onEdit(undefined)}>
              {t('cancel')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}
