import type { EscalationPanelView } from '../shared/escalation-panel-view';
import type { PanelAnswer } from '../shared/panel-view-wire';
import { openWorkspace } from './escalation-workspace';
import { answerEscalationPanel } from './load-escalation-panel';
import type { EscalationDeps, Requester } from './escalation-deps';

/**
 * The issue panel's view for the requesting user; needs Browse permission on the issue. Lean when the
 * caller names the template texts it holds (`held`), see src/shared/panel-view-wire.ts.
 */
export async function getEscalationPanel(deps: EscalationDeps, requester: Requester): Promise<EscalationPanelView>;
export async function getEscalationPanel(deps: EscalationDeps, requester: Requester, held?: readonly string[]): Promise<PanelAnswer>;
export async function getEscalationPanel(deps: EscalationDeps, requester: Requester, held?: readonly string[]): Promise<PanelAnswer> {
  const workspace = await openWorkspace(deps, requester);
  return answerEscalationPanel(deps, workspace, requester.accountId, deps.now(), held);
}
