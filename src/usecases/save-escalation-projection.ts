import { escalationGates } from '../domain/escalation/escalation-gates';
import { escalationDeadlines } from '../domain/escalation/escalation-deadlines';
import { escalationFieldValue, escalationIndexDocument, indexedInstant } from '../domain/escalation/escalation-projection';
import type { EscalationState } from '../domain/escalation/escalation-state';
import type { EscalationDeps } from './escalation-deps';
import { commandContext, type Workspace } from './escalation-workspace';
import { syncDueIndex } from './sync-due-index';

/**
 * Re-derives the issue's searchable summary, and the level field when level or status changed (so the
 * issue history shows each real change once).
 *
 * @param notificationOwed a notification could not be sent now: the issue is due at once, so the next
 *   sweep sends it (as the sweep does for its own).
 */
export async function saveProjection(
  deps: Pick<EscalationDeps, 'issues' | 'dueIndex'>,
  workspace: Workspace,
  before: EscalationState | undefined,
  now: Date,
  notificationOwed = false,
): Promise<void> {
  const state = workspace.state;
  if (!state) return;
  const deadlines = escalationDeadlines({ state, template: workspace.template, policy: workspace.configuration.policy, now });
  const gates = escalationGates(state, commandContext(workspace, { accountId: 'app', party: 'contractor' }, now));
  const derived = escalationIndexDocument(state, deadlines, now, gates);
  const document = notificationOwed && state.status === 'open' ? { ...derived, nextCheckAt: indexedInstant(now.toISOString()) } : derived;
  const fieldChanged = !before || before.level !== state.level || before.status !== state.status;
  const levelName = workspace.template.levels.find((l) => l.level === state.level)!.name;
  const field = fieldChanged ? escalationFieldValue(state, levelName, await deps.issues.siteLocale()) : undefined;
  await deps.issues.saveProjection(workspace.issue, document, field);
  // The sweep's due index (app storage), after the property: the sweep trusts only the index.
  if (deps.dueIndex) await syncDueIndex(deps.dueIndex, workspace.issue, document);
}
