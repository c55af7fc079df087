import { escalationFieldValue, type EscalationFieldValue } from '../domain/escalation/escalation-projection';
import { openWorkspace } from './escalation-workspace';
import type { EscalationDeps, Requester } from './escalation-deps';

/**
 * The level field's value as the app derives and writes it (name in the site's default language), for the
 * field's edit view to hand to Jira; with `locale` (the reader's), the level named in that language, for the
 * field's view in the issue view. Null while no escalation exists. Needs Browse permission on the issue.
 */
export async function getLevelFieldValue(
  deps: EscalationDeps,
  requester: Requester,
  locale?: 'de' | 'en',
): Promise<EscalationFieldValue | null> {
  const workspace = await openWorkspace(deps, requester);
  const state = workspace.state;
  if (!state) return null;
  const levelName = workspace.template.levels.find((l) => l.level === state.level)!.name;
  return escalationFieldValue(state, levelName, locale ?? (await deps.issues.siteLocale()));
}
