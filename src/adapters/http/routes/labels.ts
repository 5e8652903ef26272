import { z } from 'zod';
import { LabelSchema } from '../../../domain';
import { VOCABULARY } from '../../../domain/i18n/vocabulary';
import { defineRoute } from '../route';
import type { RouteTarget } from '../deps';

const LabelMapSchema = z.record(z.string(), LabelSchema);

export const VocabularySchema = z
  .object(
    Object.fromEntries(Object.keys(VOCABULARY).map((k) => [k, LabelMapSchema])) as Record<keyof typeof VOCABULARY, typeof LabelMapSchema>,
  )
  .meta({ id: 'Vocabulary' });

/** The names of every closed vocabulary, zh and en: one catalogue for the service and its clients. */
export function labelRoutes({ router, registry }: RouteTarget): void {
  defineRoute(router, registry, {
    method: 'get',
    path: '/v1/labels',
    tag: 'geography',
    summary: 'Chinese and English names of categories, tiers, channels, classes, seat roles, case states, roles and reasons',
    roles: ['court', 'dispatcher', 'viewer'],
    response: VocabularySchema,
    handler: () => Promise.resolve(VOCABULARY),
  });
}
