import type { ExtensionRequest, FollowUpRecord } from '../fulfilment';
import type { LifecycleConfig } from '../config/lifecycle-config';
import type { CaseFile } from '../lifecycle-file';
import { addDays } from '../time';
import type { AfterAgreementOutcome } from './agreement-machine';
import { isClosed } from './fulfilment';

/**
 * Supervised fulfilment (延期帮扶履行): a party who truly cannot pay gets an extended period and
 * help. The extension is recorded (new due date, what help, by whom), an overdue fulfilment is
 * pending again, and follow-up visits are planned in the new period. The mode recorded at
 * settlement stays (the indicators count by it).
 */
export function extendFulfilment(file: CaseFile, body: ExtensionRequest, now: Date, config: LifecycleConfig): AfterAgreementOutcome {
  const next = structuredClone(file);
  const f = next.fulfilment;
  if (!next.settlement || !f) return { status: 'rejected', code: 'not_settled', message: 'the case has no settlement' };
  if (isClosed(f)) return { status: 'rejected', code: 'already_closed', message: `fulfilment is already ${f.status}` };
  const at = now.toISOString();
  const due = Date.parse(body.dueAt);
  if (due <= Date.parse(f.dueAt) || due <= now.getTime()) {
    return { status: 'invalid', field: 'body.dueAt', reason: `must be after the current due date (${f.dueAt}) and after now` };
  }
  const visits = body.followUpAt ?? defaultVisits(at, body.dueAt, config);
  const outside = visits.find((v) => Date.parse(v) <= now.getTime() || Date.parse(v) > due);
  if (outside !== undefined) {
    return {
      status: 'invalid',
      field: 'body.followUpAt',
      reason: `${outside} is not inside the extended period (after now, by ${body.dueAt})`,
    };
  }
  f.extensions = [...(f.extensions ?? []), { at, previousDueAt: f.dueAt, dueAt: body.dueAt, assistance: body.assistance, by: body.by }];
  f.dueAt = body.dueAt;
  if (f.status === 'overdue') f.status = 'pending';
  f.followUps.push(...[...visits].sort().map((v) => ({ at: v, done: false })));
  next.version += 1;
  return {
    status: 'ok',
    file: next,
    events: [{ type: 'fulfilment.extended', caseId: file.caseId, at, dueAt: body.dueAt, assistance: body.assistance }],
  };
}

/** The supervised mode's follow-up days counted from the extension, inside the period, and a visit on the new due date. */
function defaultVisits(from: string, dueAt: string, config: LifecycleConfig): string[] {
  const inside = config.fulfilment.followUpDays.supervised.map((d) => addDays(from, d)).filter((v) => Date.parse(v) < Date.parse(dueAt));
  return [...inside, dueAt];
}

/** Records follow-up visit `n` (1-based, in the order of `followUps`) as done or missed. */
export function recordFollowUp(file: CaseFile, n: number, body: FollowUpRecord, now: Date): AfterAgreementOutcome {
  const next = structuredClone(file);
  const f = next.fulfilment;
  if (!next.settlement || !f) return { status: 'rejected', code: 'not_settled', message: 'the case has no settlement' };
  const visit = f.followUps[n - 1];
  if (!visit) return { status: 'invalid', field: 'params.n', reason: `no follow-up ${n}: the case has ${f.followUps.length}` };
  if (visit.done || visit.missed) {
    return {
      status: 'rejected',
      code: 'follow_up_recorded',
      message: `follow-up ${n} is already recorded as ${visit.done ? 'done' : 'missed'}`,
    };
  }
  const at = body.at ?? now.toISOString();
  if (body.outcome === 'done') visit.done = true;
  else visit.missed = true;
  visit.recordedAt = at;
  next.version += 1;
  return {
    status: 'ok',
    file: next,
    events: [{ type: 'fulfilment.follow_up_recorded', caseId: file.caseId, at, visitAt: visit.at, outcome: body.outcome }],
  };
}
