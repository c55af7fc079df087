/**
 * The domain's words as the Custom UI apps see them: types of the process, the escalation and the
 * configuration, and the zod-free constants and helpers the views need. static/ imports these from
 * here (the contract), never from src/domain. Only zod-free modules are re-exported as values, so a
 * Custom UI bundle does not carry the schema library.
 */
export type {
  Duration,
  EvidenceKind,
  FulfilmentRule,
  Level,
  Locale,
  LocalizedText,
  Obligation,
  ObligationKind,
  Party,
  ProcessTemplate,
  SectionId,
  TimeFrameKey,
  TriggerId,
} from '../domain/process/process-template';
export type { TemplateChangelog } from '../domain/process/template-changelog';
export type { TemplateEdit } from '../domain/process/template-edits';
export type { Actor, EscalationEvent, EscalationEventType } from '../domain/escalation/escalation-event';
export type { ChangeProposal, EscalationStatus, Fulfilment, RecordedBy } from '../domain/escalation/escalation-state';
export type { ObligationFulfilment } from '../domain/escalation/obligation-fulfilment';
export type { RejectionCode } from '../domain/escalation/escalation-rejection';
export type { Deadline, DeadlineState } from '../domain/escalation/escalation-deadlines';
export type { ClockExplanation, LevelOutcome, NextStep, NextSteps } from '../domain/escalation/next-steps';
export type { AuditEntry } from '../domain/configuration/configuration-audit';
export type { Contacts, LevelContacts, ProjectConfiguration } from '../domain/configuration/project-configuration';
export type { ReviewContent } from '../domain/review/process-review';
export type { TransitionRuleConfig } from '../domain/workflow/transition-rule';

export { EVIDENCE_KINDS, OBLIGATION_KINDS, PARTIES, SECTION_IDS, TIME_FRAME_KEYS, TRIGGER_IDS } from '../domain/process/process-vocabulary';
export { TRANSITION_ACTIONS, type TransitionAction } from '../domain/workflow/transition-actions';
export { formatRemaining } from '../domain/deadlines/format-remaining';
