import type { EscalationPolicy } from '../configuration/escalation-policy';
import type { EscalationEvent } from '../escalation/escalation-event';
import type { EscalationState } from '../escalation/escalation-state';
import type { Locale, ProcessTemplate } from '../process/process-template';
import type { ReportWords } from './report-labels';
import type { ReportTexts } from './report-texts';

/** One entry of the Jira issue history (changelog), reduced to what the report uses. */
export interface HistoryEntry {
  readonly id: string;
  readonly at: string;
  readonly authorId?: string;
  readonly items: readonly { readonly field: string; readonly from?: string | null; readonly to?: string | null }[];
}

/** A Jira comment with its ADF body already reduced to plain text. */
export interface IssueComment {
  readonly id: string;
  readonly at: string;
  readonly authorId?: string;
  readonly text: string;
}

export interface ReportIssue {
  readonly key: string;
  readonly summary: string;
  readonly priority?: string;
}

/** Everything the report is generated from; all of it fetched before, so building is pure and timed alone. */
export interface ReportInput {
  readonly issue: ReportIssue;
  readonly log: readonly EscalationEvent[];
  readonly state: EscalationState;
  readonly template: ProcessTemplate;
  readonly policy: EscalationPolicy;
  readonly changelog: readonly HistoryEntry[];
  readonly comments: readonly IssueComment[];
  /** Display names by account id (unknown ids are shown as they are). */
  readonly people: Readonly<Record<string, string>>;
  readonly locale: Locale;
  /** The report's words in `locale`: the message catalog's `reportText.*` section, passed in by the use case. */
  readonly words: ReportWords;
  readonly generatedAt: Date;
  /** The contractor's free texts for this version; everything else is derived from the record. */
  readonly texts?: ReportTexts;
}
