import type { ArrayAllocator, FlowNetwork } from './network';

/**
 * A flow network in a form that crosses to a worker thread without copying its arrays: every
 * array is on a SharedArrayBuffer (see `SharedArena`), and the per-agent load-unit costs are
 * packed into one shared array with offsets.
 */
export interface PortableNetwork {
  readonly base: Omit<FlowNetwork, 'unitCosts'>;
  /** unitCosts of agent a: values[offsets[a] .. offsets[a+1]); empty = none. Null when no agent has any. */
  readonly unitCosts: { readonly offsets: Int32Array; readonly values: Float64Array } | null;
}

/** `memory` must hand out shared arrays (the network's own are assumed to be shared already). */
export function toPortable(net: FlowNetwork, memory: ArrayAllocator): PortableNetwork {
  const { unitCosts, ...base } = net;
  if (unitCosts.every((lc) => lc === null)) return { base, unitCosts: null };
  const offsets = memory.int32(unitCosts.length + 1);
  for (let a = 0; a < unitCosts.length; a++) offsets[a + 1] = (offsets[a] as number) + (unitCosts[a]?.length ?? 0);
  const values = memory.float64(offsets[unitCosts.length] as number);
  unitCosts.forEach((lc, a) => lc && values.set(lc, offsets[a]));
  return { base, unitCosts: { offsets, values } };
}

export function fromPortable(portable: PortableNetwork): FlowNetwork {
  const packed = portable.unitCosts;
  const agents = portable.base.agentCount;
  const unitCosts =
    packed === null
      ? Array.from({ length: agents }, () => null)
      : Array.from({ length: agents }, (_, a) => {
          const from = packed.offsets[a] as number;
          const to = packed.offsets[a + 1] as number;
          return to > from ? packed.values.subarray(from, to) : null;
        });
  return { ...portable.base, unitCosts };
}
