/**
 * Exact 0/1 knapsack on integer weights by dynamic programming over capacities (O(items ×
 * capacity)), reusing its buffers between calls: the subproblem of the GAP's Lagrangian
 * relaxation of the seat rows, solved once per agent per iteration.
 */
export class Knapsack {
  private dp = new Float64Array(0);
  private keep = new Uint8Array(0);

  /**
   * Maximises Σ profit over a subset of items k < count with Σ weight ≤ capacity; weights are
   * non-negative integers, profits positive (callers drop the others). Writes 1/0 into
   * `take[k]` and returns the optimal profit.
   */
  solve(count: number, weight: Int32Array, profit: Float64Array, capacity: number, take: Uint8Array): number {
    let total = 0;
    let totalWeight = 0;
    for (let k = 0; k < count; k++) {
      total += profit[k] as number;
      totalWeight += weight[k] as number;
    }
    if (totalWeight <= capacity) {
      take.fill(1, 0, count);
      return total;
    }
    const width = capacity + 1;
    if (this.dp.length < width) this.dp = new Float64Array(width);
    if (this.keep.length < count * width) this.keep = new Uint8Array(Math.max(count * width, 2 * this.keep.length));
    const dp = this.dp;
    const keep = this.keep;
    dp.fill(0, 0, width);
    for (let k = 0; k < count; k++) {
      const w = weight[k] as number;
      const p = profit[k] as number;
      const row = k * width;
      keep.fill(0, row, row + width);
      for (let c = capacity; c >= w; c--) {
        const v = (dp[c - w] as number) + p;
        if (v > (dp[c] as number)) {
          dp[c] = v;
          keep[row + c] = 1;
        }
      }
    }
    let c = capacity;
    for (let k = count - 1; k >= 0; k--) {
      const t = keep[k * width + c] as number;
      take[k] = t;
      if (t) c -= weight[k] as number;
    }
    return dp[capacity] as number;
  }
}
