import type { EscalationEvent } from '../domain/escalation/escalation-event';
import type { Deadline } from '../domain/escalation/escalation-deadlines';
import type { ChangeProposal, EscalationState, EscalationStatus } from '../domain/escalation/escalation-state';
import type { ObligationFulfilment } from '../domain/escalation/obligation-fulfilment';
import type { Rejection } from '../domain/escalation/escalation-rejection';
import type { ClockExplanation, NextSteps } from '../domain/escalation/next-steps';
import type { FulfilmentRule, Level, LocalizedText, ObligationKind, Party, TriggerId } from '../domain/process/process-template';

/** What the issue panel shows; both languages travel so the UI follows the user's locale. */
export interface ObligationItem {
  readonly id: string;
  readonly party: Party;
  readonly text: LocalizedText;
  readonly kind: ObligationKind;
  readonly mandatory: boolean;
  readonly deadline?: {
    readonly quote: string;
    readonly timeFrame: Deadline['timeFrame'];
    readonly dueAt?: string;
    readonly state?: Deadline['state'];
  };
  /** How it is fulfilled: by which records, by the app, by a tick, or may be marked not applicable. */
  readonly rule: FulfilmentRule;
  /** What fulfils it now: the record that proves it, the app, a tick or a not-applicable mark. */
  readonly fulfilment?: ObligationFulfilment;
  /** How often a fulfilment was withdrawn (the withdrawals stay in the timeline). */
  readonly withdrawals: number;
}

export interface ObligationPairView {
  readonly pairIndex: number;
  readonly contractor?: ObligationItem;
  readonly client?: ObligationItem;
}

export interface SectionView {
  readonly id: string;
  readonly title: LocalizedText;
  readonly scope: 'level' | 'cross-cutting' | 'process';
  /** For a level's section: which level (an earlier level's follow-up, or a later level's preparation). */
  readonly level?: Level;
  /** The current level's section; others are earlier levels' follow-ups or the next level's preparation. */
  readonly current: boolean;
  readonly pairs: readonly ObligationPairView[];
}

/** Whether an action is possible now, and if not, why (the same rejection the action would give). */
export type Allowed = { readonly ok: true } | { readonly ok: false; readonly rejection: Rejection };

export interface EscalationView {
  readonly status: EscalationStatus;
  readonly level: Level;
  readonly levelName: LocalizedText;
  readonly trigger: TriggerId;
  readonly problem: string;
  readonly impact: string;
  readonly startedAt: string;
  readonly levelEnteredAt: string;
  readonly template: { readonly id: string; readonly version: number };
  /** The running clocks, each saying how it counts (business hours or round the clock) and what started it. */
  readonly deadlines: readonly (Deadline & ClockExplanation)[];
  /** What each party must do now, most pressing first, and what happens when the level's time frame runs out. */
  readonly nextSteps: NextSteps;
  /** The project's calendar the business-hours clocks count on. */
  readonly calendar: {
    readonly timeZone: string;
    readonly workingHours: { readonly start: string; readonly end: string };
    readonly mode: 'business-hours' | '24x7';
  };
  readonly sections: readonly SectionView[];
  readonly timeline: readonly EscalationEvent[];
  /** Every obligation text of the frozen template version, for timeline entries about earlier stages. */
  readonly obligationTexts: Readonly<Record<string, LocalizedText>>;
  readonly levelHistory: EscalationState['levelHistory'];
  readonly arbitrationConsent: readonly Party[];
  /** Whether the problem is critical (the two-hour notification clock runs) and who started the escalation. */
  readonly critical: boolean;
  readonly startedBy: Party | 'system';
  /** The proposal waiting for the other party (de-escalate, resolve, escalate early), if any. */
  readonly proposal?: ChangeProposal;
  readonly clientNotifiedAt?: string;
  readonly lastStatusUpdateAt?: string;
  /** The working records: action plan versions, root cause, preventive measures, arbitration. */
  readonly records: Pick<
    EscalationState,
    'actionPlans' | 'rootCauses' | 'preventiveMeasures' | 'arbitrators' | 'arbitrationSessions' | 'arbitrationOutcome' | 'meetings'
  >;
  readonly allowed: {
    readonly escalate: Allowed;
    readonly deEscalate: Allowed;
    readonly resolve: Allowed;
    readonly reopen: Allowed;
    readonly giveArbitrationConsent: Allowed;
    readonly proposeEscalation: Allowed;
    readonly answerProposal: Allowed;
    readonly withdrawProposal: Allowed;
    readonly informManagement: Allowed;
    readonly acknowledgeNotice: Allowed;
    /** Levels 2–4: proposing a meeting with candidate dates. */
    readonly proposeMeeting: Allowed;
  };
}

/**
 * A critical priority without an escalation: when it was detected, by which priority, and by when the client
 * must be told (the two-hour time frame from the detection). The panel proposes starting an escalation.
 */
export interface CriticalProblemView {
  readonly detectedAt: string;
  readonly priorityName: string;
  /** Absent only when the process template names no critical notification time frame. */
  readonly notifyClientBy?: string;
}

export interface EscalationPanelView {
  readonly issueKey: string;
  readonly now: string;
  readonly viewer: {
    readonly accountId: string;
    /** The viewer's party in this project, if any. */
    readonly party: Party | null;
    readonly isAdmin: boolean;
    readonly canEdit: boolean;
  };
  readonly levels: readonly { readonly level: Level; readonly name: LocalizedText }[];
  readonly triggers: readonly { readonly id: TriggerId; readonly label: LocalizedText }[];
  /**
   * The annex's principles ("Einleitung", "Definition der Eskalation") of the escalation's frozen template,
   * or of the active one before any escalation: the panel recalls them beside each decision.
   */
  readonly principles: readonly {
    readonly id: string;
    readonly chapter: 'introduction' | 'definition';
    readonly text: LocalizedText;
  }[];
  /** Display names of the people in the record. */
  readonly people: Readonly<Record<string, string>>;
  readonly escalation: EscalationView | null;
  /** Only while no escalation runs on a critical issue: the proposal to start one. */
  readonly criticalProblem?: CriticalProblemView;
}
