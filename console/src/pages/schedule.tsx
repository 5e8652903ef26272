import { useEffect, useMemo, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { apiGet, query } from '../api';
import { formatDate } from '../format';
import { useLocale } from '../locale';
import { fetchRoster } from '../mediators/directory';
import { onLeaveAt, type MediatorView } from '../mediators/roster';
import { BASE } from '../paths';
import { IcsPanel } from '../schedule/ics-panel';
import { MediatorPicker, RoomPicker } from '../schedule/pickers';
import type { CalendarView, RoomView, SessionView } from '../schedule/types';
import { shiftWeek, weekDates, weekStartOf, weekWindow } from '../schedule/week';
import { WeekView } from '../schedule/week-view';
import '../schedule/schedule.css';

type Mode = 'mediator' | 'room';

const DAY_MS = 86_400_000;

interface Directory {
  readonly roster: readonly MediatorView[];
  readonly rooms: readonly RoomView[];
}

/** The busiest mediator: the likeliest to have sessions, so the page opens on something to see. */
const busiest = (roster: readonly MediatorView[]) =>
  roster.reduce<MediatorView | undefined>((b, m) => (!b || m.load > b.load ? m : b), undefined);

/**
 * 日程: a week (Monday–Sunday, Asia/Shanghai) of one mediator's or one room's sessions; the
 * choice lives in the address (?mediator= / ?room= and ?week=), so a link opens the same view.
 */
export function Schedule() {
  const { t, label, locale } = useLocale();
  const { query: q, route } = useLocation();
  const [dir, setDir] = useState<Directory | undefined>(undefined);
  const [calendar, setCalendar] = useState<CalendarView | undefined>(undefined);
  const [failed, setFailed] = useState<string | undefined>(undefined);

  const mode: Mode = q.room ? 'room' : 'mediator';
  const weekStart = weekStartOf(q.week && !Number.isNaN(Date.parse(q.week)) ? Date.parse(q.week) : Date.now());
  const mediatorId = q.mediator ?? (dir ? (busiest(dir.roster)?.id ?? '') : '');
  const roomId = q.room ?? '';
  const subject = mode === 'room' ? roomId : mediatorId;

  const go = (next: { mediator?: string; room?: string; week?: number }) => {
    const week = next.week ?? weekStart;
    const params = { mediator: next.mediator, room: next.room, week: new Date(week).toISOString() };
    route(`${BASE}/schedule${query(params)}`, true);
  };

  useEffect(() => {
    const ctl = new AbortController();
    Promise.all([fetchRoster(ctl.signal), apiGet<{ rooms: RoomView[] }>('/v1/calendars/rooms', ctl.signal)]).then(
      ([roster, r]) => setDir({ roster, rooms: r.rooms }),
      (e: Error) => !ctl.signal.aborted && setFailed(e.message),
    );
    return () => ctl.abort();
  }, []);

  useEffect(() => {
    if (!subject) return undefined;
    const ctl = new AbortController();
    setCalendar(undefined);
    setFailed(undefined);
    const path =
      mode === 'room' ? `/v1/calendars/rooms/${encodeURIComponent(subject)}` : `/v1/calendars/mediators/${encodeURIComponent(subject)}`;
    apiGet<CalendarView>(`${path}${query(weekWindow(weekStart))}`, ctl.signal).then(setCalendar, (e: Error) => {
      if (!ctl.signal.aborted) setFailed(e.message);
    });
    return () => ctl.abort();
  }, [mode, subject, weekStart]);

  const names = useMemo(() => new Map((dir?.roster ?? []).map((m) => [m.id, m.name])), [dir]);
  const rooms = useMemo(() => new Map((dir?.rooms ?? []).map((r) => [r.id, r])), [dir]);
  const where = (s: SessionView) =>
    mode === 'room' ? s.mediatorIds.map((id) => names.get(id) ?? id).join('、') : label(rooms.get(s.roomId)?.name, s.roomId);
  const sunday = shiftWeek(weekStart, 1) - 1;
  const leaveDays = useMemo(() => {
    const m = mode === 'mediator' ? dir?.roster.find((x) => x.id === mediatorId) : undefined;
    // Noon of each Shanghai day: a bare-date period covers the whole day, so any hour would do.
    return new Set(m ? weekDates(weekStart).filter((_, i) => onLeaveAt(m, weekStart + i * DAY_MS + DAY_MS / 2)) : []);
  }, [dir, mode, mediatorId, weekStart]);

  return (
    <section data-page="schedule" data-ready={dir && (calendar || !subject) ? 'true' : undefined} class="schedule-page">
      <h1>{t('scheduleTitle')}</h1>
      {failed && (
        <p role="alert" class="error">
          {t('errorGeneric', { message: failed })}
        </p>
      )}
      {!dir && !failed && <p class="muted">{t('loading')}</p>}
      {dir && (
        <form class="filters" onSubmit={(e) => e.preventDefault()}>
          <fieldset class="mode">
            <legend>{t('viewMode')}</legend>
            {(['mediator', 'room'] as const).map((m) => (
              <label key={m}>
                <input
                  type="radio"
                  name="mode"
                  value={m}
                  checked={mode === m}
                  onChange={() => go(m === 'room' ? { room: roomId || dir.rooms[0]?.id } : { mediator: mediatorId })}
                />
                {t(m === 'room' ? 'byRoom' : 'byMediator')}
              </label>
            ))}
          </fieldset>
          {mode === 'mediator' ? (
            <MediatorPicker roster={dir.roster} value={mediatorId} onChange={(id) => go({ mediator: id })} />
          ) : (
            <RoomPicker rooms={dir.rooms} value={roomId} onChange={(id) => go({ room: id })} />
          )}
          <div class="week-nav">
            <button
              type="button"
              class="secondary"
              onClick={() => go({ mediator: q.mediator, room: q.room, week: shiftWeek(weekStart, -1) })}
            >
              {t('previousWeek')}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => go({ mediator: q.mediator, room: q.room, week: weekStartOf(Date.now()) })}
            >
              {t('thisWeek')}
            </button>
            <button
              type="button"
              class="secondary"
              onClick={() => go({ mediator: q.mediator, room: q.room, week: shiftWeek(weekStart, 1) })}
            >
              {t('nextWeek')}
            </button>
          </div>
        </form>
      )}
      {dir && (
        <h2 aria-live="polite">
          {t('weekOf', {
            from: formatDate(new Date(weekStart).toISOString(), locale),
            to: formatDate(new Date(sunday).toISOString(), locale),
          })}
          {calendar && <span class="muted"> · {t('sessionsThisWeek', { count: calendar.sessions.length })}</span>}
        </h2>
      )}
      {calendar && <WeekView weekStart={weekStart} sessions={calendar.sessions} where={where} leaveDays={leaveDays} />}
      {dir && mode === 'mediator' && mediatorId && <IcsPanel mediatorId={mediatorId} />}
    </section>
  );
}
