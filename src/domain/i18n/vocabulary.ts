import type { Label } from '../labels';
import type { Role } from '../access';
import type { CaseStatus, UnassignedReason } from '../case';
import type { HistoryAction } from '../lifecycle/state-machine';
import { FULFILMENT_MODE_LABELS } from '../fulfilment';
import { ASSISTANCE_LABELS, FULFILMENT_STATUS_LABELS, NOTICE_CHANNEL_LABELS } from '../fulfilment';
import { AGREEMENT_ROUTE_LABELS, AGREEMENT_ROUTE_STATUS_LABELS } from '../agreement';
import type { MediatorStatus } from '../mediator';
import type { RoomKind, Session } from '../session';
import { defaultDepartmentLabels } from '../config/departments-config';
import { SUMMONS_ACTION_LABELS, SUMMONS_STATUS_LABELS } from '../summons/summons-labels';
import { LIAISON_ROLE_LABELS } from '../panel';
import { CASE_CLASS_LABELS, CATEGORY_LABELS, CHANNEL_LABELS, SEAT_ROLE_LABELS, TIER_LABELS } from '../taxonomy';
import { INDICATOR_LABELS } from '../indicators';

/** Case states as the centre names them. */
export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, Label>> = {
  referred: { zh: '待分派', en: 'referred' },
  unassigned: { zh: '未分派', en: 'unassigned' },
  assigned: { zh: '已分派', en: 'assigned' },
  accepted: { zh: '已受理', en: 'accepted' },
  declined: { zh: '已拒收', en: 'declined' },
  session_scheduled: { zh: '已排期', en: 'session scheduled' },
  mediating: { zh: '调解中', en: 'mediating' },
  settled: { zh: '调解成功', en: 'settled' },
  attempt_failed: { zh: '调解未成', en: 'attempt failed' },
  returned_to_court: { zh: '退回法院', en: 'returned to court' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
  held: { zh: '待人工分派', en: 'held for a dispatcher' },
  proposed: { zh: '待确认', en: 'proposed' },
  awaiting_consent: { zh: '待当事人同意', en: 'awaiting consent' },
};

/** Why a dispatch left a case without a mediator. */
export const UNASSIGNED_REASON_LABELS: Readonly<Record<UnassignedReason, Label>> = {
  no_eligible_mediator: { zh: '无符合条件的调解员', en: 'no eligible mediator' },
  capacity: { zh: '符合条件的调解员均已满负荷', en: 'every eligible mediator is at capacity' },
  outranked: { zh: '力量紧张，更紧急的案件优先', en: 'capacity short; more urgent cases went first' },
  incomplete_panel: { zh: '重大案件调解组配不齐', en: 'the major-case panel could not be completed' },
  conflict: { zh: '数据已变化，待下次派单', en: 'data changed meanwhile; waits for the next dispatch' },
  invalid_record: { zh: '案件记录无效，已隔离', en: 'invalid record, set aside' },
};

/** What a case history entry records (issue 15: the case page's timeline). */
export const HISTORY_ACTION_LABELS: Readonly<Record<HistoryAction, Label>> = {
  assign: { zh: '分派', en: 'assigned' },
  mark_unassigned: { zh: '未能分派', en: 'left unassigned' },
  accept: { zh: '受理', en: 'accepted' },
  decline: { zh: '拒收', en: 'declined' },
  redispatch: { zh: '重新派单', en: 'sent back to dispatch' },
  schedule_session: { zh: '安排调解会', en: 'session scheduled' },
  cancel_session: { zh: '取消调解会', en: 'session cancelled' },
  start_mediation: { zh: '开始调解', en: 'mediation started' },
  adjourn: { zh: '休会待续', en: 'adjourned' },
  settle: { zh: '调解成功', en: 'settled' },
  fail_attempt: { zh: '调解未成', en: 'attempt failed' },
  escalate: { zh: '升级调解', en: 'escalated' },
  return_to_court: { zh: '退回法院', en: 'returned to court' },
  withdraw: { zh: '撤回', en: 'withdrawn' },
  extend_term: { zh: '延长期限', en: 'term extended' },
  record_consent: { zh: '记录当事人意见', en: 'consent answer recorded' },
  reassign: { zh: '改派', en: 'reassigned' },
};

/** Who holds an account or a key. */
export const ROLE_LABELS: Readonly<Record<Role, Label>> = {
  court: { zh: '法院对接', en: 'court' },
  dispatcher: { zh: '调度员', en: 'dispatcher' },
  viewer: { zh: '查看员', en: 'viewer' },
  admin: { zh: '管理员', en: 'admin' },
};

/** A mediator's availability for dispatch (PATCH /v1/mediators/:id `status`). */
export const MEDIATOR_STATUS_LABELS: Readonly<Record<MediatorStatus, Label>> = {
  active: { zh: '在岗', en: 'active' },
  on_leave: { zh: '休假', en: 'on leave' },
};

/** The kinds of room sessions are held in (src/domain/config/rooms.json). */
export const ROOM_KIND_LABELS: Readonly<Record<RoomKind, Label>> = {
  centre: { zh: '中心调解室', en: 'centre room' },
  legal_expert: { zh: '法律专家调解室', en: 'legal expert room' },
  named: { zh: '品牌调解室', en: 'named mediation room' },
  committee: { zh: '村（社区）调委会调解室', en: 'committee room' },
};

/** Where a mediation session stands. */
export const SESSION_STATUS_LABELS: Readonly<Record<Session['status'], Label>> = {
  scheduled: { zh: '已排期', en: 'scheduled' },
  held: { zh: '已召开', en: 'held' },
  cancelled: { zh: '已取消', en: 'cancelled' },
};

/**
 * Every closed vocabulary with its names in both languages: what `GET /v1/labels` serves, so the
 * console and any other client name things exactly as the service's own sentences do.
 */
export const VOCABULARY = {
  categories: CATEGORY_LABELS,
  tiers: TIER_LABELS,
  channels: CHANNEL_LABELS,
  classes: CASE_CLASS_LABELS,
  seatRoles: SEAT_ROLE_LABELS,
  statuses: CASE_STATUS_LABELS,
  roles: ROLE_LABELS,
  unassignedReasons: UNASSIGNED_REASON_LABELS,
  fulfilmentModes: FULFILMENT_MODE_LABELS,
  mediatorStatuses: MEDIATOR_STATUS_LABELS,
  roomKinds: ROOM_KIND_LABELS,
  sessionStatuses: SESSION_STATUS_LABELS,
  historyActions: HISTORY_ACTION_LABELS,
  // issue 17 — summons: the bundled roster's names (a county's own roster: GET /v1/departments).
  departments: defaultDepartmentLabels(),
  summonsStatuses: SUMMONS_STATUS_LABELS,
  summonsActions: SUMMONS_ACTION_LABELS,
  // issue 17 — after the agreement
  agreementRoutes: AGREEMENT_ROUTE_LABELS,
  agreementRouteStatuses: AGREEMENT_ROUTE_STATUS_LABELS,
  fulfilmentStatuses: FULFILMENT_STATUS_LABELS,
  noticeChannels: NOTICE_CHANNEL_LABELS,
  assistanceKinds: ASSISTANCE_LABELS,
  // issue 17, convening: a major case's panel plan (its departments are the roster's above).
  liaisonRoles: LIAISON_ROLE_LABELS,
  indicators: INDICATOR_LABELS,
} as const;
