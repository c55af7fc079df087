import { z } from 'zod';
import { evidenceUrlSchema, MAX_MEETING_CANDIDATES } from '../domain/escalation/escalation-event';
import { partySchema, triggerIdSchema } from '../domain/process/process-template';
import { reportTextsSchema } from '../domain/report/report-texts';
import type { EscalationFieldValue } from '../domain/escalation/escalation-projection';
import type { EscalationPanelView } from './escalation-panel-view';
import { MAX_HELD_TEMPLATES, type PanelAnswer } from './panel-view-wire';
import type { ReportDocument, ReportGenerating, ReportPreview, ReportsView } from './report-view';

/**
 * The one contract between the app's resolvers and its Custom UI: each resolver key with the zod schema
 * of its payload and the type of its result. static/ imports this file; nothing is re-declared there.
 */

const note = (max = 5000) => z.string().trim().min(1, 'must not be empty').max(max);

/** A Jira admin may act for a party, only with a recorded reason. Identity still comes from the context. */
export const onBehalfSchema = z.object({ party: partySchema, reason: z.string().trim().min(3).max(1000) }).strict();

/**
 * The template texts the panel holds (keys of earlier answers): the answer is then the lean view, with the
 * texts only if they are not among these (src/shared/panel-view-wire.ts). Without it, the full view.
 */
const heldTemplates = z.array(z.string().min(1).max(300)).max(MAX_HELD_TEMPLATES).optional();

const mutation = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ ...shape, onBehalf: onBehalfSchema.optional(), templates: heldTemplates }).strict();
/** The report's changes answer report views: no panel view, so no templates. */
const reportMutation = <T extends z.ZodRawShape>(shape: T) => z.object({ ...shape, onBehalf: onBehalfSchema.optional() }).strict();
const reportLocale = z.enum(['de', 'en']);
const reportVersionNumber = z.number().int().positive().max(100_000);
const reportTexts = z.strictObject(reportTextsSchema.shape);

export const resolverPayloads = {
  getEscalation: z.object({ templates: heldTemplates }).strict(),
  /**
   * The level field's value as the app writes it (name in the site's default language), for the field's edit
   * view to submit; with `locale`, the level's name in that language instead, for the field's view to show.
   */
  getLevelFieldValue: z.object({ locale: z.enum(['de', 'en']).optional() }).strict(),
  startEscalation: mutation({
    trigger: triggerIdSchema,
    problem: note(10_000),
    impact: note(10_000),
    /** Only a critical problem runs the two-hour notification clock. */
    critical: z.boolean().optional(),
    detectedAt: z.string().datetime({ offset: true }).optional(),
  }),
  escalate: mutation({ note: z.string().trim().max(5000).optional() }),
  /** De-escalation, resolution and early escalation are proposals the other party answers. */
  deEscalate: mutation({ note: note() }),
  proposeEscalation: mutation({ note: note() }),
  answerProposal: mutation({
    proposalSeq: z.number().int().positive(),
    accept: z.boolean(),
    reason: z.string().trim().max(5000).optional(),
  }),
  withdrawProposal: mutation({ proposalSeq: z.number().int().positive() }),
  markNotApplicable: mutation({ obligationId: z.string().min(1).max(40), reason: note() }),
  informManagement: mutation({ note: note() }),
  acknowledgeNotice: mutation({ note: z.string().trim().max(5000).optional() }),
  fulfilObligation: mutation({
    obligationId: z.string().min(1).max(40),
    note: note(),
    evidenceUrl: evidenceUrlSchema.optional(),
  }),
  withdrawFulfilment: mutation({ obligationId: z.string().min(1).max(40), reason: note() }),
  recordClientNotified: mutation({ channel: z.enum(['phone', 'email', 'jira']), note: note() }),
  /** "Notify the client now": the app e-mails the level's client contacts (a Jira notification) and records it. */
  notifyClientNow: mutation({ assessment: note() }),
  postStatusUpdate: mutation({ text: note(10_000) }),
  giveArbitrationConsent: mutation({ note: z.string().trim().max(5000).optional() }),
  resolveEscalation: mutation({ resolution: note(10_000) }),
  reopenEscalation: mutation({ reason: note() }),
  draftActionPlan: mutation({ stage: z.enum(['preliminary', 'detailed']), text: note(20_000) }),
  submitActionPlan: mutation({ planVersion: z.number().int().positive() }),
  decideActionPlan: mutation({
    planVersion: z.number().int().positive(),
    decision: z.enum(['approve', 'request-changes']),
    comment: z.string().trim().max(5000).optional(),
  }),
  recordRootCause: mutation({ text: note(20_000) }),
  recordPreventiveMeasure: mutation({ text: note(), owner: z.enum(['contractor', 'client', 'both']) }),
  completePreventiveMeasure: mutation({ measureId: z.string().regex(/^M\d{1,4}$/), note: note() }),
  proposeArbitrator: mutation({
    name: note(300),
    organisation: z.string().trim().max(300).optional(),
    note: z.string().trim().max(5000).optional(),
  }),
  decideArbitrator: mutation({
    proposalId: z.string().regex(/^A\d{1,4}$/),
    decision: z.enum(['approved', 'rejected']),
    note: z.string().trim().max(5000).optional(),
  }),
  recordArbitrationSession: mutation({ heldOn: z.string().date(), summary: note(10_000) }),
  recordArbitrationOutcome: mutation({ outcome: note(10_000) }),
  /** Levels 2–4: a meeting with candidate dates (instants with their offset), which the other party answers. */
  proposeMeeting: mutation({
    subject: note(300),
    candidates: z
      .array(z.string().datetime({ offset: true }))
      .min(1)
      .max(MAX_MEETING_CANDIDATES),
    note: z.string().trim().max(5000).optional(),
  }),
  confirmMeeting: mutation({
    meetingId: z.string().regex(/^T\d{1,4}$/),
    startsAt: z.string().datetime({ offset: true }),
    note: z.string().trim().max(5000).optional(),
  }),
  declineMeeting: mutation({ meetingId: z.string().regex(/^T\d{1,4}$/), reason: note() }),
  // The final report: generated from the issue history, submitted, reviewed, frozen, archived in Confluence.
  getReports: z.object({}).strict(),
  /** `page`: which page of a large report (generated in the background) to show; 1 when absent. */
  previewReport: z
    .object({ locale: reportLocale, texts: reportTexts.optional(), page: z.number().int().min(1).max(10_000).optional() })
    .strict(),
  /** `texts`: the contractor's free parts of the report; the rest is generated from the record. */
  submitReport: reportMutation({ locale: reportLocale, texts: reportTexts.optional() }),
  requestReportChanges: reportMutation({ reportVersion: reportVersionNumber, comment: note() }),
  approveReport: reportMutation({
    reportVersion: reportVersionNumber,
    contentHash: z.string().regex(/^[a-f0-9]{64}$/),
    note: z.string().trim().max(5000).optional(),
  }),
  exportReport: reportMutation({ reportVersion: reportVersionNumber }),
  getReportVersion: z.object({ reportVersion: reportVersionNumber, format: z.enum(['markdown', 'html', 'storage']) }).strict(),
  recordDebrief: reportMutation({ lessonsLearned: note(20_000), improvements: z.string().trim().max(20_000).optional() }),
} as const;

