import type { Locale, Party } from '../process/process-template';

/**
 * The consolidated escalation report as data: sections following the annex, each a list of simple blocks.
 * Every string here is plain text (labels and user text alike); each renderer escapes it with its own
 * one escaping function, so no renderer ever trusts a string it did not escape itself.
 */
export type ReportBlock =
  | { readonly kind: 'paragraph'; readonly text: string }
  | { readonly kind: 'heading'; readonly text: string }
  | { readonly kind: 'note'; readonly text: string }
  | { readonly kind: 'facts'; readonly items: readonly { readonly label: string; readonly value: string }[] }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly columns: readonly string[]; readonly rows: readonly (readonly string[])[] };

export type ReportSectionId =
  | 'introduction'
  | 'summary'
  | 'revision'
  | 'problem'
  | 'timeline'
  | 'obligations'
  | 'action-plans'
  | 'root-cause'
  | 'arbitration'
  | 'lessons'
  | 'figures'
  | 'approvals'
  | 'discussion';

export interface ReportSection {
  readonly id: ReportSectionId;
  readonly title: string;
  readonly blocks: readonly ReportBlock[];
}

export type ObligationOutcome = 'on-time' | 'late' | 'fulfilled' | 'open' | 'open-overdue';

/** One party's obligation at one level and what became of it. */
export interface ObligationRecord {
  readonly obligationId: string;
  readonly section: string;
  readonly party: Party;
  readonly text: string;
  readonly outcome: ObligationOutcome;
  readonly dueAt?: string;
  readonly fulfilledAt?: string;
  readonly fulfilledBy?: string;
  readonly note?: string;
  /** How it was fulfilled: by its record, by the app, by a tick, or marked not applicable. */
  readonly via?: 'record' | 'automatic' | 'manual' | 'not-applicable';
}

export interface LevelFigure {
  readonly level: number;
  readonly name: string;
  readonly calendarMs: number;
  readonly businessMs: number;
  /** Calendar time at the level in which the client waited on an overdue duty of the contractor (fair time). */
  readonly waitingForContractorMs: number;
  /** … and the contractor on one of the client. */
  readonly waitingForClientMs: number;
}

export interface PartyDeadlineFigure {
  readonly party: Party | 'both';
  readonly met: number;
  readonly missed: number;
}

/** The measured figures of the escalation (all derived from recorded events and the project calendar). */
export interface ReportFigures {
  /** Problem detected → client notified; absent when the client was never notified. */
  readonly timeToNotify?: { readonly calendarMs: number; readonly businessMs: number };
  readonly levels: readonly LevelFigure[];
  readonly deadlines: readonly PartyDeadlineFigure[];
  readonly highestLevel: number;
  readonly jiraChanges: number;
  readonly comments: number;
  readonly logEvents: number;
}

export interface EscalationReport {
  readonly locale: Locale;
  readonly title: string;
  readonly issueKey: string;
  readonly generatedAt: string;
  /** The line under the title: issue and generation time in the report's language and the project's zone. */
  readonly subtitle: string;
  readonly sections: readonly ReportSection[];
  readonly obligations: readonly ObligationRecord[];
  readonly figures: ReportFigures;
}

/**
 * The report's sections as a stream, in reading order: a section's start, then its blocks, a long table as its
 * start, its rows one by one and its end. A large report is paged, rendered and hashed from this stream without
 * its sections being held whole; joined, the stream gives exactly the report's `sections`.
 */
export type ReportPiece =
  | { readonly kind: 'section'; readonly id: ReportSectionId; readonly title: string }
  | { readonly kind: 'block'; readonly block: ReportBlock }
  | { readonly kind: 'table-start'; readonly columns: readonly string[] }
  | { readonly kind: 'table-row'; readonly row: readonly string[] }
  | { readonly kind: 'table-end' };
