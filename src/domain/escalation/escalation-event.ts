import { z } from 'zod';
import { levelSchema, partySchema, templateRefSchema, triggerIdSchema } from '../process/process-template';
import { reportTextsSchema } from '../report/report-texts';

/**
 * The escalation's record: an append-only list of events. The current state is always derived from it
 * (see replay-escalation.ts), so what both parties see and what was recorded cannot disagree.
 * Every stored event is validated with these schemas when read back.
 */

/** Who did it. `system` is the scheduled sweep; `onBehalf` records an admin acting for a party. */
export const actorSchema = z.object({
  accountId: z.string().min(1),
  party: z.union([partySchema, z.literal('system')]),
  onBehalf: z.object({ reason: z.string().min(3).max(1000) }).optional(),
});
export type Actor = z.infer<typeof actorSchema>;

const text = (max: number) => z.string().trim().min(1).max(max);
/** Evidence links must be web links: a javascript: or data: URL would run in the panel. */
export const evidenceUrlSchema = z.url({ protocol: /^https?$/ }).max(2000);
const optionalUrl = evidenceUrlSchema.optional();

/**
 * Where a change came from. `ref` identifies the outside occurrence (a workflow transition, a deadline the
 * sweep acted on, a Jira comment: `comment:<id>`) so that a retried or duplicated delivery records it only once.
 * `automation`: a Jira Automation rule ran one of the app's actions as its connection's user.
 */
export const originSchema = z.object({
  source: z.enum(['panel', 'workflow', 'sweep', 'comment', 'automation', 'portal']),
  ref: z.string().min(1).max(300).optional(),
});
export type Origin = z.infer<typeof originSchema>;

const base = {
  seq: z.number().int().positive(),
  at: z.string().datetime({ offset: true }),
  actor: actorSchema,
  origin: originSchema.optional(),
};

export const escalationStartedSchema = z.object({
  ...base,
  type: z.literal('escalation-started'),
  trigger: triggerIdSchema,
  problem: text(10_000),
  impact: text(10_000),
  /** The process template version in force at the start; frozen for the life of the escalation. */
  template: templateRefSchema,
  /** When the problem was detected, if before the start (the two-hour notification counts from here). */
  detectedAt: z.string().datetime({ offset: true }).optional(),
  /**
   * Whether the problem is critical: only then run the two-hour notification and the top-priority clock.
   * Absent in logs recorded before it was asked; those read as critical when started for a missed SLA.
   */
  critical: z.boolean().optional(),
});

export const levelChangedSchema = z.object({
  ...base,
  type: z.literal('level-changed'),
  from: levelSchema,
  to: levelSchema,
  /**
   * `time-frame-expired`: the level's agreed time frame ran out; `other-party-defaulted`: the other party missed
   * a mandatory deadline of the level; `agreed`: one party proposed, the other accepted (`proposalSeq`);
   * `manual`: a person decided (also logs from before proposals existed, which hold unilateral de-escalations).
   */
  reason: z.enum(['manual', 'time-frame-expired', 'other-party-defaulted', 'agreed']),
  note: z.string().max(5000).optional(),
  proposalSeq: z.number().int().positive().optional(),
});

/** Where the annex needs both parties (de-escalation, resolution, escalating early), one proposes, the other answers. */
export const changeProposedSchema = z.object({
  ...base,
  type: z.literal('change-proposed'),
  change: z.enum(['escalate', 'de-escalate', 'resolve']),
  text: text(10_000),
});
export const changeDeclinedSchema = z.object({
  ...base,
  type: z.literal('change-declined'),
  proposalSeq: z.number().int().positive(),
  reason: text(5000),
});
export const changeWithdrawnSchema = z.object({
  ...base,
  type: z.literal('change-withdrawn'),
  proposalSeq: z.number().int().positive(),
});

/** A "bei Bedarf" duty that was not needed; the reason is shown to the other party. */
export const obligationNotApplicableSchema = z.object({
  ...base,
  type: z.literal('obligation-not-applicable'),
  obligationId: z.string().min(1),
  reason: text(5000),
});

/** A party informed its (and the other party's) management of the escalation: L2-C-01, L3-C-01, L3-K-01. */
export const managementInformedSchema = z.object({
  ...base,
  type: z.literal('management-informed'),
  note: text(5000),
});

/** The client acknowledges receipt of the notice of the escalation and the preliminary assessment (DOC-K-01). */
export const noticeAcknowledgedSchema = z.object({
  ...base,
  type: z.literal('notice-acknowledged'),
  note: z.string().max(5000).optional(),
});

export const obligationFulfilledSchema = z.object({
  ...base,
  type: z.literal('obligation-fulfilled'),
  obligationId: z.string().min(1),
  note: text(5000),
  evidenceUrl: optionalUrl,
});

