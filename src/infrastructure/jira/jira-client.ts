import { route, type RequestProductMethods } from '@forge/api';
import { z } from 'zod';
import { NotFoundError, parseJson, ProductRequestError, sendProductRequest, type RetryPolicy } from '../http/product-request';

/** `asApp()` or `asUser()` of @forge/api: who the request is made as. */
export type JiraRequester = Pick<RequestProductMethods, 'requestJira'>;

const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

export const issueSchema = z.object({
  id: z.string(),
  key: z.string(),
  fields: z
    .object({
      summary: z.string().optional(),
      project: z.object({ id: z.string(), key: z.string() }).optional(),
      priority: z.object({ name: z.string() }).nullish(),
      status: z.object({ name: z.string(), statusCategory: z.object({ key: z.string() }).optional() }).optional(),
    })
    .passthrough(),
  properties: z.record(z.string(), z.unknown()).optional(),
});
export type JiraIssue = z.infer<typeof issueSchema>;

const searchPageSchema = z.object({
  issues: z.array(issueSchema),
  nextPageToken: z.string().nullish(),
  isLast: z.boolean().optional(),
});
export type SearchPage = z.infer<typeof searchPageSchema>;

const permissionsSchema = z.object({
  permissions: z.record(z.string(), z.object({ havePermission: z.boolean() })),
});
const groupsSchema = z.array(z.object({ name: z.string(), groupId: z.string().nullish() }));
const usersSchema = z.object({
  values: z.array(z.object({ accountId: z.string(), displayName: z.string().optional(), active: z.boolean().optional() })),
});
const bulkPermissionsSchema = z.object({
  projectPermissions: z.array(z.object({ permission: z.string(), issues: z.array(z.number()) })),
});
/** "A maximum of 1000 projects and 1000 issues can be checked" (OpenAPI: getBulkPermissions). */
export const BULK_PERMISSION_ISSUES = 1000;
const userSearchSchema = z.array(
  z.object({
    accountId: z.string(),
    accountType: z.string().optional(),
    displayName: z.string().optional(),
    active: z.boolean().optional(),
  }),
);
const groupMembersSchema = z.object({
  isLast: z.boolean().optional(),
  values: z.array(z.object({ accountId: z.string(), accountType: z.string().optional(), active: z.boolean().optional() })),
});
const serverInfoSchema = z.object({ baseUrl: z.string(), defaultLocale: z.object({ locale: z.string() }).optional() });
const prioritiesSchema = z.array(z.object({ id: z.string(), name: z.string() }));
const userSchema = z.object({
  accountId: z.string(),
  accountType: z.string().optional(),
  displayName: z.string().optional(),
  locale: z.string().optional(),
  active: z.boolean().optional(),
});
const fieldsSchema = z.array(
  z.object({
    id: z.string(),
    key: z.string().optional(),
    name: z.string(),
    schema: z.object({ custom: z.string().optional() }).passthrough().optional(),
  }),
);
const propertySchema = z.object({ key: z.string(), value: z.unknown() });
const commentsPageSchema = z.object({
  startAt: z.number(),
  maxResults: z.number(),
  total: z.number(),
  comments: z.array(
    z
      .object({
        id: z.string(),
        author: z.object({ accountId: z.string().optional() }).passthrough().optional(),
        body: z.unknown(),
        created: z.string(),
        updated: z.string().optional(),
        properties: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
      })
      .passthrough(),
  ),
});
export type CommentPage = z.infer<typeof commentsPageSchema>;
export type JiraComment = CommentPage['comments'][number];
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

/** OpenAPI bulkSetIssuePropertiesByIssue: "up to 100 issues included in the request". */
export const PROPERTIES_MULTI_ISSUES = 100;
/** Where a 303 points (`location`), or the task itself when the redirect was followed. */
const taskReferenceSchema = z.object({ location: z.string().optional(), id: z.string().optional(), self: z.string().optional() });
const taskSchema = z.object({
  id: z.string(),
  status: z.enum(['ENQUEUED', 'RUNNING', 'COMPLETE', 'FAILED', 'CANCEL_REQUESTED', 'CANCELLED', 'DEAD']),
  message: z.string().optional(),
  result: z.unknown().optional(),
});
export type JiraTask = z.infer<typeof taskSchema>;

