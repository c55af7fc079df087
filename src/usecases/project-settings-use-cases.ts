import { changesBetween } from '../domain/configuration/configuration-audit';
import { DEFAULT_PROJECT_CONFIGURATION, projectConfigurationSchema, type ProjectConfiguration } from '../domain/configuration/project-configuration';
import type { ProjectSettingsView } from '../shared/admin-views';
import { namesOf, openAdminSession, type AdminDeps, type AdminRequester } from './admin-deps';
import { UseCaseError } from './use-case-error';

function projectOf(requester: AdminRequester, payloadProjectKey: string | undefined): string {
  // A project settings page's own project wins over the payload: the page cannot be pointed elsewhere.
  const key = requester.projectKey ?? payloadProjectKey;
  if (!key) throw new UseCaseError('invalid-payload', 'Choose a project.');
  return key;
}

async function view(deps: AdminDeps, requester: AdminRequester, projectKey: string, canEdit: boolean): Promise<ProjectSettingsView> {
  const [session, configuration, template, audit, stored] = await Promise.all([
    openAdminSession(deps, requester),
    deps.configurations.get(projectKey),
    deps.templates.active(),
    deps.audit.list(`project:${projectKey}`),
    deps.directory.list(),
  ]);
  return {
    projectKey,
    viewer: session.viewer,
    canEdit,
    configuration,
    isDefault: !stored.some((s) => s.projectKey === projectKey),
    timeFrames: template.timeFrames,
    audit: [...audit].reverse(),
    people: await namesOf(deps, audit.map((a) => a.accountId)),
  };
}

/** Project admins and Jira admins may see and change a project's escalation settings. */
async function mayAdminister(deps: AdminDeps, projectKey: string): Promise<boolean> {
  const [project, jira] = await Promise.all([deps.jira.isProjectAdmin(projectKey), deps.jira.isJiraAdmin()]);
  return project || jira;
}

export async function getProjectSettings(deps: AdminDeps, requester: AdminRequester, payload: { projectKey?: string }): Promise<ProjectSettingsView> {
  const projectKey = projectOf(requester, payload.projectKey);
  if (!(await mayAdminister(deps, projectKey))) {
    throw new UseCaseError('forbidden', 'Only an administrator of this project or a Jira administrator may see its escalation settings.');
  }
  return view(deps, requester, projectKey, true);
}

/**
 * Validates and saves a project's configuration and records the change (who, when, before/after) in the
 * project's audit log. Saving the same configuration again records nothing.
 */
export async function saveProjectSettings(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { projectKey?: string; configuration: ProjectConfiguration },
): Promise<ProjectSettingsView> {
  const projectKey = projectOf(requester, payload.projectKey);
  if (!(await mayAdminister(deps, projectKey))) {
    throw new UseCaseError('forbidden', 'Only an administrator of this project or a Jira administrator may change its escalation settings.');
  }
  const after = projectConfigurationSchema.parse(payload.configuration);
  const before = (await deps.directory.list()).find((s) => s.projectKey === projectKey)?.configuration;
  const changes = changesBetween(before ?? DEFAULT_PROJECT_CONFIGURATION, after);
  if (changes.length > 0 || !before) {
    await deps.configurations.save(projectKey, after);
    await deps.audit.append({
      at: deps.now().toISOString(),
      accountId: requester.accountId,
      target: `project:${projectKey}`,
      action: before ? 'configuration-changed' : 'configuration-created',
      changes,
      before: before ?? DEFAULT_PROJECT_CONFIGURATION,
      after,
    });
  }
  return view(deps, requester, projectKey, true);
}
