import type { JiraContext } from './jira-context';
import { jiraDate } from './jira-format';
import { userRef } from './reference-data';

export interface ChangelogRow {
  id: number;
  issue_id: number;
  author: string | null;
  created: number;
  items: string;
}

export function changelogEntryJson(ctx: JiraContext, row: ChangelogRow): Record<string, unknown> {
  return {
    id: String(row.id),
    ...(row.author ? { author: userRef(ctx.db, row.author) } : {}),
    created: jiraDate(row.created),
    items: JSON.parse(row.items),
  };
}
