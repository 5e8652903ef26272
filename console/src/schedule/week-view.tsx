import { ZONE, formatTime } from '../format';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import { casePath } from '../paths';
import type { TextKey } from '../text';
import { bucketByDay, shanghaiDate } from './week';
import type { SessionView } from './types';

const DAY_MS = 86_400_000;
const HALVES: readonly { half: 'am' | 'pm'; text: TextKey }[] = [
  { half: 'am', text: 'halfAm' },
  { half: 'pm', text: 'halfPm' },
];

interface Props {
  readonly weekStart: number;
  readonly sessions: readonly SessionView[];
  /** The line under the time: the room (mediator view) or the mediators (room view). */
  readonly where: (s: SessionView) => string;
  /** Days the mediator is away (mediator view): marked in words and shading. */
  readonly leaveDays?: ReadonlySet<string>;
}

/** Seven columns, Monday to Sunday (Asia/Shanghai), each with its morning and afternoon sessions. */
export function WeekView({ weekStart, sessions, where, leaveDays }: Props) {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const days = bucketByDay(sessions, weekStart);
  const today = shanghaiDate(Date.now());
  const heading = new Intl.DateTimeFormat(locale, {
    timeZone: ZONE,
    weekday: 'short',
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
  });
  return (
    <div class="week" data-testid="week">
      {[...days].map(([date, list], i) => (
        <section
          key={date}
          class={['day', date === today && 'today', leaveDays?.has(date) && 'on-leave'].filter(Boolean).join(' ')}
          data-day={date}
          aria-labelledby={`day-${date}`}
        >
          <h3 id={`day-${date}`}>
            {heading.format(new Date(weekStart + i * DAY_MS + DAY_MS / 2))}
            {date === today && <span class="today-tag"> {t('today')}</span>}
            {leaveDays?.has(date) && <span class="leave-tag">{t('onLeaveDay')}</span>}
          </h3>
          {HALVES.map(({ half, text }) => {
            const inHalf = list.filter((s) => s.slot.half === half);
            return (
              <div key={half} class="half">
                <h4>{t(text)}</h4>
                {inHalf.length === 0 && <p class="muted empty">{t('noSessionsInHalf')}</p>}
                {inHalf.map((s) => (
                  <article key={s.id} class={`session status-${s.status}`} data-session-id={s.id}>
                    <p class="time">
                      {formatTime(s.start, locale)}–{formatTime(s.end, locale)}
                    </p>
                    <p>
                      <a href={casePath(s.caseId)}>{s.caseId}</a>
                    </p>
                    <p class="muted">{where(s)}</p>
                    <p class="session-tags">
                      <span class="tag">{label(labels.sessionStatuses[s.status], s.status)}</span>
                      {s.first && <span class="tag">{t('firstSession')}</span>}
                      {s.attempt > 1 && <span class="tag">{t('attempt', { n: s.attempt })}</span>}
                    </p>
                  </article>
                ))}
              </div>
            );
          })}
        </section>
      ))}
    </div>
  );
}
