import { z } from 'zod';
import { ServiceIdSchema } from '../../domain/party-identifier';
import { CountyIdSchema } from '../../domain/access';

/**
 * Job data: ids and refs only, never party data. Everything a worker needs beyond ids it reads
 * from the store, so a job is small and safe to log.
 */

/** Dispatch one referred case (job id = case id, so a referral sent twice is one job). */
export const ReferralJobSchema = z.strictObject({
  kind: z.literal('referral'),
  county: CountyIdSchema,
  caseId: ServiceIdSchema,
  /** Epoch ms when the API accepted the referral: the start of the assignment latency. */
  acceptedAt: z.number(),
});
export type ReferralJob = z.infer<typeof ReferralJobSchema>;

/** Dispatch every waiting case of a county now (POST /v1/dispatch). */
export const DispatchAllJobSchema = z.strictObject({
  kind: z.literal('dispatch'),
  county: CountyIdSchema,
  /** Label of the API key that asked, for the audit trail. */
  requestedBy: z.string(),
});
export type DispatchAllJob = z.infer<typeof DispatchAllJobSchema>;

export const DispatchJobSchema = z.discriminatedUnion('kind', [ReferralJobSchema, DispatchAllJobSchema]);
export type DispatchJob = z.infer<typeof DispatchJobSchema>;

/** What a dispatch job returns (stored by BullMQ, shown by GET /v1/jobs/:id). */
export const DispatchJobResultSchema = z.union([
  z.strictObject({ status: z.literal('assigned'), caseId: z.string(), mediatorIds: z.array(z.string()) }),
  z.strictObject({ status: z.literal('unassigned'), caseId: z.string(), reason: z.string() }),
  /** The case was no longer waiting: assigned earlier (a repeated delivery) or closed. */
  z.strictObject({ status: z.literal('not_waiting'), caseId: z.string(), caseStatus: z.string().nullable() }),
  z.strictObject({ status: z.literal('dispatched'), assigned: z.number(), unassigned: z.number() }),
]);
export type DispatchJobResult = z.infer<typeof DispatchJobResultSchema>;

/** Deliver one event to one webhook; the sender reads both from the store. */
export const WebhookJobSchema = z.strictObject({
  county: CountyIdSchema,
  webhookId: z.string().min(1),
  eventId: z.string().min(1),
});
export type WebhookJob = z.infer<typeof WebhookJobSchema>;
