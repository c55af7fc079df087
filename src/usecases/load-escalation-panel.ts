import type { EscalationPanelView } from '../shared/escalation-panel-view';
import type { EscalationDeps } from './escalation-deps';
import type { Workspace } from './escalation-workspace';
import { errorMessage } from './ports/logger';
import { panelPeople, presentEscalationPanel } from './presenters/escalation-panel-presenter';

/** The issue panel for one viewer: the names of the people it mentions, then the presenter's view model. */
export async function loadEscalationPanel(
  deps: Pick<EscalationDeps, 'issues' | 'logger'>,
  workspace: Workspace,
  accountId: string,
  now: Date,
): Promise<EscalationPanelView> {
  // Names are a courtesy: without them the panel shows account ids, never an error after a recorded change.
  const names = await deps.issues.displayNames(panelPeople(workspace, accountId)).catch((error: unknown) => {
    deps.logger.warn('display names unavailable', { error: errorMessage(error) });
    return {};
  });
  return presentEscalationPanel({ workspace, accountId, now, names });
}
