import { z } from 'zod';

/**
 * Jira product events as Forge's Jira events reference documents them, and only the parts the app reads.
 * The issue's `fields` carry summary, issuetype, creator, created, project, reporter, assignee, updated and
 * status — not the priority, which the app reads from Jira. `timestamp` is the time of the event in epoch
 * milliseconds, as a string.
 */

/** Epoch milliseconds in a string, e.g. "1767254400000". */
export const epochMillisString = z.string().regex(/^\d+$/, 'epoch milliseconds as a string');

const issueSchema = z
  .object({
    id: z.string().min(1),
    key: z.string().min(1),
    fields: z
      .object({
        summary: z.string().optional(),
        project: z.object({ key: z.string() }).passthrough().optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();

const changelogSchema = z
  .object({
    id: z.string().optional(),
    items: z.array(z.object({ field: z.string(), fieldId: z.string().optional(), fromString: z.string().nullish() }).passthrough()),
  })
  .passthrough();

/** `avi:jira:created:issue` and `avi:jira:updated:issue` (the latter with the `changelog` of the change). */
export const issueEventSchema = z
  .object({
    eventType: z.enum(['avi:jira:created:issue', 'avi:jira:updated:issue']),
    timestamp: epochMillisString.optional(),
    atlassianId: z.string().optional(),
    issue: issueSchema,
    changelog: changelogSchema.optional(),
  })
  .passthrough();
export type IssueEvent = z.infer<typeof issueEventSchema>;

/** `avi:jira:commented:issue`: sent when a comment is created or edited. */
export const commentEventSchema = z
  .object({
    eventType: z.literal('avi:jira:commented:issue'),
    timestamp: epochMillisString.optional(),
    atlassianId: z.string().optional(),
    issue: issueSchema,
    comment: z
      .object({
        id: z.string().min(1),
        created: z.string().optional(),
        updated: z.string().optional(),
      })
      .passthrough(),
  })
  .passthrough();
export type CommentEvent = z.infer<typeof commentEventSchema>;

/** The event's time as an ISO string, or undefined when it carries none. */
export function eventTime(timestamp: string | undefined): string | undefined {
  if (timestamp === undefined) return undefined;
  const ms = Number(timestamp);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

/** The project key of an event's issue (its key's prefix when the fields do not say). */
export function projectKeyOf(issue: { key: string; fields?: { project?: { key: string } | undefined } | undefined }): string {
  return issue.fields?.project?.key ?? issue.key.split('-')[0]!;
}

/**
 * The priority a change came from, by the changelog's priority item (`fromString`: null when the issue had
 * none); undefined when the changelog does not say.
 */
export function previousPriority(changelog: IssueEvent['changelog']): string | null | undefined {
  const item = changelog?.items.find((i) => (i.fieldId ?? i.field) === 'priority');
  return item?.fromString;
}
