import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCountyInstance } from '../../../benchmarks/lib/county-instance';
import { ortoolsUnfit, writeInstanceFile } from '../../../benchmarks/lib/ortools';
import { writeColumnarFile, writeV1File } from '../../../benchmarks/lib/problem-files';
import { indexAnyProblem } from '../../../src/engine/solve';
import { parseJsonBytes } from '../../../src/engine/json-bytes';

const dir = mkdtempSync(join(tmpdir(), 'tiaojie-files-'));

describe('benchmark problem files', () => {
  // A sparse county (k = 12 arcs a case, unfilled seats allowed) with load costs: every optional field is written.
  const { problem } = generateCountyInstance({ n: 120, seed: 3, loadCosts: true, maxArcsPerCase: 12, unassignedCost: 1000 });

  it('when a problem is written in the v1 and the columnar form, then both read back to the same index form', () => {
    const v1 = join(dir, 'p.json');
    const columnar = join(dir, 'p.columnar.json');
    writeV1File(problem, v1);
    writeColumnarFile(problem, columnar);
    const fromV1 = indexAnyProblem(JSON.parse(readFileSync(v1, 'utf8')));
    const fromColumnar = indexAnyProblem(parseJsonBytes(readFileSync(columnar)));
    expect(fromColumnar).toEqual(fromV1);
    expect(fromV1.arcCost).toEqual(problem.arcCost);
    expect(fromV1.seats).toEqual(problem.seats);
  });

  it('when the OR-Tools instance file is written, then it holds the header and the integer columns mcf.py reads', () => {
    const plain = generateCountyInstance({ n: 40, seed: 2 }).problem;
    expect(ortoolsUnfit(problem)).toMatch(/load costs/);
    expect(ortoolsUnfit(plain)).toBeNull();
    const file = join(dir, 'p.bin');
    const scale = writeInstanceFile(plain, file);
    expect(scale).toBe(10); // costs are km to 0.1
    const bytes = readFileSync(file);
    const newline = bytes.indexOf(10);
    const header = JSON.parse(bytes.subarray(0, newline).toString()) as Record<string, unknown>;
    const T = plain.seats.length;
    const A = plain.capacity.length;
    const M = plain.arcTask.length;
    expect(header).toEqual({ tasks: T, agents: A, arcs: M, unfilledCost: null });
    const body = new Int32Array(bytes.buffer.slice(bytes.byteOffset + newline + 1, bytes.byteOffset + bytes.length));
    expect(body).toHaveLength(T + A + 3 * M);
    expect(Array.from(body.subarray(0, T))).toEqual(Array.from(plain.seats));
    expect(Array.from(body.subarray(T + A, T + A + M))).toEqual(Array.from(plain.arcTask));
    expect(Array.from(body.subarray(T + A + 2 * M), (c) => c / 10)).toEqual(Array.from(plain.arcCost));
  });
});
