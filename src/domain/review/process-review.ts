import { z } from 'zod';
import { PARTIES } from '../process/process-vocabulary';

/**
 * The yearly review of the escalation process (annex, last section): both parties look at the period's
 * escalations, record findings and feedback, agree changes and approve the record. The record is approved
 * when both parties have approved the same text; a change of text after an approval asks for it again.
 */
const text = (max: number) => z.string().trim().max(max);

export const reviewContentSchema = z
  .object({
    period: z
      .object({ from: z.string().date(), to: z.string().date() })
      .refine((p) => p.from < p.to, { message: 'from must be before to' }),
    findings: text(20_000),
    contractorFeedback: text(10_000),
    clientFeedback: text(10_000),
    agreedChanges: text(20_000),
    /** Training and communication of the changes ("schulen … und anwenden"). */
    training: text(10_000),
  })
  .strict();
export type ReviewContent = z.infer<typeof reviewContentSchema>;

export const reviewIdSchema = z.string().regex(/^\d{4}$/);

export const processReviewSchema = z.object({
  /** The review's year, e.g. `2026`: at most one record per year. */
  id: reviewIdSchema,
  content: reviewContentSchema,
  /** Raised on every change of content; approvals name the revision they approved. */
  revision: z.number().int().positive(),
  approvals: z.array(z.object({ party: z.enum(PARTIES), accountId: z.string(), at: z.string(), revision: z.number().int().positive() })),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedBy: z.string(),
  updatedAt: z.string(),
  exports: z.array(z.object({ pageId: z.string(), url: z.string(), at: z.string(), pageVersion: z.number() })),
});
export type ProcessReview = z.infer<typeof processReviewSchema>;

/** Whether both parties approved the current revision. */
export function isReviewApproved(review: ProcessReview): boolean {
  return PARTIES.every((party) => review.approvals.some((a) => a.party === party && a.revision === review.revision));
}

/** When the review was approved (the later of both parties' approvals of the current revision). */
export function reviewApprovedAt(review: ProcessReview): string | undefined {
  if (!isReviewApproved(review)) return undefined;
  return review.approvals
    .filter((a) => a.revision === review.revision)
    .map((a) => a.at)
    .sort()
    .pop();
}

export interface ReviewReminder {
  /** The last approved review, if any. */
  readonly lastApprovedAt?: string;
  /** When the next review is due: a year after the last approved one; with none, it is due now. */
  readonly dueAt: string;
  readonly state: 'ok' | 'due-soon' | 'overdue';
}

/**
 * The yearly review reminder: due one year (the template's `processReview` time frame in months) after the
 * last approved review; "due soon" in the last 30 days before that.
 *
 * @example
 * reviewReminder(['2025-03-01T10:00:00Z'], new Date('2026-02-20T00:00:00Z'), 12).state // 'due-soon'
 */
export function reviewReminder(approvedAts: readonly string[], now: Date, months = 12): ReviewReminder {
  const last = [...approvedAts].sort().pop();
  if (!last) return { dueAt: now.toISOString(), state: 'overdue' };
  const due = new Date(last);
  due.setUTCMonth(due.getUTCMonth() + months);
  const state = now >= due ? 'overdue' : due.getTime() - now.getTime() <= 30 * 86_400_000 ? 'due-soon' : 'ok';
  return { lastApprovedAt: last, dueAt: due.toISOString(), state };
}
