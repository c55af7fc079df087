import type { HistoryEntry, IssueComment } from '../../domain/report/report-input';
import type { EscalationReport } from '../../domain/report/report-model';

/** What the report use cases need of Jira, in their words. */
export interface ReportJiraGateway {
  /** The whole history of the issue: every changelog entry and comment, oldest first. */
  history(issue: { id: string; key: string }): Promise<{ changelog: HistoryEntry[]; comments: IssueComment[] }>;
  /**
   * The same history page by page, oldest first, each page handed to `sink` in order and then dropped: a long
   * history is taken in without being held whole.
   */
  readHistory(
    issue: { id: string; key: string },
    sink: { changelog(entries: readonly HistoryEntry[]): void; comments(comments: readonly IssueComment[]): void },
  ): Promise<void>;
  /** How many changelog entries and comments the issue has (without reading them). */
  historySize(issue: { id: string; key: string }): Promise<{ changelog: number; comments: number }>;
  /** Adds the report's page to the issue as a remote link (updated in place on re-export). */
  linkReportPage(issueKey: string, link: { globalId: string; url: string; title: string }): Promise<void>;
  addComment(issueKey: string, adf: unknown): Promise<void>;
}

/** A frozen report version: written once, named by the SHA-256 of its storage output. */
export interface FrozenReport {
  readonly contentHash: string;
  readonly report: EscalationReport;
  /** The canonical Confluence storage output the hash was computed over. */
  readonly storage: string;
}

/** A frozen report given as parts: the JSON of its model and its storage text, each joined from its parts (asked for once). */
export interface FrozenReportParts {
  readonly contentHash: string;
  readonly reportJson: () => Iterable<string>;
  readonly storage: () => Iterable<string>;
}

export interface ReportArchive {
  save(issueId: string, frozen: FrozenReport): Promise<void>;
  /** Freezes a report written part by part, stored exactly as {@link save} stores the same report. */
  saveParts(issueId: string, frozen: FrozenReportParts): Promise<void>;
  /** @throws an error when the version is missing or does not match its hash. */
  load(issueId: string, contentHash: string): Promise<FrozenReport>;
}

/** A published report page: its id, the version just written and its web address. */
export interface PublishedPage {
  readonly pageId: string;
  readonly pageVersion: number;
  readonly url: string;
}

/** What a report export writes: the page's place, title and storage-format body. */
export interface ReportPageInput {
  readonly spaceKey: string;
  readonly parentPageId?: string;
  readonly title: string;
  readonly storage: string;
  readonly knownPageId?: string;
  readonly message: string;
}

export interface ReportPublisher {
  /**
   * Writes the report page: updates `knownPageId` (or the page of that title in the space) as a new
   * version, else creates it under the parent (default: the space's home page).
   * @throws SpaceNotFoundError (port-errors) when the space does not exist or the app cannot see it.
   * @throws ConfluenceUnavailableError (port-errors) when Confluence cannot be reached or refuses the app.
   */
  publish(input: ReportPageInput): Promise<PublishedPage>;
}
