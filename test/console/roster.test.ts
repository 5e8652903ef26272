import {
  currentAndComingLeave,
  filterRoster,
  groupRoster,
  loadLevel,
  loadShare,
  loadText,
  onLeaveAt,
  type MediatorView,
} from '../../console/src/mediators/roster';

const m = (id: string, over: Partial<MediatorView> = {}): MediatorView => ({
  id,
  name: `name-${id}`,
  tier: 'village',
  organization: 'vc-1',
  organizationName: { zh: '一村人民调解委员会', en: 'One mediation committee' },
  township: 't01',
  capacity: 8,
  load: 0,
  status: 'active',
  leave: [],
  ...over,
});

describe('load against capacity', () => {
  test('when 3 of 8 seats are taken, then the bar is 37.5 % wide and reads 3/8', () => {
    expect(loadShare(3, 8)).toBeCloseTo(0.375);
    expect(loadText(3, 8)).toBe('3/8');
    expect(loadLevel(3, 8)).toBe('open');
  });
  test('when the load passes a lowered capacity, then the bar is full and the level says over', () => {
    expect(loadShare(5, 3)).toBe(1);
    expect(loadLevel(5, 3)).toBe('over');
    expect(loadLevel(3, 3)).toBe('full');
    expect(loadLevel(7, 8)).toBe('high');
  });
  test('when the capacity is 0, then no load is an empty bar and any load a full one', () => {
    expect(loadShare(0, 0)).toBe(0);
    expect(loadShare(1, 0)).toBe(1);
    expect(loadLevel(0, 0)).toBe('full');
  });
});

describe('leave', () => {
  const at = (iso: string) => Date.parse(iso);
  test('when a bare-date period covers the Shanghai day, then the mediator is on leave all that day', () => {
    const x = m('a', { leave: [{ from: '2026-12-07', until: '2026-12-08' }] });
    expect(onLeaveAt(x, at('2026-12-06T16:00:00Z'))).toBe(true); // 00:00 on 7 Dec in Shanghai
    expect(onLeaveAt(x, at('2026-12-06T15:59:59Z'))).toBe(false);
    expect(onLeaveAt(x, at('2026-12-08T15:59:59Z'))).toBe(true); // 23:59:59 on 8 Dec
    expect(onLeaveAt(x, at('2026-12-08T16:00:00Z'))).toBe(false);
  });
  test('when the status is on_leave, then the mediator is on leave whatever the periods', () => {
    expect(onLeaveAt(m('a', { status: 'on_leave' }), 0)).toBe(true);
  });
  test('when periods are past, current and coming, then only the current and coming ones are listed, by start', () => {
    const leave = [
      { from: '2026-12-20', until: '2026-12-21' },
      { from: '2026-11-01', until: '2026-11-02' },
      { from: '2026-12-05', until: '2026-12-07' },
    ];
    expect(currentAndComingLeave(leave, at('2026-12-06T04:00:00Z'))).toEqual([leave[2], leave[0]]);
  });
});

describe('filters and groups', () => {
  const roster = [
    m('v1', { load: 2 }),
    m('i1', { tier: 'industry', organization: 'medical', township: 't02', load: 8, capacity: 8 }),
    m('v2', { load: 6 }),
    m('g1', { tier: 'gold', organization: 'centre', name: '张金牌' }),
  ];
  test('when filtering by tier, organisation, township and text, then every condition must hold', () => {
    expect(filterRoster(roster, { tier: 'village' }).map((x) => x.id)).toEqual(['v1', 'v2']);
    expect(filterRoster(roster, { township: 't02' }).map((x) => x.id)).toEqual(['i1']);
    expect(filterRoster(roster, { organization: 'centre', text: '金牌' }).map((x) => x.id)).toEqual(['g1']);
    expect(filterRoster(roster, { text: 'V2' }).map((x) => x.id)).toEqual(['v2']);
    expect(filterRoster(roster, { tier: 'gold', township: 't02' })).toEqual([]);
  });
  test('when grouping by tier, then groups follow the given order, the busiest first inside, with summed load and capacity', () => {
    const groups = groupRoster(roster, 'tier', ['village', 'industry', 'gold'], (k) => k);
    expect(groups.map((g) => g.key)).toEqual(['village', 'industry', 'gold']);
    expect(groups[0]!.mediators.map((x) => x.id)).toEqual(['v2', 'v1']);
    expect([groups[0]!.load, groups[0]!.capacity]).toEqual([8, 16]);
  });
  test('when a key is not in the order, then its group comes last, by name', () => {
    const groups = groupRoster(roster, 'organization', ['centre'], (k) => ({ medical: 'b', 'vc-1': 'a' })[k] ?? k);
    expect(groups.map((g) => g.key)).toEqual(['centre', 'vc-1', 'medical']);
  });
});
