import type { EscalationPanelView } from '../shared/escalation-panel-view';
import { leanPanelView, type PanelAnswer } from '../shared/panel-view-wire';
import type { EscalationDeps } from './escalation-deps';
import type { Workspace } from './escalation-workspace';
import { errorMessage } from './ports/logger';
import { panelPeople, panelTemplateTexts, presentEscalationPanel } from './presenters/escalation-panel-presenter';

type PanelDeps = Pick<EscalationDeps, 'issues' | 'logger'>;

/**
 * The names of the people a panel mentions (the viewer and everyone in the log). Never fails: names are a
 * courtesy, without them the panel shows account ids, never an error after a recorded change.
 */
export function panelNames(deps: PanelDeps, log: Workspace['log'], accountId: string): Promise<Record<string, string>> {
  return deps.issues.displayNames(panelPeople({ log }, accountId)).catch((error: unknown) => {
    deps.logger.warn('display names unavailable', { error: errorMessage(error) });
    return {};
  });
}

/** The issue panel for one viewer: the names of the people it mentions (unless already read), then the presenter's view model. */
export async function loadEscalationPanel(
  deps: PanelDeps,
  workspace: Workspace,
  accountId: string,
  now: Date,
  names?: Record<string, string>,
): Promise<EscalationPanelView> {
  return presentEscalationPanel({ workspace, accountId, now, names: names ?? (await panelNames(deps, workspace.log, accountId)) });
}

/**
 * What a panel resolver answers: the full view, or, when the caller named the template texts it holds
 * (`held`, keys of earlier answers), the lean view with the texts only if they are not among them.
 */
export async function answerEscalationPanel(
  deps: PanelDeps,
  workspace: Workspace,
  accountId: string,
  now: Date,
  held: readonly string[] | undefined,
  names?: Record<string, string>,
): Promise<PanelAnswer> {
  const view = await loadEscalationPanel(deps, workspace, accountId, now, names);
  return held ? leanPanelView(view, panelTemplateTexts(workspace.template), held) : view;
}
