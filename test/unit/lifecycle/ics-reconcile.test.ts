import { foldLine, icsText, sessionsToIcs } from '../../../src/adapters/http/calendar-ics';
import { reconcileWithCase } from '../../../src/domain/lifecycle/reconcile';
import { waitingCase } from '../domain/fixtures';
import { config, newFile } from './helpers';

describe('iCalendar feed', () => {
  it('when text has separators, then they are escaped; long lines fold at 75 octets without splitting characters', () => {
    expect(icsText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
    const long = 'LOCATION:' + '调解室'.repeat(20);
    const folded = foldLine(long);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n ').join('')).toBe(long);
  });

  it('when sessions are written, then each is a VEVENT with UTC times, no party data, CRLF line ends', () => {
    const ics = sessionsToIcs(
      [
        {
          id: 's1',
          caseId: 'c1',
          attempt: 1,
          first: true,
          mediatorIds: ['m1'],
          roomId: 'r1',
          slot: { date: '2026-03-02', half: 'am' },
          start: '2026-03-02T01:00:00.000Z',
          end: '2026-03-02T04:00:00.000Z',
          status: 'scheduled',
          arrivals: [],
        },
      ],
      { calendarName: 'm1', now: new Date('2026-03-01T00:00:00Z'), roomName: () => 'Room, one' },
    );
    expect(ics).toContain(
      '\r\nBEGIN:VEVENT\r\nUID:c1.s1@tiaojie\r\nDTSTAMP:20260301T000000Z\r\nDTSTART:20260302T010000Z\r\nDTEND:20260302T040000Z\r\n',
    );
    expect(ics).toContain('LOCATION:Room\\, one');
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.split('\r\n').filter((l) => l.includes('\n'))).toEqual([]);
  });
});

describe('reconcileWithCase', () => {
  it('when dispatch assigned the case since the file was saved, then the file gains the assign transition at the assignment time, version unchanged', () => {
    const f = newFile({ id: 'c1' });
    const c = waitingCase({
      id: 'c1',
      status: 'assigned',
      assignment: {
        mediatorIds: ['m9'],
        seats: [{ role: 'sole', mediatorId: 'm9', cost: 1 }],
        cost: 1,
        assignedAt: '2026-03-02T02:00:00.000Z',
        by: 'dispatcher',
      },
    });
    const r = reconcileWithCase(f, c, config);
    expect(r.status).toBe('assigned');
    expect(r.version).toBe(f.version);
    expect(r.history).toEqual([
      { from: 'referred', to: 'assigned', action: 'assign', by: 'dispatcher', at: '2026-03-02T02:00:00.000Z', mediatorIds: ['m9'] },
    ]);
    expect(reconcileWithCase(r, c, config)).toBe(r);
  });

  it('when dispatch could not assign it, then the file is marked unassigned with the reason', () => {
    const r = reconcileWithCase(
      newFile({ id: 'c1' }),
      waitingCase({ id: 'c1', status: 'unassigned', unassignedReason: 'capacity' }),
      config,
    );
    expect(r.status).toBe('unassigned');
    expect(r.history[0]).toMatchObject({ action: 'mark_unassigned', reason: 'capacity' });
  });
});
