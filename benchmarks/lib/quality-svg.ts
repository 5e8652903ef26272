import type { PolicyMetrics } from './quality-metrics';

/** A small-multiples bar chart (one panel per metric, one bar per policy) as a standalone SVG. */

interface Panel {
  readonly title: string;
  readonly value: (m: PolicyMetrics) => number;
  readonly format: (x: number) => string;
  /** Axis maximum; defaults to the largest value × 1.15. */
  readonly max?: number;
}

const COLOURS = ['#2b6cb0', '#805ad5', '#dd6b20', '#718096', '#38a169'];
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const PANELS: readonly Panel[] = [
  { title: 'Success rate (settled ÷ closed)', value: (m) => m.successRate, format: pct, max: 1 },
  { title: 'Deadline compliance', value: (m) => m.deadlineCompliance, format: pct, max: 1 },
  { title: 'Mean travel (km)', value: (m) => m.meanTravelKm, format: (x) => x.toFixed(1) },
  { title: 'Busiest mediator utilisation', value: (m) => m.utilisationMax, format: pct, max: 1 },
  { title: 'Gold seats on non-major cases', value: (m) => m.goldOnNonMajor, format: (x) => x.toFixed(0) },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export function qualityChartSvg(metrics: readonly PolicyMetrics[], subtitle: string): string {
  const pw = 250,
    ph = 190,
    gap = 24,
    top = 60;
  const width = PANELS.length * (pw + gap) + gap;
  const height = top + ph + 70;
  const parts: string[] = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`);
  parts.push(`<rect width="100%" height="100%" fill="#fff"/>`);
  parts.push(`<text x="${gap}" y="24" font-size="16" font-weight="bold">tiaojie dispatch quality: optimizer vs baselines</text>`);
  parts.push(`<text x="${gap}" y="42" fill="#555">${esc(subtitle)}</text>`);
  PANELS.forEach((p, i) => {
    const x0 = gap + i * (pw + gap);
    const values = metrics.map(p.value);
    const max = p.max ?? Math.max(1e-9, ...values) * 1.15;
    const barW = (pw - 20) / metrics.length - 8;
    parts.push(`<text x="${x0}" y="${top}" font-weight="bold">${esc(p.title)}</text>`);
    parts.push(`<line x1="${x0}" y1="${top + ph}" x2="${x0 + pw}" y2="${top + ph}" stroke="#999"/>`);
    metrics.forEach((m, j) => {
      const h = ((ph - 30) * p.value(m)) / max;
      const x = x0 + 10 + j * (barW + 8);
      const y = top + ph - h;
      parts.push(`<rect x="${x}" y="${y}" width="${barW}" height="${h}" fill="${COLOURS[j % COLOURS.length]}"/>`);
      parts.push(`<text x="${x + barW / 2}" y="${y - 4}" text-anchor="middle">${esc(p.format(p.value(m)))}</text>`);
      const lx = x + barW / 2,
        ly = top + ph + 12;
      parts.push(`<text x="${lx}" y="${ly}" text-anchor="end" font-size="10" transform="rotate(-35 ${lx} ${ly})">${esc(m.policy)}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
