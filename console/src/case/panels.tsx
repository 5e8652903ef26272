import type { ComponentChildren } from 'preact';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import { formatDateTime, formatNumber } from '../format';
import { deadlineStanding } from '../board/deadline';
import type { TextKey } from '../text';
import { clocksOf, type CandidatesView, type CaseFileView, type CaseView, type ClockKind, type MediatorView, type Seat } from './case-data';

export type Names = ReadonlyMap<string, MediatorView>;

/** A mediator's name, or the id when the page could not read them. */
export const nameOf = (id: string, mediators: Names): string => mediators.get(id)?.name ?? id;

export function useNames(mediators: Names): (ids: readonly string[] | undefined) => string {
  const { locale } = useLocale();
  return (ids) => (ids ?? []).map((id) => nameOf(id, mediators)).join(locale === 'en' ? ', ' : '、');
}

export function Panel({
  title,
  children,
  testid,
}: {
  readonly title: string;
  readonly children: ComponentChildren;
  readonly testid?: string;
}) {
  return (
    <section class="panel case-panel" data-testid={testid} aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** The referral by reference only: ids, names of places, the count of parties — never a party's own data. */
export function ReferralPanel({ view, townships }: { readonly view: CaseView; readonly townships: ReadonlyMap<string, string> }) {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const rows: [string, ComponentChildren][] = [
    [t('externalId'), view.externalId],
    [t('filterChannel'), label(labels.channels[view.channel], view.channel)],
    [t('category'), label(labels.categories[view.category], view.category)],
    [
      t('filterClass'),
      <>
        {label(labels.classes[view.class], view.class)}
        {view.classSource && <span class="muted">{t(view.classSource === 'given' ? 'classGiven' : 'classSuggested')}</span>}
      </>,
    ],
    [t('filterTownship'), townships.get(view.township) ?? view.township],
    [t('village'), townships.get(`${view.township}/${view.village}`) ?? view.village],
    [t('colReferredAt'), formatDateTime(view.referredAt, locale)],
  ];
  if (view.parties) rows.push([t('parties'), t('partiesCount', { count: view.parties.length })]);
  if (view.amountYuan) rows.push([t('amount'), t('yuan', { amount: formatNumber(view.amountYuan, locale, 0) })]);
  return (
    <Panel title={t('sectionReferral')}>
      <dl class="facts">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </Panel>
  );
}

const CLOCK_TEXT: Readonly<Record<ClockKind, TextKey>> = {
  deadline: 'clockDeadline',
  term: 'clockTerm',
  firstSession: 'clockFirstSession',
  proposal: 'clockProposal',
  confirmation: 'clockConfirmation',
  fulfilment: 'clockFulfilment',
  followUp: 'clockFollowUp',
};

/** Every legal clock with the time left, or when it was met. */
export function ClocksPanel({ view, file, now }: { readonly view: CaseView; readonly file?: CaseFileView; readonly now: number }) {
  const { t, locale } = useLocale();
  return (
    <Panel title={t('sectionClocks')} testid="clocks">
      <table class="clocks">
        <tbody>
          {clocksOf(view, file).map((c, i) => {
            const standing = deadlineStanding(c.at, now, locale);
            const urgency = c.metAt ? 'met' : standing.urgency;
            return (
              <tr key={`${c.kind}-${i}`} data-clock={c.kind} class={`clock ${urgency}`}>
                <th scope="row">
                  {t(CLOCK_TEXT[c.kind])}
                  {c.extendedDays ? t('clockTermExtended', { days: c.extendedDays }) : ''}
                </th>
                <td class="nowrap">{formatDateTime(c.at, locale)}</td>
                <td class="left">{c.metAt ? t('clockMet', { at: formatDateTime(c.metAt, locale) }) : standing.words}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Panel>
  );
}

function SeatWords({ seat, mediators }: { readonly seat: Seat; readonly mediators: Names }) {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const e = seat.explanation;
  return (
    <div class="seat">
      <h3>
        {label(labels.seatRoles[seat.role], seat.role)}
        {locale === 'en' ? ': ' : '：'}
        {nameOf(seat.mediatorId, mediators)}
      </h3>
      {e ? (
        <>
          <p class="summary-line">{e.summary ?? e.text}</p>
          {e.reasons && e.reasons.length > 0 && (
            <ol class="reasons">
              {e.reasons.map((r, i) => (
                <li key={i} class={i === 0 ? 'deciding' : undefined}>
                  {r}
                </li>
              ))}
            </ol>
          )}
        </>
      ) : (
        <p class="muted">{t('noExplanation')}</p>
      )}
    </div>
  );
}

/** Who has the case and why, in the page's language, the deciding reason first. */
export function AssignmentPanel({
  view,
  mediators,
  now,
  actions,
}: {
  readonly view: CaseView;
  readonly mediators: Names;
  readonly now: number;
  readonly actions?: ComponentChildren;
}) {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const names = useNames(mediators);
  const a = view.assignment;
  return (
    <Panel title={t('sectionAssignment')}>
      {a ? (
        <>
          <p class="muted">
            {t('assignedAtWords', {
              how: t(a.by === 'dispatcher' ? 'byDispatcher' : 'byOptimizer'),
              at: formatDateTime(a.assignedAt, locale),
            })}
          </p>
          <div data-testid="explanation">
            {a.seats.map((s) => (
              <SeatWords key={s.role} seat={s} mediators={mediators} />
            ))}
          </div>
        </>
      ) : (
        <p>
          {t('notAssigned')}
          {view.unassignedReason && (
            <span class="reason">：{label(labels.unassignedReasons[view.unassignedReason], view.unassignedReason)}</span>
          )}
        </p>
      )}
      {view.status === 'proposed' && view.proposal && (
        <div class="proposal">
          <p>
            {t('proposalWaiting', {
              names: names(view.proposal.mediatorIds),
              left: deadlineStanding(view.proposal.expiresAt, now, locale).words,
            })}
          </p>
          {view.proposal.seats.map((s) => (
            <SeatWords key={s.role} seat={s} mediators={mediators} />
          ))}
        </div>
      )}
      {actions}
    </Panel>
  );
}

/** The top candidates per seat (dispatchers), or the runners-up recorded at assignment (everyone else). */
export function CandidatesPanel({
  view,
  candidates,
  mediators,
}: {
  readonly view: CaseView;
  readonly candidates?: CandidatesView;
  readonly mediators: Names;
}) {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const tier = (x: string) => label(labels.tiers[x], x);
  const load = (f: { load: number; capacity: number }) => `${formatNumber(f.load, locale, 0)} / ${formatNumber(f.capacity, locale, 0)}`;
  if (candidates) {
    return (
      <Panel title={t('sectionCandidates')} testid="candidates">
        {candidates.excluded && <p class="reason">{t('noCandidates', { detail: candidates.excluded.detail })}</p>}
        {candidates.seats.map((seat) => (
          <table key={seat.role} class="candidates">
            <caption>{label(labels.seatRoles[seat.role], seat.role)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colRank')}</th>
                <th scope="col">{t('colMediator')}</th>
                <th scope="col">{t('colTier')}</th>
                <th scope="col">{t('colLoad')}</th>
                <th scope="col">{t('colWhy')}</th>
              </tr>
            </thead>
            <tbody>
              {seat.candidates.map((c, i) => (
                <tr key={c.mediatorId} data-mediator-id={c.mediatorId} class={c.current ? 'current' : undefined}>
                  <td>{i + 1}</td>
                  <td>
                    {c.mediator.name}
                    {c.current && <strong>{t('currentMark')}</strong>}
                  </td>
                  <td>{tier(c.facts.tier)}</td>
                  <td class="nowrap">{load(c.facts)}</td>
                  <td>
                    <p class="summary-line">{c.summary}</p>
                    {c.reasons.length > 0 && (
                      <ul class="reasons">
                        {c.reasons.map((r, j) => (
                          <li key={j}>{r}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </Panel>
    );
  }
  const seats = view.assignment?.seats.filter((s) => s.explanation && s.explanation.alternatives.length > 0) ?? [];
  if (seats.length === 0) return null;
  return (
    <Panel title={t('sectionRunnersUp')} testid="candidates">
      {seats.map((seat) => (
        <table key={seat.role} class="candidates">
          <caption>{label(labels.seatRoles[seat.role], seat.role)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colRank')}</th>
              <th scope="col">{t('colMediator')}</th>
              <th scope="col">{t('colTier')}</th>
              <th scope="col">{t('colLoad')}</th>
            </tr>
          </thead>
          <tbody>
            {seat.explanation?.alternatives.map((c, i) => (
              <tr key={c.mediatorId} data-mediator-id={c.mediatorId}>
                <td>{i + 2}</td>
                <td>{nameOf(c.mediatorId, mediators)}</td>
                <td>{tier(c.facts.tier)}</td>
                <td class="nowrap">{load(c.facts)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </Panel>
  );
}
