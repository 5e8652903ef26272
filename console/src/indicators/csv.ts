/**
 * CSV that Excel opens correctly on a Chinese Windows desktop: UTF-8 with a byte-order mark (else
 * Excel reads it as GBK and the Chinese turns to mojibake), CRLF line ends, RFC 4180 quoting.
 */

/** The UTF-8 byte-order mark Excel looks for. */
export const BOM = '\uFEFF';

export type CsvValue = string | number | null | undefined;

/**
 * One field: empty for a missing value; quoted when it holds a comma, quote or line break, or
 * starts with a character a spreadsheet would read as a formula (= + - @), which is defused with a
 * leading apostrophe (a township name such as "=HYPERLINK(...)" must stay text).
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: the BOM, then each row's fields joined by commas, every line ended by CRLF. */
export function buildCsv(rows: readonly (readonly CsvValue[])[]): string {
  return BOM + rows.map((row) => row.map(csvField).join(',') + '\r\n').join('');
}
