import type { JiraStatus } from './jira-types';

/** Jira's status lozenge: grey for To Do, blue for In Progress, green for Done. */
export function StatusLozenge({ status }: { status: JiraStatus }) {
  const key = status.statusCategory?.key ?? 'new';
  const tone = key === 'done' ? 'success' : key === 'indeterminate' ? 'inprogress' : 'default';
  return <span className={`lozenge lozenge-${tone}`}>{status.name}</span>;
}
