import type { Session } from '../../domain/session';

/** RFC 5545 TEXT escaping. */
export function icsText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (UTF-8), never inside a character; continuation lines start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch, 'utf8');
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + n > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += n;
  }
  out.push(cur);
  return out.join('\r\n ');
}

const stamp = (iso: string): string => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');

export interface IcsOptions {
  readonly calendarName: string;
  /** DTSTAMP of every event (the feed's generation time). */
  readonly now: Date;
  readonly roomName: (roomId: string) => string;
}

/**
 * An iCalendar feed of sessions (one VEVENT each, UTC times). Only case ids and rooms appear:
 * no party data.
 */
export function sessionsToIcs(sessions: readonly Session[], opts: IcsOptions): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//tiaojie//mediation sessions//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${icsText(opts.calendarName)}`,
  ];
  for (const s of sessions) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${icsText(`${s.caseId}.${s.id}@tiaojie`)}`,
      `DTSTAMP:${stamp(opts.now.toISOString())}`,
      `DTSTART:${stamp(new Date(s.start).toISOString())}`,
      `DTEND:${stamp(new Date(s.end).toISOString())}`,
      `SUMMARY:${icsText(`Mediation session${s.first ? '' : ' (follow-up)'} — case ${s.caseId}`)}`,
      `LOCATION:${icsText(opts.roomName(s.roomId))}`,
      `DESCRIPTION:${icsText(`Attempt ${s.attempt}; mediators ${s.mediatorIds.join(', ')}`)}`,
      `STATUS:${s.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
