import type { Deadline } from '../domain/escalation/escalation-deadlines';
import type { ChangeProposal, EscalationStatus } from '../domain/escalation/escalation-state';
import type { Level, LocalizedText } from '../domain/process/process-template';
import type { Allowed, ObligationItem } from './escalation-panel-view';
import type { ReportVersionView } from './report-view';

/**
 * What the Jira Service Management portal shows the client's people: only what is theirs to see and to do.
 * The contractor's own obligations, drafts and working notes are never part of it (the server leaves them out).
 */
export interface PortalEscalationView {
  readonly status: EscalationStatus;
  readonly level: Level;
  readonly levelName: LocalizedText;
  readonly problem: string;
  readonly impact: string;
  readonly startedAt: string;
  readonly levelEnteredAt: string;
  /** The client's deadlines (and the level's time frame, which binds both parties), soonest first. */
  readonly deadlines: readonly Deadline[];
  /** The client's obligations of the current level and the cross-cutting sections, open ones first. */
  readonly obligations: readonly ObligationItem[];
  /** The escalation notice waiting for the client's acknowledgement, if the client may acknowledge it now. */
  readonly notice: { readonly notifiedAt?: string; readonly acknowledge: Allowed };
  /** Action plan versions the contractor submitted (never drafts), newest first. */
  readonly actionPlans: readonly {
    readonly version: number;
    readonly stage: 'preliminary' | 'detailed';
    readonly text: string;
    readonly status: 'submitted' | 'approved' | 'changes-requested';
    readonly submittedAt: string;
    readonly decision?: { readonly at: string; readonly note?: string };
  }[];
  /** A change the contractor proposed that waits for the client's answer. */
  readonly proposal?: Pick<ChangeProposal, 'seq' | 'at' | 'change' | 'text'>;
  /** Conciliators the contractor proposed, with the client's decision once made. */
  readonly conciliators: readonly {
    readonly proposalId: string;
    readonly name: string;
    readonly organisation?: string;
    readonly note?: string;
    readonly decision?: { readonly decision: 'approved' | 'rejected'; readonly at: string };
  }[];
  /** Report versions submitted to the client, newest first; `decide` says whether the client may decide now. */
  readonly reports: { readonly versions: readonly ReportVersionView[]; readonly decide: boolean };
  /** The contractor's status updates, newest first. */
  readonly statusUpdates: readonly { readonly at: string; readonly text: string }[];
}

export interface PortalView {
  readonly issueKey: string;
  readonly now: string;
  readonly escalation: PortalEscalationView | null;
  /** Display names of the people the view names. */
  readonly people: Readonly<Record<string, string>>;
}
