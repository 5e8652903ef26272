import { useState } from 'preact/hooks';
import { ApiError, request } from '../api';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import type { CandidatesView, CaseView } from './case-data';
import { nameOf, type Names } from './panels';

const enc = encodeURIComponent;

/** What the page needs after a move: who had the case and their loads before it, to show the change. */
export interface MoveDone {
  readonly fromIds: readonly string[];
  readonly toIds: readonly string[];
  readonly loadsBefore: ReadonlyMap<string, number>;
}

/** The API's refusal in words: its message and each field it named. */
export function ApiProblem({ error }: { readonly error: unknown }) {
  const { t } = useLocale();
  if (!error) return null;
  const e = error instanceof ApiError ? error : undefined;
  const message = e?.status === 403 ? t('forbidden') : e?.status === 503 ? t('serviceUnavailable') : (error as Error).message;
  return (
    <div role="alert" class="error">
      <p>{t('errorGeneric', { message })}</p>
      {e && e.problems.length > 0 && (
        <ul>
          {e.problems.map((p, i) => (
            <li key={i}>{t('fieldProblem', { field: p.field, reason: p.reason })}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Loads before a move, from what the page read: the mediators it named, else the candidates' facts. */
function loadsBefore(ids: readonly string[], mediators: Names, candidates: CandidatesView | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const id of ids) {
    const known = mediators.get(id)?.load ?? candidates?.seats.flatMap((s) => s.candidates).find((c) => c.mediatorId === id)?.facts.load;
    if (known !== undefined) out.set(id, known);
  }
  return out;
}

/**
 * One action: assign the case to another mediator (one per seat) with a reason — a pin on a waiting
 * case, a reassignment on one already assigned (POST /v1/cases/:id/assignment). The choices are the
 * top candidates of each seat; the current mediator of a seat stays unless another is chosen.
 */
export function ReassignForm({
  view,
  candidates,
  mediators,
  onDone,
}: {
  readonly view: CaseView;
  readonly candidates: CandidatesView;
  readonly mediators: Names;
  readonly onDone: (done: MoveDone) => void;
}) {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const current = view.assignment?.mediatorIds ?? [];
  const [choice, setChoice] = useState<readonly string[]>(() => candidates.seats.map((_, i) => (i === 0 ? '' : (current[i] ?? ''))));
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);

  const submit = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    setSending(true);
    const toIds = choice.map((id, i) => id || current[i] || '');
    const before = loadsBefore([...new Set([...current, ...toIds])], mediators, candidates);
    try {
      const moved = await request<CaseView>('POST', `/v1/cases/${enc(view.id)}/assignment`, {
        body: { mediatorIds: toIds, reason: reason.trim() },
      });
      setReason('');
      onDone({ fromIds: current, toIds: moved.assignment?.mediatorIds ?? toIds, loadsBefore: before });
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };

  const complete = choice.every((id, i) => id !== '' || current[i] !== undefined) && choice.some((id, i) => id !== '' && id !== current[i]);
  return (
    <form class="reassign" data-testid="reassign" onSubmit={(e) => void submit(e)}>
      <h3>{t('sectionReassign')}</h3>
      {candidates.seats.map((seat, i) => (
        <label key={seat.role}>
          <span>
            {t('reassignTo')}
            {candidates.seats.length > 1 ? `（${label(labels.seatRoles[seat.role], seat.role)}）` : ''}
          </span>
          <select
            name={i === 0 ? 'mediatorId' : `mediatorId${i + 1}`}
            value={choice[i] ?? ''}
            data-write
            onChange={(ev) => setChoice(choice.map((c, j) => (j === i ? ev.currentTarget.value : c)))}
          >
            <option value="">{current[i] ? `${nameOf(current[i], mediators)}${t('currentMark')}` : t('reassignChoose')}</option>
            {seat.candidates
              .filter((c) => !c.current)
              .map((c) => (
                <option key={c.mediatorId} value={c.mediatorId}>
                  {c.mediator.name} · {label(labels.tiers[c.facts.tier], c.facts.tier)} ·{' '}
                  {t('loadWords', { load: c.facts.load, capacity: c.facts.capacity })}
                </option>
              ))}
          </select>
        </label>
      ))}
      <label>
        <span>{t('reassignReason')}</span>
        <textarea
          name="reason"
          required
          minLength={3}
          maxLength={500}
          rows={2}
          data-write
          value={reason}
          lang={locale}
          onInput={(ev) => setReason(ev.currentTarget.value)}
        />
      </label>
      <button type="submit" data-write disabled={sending || !complete || reason.trim().length < 3}>
        {sending ? t('reassignSending') : t('reassignSubmit')}
      </button>
      <ApiProblem error={error} />
    </form>
  );
}
