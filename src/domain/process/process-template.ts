import { z } from 'zod';
import {
  DEADLINE_ANCHORS,
  EVIDENCE_KINDS,
  LEVELS,
  OBLIGATION_KINDS,
  PARTIES,
  SECTION_IDS,
  TIME_FRAME_KEYS,
  TRIGGER_IDS,
} from './process-vocabulary';

export { DEADLINE_ANCHORS, EVIDENCE_KINDS, LEVELS, OBLIGATION_KINDS, PARTIES, SECTION_IDS, TIME_FRAME_KEYS, TRIGGER_IDS };

/**
 * The contract's escalation process as data: the "Ergänzende Leistungsbeschreibung: Eskalationsprozess"
 * annex, its sections, the paired obligations of both parties and the time frames they name.
 *
 * A template is immutable once published: a change is a new version, and every escalation keeps the
 * version it started with (see {@link TemplateRef}).
 */

/** Auftragnehmer (contractor) and Auftraggeber (client). */
export const partySchema = z.enum(PARTIES);
export type Party = z.infer<typeof partySchema>;

export const levelSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
/** 1 immediate problem solving, 2 middle management, 3 executive management, 4 external conciliation (Schlichtung). */
export type Level = z.infer<typeof levelSchema>;

export const localizedTextSchema = z.object({
  de: z.string().min(1),
  en: z.string().min(1),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;
export type Locale = keyof LocalizedText;

export const sectionIdSchema = z.enum(SECTION_IDS);
export type SectionId = z.infer<typeof sectionIdSchema>;

export const sectionSchema = z.object({
  id: sectionIdSchema,
  title: localizedTextSchema,
  /**
   * `level`: applies while the escalation is at that level; `cross-cutting`: applies through the whole life
   * of every escalation (documentation and reporting); `process`: applies to the process itself (yearly revision).
   */
  scope: z.enum(['level', 'cross-cutting', 'process']),
  level: levelSchema.optional(),
});
export type Section = z.infer<typeof sectionSchema>;

export const obligationKindSchema = z.enum(OBLIGATION_KINDS);
export type ObligationKind = z.infer<typeof obligationKindSchema>;

export const durationUnitSchema = z.enum(['minutes', 'hours', 'workingDays', 'calendarDays', 'months', 'years']);
export type DurationUnit = z.infer<typeof durationUnitSchema>;
export const durationSchema = z.object({
  amount: z.number().int().positive(),
  unit: durationUnitSchema,
});
export type Duration = z.infer<typeof durationSchema>;

/** Named, configurable time frames the annex refers to; `default` applies until the project configures its own. */

export const timeFrameKeySchema = z.enum(TIME_FRAME_KEYS);
export type TimeFrameKey = z.infer<typeof timeFrameKeySchema>;

export const timeFrameSchema = z.object({
  key: timeFrameKeySchema,
  label: localizedTextSchema,
  default: durationSchema,
  /** Whether the time frame counts business hours of the project's calendar or runs around the clock. */
  calendar: z.enum(['business', 'continuous']),
});
export type TimeFrame = z.infer<typeof timeFrameSchema>;

/** What a deadline is counted from. */

export const deadlineRuleSchema = z.object({
  timeFrame: timeFrameKeySchema,
  from: z.enum(DEADLINE_ANCHORS),
  /** The words of the annex that name the time, quoted verbatim (German). */
  quote: z.string().min(1),
  /** Recurring deadlines restart from their anchor each time they are met (status updates, yearly review). */
  recurring: z.boolean(),
  /** The clock runs only for a critical problem ("nach Erkennung eines kritischen Problems", "höchster Priorität"). */
  onlyIfCritical: z.boolean().optional(),
  /** Overrides the time frame's counting for this obligation (e.g. "umgehend" round the clock). */
  calendar: z.enum(['business', 'continuous']).optional(),
});
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;

export const evidenceKindSchema = z.enum(EVIDENCE_KINDS);
export type EvidenceKind = z.infer<typeof evidenceKindSchema>;

/**
 * How an obligation is fulfilled. `records`: the app's records that are its evidence (by the obligation's own
 * party unless `party` says otherwise). `automatic`: the app performs the duty itself (the ticket exists, the
 * log is kept). `manual`: done outside the app, ticked with a note; never for approvals, which exist only as
 * their record. `notApplicable`: a "bei Bedarf" duty the party may mark as not needed, with a reason.
 */
export const fulfilmentRuleSchema = z.object({
  records: z.array(z.object({ record: evidenceKindSchema, party: z.enum(['contractor', 'client', 'any']).optional() })).max(10),
  automatic: z.boolean().optional(),
  manual: z.boolean(),
  notApplicable: z.boolean().optional(),
  /** Fulfilled by a record of the process, not of an escalation: the yearly review, the approval of a version. */
  processRecord: z.enum(['yearly-review', 'template-approval']).optional(),
});
export type FulfilmentRule = z.infer<typeof fulfilmentRuleSchema>;

export const obligationIdSchema = z.string().regex(/^[A-Z0-9]+-[CK]-\d{2}$/);
export const obligationSchema = z.object({
  /** Stable id: section code, party code (C contractor, K client/Kunde), pair index, e.g. `L1-C-02`. */
  id: obligationIdSchema,
  section: sectionIdSchema,
  party: partySchema,
  /** Contractor item i answers client item i; the annex has 1..10, later versions may add items (up to 99). */
  pairIndex: z.number().int().min(1).max(99),
  text: localizedTextSchema,
  kind: obligationKindSchema,
  /** Must be fulfilled before the stage may be left (escalated or resolved), unless its time frame has run out. */
  mandatoryToLeaveStage: z.boolean(),
  deadline: deadlineRuleSchema.optional(),
  /** How it is fulfilled; absent in versions stored before this existed (see fulfilmentRuleOf). */
  fulfilment: fulfilmentRuleSchema.optional(),
  /** The level from which it can be worked on, when earlier than its section's (level-4 preparation at level 3). */
  opensAtLevel: levelSchema.optional(),
  /** Set when a later template version retires the obligation; retired obligations stay for the record. */
  retired: z.boolean().optional(),
});
export type Obligation = z.infer<typeof obligationSchema>;

export const triggerIdSchema = z.enum(TRIGGER_IDS);
export type TriggerId = z.infer<typeof triggerIdSchema>;

export const levelDefinitionSchema = z.object({
  level: levelSchema,
  section: sectionIdSchema,
  name: localizedTextSchema,
});
export type LevelDefinition = z.infer<typeof levelDefinitionSchema>;

export const principleSchema = z.object({
  id: z.string().min(1),
  /** `introduction` = "Einleitung", `definition` = "Definition der Eskalation". */
  chapter: z.enum(['introduction', 'definition']),
  text: localizedTextSchema,
});
export type Principle = z.infer<typeof principleSchema>;

export const processTemplateSchema = z
  .object({
    id: z.string().min(1),
    version: z.number().int().positive(),
    title: localizedTextSchema,
    source: z.string().min(1),
    principles: z.array(principleSchema),
    triggers: z.array(z.object({ id: triggerIdSchema, label: localizedTextSchema })),
    levels: z.array(levelDefinitionSchema).length(4),
    sections: z.array(sectionSchema),
    timeFrames: z.array(timeFrameSchema),
    obligations: z.array(obligationSchema),
  })
  .superRefine((template, ctx) => {
    const ids = new Set<string>();
    for (const obligation of template.obligations) {
      if (ids.has(obligation.id)) {
        ctx.addIssue({ code: 'custom', message: `duplicate obligation id ${obligation.id}` });
      }
      ids.add(obligation.id);
      if (obligation.deadline && !template.timeFrames.some((t) => t.key === obligation.deadline?.timeFrame)) {
        ctx.addIssue({ code: 'custom', message: `${obligation.id}: unknown time frame ${obligation.deadline.timeFrame}` });
      }
    }
    for (const section of template.sections) {
      for (const party of PARTIES) {
        const pairs = template.obligations.filter((o) => o.section === section.id && o.party === party).map((o) => o.pairIndex);
        if (new Set(pairs).size !== pairs.length) {
          ctx.addIssue({ code: 'custom', message: `${section.id}/${party}: duplicate pair index` });
        }
      }
    }
  });
export type ProcessTemplate = z.infer<typeof processTemplateSchema>;

/** What an escalation freezes when it starts. */
export const templateRefSchema = z.object({ id: z.string().min(1), version: z.number().int().positive() });
export type TemplateRef = z.infer<typeof templateRefSchema>;
