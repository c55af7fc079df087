import type { EscalationPanelView } from '../shared/escalation-panel-view';
import { openWorkspace } from './escalation-workspace';
import { loadEscalationPanel } from './load-escalation-panel';
import type { EscalationDeps, Requester } from './escalation-deps';

/** The issue panel's view for the requesting user; needs Browse permission on the issue. */
export async function getEscalationPanel(deps: EscalationDeps, requester: Requester): Promise<EscalationPanelView> {
  const workspace = await openWorkspace(deps, requester);
  return loadEscalationPanel(deps, workspace, requester.accountId, deps.now());
}
