import { useMemo } from 'preact/hooks';
import { useLabels, type Label } from '../labels';
import { useLocale } from '../locale';
import type { TextKey } from '../text';
import { BOARD_STATUSES, FILTER_NAMES, type BoardFilters, type BoardOrder } from './rows';
import type { BoardData } from './use-board';

interface Option {
  readonly value: string;
  readonly text: string;
}

function Select({
  name,
  text,
  value,
  options,
  onChange,
}: {
  readonly name: string;
  readonly text: string;
  readonly value: string;
  readonly options: readonly Option[];
  readonly onChange: (v: string) => void;
}) {
  const { t } = useLocale();
  return (
    <label class="filter">
      <span>{text}</span>
      <select name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">{t('filterAll')}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.text}
          </option>
        ))}
      </select>
    </label>
  );
}

const FILTER_TEXT: Readonly<Record<(typeof FILTER_NAMES)[number], TextKey>> = {
  status: 'filterStatus',
  channel: 'filterChannel',
  class: 'filterClass',
  township: 'filterTownship',
  mediator: 'filterMediator',
};

/** The board's five filters (status, channel, class, township, mediator) and its order. */
export function BoardFilterBar({
  filters,
  setFilters,
  order,
  setOrder,
  board,
}: {
  readonly filters: BoardFilters;
  readonly setFilters: (patch: BoardFilters) => void;
  readonly order: BoardOrder;
  readonly setOrder: (o: BoardOrder) => void;
  readonly board: BoardData;
}) {
  const { t, label, locale } = useLocale();
  const labels = useLabels();
  const fromLabels = (map: Readonly<Record<string, Label>>, keys: readonly string[] = Object.keys(map)) =>
    keys.map((k) => ({ value: k, text: label(map[k], k) }));
  const options = useMemo(
    () => ({
      status: fromLabels(labels.statuses, BOARD_STATUSES),
      channel: fromLabels(labels.channels),
      class: fromLabels(labels.classes),
      township: board.townships.map((tw) => ({ value: tw.id, text: label(tw.name, tw.id) })),
      mediator: [...board.mediators.values()]
        .map((m) => ({ value: m.id, text: m.name }))
        // One collator for the sort: localeCompare with a locale builds one per comparison.
        .sort(
          (
            (c) => (a: Option, b: Option) =>
              c.compare(a.text, b.text)
          )(new Intl.Collator(locale)),
        ),
    }),
    [labels, label, locale, board.townships, board.mediators],
  );
  const any = FILTER_NAMES.some((n) => filters[n]);
  return (
    <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      {FILTER_NAMES.map((n) => (
        <Select
          key={n}
          name={n}
          text={t(FILTER_TEXT[n])}
          value={filters[n] ?? ''}
          options={options[n]}
          onChange={(v) => setFilters({ [n]: v })}
        />
      ))}
      <label class="filter">
        <span>{t('sortLabel')}</span>
        <select name="order" value={order} onChange={(e) => setOrder(e.currentTarget.value === 'deadline' ? 'deadline' : 'newest')}>
          <option value="newest">{t('sortNewest')}</option>
          <option value="deadline">{t('sortDeadline')}</option>
        </select>
      </label>
      {any && (
        <button type="button" class="secondary" onClick={() => setFilters(Object.fromEntries(FILTER_NAMES.map((n) => [n, ''])))}>
          {t('filterClear')}
        </button>
      )}
    </form>
  );
}
