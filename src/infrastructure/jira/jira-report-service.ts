import type { HistoryEntry, IssueComment } from '../../domain/report/report-input';
import { NOTIFICATION_COMMENT_PROPERTY } from './notification-comment';
import type { ReportJiraGateway } from '../../usecases/ports/report-ports';
import { adfToText } from './adf-to-text';
import { boundedParallel } from '../http/bounded-parallel';
import type { JiraClient } from './jira-client';

/** Changelog bulk fetch: 1,000 entries per page (Jira's maximum for one issue list). */
export const CHANGELOG_PAGE = 1000;
/** Comments: 100 per page (what Jira serves at most per page). */
export const COMMENT_PAGE = 100;
/** Comment pages read at once, at most (a long history is many pages: not all at the same moment). */
export const COMMENT_PAGES_IN_FLIGHT = 5;

type CommentsPage = Awaited<ReturnType<JiraClient['getCommentsPage']>>;

/** A page's comments as the report reads them; the app's own notification comments (earlier versions posted them) are not the parties' words. */
const partiesComments = (page: CommentsPage): IssueComment[] =>
  page.comments
    .filter((c) => !c.properties?.some((p) => p.key === NOTIFICATION_COMMENT_PROPERTY))
    .map((c) => ({
      id: c.id,
      at: new Date(c.created).toISOString(),
      ...(c.author?.accountId ? { authorId: c.author.accountId } : {}),
      text: adfToText(c.body),
    }));

export class JiraReportService implements ReportJiraGateway {
  constructor(private readonly asApp: JiraClient) {}

  async history(issue: { id: string; key: string }): Promise<{ changelog: HistoryEntry[]; comments: IssueComment[] }> {
    const [changelog, comments] = await Promise.all([this.changelog(issue.id), this.comments(issue.key)]);
    return { changelog, comments };
  }

  async readHistory(
    issue: { id: string; key: string },
    sink: { changelog(entries: readonly HistoryEntry[]): void; comments(comments: readonly IssueComment[]): void },
  ): Promise<void> {
    await Promise.all([
      this.changelogPages(issue.id, (entries) => sink.changelog(entries)),
      this.commentPages(issue.key, (comments) => sink.comments(comments)),
    ]);
  }

  async historySize(issue: { id: string; key: string }): Promise<{ changelog: number; comments: number }> {
    const [changelog, comments] = await Promise.all([
      this.asApp.changelogTotal(issue.id),
      this.asApp.getCommentsPage(issue.key, { startAt: 0, maxResults: 1 }),
    ]);
    return { changelog, comments: comments.total };
  }

  private async changelog(issueId: string): Promise<HistoryEntry[]> {
    const entries: HistoryEntry[] = [];
    await this.changelogPages(issueId, (page) => entries.push(...page));
    return entries;
  }

  /** Every changelog page in order, each handed to `take` as entries. */
  private async changelogPages(issueId: string, take: (entries: HistoryEntry[]) => void): Promise<void> {
    let token: string | undefined;
    do {
      const entries: HistoryEntry[] = [];
      const page = await this.asApp.bulkFetchChangelogs({
        issueIdsOrKeys: [issueId],
        maxResults: CHANGELOG_PAGE,
        ...(token ? { nextPageToken: token } : {}),
      });
      for (const log of page.issueChangeLogs) {
        for (const h of log.changeHistories) {
          entries.push({
            id: h.id,
            at: new Date(h.created).toISOString(),
            ...(h.author?.accountId ? { authorId: h.author.accountId } : {}),
            items: h.items.map((i) => ({ field: i.field, from: i.fromString ?? null, to: i.toString ?? null })),
          });
        }
      }
      take(entries);
      token = page.nextPageToken ?? undefined;
    } while (token);
  }

  /** The first page tells the total; the remaining pages are fetched in parallel, at most five at once. */
  private async comments(issueKey: string): Promise<IssueComment[]> {
    const first = await this.asApp.getCommentsPage(issueKey, { startAt: 0, maxResults: COMMENT_PAGE, withProperties: true });
    const starts: number[] = [];
    for (let at = first.comments.length; at < first.total && first.comments.length > 0; at += first.maxResults) starts.push(at);
    const rest = await boundedParallel(starts, COMMENT_PAGES_IN_FLIGHT, (at) =>
      this.asApp.getCommentsPage(issueKey, { startAt: at, maxResults: first.maxResults, withProperties: true }),
    );
    return [first, ...rest].flatMap(partiesComments);
  }

  /**
   * Every comment page in order, each handed to `take` and dropped: the first tells the total, then at most
   * five pages are in flight, a page handed on once those before it have been.
   */
  private async commentPages(issueKey: string, take: (comments: IssueComment[]) => void): Promise<void> {
    const first = await this.asApp.getCommentsPage(issueKey, { startAt: 0, maxResults: COMMENT_PAGE, withProperties: true });
    take(partiesComments(first));
    const starts: number[] = [];
    for (let at = first.comments.length; at < first.total && first.comments.length > 0; at += first.maxResults) starts.push(at);
    const inFlight: Promise<CommentsPage>[] = [];
    const ask = (at: number) => {
      const page = this.asApp.getCommentsPage(issueKey, { startAt: at, maxResults: first.maxResults, withProperties: true });
      page.catch(() => undefined); // its failure is thrown where it is awaited, not as an unhandled rejection before
      return page;
    };
    for (let i = 0; i < starts.length; i++) {
      while (inFlight.length < COMMENT_PAGES_IN_FLIGHT && i + inFlight.length < starts.length)
        inFlight.push(ask(starts[i + inFlight.length]!));
      take(partiesComments(await inFlight.shift()!));
    }
  }

  linkReportPage(issueKey: string, link: { globalId: string; url: string; title: string }): Promise<void> {
    return this.asApp.upsertRemoteLink(issueKey, {
      globalId: link.globalId,
      relationship: 'escalation report',
      object: { url: link.url, title: link.title },
    });
  }

  addComment(issueKey: string, adf: unknown): Promise<void> {
    return this.asApp.addComment(issueKey, adf);
  }
}
