import type { EscalationFieldValue, EscalationIndexDocument } from '../../domain/escalation/escalation-projection';
import type { RequestInvolvement } from '../../domain/configuration/project-configuration';
import type { CriticalProblem } from '../../domain/sweep/critical-priority';

export interface IssueRef {
  readonly id: string;
  readonly key: string;
  readonly projectKey: string;
  readonly summary: string;
  readonly priority?: string;
  /** A critical problem recorded on the issue while no escalation runs (the panel proposes one). */
  readonly criticalProblem?: CriticalProblem;
}

export interface UserAccess {
  readonly browse: boolean;
  readonly edit: boolean;
  readonly admin: boolean;
}

/** What the use cases need of Jira, in their words; tests and the sandbox swap it without spying. */
export interface IssueGateway {
  /** @returns undefined when the issue does not exist. */
  issue(issueIdOrKey: string): Promise<IssueRef | undefined>;
  /** The invoking user's access to the issue, asked as that user. */
  userAccess(issueKey: string): Promise<UserAccess>;
  groupsOf(accountId: string): Promise<string[]>;
  /**
   * A portal request as Jira Service Management shows it to a customer, read as the app (Forge refuses
   * `asUser()` calls of portal customers): whether the person reports it or is a request participant, and the
   * organizations it is shared with. Undefined when the issue does not exist.
   */
  requestInvolvement(issueKey: string, accountId: string): Promise<RequestInvolvement | undefined>;
  displayNames(accountIds: readonly string[]): Promise<Record<string, string>>;
  /** The user's language for messages the app composes (German or English). */
  localeOf(accountId: string): Promise<'de' | 'en'>;
  /** The site's default language: the level field's value is written in it, one language for every reader. */
  siteLocale(): Promise<'de' | 'en'>;
  /** Writes the searchable summary and, when given, the level field (with a changelog entry). */
  saveProjection(issue: IssueRef, document: EscalationIndexDocument, field?: EscalationFieldValue): Promise<void>;
}
