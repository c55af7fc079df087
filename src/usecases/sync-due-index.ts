import type { EscalationIndexDocument } from '../domain/escalation/escalation-projection';
import { dueIndexEntry } from '../domain/sweep/due-index';
import type { EscalationDueIndex } from './ports/escalation-due-index';

/**
 * Keeps the sweep's due index in step with a derived projection: the entry moves to the next check time,
 * or goes when nothing is due (closed, resolved, no deadline left). Written after the issue property, so a
 * failed Jira write leaves the old (due) entry and the next sweep writes both again.
 *
 * @param known the entry the issue was found by, if any: an unchanged entry is not written again.
 * @returns whether the index was written.
 */
export async function syncDueIndex(
  index: EscalationDueIndex,
  issue: { readonly id: string; readonly projectKey: string },
  document: Pick<EscalationIndexDocument, 'status' | 'nextCheckAt'>,
  known?: { readonly nextCheckMinute: number },
): Promise<boolean> {
  const entry = dueIndexEntry(issue, document);
  if (!entry) {
    await index.remove(issue.id);
    return true;
  }
  if (known?.nextCheckMinute === entry.nextCheckMinute) return false;
  await index.put(entry);
  return true;
}
