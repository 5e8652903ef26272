/**
 * The slot for 按时到位率 as assessed (issue 17 part 1): summonses of departments checked in by their
 * required time ÷ summonses due in the period. The summons use case (`summons-arrival.ts`, another
 * part of the issue) computes it; `KpiInput.summonsArrival` takes it once the merger wires it.
 * Until then the report's figure is the arrivals recorded at sessions, labelled so.
 */
export interface SummonsArrivalFigure {
  /** Summonses whose required arrival time fell in the period. */
  readonly due: number;
  /** Of those, checked in by the required time. */
  readonly onTime: number;
}