/**
 * Jira Cloud REST v3, one method per endpoint the app uses. Each method keeps its literal
 * `requestJira(route…, { method })` so `@forge/lint` can check the manifest's scopes against it.
 */
export class JiraClient {
  constructor(
    private readonly jira: JiraRequester,
    private readonly retry?: RetryPolicy,
  ) {}

  /**
   * @param properties issue property keys to return with the issue (in `properties`).
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
   */
  async getIssue(issueIdOrKey: string, fields: readonly string[], properties: readonly string[] = []): Promise<JiraIssue> {
    const { text } = await sendProductRequest(
      () =>
        properties.length > 0
          ? this.jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}?fields=${fields.join(',')}&properties=${properties.join(',')}`, {
              method: 'GET',
              headers: JSON_HEADERS,
            })
          : this.jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}?fields=${fields.join(',')}`, {
              method: 'GET',
              headers: JSON_HEADERS,
            }),
      'GET issue',
      this.retry,
    );
    return parseJson(text, issueSchema, 'GET issue');
  }

  /**
   * Returns undefined when the issue has no such property.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-get
   */
  async getIssueProperty(issueIdOrKey: string, propertyKey: string): Promise<unknown> {
    try {
      const { text } = await sendProductRequest(
        () =>
          this.jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`, {
            method: 'GET',
            headers: JSON_HEADERS,
          }),
        'GET issue property',
        this.retry,
      );
      return parseJson(text, propertySchema, 'GET issue property').value;
    } catch (error) {
      if (error instanceof NotFoundError && error.body.includes('property')) return undefined;
      throw error;
    }
  }

  /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-put */
  async setIssueProperty(issueIdOrKey: string, propertyKey: string, value: unknown): Promise<void> {
    await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/properties/${propertyKey}`, {
          method: 'PUT',
          headers: JSON_HEADERS,
          body: JSON.stringify(value),
        }),
      'PUT issue property',
      this.retry,
    );
  }

  /**
   * Sets the app's own custom field; with the changelog flag the change shows in the issue history.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-values--apps-/#api-rest-api-3-app-field-fieldidorkey-value-put
   */
  async setAppFieldValue(fieldIdOrKey: string, issueIds: readonly number[], value: unknown): Promise<void> {
    await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/app/field/${fieldIdOrKey}/value?generateChangelog=true`, {
          method: 'PUT',
          headers: JSON_HEADERS,
          body: JSON.stringify({ updates: [{ issueIds, value }] }),
        }),
      'PUT app field value',
      this.retry,
    );
  }

  /**
   * Sets values of the app's own custom fields on many issues in one request (each field and issue at most
   * once); with the changelog flag each change shows in the issue's history.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-custom-field-values--apps-/#api-rest-api-3-app-field-value-post
   */
  async setAppFieldValues(updates: readonly { customField: string; issueIds: readonly number[]; value: unknown }[]): Promise<void> {
    await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/app/field/value?generateChangelog=true`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({ updates }),
        }),
      'POST app field values',
      this.retry,
    );
  }

  /**
   * Sets issue properties on up to {@link PROPERTIES_MULTI_ISSUES} issues. Jira does it asynchronously and
   * non-transactionally: it answers 303 with the task's `location` at once, so the caller must read the task
   * ({@link getTask}) to know whether the properties were written. Setting a property again is harmless, so
   * a lost answer may be sent again.
   * @returns the id of Jira's task.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-properties-multi-post
   */
  async setIssuePropertiesMulti(issues: readonly { issueId: number; properties: Record<string, unknown> }[]): Promise<string> {
    if (issues.length === 0 || issues.length > PROPERTIES_MULTI_ISSUES)
      throw new RangeError(`properties/multi takes 1 to ${PROPERTIES_MULTI_ISSUES} issues, not ${issues.length}`);
    const { text } = await sendProductRequest(
      async () => {
        const response = await this.jira.requestJira(route`/rest/api/3/issue/properties/multi`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({ issues: issues.map((i) => ({ issueID: i.issueId, properties: i.properties })) }),
        });
        // 303 See Other names the task; where the platform follows the redirect, the answer is the task itself.
        if (response.status !== 303) return response;
        return new Response(JSON.stringify({ location: response.headers.get('location') ?? '' }), { status: 200 });
      },
      'POST issue properties multi',
      this.retry,
    );
    const answer = parseJson(text, taskReferenceSchema, 'POST issue properties multi');
    const id = answer.id ?? /\/task\/([^/?#]+)/.exec(answer.location ?? answer.self ?? '')?.[1];
    if (!id) throw new ProductRequestError('POST issue properties multi named no task', 303, text.slice(0, 300));
    return id;
  }

  /**
   * The status of one of Jira's asynchronous tasks (only its creator or an admin may read it).
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-tasks/#api-rest-api-3-task-taskid-get
   */
  async getTask(taskId: string): Promise<JiraTask> {
    const { text } = await sendProductRequest(
      () => this.jira.requestJira(route`/rest/api/3/task/${taskId}`, { method: 'GET', headers: JSON_HEADERS }),
      'GET task',
      this.retry,
    );
    return parseJson(text, taskSchema, 'GET task');
  }

  /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get */
  async getFields(): Promise<z.infer<typeof fieldsSchema>> {
    const { text } = await sendProductRequest(
      () => this.jira.requestJira(route`/rest/api/3/field`, { method: 'GET', headers: JSON_HEADERS }),
      'GET fields',
      this.retry,
    );
    return parseJson(text, fieldsSchema, 'GET fields');
  }

  /**
   * Which of the given permissions the requester has on an issue (meaningful as the user).
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
   */
  async getMyIssuePermissions(issueKey: string, permissions: readonly string[]): Promise<Record<string, boolean>> {
    const { text } = await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/mypermissions?issueKey=${issueKey}&permissions=${permissions.join(',')}`, {
          method: 'GET',
          headers: JSON_HEADERS,
        }),
      'GET mypermissions',
      this.retry,
    );
    const parsed = parseJson(text, permissionsSchema, 'GET mypermissions');
    return Object.fromEntries(permissions.map((p) => [p, parsed.permissions[p]?.havePermission === true]));
  }

  /**
   * Which of the given global or project permissions the requester has (as the user): without a project,
   * `ADMINISTER` answers "is a Jira admin"; with `projectKey`, `ADMINISTER_PROJECTS` "is a project admin".
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
   */
  async getMyPermissions(permissions: readonly string[], projectKey?: string): Promise<Record<string, boolean>> {
    const { text } = await sendProductRequest(
      () =>
        projectKey
          ? this.jira.requestJira(route`/rest/api/3/mypermissions?projectKey=${projectKey}&permissions=${permissions.join(',')}`, {
              method: 'GET',
              headers: JSON_HEADERS,
            })
          : this.jira.requestJira(route`/rest/api/3/mypermissions?permissions=${permissions.join(',')}`, {
              method: 'GET',
              headers: JSON_HEADERS,
            }),
      'GET mypermissions',
      this.retry,
    );
    const parsed = parseJson(text, permissionsSchema, 'GET mypermissions');
    return Object.fromEntries(permissions.map((p) => [p, parsed.permissions[p]?.havePermission === true]));
  }

  /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-groups-get */
  async getUserGroups(accountId: string): Promise<string[]> {
    const { text } = await sendProductRequest(
      () => this.jira.requestJira(route`/rest/api/3/user/groups?accountId=${accountId}`, { method: 'GET', headers: JSON_HEADERS }),
      'GET user groups',
      this.retry,
    );
    return parseJson(text, groupsSchema, 'GET user groups').map((g) => g.name);
  }

  /**
   * The active people of a group (pages of 50, as Jira gives them), for notifications per person.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-groups/#api-rest-api-3-group-member-get
   */
  async getGroupMembers(groupName: string, maxPages = 20): Promise<string[]> {
    const members: string[] = [];
    for (let page = 0; page < maxPages; page++) {
      const startAt = page * 50;
      const { text } = await sendProductRequest(
        () =>
          this.jira.requestJira(route`/rest/api/3/group/member?groupname=${groupName}&startAt=${startAt}&maxResults=50`, {
            method: 'GET',
            headers: JSON_HEADERS,
          }),
        'GET group members',
        this.retry,
      );
      const parsed = parseJson(text, groupMembersSchema, 'GET group members');
      members.push(
        ...parsed.values.filter((u) => u.active !== false && (u.accountType ?? 'atlassian') === 'atlassian').map((u) => u.accountId),
      );
      if (parsed.isLast !== false || parsed.values.length === 0) break;
    }
    return members;
  }

  /**
   * The site's address (`https://your-domain.atlassian.net`), for links in notifications.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-server-info/#api-rest-api-3-serverinfo-get
   */
  async getBaseUrl(): Promise<string> {
    return (await this.getServerInfo()).baseUrl;
  }

  /**
   * The site's address and its default language (`defaultLocale.locale`, e.g. `de_DE`), as Jira answers anyone.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-server-info/#api-rest-api-3-serverinfo-get
   */
  async getServerInfo(): Promise<{ readonly baseUrl: string; readonly defaultLocale?: string }> {
    const { text } = await sendProductRequest(
      () => this.jira.requestJira(route`/rest/api/3/serverInfo`, { method: 'GET', headers: JSON_HEADERS }),
      'GET serverInfo',
      this.retry,
    );
    const info = parseJson(text, serverInfoSchema, 'GET serverInfo');
    return { baseUrl: info.baseUrl, ...(info.defaultLocale ? { defaultLocale: info.defaultLocale.locale } : {}) };
  }

  /**
   * A user's profile; `locale` is present where the user's privacy settings show it.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get
   */
  async getUser(
    accountId: string,
  ): Promise<{ accountId: string; accountType?: string; displayName?: string; locale?: string; active?: boolean }> {
    const { text } = await sendProductRequest(
      () => this.jira.requestJira(route`/rest/api/3/user?accountId=${accountId}`, { method: 'GET', headers: JSON_HEADERS }),
      'GET user',
      this.retry,
    );
    return parseJson(text, userSchema, 'GET user');
  }

  /** Display names for account ids (at most 50 per call, as Jira allows). */
  async getUsers(accountIds: readonly string[]): Promise<Record<string, string>> {
    const profiles = await this.getUserProfiles(accountIds);
    return Object.fromEntries(Object.entries(profiles).map(([id, p]) => [id, p.displayName]));
  }

  /**
   * Names and whether each account is active (`active: false`: deactivated or closed), 50 per request;
   * accounts Jira does not know are left out.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-bulk-get
   */
  async getUserProfiles(accountIds: readonly string[]): Promise<Record<string, { displayName: string; active: boolean }>> {
    const profiles: Record<string, { displayName: string; active: boolean }> = {};
    for (let i = 0; i < accountIds.length; i += 50) {
      const query = new URLSearchParams(accountIds.slice(i, i + 50).map((id): [string, string] => ['accountId', id]));
      query.set('maxResults', '50');
      const { text } = await sendProductRequest(
        () => this.jira.requestJira(route`/rest/api/3/user/bulk?${query}`, { method: 'GET', headers: JSON_HEADERS }),
        'GET users',
        this.retry,
      );
      for (const user of parseJson(text, usersSchema, 'GET users').values)
        profiles[user.accountId] = { displayName: user.displayName ?? user.accountId, active: user.active !== false };
    }
    return profiles;
  }

  /**
   * Of the given issues, those the requester holds `permission` for (asked as the user: its project
   * permissions and the issues' security levels); unknown ids are left out. At most
   * {@link BULK_PERMISSION_ISSUES} issues per request.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post
   */
  async issuesWithPermission(issueIds: readonly number[], permission: string): Promise<number[]> {
    if (issueIds.length > BULK_PERMISSION_ISSUES)
      throw new RangeError(`At most ${BULK_PERMISSION_ISSUES} issues per permission check, got ${issueIds.length}`);
    if (issueIds.length === 0) return [];
    const { text } = await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/permissions/check`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({ projectPermissions: [{ permissions: [permission], issues: issueIds }] }),
        }),
      'POST permissions check',
      this.retry,
    );
    const grants = parseJson(text, bulkPermissionsSchema, 'POST permissions check').projectPermissions;
    return grants.filter((g) => g.permission === permission).flatMap((g) => g.issues);
  }

  /**
   * How many issues match the JQL among those the requester may see (Jira's estimate; "recent updates might
   * not be immediately visible"). The JQL must be bounded (e.g. by project).
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-approximate-count-post
   */
  async approximateCount(jql: string): Promise<number> {
    const { text } = await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/search/approximate-count`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({ jql }),
        }),
      'POST search approximate-count',
      this.retry,
    );
    return parseJson(text, z.object({ count: z.number().int().nonnegative() }), 'POST search approximate-count').count;
  }

  /**
   * One page of a JQL search; loop on `nextPageToken`.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
   */
  async searchPage(input: {
    jql: string;
    fields: readonly string[];
    properties?: readonly string[];
    maxResults: number;
    nextPageToken?: string;
  }): Promise<SearchPage> {
    const { text } = await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/search/jql`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({
            jql: input.jql,
            fields: input.fields,
            properties: input.properties ?? [],
            maxResults: input.maxResults,
            ...(input.nextPageToken ? { nextPageToken: input.nextPageToken } : {}),
          }),
        }),
      'POST search/jql',
      this.retry,
    );
    return parseJson(text, searchPageSchema, 'POST search/jql');
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
      {}, // no marker to look for: never sent twice
    );
  }

  /** @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-notify-post */
  async notify(
    issueIdOrKey: string,
    input: {
      subject: string;
      textBody: string;
      htmlBody?: string;
      to: { users?: { accountId: string }[]; groups?: { name: string }[]; assignee?: boolean; reporter?: boolean; watchers?: boolean };
    },
  ): Promise<void> {
    await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/notify`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify(input),
        }),
      'POST notify',
      this.retry,
      {}, // Jira keeps no trace of a sent notification to look for: never sent twice
    );
  }

  /**
   * One page of an issue's comments: oldest first for the report, newest first with their properties for
   * the sweep's check of its own notification comments.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get
   */
  async getCommentsPage(
    issueIdOrKey: string,
    page: { startAt: number; maxResults: number; newestFirst?: boolean; withProperties?: boolean },
  ): Promise<CommentPage> {
    const query = new URLSearchParams({
      startAt: String(page.startAt),
      maxResults: String(page.maxResults),
      orderBy: page.newestFirst ? '-created' : 'created',
      ...(page.withProperties ? { expand: 'properties' } : {}),
    });
    const { text } = await sendProductRequest(
      () => this.jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/comment?${query}`, { method: 'GET', headers: JSON_HEADERS }),
      'GET comments',
      this.retry,
    );
    return parseJson(text, commentsPageSchema, 'GET comments');
  }

  /**
   * One comment, with its comment properties when asked (the app marks its own notification comments).
   * @returns undefined when the comment (or the issue) no longer exists or cannot be seen.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-id-get
   */
  async getComment(issueIdOrKey: string, commentId: string, options: { withProperties?: boolean } = {}): Promise<JiraComment | undefined> {
    try {
      const { text } = await sendProductRequest(
        () =>
          options.withProperties
            ? this.jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/comment/${commentId}?expand=properties`, {
                method: 'GET',
                headers: JSON_HEADERS,
              })
            : this.jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/comment/${commentId}`, {
                method: 'GET',
                headers: JSON_HEADERS,
              }),
        'GET comment',
        this.retry,
      );
      return parseJson(text, commentsPageSchema.shape.comments.element, 'GET comment');
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  /**
   * One page of the changelogs of up to 1,000 issues (oldest first); loop on `nextPageToken`. `fieldIds`
   * (at most 10) keeps only the changes of those fields.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-changelog-bulkfetch-post
   */
  async bulkFetchChangelogs(input: {
    issueIdsOrKeys: readonly string[];
    maxResults: number;
    nextPageToken?: string;
    fieldIds?: readonly string[];
  }): Promise<z.infer<typeof bulkChangelogSchema>> {
    const { text } = await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/changelog/bulkfetch`, {
          method: 'POST',
          headers: JSON_HEADERS,
          body: JSON.stringify({
            issueIdsOrKeys: input.issueIdsOrKeys,
            maxResults: input.maxResults,
            ...(input.fieldIds?.length ? { fieldIds: input.fieldIds } : {}),
            ...(input.nextPageToken ? { nextPageToken: input.nextPageToken } : {}),
          }),
        }),
      'POST changelog/bulkfetch',
      this.retry,
    );
    return parseJson(text, bulkChangelogSchema, 'POST changelog/bulkfetch');
  }

  /**
   * How many changelog entries the issue has: one page of one entry, for its `total`.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-changelog-get
   */
  async changelogTotal(issueIdOrKey: string): Promise<number> {
    const { text } = await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/issue/${issueIdOrKey}/changelog?startAt=0&maxResults=1`, {
          method: 'GET',
          headers: JSON_HEADERS,
        }),
      'GET changelog',
      this.retry,
    );
    return parseJson(text, z.object({ total: z.number().int().nonnegative() }).passthrough(), 'GET changelog').total;
  }

  /**
   * Creates a remote link, or updates the one with the same `globalId` (so the link is never duplicated).
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-remote-links/#api-rest-api-3-issue-issueidorkey-remotelink-post
   */
  async upsertRemoteLink(
    issueIdOrKey: string,
    link: { globalId: string; relationship?: string; object: { url: string; title: string; summary?: string } },
  ): Promise<void> {
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

  /**
   * Users matching a query (display name or email address prefix), as far as the requester may browse users.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-user-search/#api-rest-api-3-user-search-get
   */
  async searchUsers(query: string, maxResults: number): Promise<{ accountId: string; displayName: string }[]> {
    const { text } = await sendProductRequest(
      () =>
        this.jira.requestJira(route`/rest/api/3/user/search?query=${query}&maxResults=${String(maxResults)}`, {
          method: 'GET',
          headers: JSON_HEADERS,
        }),
      'GET user search',
      this.retry,
    );
    return parseJson(text, userSearchSchema, 'GET user search')
      .filter((u) => u.active !== false && (u.accountType ?? 'atlassian') === 'atlassian')
      .map((u) => ({ accountId: u.accountId, displayName: u.displayName ?? u.accountId }));
  }

  /**
   * The site's issue priorities, in Jira's order.
   * @see https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-priorities/#api-rest-api-3-priority-get
   */
  async getPriorities(): Promise<{ id: string; name: string }[]> {
    const { text } = await sendProductRequest(
      () => this.jira.requestJira(route`/rest/api/3/priority`, { method: 'GET', headers: JSON_HEADERS }),
      'GET priorities',
      this.retry,
    );
    return parseJson(text, prioritiesSchema, 'GET priorities').map((p) => ({ id: p.id, name: p.name }));
  }
}
