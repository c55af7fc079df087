import type { EscalationPanelView } from '../shared/escalation-panel-view';
import { leanPanelView, type PanelAnswer } from '../shared/panel-view-wire';
import type { EscalationDeps } from './escalation-deps';
import type { Workspace } from './escalation-workspace';
import { errorMessage } from './ports/logger';
import { panelPeople, panelTemplateTexts, presentEscalationPanel } from './presenters/escalation-panel-presenter';

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

/**
 * What a panel resolver answers: the full view, or, when the caller named the template texts it holds
 * (`held`, keys of earlier answers), the lean view with the texts only if they are not among them.
 */
export async function answerEscalationPanel(
  deps: Pick<EscalationDeps, 'issues' | 'logger'>,
  workspace: Workspace,
  accountId: string,
  now: Date,
  held: readonly string[] | undefined,
): Promise<PanelAnswer> {
  const view = await loadEscalationPanel(deps, workspace, accountId, now);
  return held ? leanPanelView(view, panelTemplateTexts(workspace.template), held) : view;
}
