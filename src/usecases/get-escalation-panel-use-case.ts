import type { EscalationPanelView } from '../shared/escalation-panel-view';
import type { PanelAnswer } from '../shared/panel-view-wire';
import { openWorkspaceFollowing } from './escalation-workspace';
import { answerEscalationPanel, panelNames } from './load-escalation-panel';
import type { EscalationDeps, Requester } from './escalation-deps';

/**
 * The issue panel's view for the requesting user; needs Browse permission on the issue. Lean when the
 * caller names the template texts it holds (`held`, see src/shared/panel-view-wire.ts). The names of the
 * people in the log are read as soon as the log is, beside the access check (one round of reads less).
 */
export async function getEscalationPanel(deps: EscalationDeps, requester: Requester): Promise<EscalationPanelView>;
export async function getEscalationPanel(deps: EscalationDeps, requester: Requester, held?: readonly string[]): Promise<PanelAnswer>;
export async function getEscalationPanel(deps: EscalationDeps, requester: Requester, held?: readonly string[]): Promise<PanelAnswer> {
  const { workspace, followed: names } = await openWorkspaceFollowing(deps, requester, (log) => panelNames(deps, log, requester.accountId));
  return answerEscalationPanel(deps, workspace, requester.accountId, deps.now(), held, names);
}
