import { TEXT, type TextKey } from '../../console/src/text';

const slots = (template: string): string[] => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

/** Words of the mediators, schedule and users pages whose sentences carry slots or must be Chinese. */
const MINE: readonly TextKey[] = [
  'rosterShownOf',
  'groupSummary',
  'leavePeriod',
  'editOf',
  'removeLeave',
  'weekOf',
  'sessionsThisWeek',
  'attempt',
  'disableUser',
  'enableUser',
  'userAdded',
  'usersCount',
  'capacityWhole',
  'leaveBothDates',
  'leaveUntilBeforeFrom',
  'capacityBelowLoad',
  'icsReplaceWarning',
  'icsUrl',
  'usernameTaken',
  'onLeaveDay',
];

describe('the console words of the mediators, schedule and users pages', () => {
  test('when a sentence has slots, then Chinese and English have the same ones', () => {
    for (const key of MINE) expect([key, slots(TEXT[key]['zh-CN'])]).toEqual([key, slots(TEXT[key].en)]);
  });
  test('when a word is shown in Chinese, then it is Chinese', () => {
    for (const key of MINE) expect([key, /[\u4e00-\u9fff]/.test(TEXT[key]['zh-CN'])]).toEqual([key, true]);
  });
});
