import { useState } from 'preact/hooks';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import { filterRoster, type MediatorView } from '../mediators/roster';
import type { RoomView } from './types';

/** Groups items by a key in first-seen order (tiers and kinds as the service lists them). */
function groupsOf<T>(items: readonly T[], key: (x: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = groups.get(k);
    if (list) list.push(x);
    else groups.set(k, [x]);
  }
  return [...groups];
}

interface MediatorPickerProps {
  readonly roster: readonly MediatorView[];
  readonly value: string;
  readonly onChange: (id: string) => void;
}

/** One of the 555 mediators: a name filter narrows the list, grouped by tier. */
export function MediatorPicker({ roster, value, onChange }: MediatorPickerProps) {
  const { t, label } = useLocale();
  const labels = useLabels();
  const [text, setText] = useState('');
  const tiers = Object.keys(labels.tiers);
  const shown = filterRoster(roster, { text });
  const selected = roster.find((m) => m.id === value);
  const list = selected && !shown.includes(selected) ? [selected, ...shown] : shown;
  const sorted = [...list].sort((a, b) => tiers.indexOf(a.tier) - tiers.indexOf(b.tier) || a.name.localeCompare(b.name, 'zh-CN'));
  return (
    <>
      <label>
        {t('filterText')}
        <input name="mediatorFilter" type="search" value={text} onInput={(e) => setText(e.currentTarget.value)} />
      </label>
      <label>
        {t('mediator')}
        <select name="mediator" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
          {groupsOf(sorted, (m) => m.tier).map(([tier, ms]) => (
            <optgroup key={tier} label={label(labels.tiers[tier], tier)}>
              {ms.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} · {label(m.organizationName, m.organization)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </label>
    </>
  );
}

interface RoomPickerProps {
  readonly rooms: readonly RoomView[];
  readonly value: string;
  readonly onChange: (id: string) => void;
}

/** One room, grouped by kind. */
export function RoomPicker({ rooms, value, onChange }: RoomPickerProps) {
  const { t, label } = useLocale();
  const labels = useLabels();
  return (
    <label>
      {t('room')}
      <select name="room" value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {groupsOf(rooms, (r) => r.kind).map(([kind, rs]) => (
          <optgroup key={kind} label={label(labels.roomKinds[kind], kind)}>
            {rs.map((r) => (
              <option key={r.id} value={r.id}>
                {label(r.name, r.id)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </label>
  );
}
