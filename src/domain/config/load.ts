import countyJson from './county.json';
import organizationsJson from './organizations.json';
import tierRulesJson from './tier-rules.json';
import costWeightsJson from './cost-weights.json';
import classificationJson from './classification.json';
import { ClassificationSchema, CostWeightsSchema, CountySchema, OrganizationsSchema, TierRulesSchema, type DispatchConfig } from './schema';
import { crossCheckConfig } from './cross-check';
import { ConfigError } from '../errors/app-error';
import { parseOrThrow } from './parse-config';
import { countyMapOf, type CountyProfile } from './county-profile';

export type { DispatchConfig } from './schema';

// ConfigError joined the one error family; re-exported here where its throwers and callers find it.
export { ConfigError };

/** Raw config documents, e.g. loaded from elsewhere to override the bundled ones. */
export interface RawDispatchConfig {
  readonly county?: unknown;
  readonly organizations?: unknown;
  readonly tierRules?: unknown;
  readonly weights?: unknown;
  readonly classification?: unknown;
}

/** Validates configuration documents (bundled ones where absent); throws ConfigError. */
export function parseDispatchConfig(raw: RawDispatchConfig = {}): DispatchConfig {
  const config: DispatchConfig = {
    county: parseOrThrow(CountySchema, raw.county ?? countyJson, 'county.json'),
    organizations: parseOrThrow(OrganizationsSchema, raw.organizations ?? organizationsJson, 'organizations.json'),
    tierRules: parseOrThrow(TierRulesSchema, raw.tierRules ?? tierRulesJson, 'tier-rules.json'),
    weights: parseOrThrow(CostWeightsSchema, raw.weights ?? costWeightsJson, 'cost-weights.json'),
    classification: parseOrThrow(ClassificationSchema, raw.classification ?? classificationJson, 'classification.json'),
  };
  const problems = crossCheckConfig(config);
  if (problems.length > 0) throw new ConfigError(problems.join('; '));
  return config;
}

let bundled: DispatchConfig | undefined;

/** The bundled configuration (src/domain/config/*.json), validated once. */
export function loadDispatchConfig(): DispatchConfig {
  bundled ??= parseDispatchConfig();
  return bundled;
}

/**
 * The dispatch configuration of a registered county (issue 21): its own geography and
 * organisations, the installation's rules (tier rules, weights, classification). The profile was
 * checked when it was registered (checkCountyProfile), so nothing is validated again here.
 */
export function dispatchConfigFor(profile: CountyProfile): DispatchConfig {
  return { ...loadDispatchConfig(), county: countyMapOf(profile), organizations: profile.organizations };
}

/** The embedded county (Shandan) as a profile: what `tiaojie generate --province` scales, and a template for `county add`. */
export function embeddedCountyProfile(): CountyProfile {
  const { county, organizations } = loadDispatchConfig();
  return { ...county, organizations };
}
