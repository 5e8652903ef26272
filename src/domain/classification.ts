import { z } from 'zod';
import { LabelSchema, type Label } from './labels';
import type { Referral } from './referral';
import { CASE_CLASSES, CaseClassSchema, CategorySchema, type CaseClass } from './taxonomy';

/**
 * Class suggestion: a case starts at its category's base class; every rule whose field reaches
 * its threshold raises the class to at least the rule's class (rules never lower it). A class
 * given on the referral wins over the suggestion. The rules are data (src/domain/config/classification.json).
 */

export const ClassRuleSchema = z.strictObject({
  id: z.string().min(1),
  /** `parties` and `attempts` count list entries; the others are numbers on the referral. */
  field: z.enum(['amountYuan', 'parties', 'attempts', 'priorPetitions']),
  atLeast: z.number().finite(),
  class: CaseClassSchema,
  why: LabelSchema,
});
export type ClassRule = z.infer<typeof ClassRuleSchema>;

export const ClassificationSchema = z.strictObject({
  $comment: z.string().optional(),
  baseByCategory: z.record(CategorySchema, CaseClassSchema),
  rules: z.array(ClassRuleSchema),
});
export type ClassificationRules = z.infer<typeof ClassificationSchema>;

export interface ClassSuggestion {
  readonly class: CaseClass;
  /** `given` when the referral carried its own class. */
  readonly source: 'given' | 'suggested';
  /** Ids and reasons of the rules that matched (empty when the base class stood). */
  readonly reasons: readonly { readonly rule: string; readonly why: Label }[];
}

type ClassInput = Pick<Referral, 'category' | 'amountYuan' | 'parties' | 'attempts' | 'priorPetitions'> & {
  readonly class?: CaseClass | undefined;
};

function fieldValue(r: ClassInput, field: ClassRule['field']): number {
  switch (field) {
    case 'amountYuan':
      return r.amountYuan;
    case 'parties':
      return r.parties.length;
    case 'attempts':
      return r.attempts.length;
    case 'priorPetitions':
      return r.priorPetitions;
  }
}

const rank = (c: CaseClass): number => CASE_CLASSES.indexOf(c);

/** The suggested class from the rules, ignoring any class the referral carries. */
export function suggestClass(r: ClassInput, rules: ClassificationRules): ClassSuggestion {
  let cls = rules.baseByCategory[r.category];
  const reasons: { rule: string; why: Label }[] = [];
  for (const rule of rules.rules) {
    if (fieldValue(r, rule.field) < rule.atLeast) continue;
    reasons.push({ rule: rule.id, why: rule.why });
    if (rank(rule.class) > rank(cls)) cls = rule.class;
  }
  return { class: cls, source: 'suggested', reasons };
}

/** The case's class: the referral's own when given, else the suggestion. */
export function classify(r: ClassInput, rules: ClassificationRules): ClassSuggestion {
  if (r.class) return { class: r.class, source: 'given', reasons: [] };
  return suggestClass(r, rules);
}
