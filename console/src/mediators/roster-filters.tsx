import { useLabels } from '../labels';
import { useLocale } from '../locale';
import type { Geography } from './directory';
import type { GroupBy, LabelText, RosterFilter } from './roster';

export interface FilterState extends RosterFilter {
  readonly groupBy: GroupBy;
}

interface Props {
  readonly filter: FilterState;
  readonly onChange: (f: FilterState) => void;
  /** Organisations present in the roster, by id. */
  readonly organizations: ReadonlyMap<string, LabelText>;
  readonly geography: Geography;
}

/** Group by, and narrow to a tier, an organisation, a township or a name. Changes nothing on the server. */
export function RosterFilters({ filter, onChange, organizations, geography }: Props) {
  const { t, label } = useLocale();
  const labels = useLabels();
  const orgs = [...organizations].sort((a, b) => label(a[1]).localeCompare(label(b[1]), 'zh-CN'));
  const set = (patch: Partial<FilterState>) => onChange({ ...filter, ...patch });
  return (
    <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('groupBy')}
        <select name="groupBy" value={filter.groupBy} onChange={(e) => set({ groupBy: e.currentTarget.value as GroupBy })}>
          <option value="tier">{t('groupByTier')}</option>
          <option value="organization">{t('groupByOrganization')}</option>
          <option value="township">{t('groupByTownship')}</option>
        </select>
      </label>
      <label>
        {t('filterTier')}
        <select name="tier" value={filter.tier ?? ''} onChange={(e) => set({ tier: e.currentTarget.value || undefined })}>
          <option value="">{t('filterAll')}</option>
          {Object.entries(labels.tiers).map(([id, l]) => (
            <option key={id} value={id}>
              {label(l)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filterOrganization')}
        <select
          name="organization"
          value={filter.organization ?? ''}
          onChange={(e) => set({ organization: e.currentTarget.value || undefined })}
        >
          <option value="">{t('filterAll')}</option>
          {orgs.map(([id, l]) => (
            <option key={id} value={id}>
              {label(l, id)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filterTownship')}
        <select name="township" value={filter.township ?? ''} onChange={(e) => set({ township: e.currentTarget.value || undefined })}>
          <option value="">{t('filterAll')}</option>
          {geography.townships.map((x) => (
            <option key={x.id} value={x.id}>
              {label(x.name)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('filterText')}
        <input name="q" type="search" value={filter.text ?? ''} onInput={(e) => set({ text: e.currentTarget.value })} />
      </label>
    </form>
  );
}
