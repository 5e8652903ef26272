import type { CountyStatus } from '../../domain/config/county-profile';
import { dispatchConfigFor, type DispatchConfig } from '../../domain/config/load';
import type { CountyRegistry } from './county-registry-port';

/** A county as dispatch and intake see it: whether it takes work, and its configuration. */
export interface CountySetup {
  readonly status: CountyStatus;
  readonly config: DispatchConfig;
  /** False for a county never registered: it runs on the embedded configuration (as before issue 21). */
  readonly registered: boolean;
}

interface Cached {
  readonly version: number;
  readonly config: DispatchConfig;
}

/**
 * Each county's dispatch configuration, built from its registered profile and cached per county
 * and profile version: a call reads the county's status and version (one small read) and
 * rebuilds only when the version moved. A county never registered gets `fallback` (the embedded
 * Shandan configuration), active — how a county worked before it could be registered.
 */
export class CountyConfigs {
  private readonly cache = new Map<string, Cached>();

  constructor(
    private readonly registry: CountyRegistry,
    private readonly fallback: DispatchConfig,
  ) {}

  async of(county: string): Promise<CountySetup> {
    const stamp = await this.registry.stamp(county);
    if (!stamp) return { status: 'active', config: this.fallback, registered: false };
    const hit = this.cache.get(county);
    if (hit && hit.version === stamp.version) return { status: stamp.status, config: hit.config, registered: true };
    const held = await this.registry.get(county);
    // Listed with a version but no valid profile: a record written around the registry. Not guessed at.
    if (!held) throw new Error(`county ${county}: its registered profile is missing or fails validation; add it again`);
    const config = dispatchConfigFor(held.profile);
    this.cache.set(county, { version: held.version, config });
    return { status: held.status, config, registered: true };
  }
}
