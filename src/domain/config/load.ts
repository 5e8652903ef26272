import countyJson from './county.json';
import organizationsJson from './organizations.json';
import tierRulesJson from './tier-rules.json';
import costWeightsJson from './cost-weights.json';
import classificationJson from './classification.json';
import { ClassificationSchema, CostWeightsSchema, CountySchema, OrganizationsSchema, TierRulesSchema, type DispatchConfig } from './schema';
import { crossCheckConfig } from './cross-check';
import { ConfigError } from '../errors/app-error';
import { parseOrThrow } from './parse-config';

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
