/**
 * Published optimal values of OR-Library's Chu–Beasley GAP instances of types C and D
 * (gapc.txt, gapd.txt; minimisation), as tabulated by OR-Library and Yagiura et al. These files
 * are not in shared/bench-data: `bench:gap --orlib FILE` reads them from wherever they are and
 * compares with these values. Keys: type letter, agents (two digits), jobs — e.g. d20200.
 */
const BEST_KNOWN: Readonly<Record<string, number>> = {
  c05100: 1931,
  c05200: 3456,
  c10100: 1402,
  c10200: 2806,
  c20100: 1243,
  c20200: 2391,
  d05100: 6353,
  d05200: 12742,
  d10100: 6347,
  d10200: 12430,
  d20100: 6185,
  d20200: 12235,
};

/** The OR-Library name of problem `m`×`n` of a gapX file (e.g. d20200), and its published optimum if known. */
export function orlibName(type: string, m: number, n: number): { readonly name: string; readonly bestKnown: number | null } {
  const name = `${type.toLowerCase()}${String(m).padStart(2, '0')}${n}`;
  return { name, bestKnown: BEST_KNOWN[name] ?? null };
}
