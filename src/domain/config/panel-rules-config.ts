import { z } from 'zod';
import { CategorySchema, ChannelSchema } from '../taxonomy';
import { DEFAULT_DEPARTMENT_IDS, DepartmentIdSchema } from './departments-config';
import { AmountYuanSchema, LIMITS } from '../limits';
import panelRulesJson from './panel-rules.json';
import { parseOrThrow } from './parse-config';
import { RoomKindSchema } from '../session';

const count = (max: number) => z.number().int().min(1).max(max);
const rosterIds: readonly string[] = DEFAULT_DEPARTMENT_IDS;
/** Panel rules name departments of the bundled roster (departments.json), the one list of ids. */
const departments = z
  .array(DepartmentIdSchema.refine((id) => rosterIds.includes(id), 'not a department of the bundled roster (departments.json)'))
  .max(DEFAULT_DEPARTMENT_IDS.length);

/**
 * How a major case's panel is sized (issue 17, convening): src/domain/config/panel-rules.json,
 * applied by src/cost-model/panel-plan.ts (named apart from the .json: Node's require prefers .json). Each default is the value the bundled file carries.
 */
export const PanelRulesSchema = z.strictObject({
  $comment: z.string().optional(),
  /** A second expert (the panel then has a sector and a legal expert) when any threshold is reached. */
  twoExperts: z
    .strictObject({
      /** Parties to the dispute. @defaultValue 10 */
      partiesAtLeast: count(LIMITS.parties).default(10),
      /** Amount in dispute, yuan. @defaultValue 500000 */
      amountYuanAtLeast: AmountYuanSchema.default(500_000),
      /** Earlier petitions about the dispute (a repeat petitioner). @defaultValue 2 */
      priorPetitionsAtLeast: count(LIMITS.priorPetitions).default(2),
    })
    .default({ partiesAtLeast: 10, amountYuanAtLeast: 500_000, priorPetitionsAtLeast: 2 }),
  /** When the dispute needs law, so a legal expert sits (and the session wants a legal-expert room). */
  law: z.strictObject({
    /** Dispute categories that always need law. @defaultValue administrative, property_demolition, labour, contract_debt, marriage_inheritance, medical, traffic */
    categories: z.array(CategorySchema),
    /** Any category at or above this amount, yuan. @defaultValue 200000 */
    amountYuanAtLeast: AmountYuanSchema.default(200_000),
  }),
  /** The outside role on the panel. */
  liaison: z
    .strictObject({
      /** Channels whose cases get a court liaison (a judge): the court sent them. @defaultValue ["court"] */
      courtLiaisonChannels: z.array(ChannelSchema).default(['court']),
      /** Other cases at or above this amount get a lawyer liaison, yuan. @defaultValue 1000000 */
      lawyerAmountYuanAtLeast: AmountYuanSchema.default(1_000_000),
    })
    .default({ courtLiaisonChannels: ['court'], lawyerAmountYuanAtLeast: 1_000_000 }),
  departments: z.strictObject({
    /** Departments summoned for a dispute category. @defaultValue none for a category not listed */
    byCategory: z.partialRecord(CategorySchema, departments),
    /** Departments summoned for the channel a case came by. @defaultValue none for a channel not listed */
    byChannel: z.partialRecord(ChannelSchema, departments),
    /** The petition office is summoned once the parties have petitioned this many times. @defaultValue 1 */
    petitionOfficeAtPetitions: count(LIMITS.priorPetitions).default(1),
  }),
  /** Rooms of the panel's joint sessions. */
  jointSessions: z
    .strictObject({
      /** Room kinds when the panel has a legal expert (rooms.json has 3 legal-expert rooms). @defaultValue ["legal_expert"] */
      withLegalExpert: z.array(RoomKindSchema).min(1).default(['legal_expert']),
    })
    .default({ withLegalExpert: ['legal_expert'] }),
});
export type PanelRules = z.infer<typeof PanelRulesSchema>;

let bundled: PanelRules | undefined;

/** The panel sizing rules: the bundled file (validated once), or a document given (validated each time). */
export function loadPanelRules(raw?: unknown): PanelRules {
  if (raw !== undefined) return parseOrThrow(PanelRulesSchema, raw, 'panel-rules.json');
  bundled ??= parseOrThrow(PanelRulesSchema, panelRulesJson, 'panel-rules.json');
  return bundled;
}