/** Undoing a fulfilment is a new event; the first one stays in the record. */
export const obligationFulfilmentWithdrawnSchema = z.object({
  ...base,
  type: z.literal('obligation-fulfilment-withdrawn'),
  obligationId: z.string().min(1),
  withdrawsSeq: z.number().int().positive(),
  reason: text(5000),
});

export const clientNotifiedSchema = z.object({
  ...base,
  type: z.literal('client-notified'),
  channel: z.enum(['phone', 'email', 'jira']),
  note: text(5000),
  /** The app sends the notice (a Jira notification to the level's client contacts) with this record. */
  sentByApp: z.literal(true).optional(),
});

export const statusUpdatePostedSchema = z.object({
  ...base,
  type: z.literal('status-update-posted'),
  text: text(10_000),
});

export const arbitrationConsentSchema = z.object({
  ...base,
  type: z.literal('arbitration-consent-given'),
  note: z.string().max(5000).optional(),
});

export const resolvedSchema = z.object({
  ...base,
  type: z.literal('escalation-resolved'),
  resolution: text(10_000),
  /** The accepted proposal; absent in logs from before resolution needed both parties. */
  proposalSeq: z.number().int().positive().optional(),
});

export const reopenedSchema = z.object({
  ...base,
  type: z.literal('escalation-reopened'),
  reason: text(5000),
});

export const reportApprovedSchema = z.object({
  ...base,
  type: z.literal('report-approved'),
  reportVersion: z.number().int().positive(),
  /** SHA-256 of the approved report's content: the frozen version can be checked later. */
  contentHash: z.string().regex(/^[a-f0-9]{64}$/),
  note: z.string().max(5000).optional(),
});

export const closedSchema = z.object({
  ...base,
  type: z.literal('escalation-closed'),
  note: z.string().max(5000).optional(),
});

// --- Working records the annex asks for (action plans, root cause, preventive measures, arbitration) ---

const planVersion = z.number().int().positive();

/** The contractor drafts a new version of the action plan: preliminary at level 1, detailed later. */
export const actionPlanDraftedSchema = z.object({
  ...base,
  type: z.literal('action-plan-drafted'),
  planVersion,
  stage: z.enum(['preliminary', 'detailed']),
  text: text(20_000),
});
export const actionPlanSubmittedSchema = z.object({ ...base, type: z.literal('action-plan-submitted'), planVersion });
export const actionPlanApprovedSchema = z.object({
  ...base,
  type: z.literal('action-plan-approved'),
  planVersion,
  note: z.string().max(5000).optional(),
});
export const actionPlanChangesRequestedSchema = z.object({
  ...base,
  type: z.literal('action-plan-changes-requested'),
  planVersion,
  comment: text(5000),
});
export const rootCauseRecordedSchema = z.object({ ...base, type: z.literal('root-cause-recorded'), text: text(20_000) });
export const preventiveMeasureRecordedSchema = z.object({
  ...base,
  type: z.literal('preventive-measure-recorded'),
  measureId: z.string().regex(/^M\d{1,4}$/),
  text: text(5000),
  owner: z.enum(['contractor', 'client', 'both']),
});
export const preventiveMeasureDoneSchema = z.object({
  ...base,
  type: z.literal('preventive-measure-done'),
  measureId: z.string().regex(/^M\d{1,4}$/),
  note: text(5000),
});
/** Level 4: the contractor proposes arbitrators or arbitration bodies, the client approves or rejects each. */
export const arbitratorProposedSchema = z.object({
  ...base,
  type: z.literal('arbitrator-proposed'),
  proposalId: z.string().regex(/^A\d{1,4}$/),
  name: text(300),
  organisation: z.string().trim().max(300).optional(),
  note: z.string().max(5000).optional(),
});
export const arbitratorDecidedSchema = z.object({
  ...base,
  type: z.literal('arbitrator-decided'),
  proposalId: z.string().regex(/^A\d{1,4}$/),
  decision: z.enum(['approved', 'rejected']),
  note: z.string().max(5000).optional(),
});
export const arbitrationSessionHeldSchema = z.object({
  ...base,
  type: z.literal('arbitration-session-held'),
  heldOn: z.string().date(),
  summary: text(10_000),
});
export const arbitrationOutcomeRecordedSchema = z.object({
  ...base,
  type: z.literal('arbitration-outcome-recorded'),
  outcome: text(10_000),
});

/** At most this many candidate dates in one meeting proposal: enough to choose from, few enough to read. */
export const MAX_MEETING_CANDIDATES = 5;
const meetingId = z.string().regex(/^T\d{1,4}$/);

/**
 * Levels 2–4: one party proposes a meeting ("Terminvorschläge", "Schlichtungssitzungen") with candidate dates;
 * the other party confirms one of them or declines with a reason.
 */
