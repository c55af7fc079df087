import type { ReportTextId, ReportTexts } from '../report/report-texts';
import type { EvidenceKind, Level, Party, TemplateRef, TriggerId } from '../process/process-template';
import type { Actor } from './escalation-event';

export type EscalationStatus = 'open' | 'resolved' | 'closed';

export interface Fulfilment {
  readonly obligationId: string;
  readonly seq: number;
  readonly at: string;
  readonly actor: Actor;
  readonly note: string;
  readonly evidenceUrl?: string;
  /** Marked not applicable (a "bei Bedarf" duty that was not needed); `note` holds the reason. */
  readonly notApplicable?: boolean;
}

/** A record the app keeps that can prove an obligation (see the template's fulfilment rules). */
export interface Evidence {
  readonly kind: EvidenceKind;
  readonly seq: number;
  readonly at: string;
  readonly actor: Actor;
  /** The level the escalation was at when it was recorded. */
  readonly level: Level;
}

/** A change only both parties make: one proposes, the other accepts or declines; the proposer may withdraw. */
export interface ChangeProposal {
  readonly seq: number;
  readonly at: string;
  readonly actor: Actor;
  readonly change: 'escalate' | 'de-escalate' | 'resolve';
  readonly text: string;
}

export interface LevelStay {
  readonly level: Level;
  readonly enteredAt: string;
  readonly leftAt?: string;
}

export interface RecordedBy {
  readonly seq: number;
  readonly at: string;
  readonly actor: Actor;
}

export type ActionPlanStatus = 'draft' | 'submitted' | 'approved' | 'changes-requested';
export interface ActionPlanVersion extends RecordedBy {
  readonly version: number;
  readonly stage: 'preliminary' | 'detailed';
  readonly text: string;
  readonly status: ActionPlanStatus;
  readonly decision?: RecordedBy & { readonly note?: string };
}

export interface PreventiveMeasure extends RecordedBy {
  readonly measureId: string;
  readonly text: string;
  readonly owner: Party | 'both';
  readonly done?: RecordedBy & { readonly note: string };
}

export interface ArbitratorProposal extends RecordedBy {
  readonly proposalId: string;
  readonly name: string;
  readonly organisation?: string;
  readonly note?: string;
  readonly decision?: RecordedBy & { readonly decision: 'approved' | 'rejected'; readonly note?: string };
}

/** A meeting one party proposed with candidate dates; the other party confirms one or declines. */
export interface MeetingProposal extends RecordedBy {
  readonly meetingId: string;
  /** The level the escalation was at when proposed. */
  readonly level: Level;
  readonly subject: string;
  readonly candidates: readonly string[];
  readonly note?: string;
  readonly answer?: RecordedBy &
    (
      | { readonly decision: 'confirmed'; readonly startsAt: string; readonly note?: string }
      | { readonly decision: 'declined'; readonly reason: string }
    );
}

export type ReportVersionStatus = 'submitted' | 'changes-requested' | 'approved';
export interface ReportVersion extends RecordedBy {
  readonly version: number;
  readonly contentHash: string;
  readonly locale: 'de' | 'en';
  readonly status: ReportVersionStatus;
  readonly decision?: RecordedBy & { readonly comment?: string };
  /** The contractor's free texts of this version. */
  readonly texts: ReportTexts;
  /** The free texts that differ from the previous version's (none for the first). */
  readonly edited: readonly ReportTextId[];
}

/** The state of one escalation, derived from its events; never stored on its own as the truth. */
export interface EscalationState {
  readonly status: EscalationStatus;
  readonly template: TemplateRef;
  readonly trigger: TriggerId;
  readonly problem: string;
  readonly impact: string;
  readonly level: Level;
  readonly startedAt: string;
  readonly detectedAt: string;
  /** A critical problem runs the two-hour notification and the top-priority clock. */
  readonly critical: boolean;
  /** Whose person (or the sweep) started it: a client that started it needs no notice of it. */
  readonly startedBy: Actor['party'];
  /** The records that can prove obligations, in order. */
  readonly evidence: readonly Evidence[];
  /** The proposal waiting for the other party's answer, if any. */
  readonly proposal?: ChangeProposal;
  readonly levelEnteredAt: string;
  readonly levelHistory: readonly LevelStay[];
  /**
   * Manual ticks and not-applicable marks in force, by obligation id (withdrawn ones are gone from here but stay
   * in the log). Whether an obligation is fulfilled also depends on the records: see obligation-fulfilment.ts.
   */
  readonly fulfilments: Readonly<Record<string, Fulfilment>>;
  readonly clientNotifiedAt?: string;
  readonly lastStatusUpdateAt?: string;
  /** Parties that agreed to external arbitration since the escalation last entered level 3. */
  readonly arbitrationConsent: readonly Party[];
  readonly resolvedAt?: string;
  readonly closedAt?: string;
  readonly approvedReport?: { readonly version: number; readonly contentHash: string; readonly at: string };
  readonly actionPlans: readonly ActionPlanVersion[];
  readonly rootCauses: readonly (RecordedBy & { readonly text: string })[];
  readonly preventiveMeasures: readonly PreventiveMeasure[];
  readonly arbitrators: readonly ArbitratorProposal[];
  readonly arbitrationSessions: readonly (RecordedBy & { readonly heldOn: string; readonly summary: string })[];
  readonly arbitrationOutcome?: RecordedBy & { readonly outcome: string };
  readonly meetings: readonly MeetingProposal[];
  /** Deadline notices already recorded, by `${deadlineKey}|${notice}`: the sweep acts on each once. */
  readonly deadlineNotices: Readonly<Record<string, string>>;
  readonly reports: readonly ReportVersion[];
  readonly reportExports: readonly (RecordedBy & {
    readonly reportVersion: number;
    readonly pageId: string;
    readonly pageVersion: number;
    readonly url: string;
  })[];
  readonly debriefs: readonly (RecordedBy & { readonly lessonsLearned: string; readonly improvements?: string })[];
  readonly lastSeq: number;
}
