import { useEffect, useState } from 'preact/hooks';
import { apiGet } from '../api';
import { useLabels } from '../labels';
import { useLocale } from '../locale';
import { casePath } from '../paths';

interface CaseRow {
  readonly id: string;
  readonly status: string;
  readonly channel: string;
  readonly class: string;
  readonly deadlineAt: string;
}

/** 派单台 — skeleton: replaced by the live board. */
export function Board() {
  const { t, label } = useLocale();
  const labels = useLabels();
  const [rows, setRows] = useState<readonly CaseRow[]>([]);
  useEffect(() => {
    apiGet<{ cases: CaseRow[] }>('/v1/cases?limit=100').then(
      (r) => setRows(r.cases),
      () => setRows([]),
    );
  }, []);
  return (
    <section>
      <h1>{t('navBoard')}</h1>
      <table>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id}>
              <td>
                <a href={casePath(c.id)}>{c.id}</a>
              </td>
              <td>{label(labels.statuses[c.status], c.status)}</td>
              <td>{label(labels.channels[c.channel], c.channel)}</td>
              <td>{label(labels.classes[c.class], c.class)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