/** Resolver keys of the report; they answer with report views, not the panel's escalation view. */
export const REPORT_RESOLVER_KEYS = [
  'getReports',
  'previewReport',
  'submitReport',
  'requestReportChanges',
  'approveReport',
  'exportReport',
  'getReportVersion',
  'recordDebrief',
] as const;
export type ReportResolverKey = (typeof REPORT_RESOLVER_KEYS)[number];
export interface ReportResolverResults {
  getReports: ReportsView;
  previewReport: ReportPreview | ReportGenerating;
  submitReport: ReportsView;
  requestReportChanges: ReportsView;
  approveReport: ReportsView;
  exportReport: ReportsView;
  getReportVersion: ReportDocument;
  recordDebrief: ReportsView;
}

export type ResolverKey = keyof typeof resolverPayloads;
export type ResolverPayload<K extends ResolverKey> = z.input<(typeof resolverPayloads)[K]>;

/** Every resolver answers with the panel's view after its action, so the UI never goes stale. */
export type ResolverResults = {
  [K in Exclude<ResolverKey, ReportResolverKey | 'getLevelFieldValue'>]: EscalationPanelView;
} & ReportResolverResults & {
    getLevelFieldValue: EscalationFieldValue | null;
  };

/** What the handlers answer: as {@link ResolverResults}, and the lean view where the payload named `templates`. */
export type ResolverAnswers = {
  [K in Exclude<ResolverKey, ReportResolverKey | 'getLevelFieldValue'>]: PanelAnswer;
} & Omit<ResolverResults, Exclude<ResolverKey, ReportResolverKey | 'getLevelFieldValue'>>;

export const ERROR_CODES = [
  'invalid-payload',
  'not-found',
  'forbidden',
  'not-a-party',
  'rejected',
  'conflict',
  'jira-unavailable',
  'confluence-unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ResolverError {
  readonly code: ErrorCode;
  readonly message: string;
  /** For `rejected`: the domain rejection code (stable, translated in the UI). */
  readonly reason?: string;
  readonly openObligations?: readonly { id: string; party: 'contractor' | 'client' }[];
  readonly awaitedParty?: 'contractor' | 'client';
  /** For `invalid-payload`: field → message. */
  readonly fields?: Readonly<Record<string, string>>;
}

export type ResolverResponse<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: ResolverError };
