import { openAdminSession, partyInProject, type AdminDeps, type AdminRequester, type AdminSession } from './admin-deps';
import { mayAdminister, projectOf } from './project-settings-use-cases';
import { UseCaseError } from './use-case-error';

/**
 * Opens a page about one project (contract): the project from the page context, else the payload. Its
 * parties (by the project's groups, or the default groups while unconfigured), its admins and Jira admins
 * may see it; others are refused with `forbidden`, naming `what` they may not see.
 */
export async function openProjectPage(
  deps: AdminDeps,
  requester: AdminRequester,
  payloadProjectKey: string | undefined,
  what: string,
): Promise<{ projectKey: string; session: AdminSession }> {
  const projectKey = projectOf(requester, payloadProjectKey);
  const session = await openAdminSession(deps, requester);
  if (!partyInProject(session, projectKey) && !session.viewer.isJiraAdmin && !(await mayAdminister(deps, projectKey))) {
    throw new UseCaseError('forbidden', `Only the parties and the administrators of project ${projectKey} may see ${what}.`);
  }
  return { projectKey, session };
}
