/** The parts of Jira REST v3 responses the sandbox UI reads. */
export interface JiraUserRef {
  accountId: string;
  displayName?: string;
}

export interface JiraStatus {
  name: string;
  statusCategory?: { key?: string; name?: string; colorName?: string };
}

export interface JiraIssue {
  id: string;
  key: string;
  fields: Record<string, unknown> & {
    summary?: string;
    status?: JiraStatus;
    priority?: { id?: string; name?: string; iconUrl?: string } | null;
    assignee?: JiraUserRef | null;
    reporter?: JiraUserRef | null;
    issuetype?: { name?: string };
    project?: { id: string; key: string; name?: string };
    description?: unknown;
    created?: string;
    updated?: string;
  };
  renderedFields?: Record<string, unknown>;
  names?: Record<string, string>;
}

export interface SearchResult {
  issues: JiraIssue[];
  nextPageToken?: string;
  isLast?: boolean;
}

export interface Transition {
  id: string;
  name: string;
  to?: JiraStatus;
  /** Jira shows a screen before running the transition. */
  hasScreen?: boolean;
  /** With `expand=transitions.fields`: the screen's fields by id. */
  fields?: Record<string, { name: string; schema?: { custom?: string } }>;
}

export interface Comment {
  id: string;
  author?: JiraUserRef;
  body: unknown;
  created?: string;
}

export interface ChangelogEntry {
  id: string;
  author?: JiraUserRef;
  created: string;
  items: { field: string; fromString?: string | null; toString?: string | null }[];
}

export interface JiraField {
  id: string;
  key?: string;
  name: string;
  custom?: boolean;
  schema?: { custom?: string; customId?: number; type?: string };
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
}
