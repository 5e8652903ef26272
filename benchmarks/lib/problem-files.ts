import { closeSync, openSync, writeSync } from 'node:fs';
import { COLUMNAR_FORMAT } from '../../src/engine/columnar';
import type { IndexedProblem } from '../../src/engine/indexed';

/**
 * Writes an index-form problem as a file in the v1 form or the columnar form, in chunks: a
 * province (4 M arcs) never exists as one string or as an object per arc.
 */

const CHUNK = 65_536;

class ChunkedFile {
  private readonly fd: number;
  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }
  write(text: string): void {
    writeSync(this.fd, text);
  }
  /** A numeric column as a JSON array, `CHUNK` values at a time. */
  column(values: ArrayLike<number>): void {
    this.write('[');
    for (let i = 0; i < values.length; i += CHUNK) {
      const part = Array.from({ length: Math.min(CHUNK, values.length - i) }, (_, k) => values[i + k]!);
      this.write((i > 0 ? ',' : '') + part.join(','));
    }
    this.write(']');
  }
  close(): void {
    closeSync(this.fd);
  }
}

function header(p: IndexedProblem): string {
  return `"sense":${JSON.stringify(p.sense)}${p.unassignedCost === null ? '' : `,"unassignedCost":${p.unassignedCost}`}`;
}

/** The v1 form: `{ tasks: [{id, seats}], agents: [{id, capacity, loadCosts?}], arcs: [{task, agent, cost, load}], … }`. */
export function writeV1File(p: IndexedProblem, path: string): void {
  const out = new ChunkedFile(path);
  try {
    const list = (n: number, item: (i: number) => unknown): void => {
      out.write('[');
      for (let i = 0; i < n; i += CHUNK) {
        const part = Array.from({ length: Math.min(CHUNK, n - i) }, (_, k) => JSON.stringify(item(i + k)));
        out.write((i > 0 ? ',\n' : '\n') + part.join(',\n'));
      }
      out.write('\n]');
    };
    out.write('{"tasks":');
    list(p.taskIds.length, (t) => ({ id: p.taskIds[t], seats: p.seats[t] }));
    out.write(',"agents":');
    list(p.agentIds.length, (a) => {
      const lc = p.loadCosts[a];
      return { id: p.agentIds[a], capacity: p.capacity[a], ...(lc ? { loadCosts: Array.from(lc) } : {}) };
    });
    out.write(',"arcs":');
    list(p.arcTask.length, (e) => ({
      task: p.taskIds[p.arcTask[e]!],
      agent: p.agentIds[p.arcAgent[e]!],
      cost: p.arcCost[e],
      load: p.arcLoad[e],
    }));
    out.write(`,${header(p)}}\n`);
  } finally {
    out.close();
  }
}

/** The columnar form (`tiaojie.problem.columnar/1`, see src/engine/columnar.ts). */
export function writeColumnarFile(p: IndexedProblem, path: string): void {
  const out = new ChunkedFile(path);
  try {
    out.write(`{"format":${JSON.stringify(COLUMNAR_FORMAT)},\n"tasks":{"id":${JSON.stringify(p.taskIds)},"seats":`);
    out.column(p.seats);
    out.write(`},\n"agents":{"id":${JSON.stringify(p.agentIds)},"capacity":`);
    out.column(p.capacity);
    if (p.loadCosts.some((lc) => lc !== null))
      out.write(`,"loadCosts":${JSON.stringify(p.loadCosts.map((lc) => (lc ? Array.from(lc) : null)))}`);
    out.write('},\n"arcs":{"task":');
    out.column(p.arcTask);
    out.write(',\n"agent":');
    out.column(p.arcAgent);
    out.write(',\n"cost":');
    out.column(p.arcCost);
    if (p.arcLoad.some((l) => l !== 1)) {
      out.write(',\n"load":');
      out.column(p.arcLoad);
    }
    out.write(`},\n${header(p)}}\n`);
  } finally {
    out.close();
  }
}
