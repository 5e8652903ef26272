import type { KpiReport, KpiRow } from './kpis';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (v: number | null): string => (v === null ? '–' : `${(100 * v).toFixed(1)}%`);

/** Splits text into lines of at most `width` characters at spaces. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let cur = '';
  for (const word of text.split(' ')) {
    if (cur && cur.length + 1 + word.length > width) {
      lines.push(cur);
      cur = word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(cur);
  return lines;
}

const SERIES: readonly { key: 'successRate' | 'onTimeRate' | 'preLitigationRate'; label: string; colour: string }[] = [
  { key: 'successRate', label: 'Success rate 调处成功率', colour: '#2b6cb0' },
  { key: 'onTimeRate', label: 'First session on time', colour: '#38a169' },
  { key: 'preLitigationRate', label: 'Pre-litigation mediation rate 诉前调解率', colour: '#dd6b20' },
];

/**
 * A grouped horizontal bar chart of the rates per group (and the total), with days to settle and
 * lawsuits per 10,000 written beside each group, and the definitions as a footnote. Plain SVG.
 */
export function kpiChartSvg(report: KpiReport, title = 'tiaojie indicators'): string {
  const rows: KpiRow[] = [...report.rows.slice(0, 40), report.total];
  const barH = 10;
  const groupH = SERIES.length * barH + 14;
  const left = 170;
  const plotW = 420;
  const top = 70;
  const notes = [report.definitions.successRate, report.definitions.onTimeRate, report.definitions.preLitigationRate].flatMap((n) => wrap(n, 150));
  const height = top + rows.length * groupH + 40 + notes.length * 13;
  const width = left + plotW + 380;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="12" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`,
    `<text x="12" y="40">${esc(`${report.from.slice(0, 10)} – ${report.to.slice(0, 10)} (${report.days} days) · by ${report.by ?? 'total'} · population ${report.population}`)}</text>`,
  ];
  SERIES.forEach((s, i) => {
    out.push(`<rect x="${left + i * 200}" y="50" width="10" height="10" fill="${s.colour}"/>`, `<text x="${left + i * 200 + 14}" y="59">${esc(s.label)}</text>`);
  });
  for (let t = 0; t <= 4; t++) {
    const x = left + (plotW * t) / 4;
    out.push(`<line x1="${x}" y1="${top - 4}" x2="${x}" y2="${top + rows.length * groupH}" stroke="#ddd"/>`, `<text x="${x - 8}" y="${top + rows.length * groupH + 14}">${t * 25}%</text>`);
  }
  rows.forEach((r, gi) => {
    const y0 = top + gi * groupH;
    out.push(`<text x="${left - 6}" y="${y0 + groupH / 2}" text-anchor="end"${r.group === 'total' ? ' font-weight="bold"' : ''}>${esc(r.group)}</text>`);
    SERIES.forEach((s, si) => {
      const v = r[s.key];
      const w = v === null ? 0 : Math.max(0, Math.min(1, v)) * plotW;
      out.push(`<rect x="${left}" y="${y0 + si * barH}" width="${w.toFixed(1)}" height="${barH - 2}" fill="${s.colour}"/>`);
      out.push(`<text x="${left + w + 3}" y="${y0 + si * barH + 8}" font-size="9">${pct(v)}</text>`);
    });
    const days = r.daysToSettleMedian === null || r.daysToSettleP90 === null ? '–' : `${r.daysToSettleMedian.toFixed(1)} d (p90 ${r.daysToSettleP90.toFixed(1)})`;
    out.push(`<text x="${left + plotW + 50}" y="${y0 + groupH / 2}" font-size="10">${esc(`settle ${days} · ${r.lawsuitsPer10kAnnualised === null ? '–' : r.lawsuitsPer10kAnnualised.toFixed(1)} lawsuits/10k/yr · n=${r.settled + r.returnedToCourt}`)}</text>`);
  });
  const foot = top + rows.length * groupH + 34;
  notes.forEach((n, i) => out.push(`<text x="12" y="${foot + i * 13}" font-size="9" fill="#555">${esc(n)}</text>`));
  out.push('</svg>');
  return out.join('\n') + '\n';
}
