import { useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { useLocale } from '../locale';
import {
  defaultRequiredBy,
  departmentsFor,
  summonsBody,
  summonsFieldOf,
  type DepartmentView,
  type SummonsDraft,
  type SummonsField,
} from './summons-data';

/**
 * 吹哨: summon one or more departments to the case for a reason by a required time (China Standard
 * Time). The departments answering for the case's category come first, marked; the service's
 * refusals appear under their inputs.
 */
export function SummonsForm({
  caseId,
  departments,
  category,
  nameOf,
  onDone,
}: {
  readonly caseId: string;
  readonly departments: readonly DepartmentView[];
  readonly category: string;
  readonly nameOf: (id: string) => string;
  readonly onDone: () => void;
}) {
  const { t, locale } = useLocale();
  const fresh = (): SummonsDraft => ({ departments: [], reason: '', requiredBy: defaultRequiredBy(Date.now()) });
  const [draft, setDraft] = useState<SummonsDraft>(fresh);
  const [problems, setProblems] = useState<Partial<Record<SummonsField, string>>>({});
  const [general, setGeneral] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<number | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblems({});
    setGeneral(undefined);
    setDone(undefined);
    try {
      const reply = await request<{ created: number }>('POST', `/v1/cases/${encodeURIComponent(caseId)}/summonses`, {
        body: summonsBody(draft),
      });
      setDraft(fresh());
      setDone(reply.created);
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.problems.length > 0) {
        setProblems(Object.fromEntries(err.problems.map((p) => [summonsFieldOf(p.field), p.reason])));
      } else if (err instanceof ApiError && err.status === 403) {
        setGeneral(t('forbidden'));
      } else {
        setGeneral(t('errorGeneric', { message: err instanceof Error ? err.message : String(err) }));
      }
    } finally {
      setBusy(false);
    }
  };

  const problem = (field: SummonsField) =>
    problems[field] && (
      <span class="error" id={`summon-${field}-problem`} role="alert">
        {problems[field]}
      </span>
    );
  const described = (field: SummonsField) =>
    problems[field] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `summon-${field}-problem` } : {};
  const toggle = (id: string, on: boolean) =>
    setDraft({ ...draft, departments: on ? [...draft.departments, id] : draft.departments.filter((d) => d !== id) });

  return (
    <form class="summon" data-testid="summon" onSubmit={(e) => void submit(e)}>
      <h3>{t('smFormTitle')}</h3>
      <fieldset {...described('departments')}>
        <legend>{t('smChooseDepartments')}</legend>
        <div class="department-choices">
          {departmentsFor(departments, category).map((d) => (
            <label key={d.id} class="check">
              <input
                type="checkbox"
                name="department"
                value={d.id}
                data-write
                checked={draft.departments.includes(d.id)}
                onChange={(ev) => toggle(d.id, ev.currentTarget.checked)}
              />
              {nameOf(d.id)}
              {d.categories.includes(category) && <span class="relevant">{t('smRelevant')}</span>}
            </label>
          ))}
        </div>
        {problem('departments')}
      </fieldset>
      <label>
        <span>{t('smReason')}</span>
        <textarea
          name="reason"
          rows={2}
          maxLength={500}
          lang={locale}
          data-write
          value={draft.reason}
          {...described('reason')}
          onInput={(ev) => setDraft({ ...draft, reason: ev.currentTarget.value })}
        />
        {problem('reason')}
      </label>
      <label>
        <span>
          {t('smRequiredBy')}
          <span class="muted">{t('smTimeZone')}</span>
        </span>
        <input
          type="datetime-local"
          name="requiredBy"
          data-write
          value={draft.requiredBy}
          {...described('requiredBy')}
          onInput={(ev) => setDraft({ ...draft, requiredBy: ev.currentTarget.value })}
        />
        {problem('requiredBy')}
      </label>
      <button type="submit" data-write disabled={busy || draft.departments.length === 0 || draft.reason.trim() === ''}>
        {busy ? t('smSending') : t('smSubmit')}
      </button>
      {done !== undefined && (
        <p role="status" class="ok">
          {t('smDone', { n: done })}
        </p>
      )}
      {general && (
        <p role="alert" class="error">
          {general}
        </p>
      )}
    </form>
  );
}
