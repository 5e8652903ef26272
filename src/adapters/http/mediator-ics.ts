import type { Response } from 'express';
import { loadRoomsConfig } from '../../domain/config/rooms-config';
import { NotFoundError } from '../../domain/errors';
import { sessionsToIcs } from './calendar-ics';
import type { ApiStores } from './deps';

const DAY = 86_400_000;

/** Writes a mediator's .ics reply (30 days back to a year ahead); both the bearer route and the secret feed URL send it. */
export type MediatorIcsWriter = (county: string, mediatorId: string, res: Response) => Promise<void>;

export function mediatorIcsWriter(stores: ApiStores): MediatorIcsWriter {
  const roomById = new Map(loadRoomsConfig().rooms.map((r) => [r.id, r]));
  const roomName = (id: string): string => {
    const r = roomById.get(id);
    return r ? `${r.name.zh} (${r.name.en})` : id;
  };
  return async (county, mediatorId, res) => {
    if (!(await stores.mediators(county).get(mediatorId))) throw new NotFoundError('mediator', mediatorId);
    const now = new Date();
    const sessions = await stores
      .calendars(county)
      .calendar('mediator', mediatorId, new Date(now.getTime() - 30 * DAY), new Date(now.getTime() + 365 * DAY));
    const ics = sessionsToIcs(sessions, { calendarName: `tiaojie — ${mediatorId}`, now, roomName });
    res.status(200).type('text/calendar; charset=utf-8').setHeader('Content-Disposition', `inline; filename="${mediatorId}.ics"`);
    res.send(ics);
  };
}
