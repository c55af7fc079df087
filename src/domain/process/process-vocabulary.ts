/**
 * The process's words as plain constants, free of zod, so Custom UI bundles can use them without
 * carrying the schema library.
 */

export const PARTIES = ['contractor', 'client'] as const;

export const LEVELS = [1, 2, 3, 4] as const;

export const SECTION_IDS = ['level-1', 'level-2', 'level-3', 'level-4', 'documentation', 'revision'] as const;

export const OBLIGATION_KINDS = [
  'action',
  'notification',
  'approval',
  'review',
  'meeting',
  'documentation',
  'information',
  'participation',
] as const;

export const TIME_FRAME_KEYS = [
  'criticalNotification', // "innerhalb von zwei Stunden"
  'immediate', // "umgehend", "unverzüglich"
  'escalationNotice', // "innerhalb eines festgelegten Zeitraums", "innerhalb einer festgelegten Frist"
  'statusUpdateInterval', // "im vereinbarten Zeitrahmen" (status updates)
  'levelTimeFrame', // "innerhalb des vereinbarten Zeitrahmens" before the next level
  'clientResponse', // "zeitnah"
  'processReview', // "mindestens einmal jährlich"
] as const;

export const DEADLINE_ANCHORS = [
  'problemDetected',
  'escalationStarted',
  'levelEntered',
  'lastStatusUpdate',
  'requestReceived',
  'lastProcessReview',
] as const;

export const TRIGGER_IDS = ['sla-breach', 'contract-interpretation', 'other'] as const;

/** Section and party codes of obligation ids, e.g. `L1-C-02` (level 1, contractor, pair 2); `K` is the client (Kunde). */
export const SECTION_CODES = {
  'level-1': 'L1',
  'level-2': 'L2',
  'level-3': 'L3',
  'level-4': 'L4',
  documentation: 'DOC',
  revision: 'REV',
} as const satisfies Record<(typeof SECTION_IDS)[number], string>;
export const PARTY_CODES = { contractor: 'C', client: 'K' } as const satisfies Record<(typeof PARTIES)[number], string>;

/**
 * Records the app keeps that can be the evidence of an obligation (see the template's `fulfilment`).
 * Each is derived from a recorded event; `*-plan-*` distinguish the preliminary from the detailed plan.
 */
export const EVIDENCE_KINDS = [
  'escalation-started',
  'client-notified',
  'notice-acknowledged',
  'status-update-posted',
  'management-informed',
  'preliminary-plan-submitted',
  'detailed-plan-submitted',
  'preliminary-plan-decided',
  'detailed-plan-decided',
  'detailed-plan-approved',
  'root-cause-recorded',
  'preventive-measure-recorded',
  'preventive-measure-done',
  'conciliator-proposed',
  'conciliator-approved',
  'conciliation-session-held',
  'conciliation-outcome-recorded',
  'meeting-proposed',
  'meeting-confirmed',
  'report-submitted',
  'report-approved',
  'report-exported',
  'debrief-held',
] as const;
