import type { Label } from '../labels';
import type { SummonsAction, SummonsStatus } from './summons';

/** Where a summons stands, as the centre names it (GET /v1/labels `summonsStatuses`). */
export const SUMMONS_STATUS_LABELS: Readonly<Record<SummonsStatus, Label>> = {
  issued: { zh: '已召集', en: 'issued' },
  acknowledged: { zh: '已响应', en: 'acknowledged' },
  checked_in: { zh: '已报到', en: 'checked in' },
  missed: { zh: '未到位', en: 'missed' },
  cancelled: { zh: '已撤销', en: 'cancelled' },
};

/** What a summons's history records (GET /v1/labels `summonsActions`). */
export const SUMMONS_ACTION_LABELS: Readonly<Record<SummonsAction, Label>> = {
  acknowledge: { zh: '响应召集', en: 'acknowledged' },
  check_in: { zh: '到位报到', en: 'checked in' },
  cancel: { zh: '撤销召集', en: 'cancelled' },
  miss: { zh: '逾时未到，报告中心主任', en: 'missed; escalated to the director' },
};
