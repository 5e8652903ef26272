import type { Locale } from './locale';

/**
 * Every sentence the service writes for people, in each language: pure data, `{name}` slots
 * filled by `format`. One place, so the console, the API and the CLI say the same thing and a new
 * language is one more column. Figures arrive already rounded (./numbers.ts).
 */
export const MESSAGES = {
  /** A mediator: name, tier, organisation, where. */
  person: { 'zh-CN': '{name}（{tier}，{organization}，{place}）', en: '{name} ({tier}, {organization}, {place})' },
  /** A village with its township. */
  place: { 'zh-CN': '{township}{village}', en: '{village}, {township}' },
  /** A village tier mediator's organisation: the committee of their village. */
  villageCommittee: { 'zh-CN': '{village}人民调解委员会', en: '{village} mediation committee' },
  /** The current mediator of the case, in a candidate list. */
  current: { 'zh-CN': '（本案当前调解员）', en: ' (current mediator of this case)' },
  chosen: { 'zh-CN': '选择{person}：{reason}。', en: 'Chosen: {person} — {reason}.' },
  nextBest: { 'zh-CN': '次选{person}，综合成本高{gap}。', en: 'Next best: {person}, costs {gap} more.' },
  /** The dispatcher's choice costs more than the optimizer's best (a pin). */
  nextBestCheaper: { 'zh-CN': '次选{person}，综合成本低{gap}。', en: 'Next best: {person}, costs {gap} less.' },
  onlyOne: { 'zh-CN': '选择{person}：唯一符合条件的调解员。', en: 'Chosen: {person} — the only eligible mediator.' },
  candidate: {
    'zh-CN':
      '{person}{current}：距离{km}公里，{category}熟练度{proficiency}，在办{load}/{capacity}件，预测成功率{success}，综合成本{total}。',
    en: '{person}{current}: {km} km away, proficiency in {category} disputes {proficiency}, load {load}/{capacity}, predicted success {success}, total cost {total}.',
  },
  travel: { 'zh-CN': '距离{km}公里（{other}为{otherKm}公里）', en: '{km} km away ({other}: {otherKm} km)' },
  expertise: {
    'zh-CN': '{category}熟练度{proficiency}（{other}为{otherProficiency}）',
    en: 'proficiency in {category} disputes {proficiency} ({other}: {otherProficiency})',
  },
  success: { 'zh-CN': '预测调解成功率{success}（{other}为{otherSuccess}）', en: 'predicted success {success} ({other}: {otherSuccess})' },
  load: {
    'zh-CN': '在办{load}/{capacity}件（{other}为{otherLoad}/{otherCapacity}件）',
    en: 'load {load}/{capacity} ({other}: {otherLoad}/{otherCapacity})',
  },
  /** The load term under seat pressure (issue 20): the pool is short of seats, so load weighs more. */
  loadShort: {
    'zh-CN': '在办{load}/{capacity}件（{other}为{otherLoad}/{otherCapacity}件）；本片区席位紧张，均衡负荷优先',
    en: 'load {load}/{capacity} ({other}: {otherLoad}/{otherCapacity}); seats are short in this area, so load is spread',
  },
  notGold: {
    'zh-CN': '非金牌调解员，金牌力量留给重大案件',
    en: 'not a gold-medal mediator, so scarce gold capacity stays free for major cases',
  },
  gold: { 'zh-CN': '金牌调解员，占用稀缺的金牌力量', en: 'a gold-medal mediator, spending scarce gold capacity' },
  ownPool: { 'zh-CN': '属本案首选调解力量（{other}为跨区调剂）', en: "from the case's own pool ({other} would be overflow)" },
  overflowPool: { 'zh-CN': '跨区调剂力量（{other}属首选）', en: 'overflow from outside the case’s own pool ({other} is in it)' },
  /** Facts of a mediator alone (no runner-up to compare with). */
  distanceOnly: { 'zh-CN': '距离{km}公里', en: '{km} km away' },
  expertiseOnly: { 'zh-CN': '{category}熟练度{proficiency}', en: 'proficiency in {category} disputes {proficiency}' },
  successOnly: { 'zh-CN': '预测调解成功率{success}', en: 'predicted success {success}' },
  loadOnly: { 'zh-CN': '在办{load}/{capacity}件', en: 'load {load}/{capacity}' },
  /** Rebalance: one seat moved. */
  move: { 'zh-CN': '案件{caseId}由{from}改派给{to}：{why}。', en: 'Case {caseId} moves from {from} to {to}: {why}.' },
  moveGain: { 'zh-CN': '综合成本降低{gain}，主要来自{terms}', en: 'the total cost falls by {gain}, mostly from {terms}' },
  moveGainNone: { 'zh-CN': '综合成本降低{gain}', en: 'the total cost falls by {gain}' },
  moveLeave: { 'zh-CN': '原调解员将休假', en: 'the current mediator will be on leave' },
  moveDeadline: { 'zh-CN': '原调解员无法在期限内办结', en: 'the current mediator cannot finish before the deadline' },
  moveIneligible: { 'zh-CN': '原调解员已不符合条件', en: 'the current mediator is no longer eligible' },
  termGain: { 'zh-CN': '{term}（{gain}）', en: '{term} ({gain})' },
  listSeparator: { 'zh-CN': '、', en: ', ' },
  reasonSeparator: { 'zh-CN': '；', en: '; ' },
  termExpertise: { 'zh-CN': '专业匹配', en: 'expertise' },
  termTravel: { 'zh-CN': '路程', en: 'travel' },
  termSuccess: { 'zh-CN': '预测成功率', en: 'predicted success' },
  termGoldPremium: { 'zh-CN': '金牌力量', en: 'gold-medal capacity' },
  termOverflow: { 'zh-CN': '跨区调剂', en: 'overflow' },
  termUrgency: { 'zh-CN': '紧迫程度', en: 'urgency' },
  termLoad: { 'zh-CN': '负荷均衡', en: 'load balance' },
  termPriority: { 'zh-CN': '优先顺序', en: 'deadline priority' },
  // issue 20 — dispatch when capacity is short
  /** A case that cannot wait for a later dispatch and meet its deadline; {due} is one of the due* keys. */
  servedFirst: { 'zh-CN': '优先办理：{due}', en: 'served first: {due}' },
  dueOverdue: { 'zh-CN': '已逾期', en: 'overdue' },
  dueToday: { 'zh-CN': '今日到期', en: 'due today' },
  dueTomorrow: { 'zh-CN': '明日到期', en: 'due tomorrow' },
  dueInDays: { 'zh-CN': '{days}日后到期', en: 'due in {days} days' },
  /** The runner-up's predicted success is lowered by their load (load-aware success). */
  overloaded: {
    'zh-CN': '{other}在办{otherLoad}/{otherCapacity}件，负荷过重，预测成功率降至{otherSuccess}',
    en: '{other} carries {otherLoad}/{otherCapacity} cases, at which load predicted success falls to {otherSuccess}',
  },
  /** Seats of a protected pool kept free for the cases expected over the horizon. */
  seatsKept: {
    'zh-CN': '{pool}预留{reserved}个席位：预计{horizon}日内将有{expected}件{caseClass}案件',
    en: '{reserved} {pool} seat(s) kept for the {expected} {caseClass} case(s) expected within {horizon} days',
  },
  poolGold: { 'zh-CN': '金牌调解员', en: 'gold-medal' },
  poolLegal: { 'zh-CN': '法律专家', en: 'legal-expert' },
  // issue 17, convening: why a major case's panel plan has the shape it has (cost-model/panel-plan.ts).
  panelManyParties: { 'zh-CN': '当事人{value}人（≥{threshold}），配两名专家', en: '{value} parties (≥ {threshold}): two experts' },
  panelLargeAmount: {
    'zh-CN': '争议金额{value}元（≥{threshold}），配两名专家',
    en: 'amount in dispute {value} yuan (≥ {threshold}): two experts',
  },
  panelRepeatPetitions: {
    'zh-CN': '已信访{value}次（≥{threshold}），配两名专家',
    en: '{value} earlier petitions (≥ {threshold}): two experts',
  },
  panelPetitioned: {
    'zh-CN': '当事人已信访{value}次，通知信访部门',
    en: 'the parties petitioned {value} time(s): the petition office is summoned',
  },
  panelLawByCategory: { 'zh-CN': '{category}需法律专业，配法律专家', en: '{category} disputes need law: a legal expert sits' },
  panelLawByAmount: {
    'zh-CN': '争议金额{value}元（≥{threshold}），配法律专家',
    en: 'amount in dispute {value} yuan (≥ {threshold}): a legal expert sits',
  },
  panelNoSector: {
    'zh-CN': '无行业调委会覆盖{category}，由法律专家担任专家',
    en: 'no sector organisation covers {category} disputes: the legal expert is the expert',
  },
  panelCourtChannel: { 'zh-CN': '法院委派案件，请法官参与联络', en: 'referred by the court: a judge joins as court liaison' },
  panelLawyerAmount: {
    'zh-CN': '争议金额{value}元（≥{threshold}），请律师参与',
    en: 'amount in dispute {value} yuan (≥ {threshold}): a lawyer joins',
  },
  panelDepartmentByCategory: { 'zh-CN': '{category}涉及本部门职责', en: '{category} disputes are within its remit' },
  panelDepartmentByChannel: { 'zh-CN': '案件由{channel}转来', en: 'the case came by {channel}' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageKey = keyof typeof MESSAGES;

/** A template split once into text and slot names: even indexes are text, odd ones slot names. */
const compiled = new Map<string, readonly string[]>();

function parts(key: MessageKey, locale: Locale): readonly string[] {
  const id = `${key}|${locale}`;
  let p = compiled.get(id);
  if (!p) compiled.set(id, (p = MESSAGES[key][locale].split(/\{(\w+)\}/)));
  return p;
}

/** The message in the locale with its `{slots}` filled; a slot without a value stays visible. */
export function format(key: MessageKey, locale: Locale, values: Readonly<Record<string, string | number>> = {}): string {
  const p = parts(key, locale);
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const part = p[i] as string;
    if (i % 2 === 0) out += part;
    else out += values[part] ?? `{${part}}`;
  }
  return out;
}
