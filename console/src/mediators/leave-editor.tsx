import { useLabels } from '../labels';
import { useLocale } from '../locale';
import type { EditDraft, EditField } from './edit-form';
import { periodText } from './leave-text';

interface Props {
  readonly id: string;
  readonly draft: EditDraft;
  readonly problems: Partial<Record<EditField, string>>;
  readonly onChange: (d: EditDraft) => void;
}

/** A problem under its input, linked to it for screen readers. */
function Problem({ id, text }: { readonly id: string; readonly text: string | undefined }) {
  return text ? (
    <span class="error" id={id} role="alert">
      {text}
    </span>
  ) : null;
}

/** Status, the leave periods kept (each removable) and one new period, edited in the row. */
export function LeaveEditor({ id, draft, problems, onChange }: Props) {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const described = (f: EditField) => (problems[f] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${id}-${f}-problem` } : {});
  return (
    <div class="leave-editor">
      <label class="field">
        {t('mediatorStatus')}
        <select
          name="status"
          value={draft.status}
          {...described('status')}
          onChange={(e) => onChange({ ...draft, status: e.currentTarget.value as EditDraft['status'] })}
        >
          {(['active', 'on_leave'] as const).map((s) => (
            <option key={s} value={s}>
              {label(labels.mediatorStatuses[s], s)}
            </option>
          ))}
        </select>
        <Problem id={`${id}-status-problem`} text={problems.status} />
      </label>
      <ul class="leave-list">
        {draft.leave.map((p, i) => (
          <li key={`${p.from}/${p.until}/${i}`}>
            {periodText(p, locale, t)}{' '}
            <button
              type="button"
              class="link"
              data-write
              aria-label={t('removeLeave', { period: periodText(p, locale, t) })}
              onClick={() => onChange({ ...draft, leave: draft.leave.filter((_, j) => j !== i) })}
            >
              {t('remove')}
            </button>
          </li>
        ))}
      </ul>
      <Problem id={`${id}-leave-problem`} text={problems.leave} />
      <div class="leave-new">
        <label class="field">
          {t('leaveFrom')}
          <input
            name="leaveFrom"
            type="date"
            value={draft.leaveFrom}
            {...described('leaveFrom')}
            onInput={(e) => onChange({ ...draft, leaveFrom: e.currentTarget.value })}
          />
          <Problem id={`${id}-leaveFrom-problem`} text={problems.leaveFrom} />
        </label>
        <label class="field">
          {t('leaveUntil')}
          <input
            name="leaveUntil"
            type="date"
            value={draft.leaveUntil}
            {...described('leaveUntil')}
            onInput={(e) => onChange({ ...draft, leaveUntil: e.currentTarget.value })}
          />
          <Problem id={`${id}-leaveUntil-problem`} text={problems.leaveUntil} />
        </label>
      </div>
    </div>
  );
}
