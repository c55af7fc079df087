import { route } from '@forge/api';
import { z } from 'zod';
import { parseJson, sendProductRequest, type RetryPolicy } from '../http/product-request';
import type { JiraRequester } from './jira-client';

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

const changelogEntrySchema = z.object({
  id: z.string(),
  author: z.object({ accountId: z.string().optional() }).passthrough().optional(),
  created: z.string(),
  items: z.array(z.object({ field: z.string(), fromString: z.string().nullish(), toString: z.string().nullish() }).passthrough()),
});
export type ChangelogEntry = z.infer<typeof changelogEntrySchema>;
const bulkChangelogSchema = z.object({
  issueChangeLogs: z.array(z.object({ issueId: z.string(), changeHistories: z.array(changelogEntrySchema) })),
  nextPageToken: z.string().nullish(),
});
const commentPageSchema = z.object({
  startAt: z.number(),
  maxResults: z.number(),
  total: z.number(),
  comments: z.array(z.object({ id: z.string(), author: z.object({ accountId: z.string().optional() }).passthrough().optional(), body: z.unknown(), created: z.string() })),
});
export type CommentPage = z.infer<typeof commentPageSchema>;

/**
 * Jira Cloud REST v3 for the report: issue history, comments and the report's remote link. One method per
 * endpoint, each with its literal `requestJira(route…, { method })` for `@forge/lint`.
 */
export class JiraHistoryClient {
  constructor(
    private readonly jira: JiraRequester,
    private readonly retry?: RetryPolicy,
  ) {}

  /**
   * One page of the changelogs of up to 1,000 issues (oldest first); loop on `nextPageToken`.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-changelog-bulkfetch-post
   */
  async bulkFetchChangelogs(input: { issueIdsOrKeys: readonly string[]; maxResults: number; nextPageToken?: string }): Promise<z.infer<typeof bulkChangelogSchema>> {
    const { text } = await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/changelog/bulkfetch`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({ issueIdsOrKeys: input.issueIdsOrKeys, maxResults: input.maxResults, ...(input.nextPageToken ? { nextPageToken: input.nextPageToken } : {}) }),
        }),
      'POST changelog/bulkfetch',
      this.retry,
    );
    return parseJson(text, bulkChangelogSchema, 'POST changelog/bulkfetch');
  }

  /**
   * One page of an issue's comments, oldest first.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get
   */
  async getCommentsPage(issueIdOrKey: string, startAt: number, maxResults: number): Promise<CommentPage> {
    const { text } = await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/comment?startAt=${startAt}&maxResults=${maxResults}&orderBy=created`, {
          method: 'GET',
          headers: JSON_HEADERS,
        }),
      'GET comments',
      this.retry,
    );
    return parseJson(text, commentPageSchema, 'GET comments');
  }

  /**
   * Creates a remote link, or updates the one with the same `globalId` (so the link is never duplicated).
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-remote-links/#api-rest-api-3-issue-issueidorkey-remotelink-post
   */
  async upsertRemoteLink(issueIdOrKey: string, link: { globalId: string; relationship?: string; object: { url: string; title: string; summary?: string } }): Promise<void> {
    await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/remotelink`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify(link),
        }),
      'POST remotelink',
      this.retry,
    );
  }

  /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post */
  async addComment(issueIdOrKey: string, adfBody: unknown): Promise<void> {
    await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/comment`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({ body: adfBody }),
        }),
      'POST comment',
      this.retry,
    );
  }
}