export const meetingProposedSchema = z.object({
  ...base,
  type: z.literal('meeting-proposed'),
  meetingId,
  subject: text(300),
  candidates: z
    .array(z.string().datetime({ offset: true }))
    .min(1)
    .max(MAX_MEETING_CANDIDATES),
  note: z.string().max(5000).optional(),
});
export const meetingConfirmedSchema = z.object({
  ...base,
  type: z.literal('meeting-confirmed'),
  meetingId,
  /** One of the proposal's candidates. */
  startsAt: z.string().datetime({ offset: true }),
  note: z.string().max(5000).optional(),
});
export const meetingDeclinedSchema = z.object({
  ...base,
  type: z.literal('meeting-declined'),
  meetingId,
  reason: text(5000),
});

// --- Deadlines watched by the scheduled sweep ---

/** A deadline came close (warning) or ran out (missed); `deadlineKey` + `dueAt` identify it, so each is recorded once. */
export const deadlineNoticeSchema = z.object({
  ...base,
  type: z.literal('deadline-notice'),
  notice: z.enum(['warning', 'missed']),
  deadlineKey: z.string().min(1).max(200),
  timeFrame: z.string().min(1),
  party: z.enum(['contractor', 'client', 'both']),
  dueAt: z.string().datetime({ offset: true }),
  obligationId: z.string().optional(),
});
/** Who was told about what: the report lists every notification sent. */
export const notificationSentSchema = z.object({
  ...base,
  type: z.literal('notification-sent'),
  purpose: z.string().min(1).max(200),
  recipients: z.array(z.string().min(1)).max(100),
  channels: z.array(z.enum(['jira-notify', 'comment'])).min(1),
});

// --- The final report (consolidated from the issue history) and the debrief ---

const reportVersion = z.number().int().positive();
const contentHash = z.string().regex(/^[a-f0-9]{64}$/);
export const reportSubmittedSchema = z.object({
  ...base,
  type: z.literal('report-submitted'),
  reportVersion,
  contentHash,
  locale: z.enum(['de', 'en']),
  /**
   * The contractor's free texts in this version (summary, lessons learned, answer to the change request);
   * they are part of the frozen content the hash binds. Absent in logs recorded before they could be written.
   */
  texts: reportTextsSchema.optional(),
});
export const reportChangesRequestedSchema = z.object({
  ...base,
  type: z.literal('report-changes-requested'),
  reportVersion,
  comment: text(5000),
});
export const reportExportedSchema = z.object({
  ...base,
  type: z.literal('report-exported'),
  reportVersion,
  pageId: z.string().min(1),
  pageVersion: z.number().int().positive(),
  url: z.string().max(2000),
});
export const debriefHeldSchema = z.object({
  ...base,
  type: z.literal('debrief-held'),
  lessonsLearned: text(20_000),
  improvements: z.string().max(20_000).optional(),
});

export const escalationEventSchema = z.discriminatedUnion('type', [
  escalationStartedSchema,
  levelChangedSchema,
  obligationFulfilledSchema,
  obligationFulfilmentWithdrawnSchema,
  clientNotifiedSchema,
  statusUpdatePostedSchema,
  arbitrationConsentSchema,
  resolvedSchema,
  reopenedSchema,
  reportApprovedSchema,
  closedSchema,
  actionPlanDraftedSchema,
  actionPlanSubmittedSchema,
  actionPlanApprovedSchema,
  actionPlanChangesRequestedSchema,
  rootCauseRecordedSchema,
  preventiveMeasureRecordedSchema,
  preventiveMeasureDoneSchema,
  arbitratorProposedSchema,
  arbitratorDecidedSchema,
  arbitrationSessionHeldSchema,
  arbitrationOutcomeRecordedSchema,
  deadlineNoticeSchema,
  notificationSentSchema,
  reportSubmittedSchema,
  reportChangesRequestedSchema,
  reportExportedSchema,
  debriefHeldSchema,
  changeProposedSchema,
  changeDeclinedSchema,
  changeWithdrawnSchema,
  obligationNotApplicableSchema,
  managementInformedSchema,
  noticeAcknowledgedSchema,
  meetingProposedSchema,
  meetingConfirmedSchema,
  meetingDeclinedSchema,
]);
export type EscalationEvent = z.infer<typeof escalationEventSchema>;
export type EscalationEventType = EscalationEvent['type'];
export type EventOf<T extends EscalationEventType> = Extract<EscalationEvent, { type: T }>;

/** An event as a command produces it, before the log gives it its sequence number. */
export type NewEscalationEvent = EscalationEvent extends infer E ? (E extends EscalationEvent ? Omit<E, 'seq'> : never) : never;

export const escalationLogSchema = z.array(escalationEventSchema);
