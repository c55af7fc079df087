import type { EscalationPanelView } from '../shared/escalation-panel-view';
import { openWorkspace, panelView, type EscalationDeps, type Requester } from './escalation-workspace';

/** The issue panel's view for the requesting user; needs Browse permission on the issue. */
export async function getEscalationPanel(deps: EscalationDeps, requester: Requester): Promise<EscalationPanelView> {
  const workspace = await openWorkspace(deps, requester);
  return panelView(deps, workspace, requester.accountId, deps.now());
}
