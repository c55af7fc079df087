import { changesBetween } from '../domain/configuration/configuration-audit';
import {
  DEFAULT_PROJECT_CONFIGURATION,
  projectConfigurationSchema,
  type ProjectConfiguration,
} from '../domain/configuration/project-configuration';
import { contactAccountIds } from '../domain/sweep/escalation-contacts';
import type { ProjectSettingsView, UserOption } from '../shared/admin-views';
import { namesOf, openAdminSession, type AdminDeps, type AdminRequester } from './admin-deps';
import { UseCaseError } from './use-case-error';

export function projectOf(requester: AdminRequester, payloadProjectKey: string | undefined): string {
  // A project settings page's own project wins over the payload: the page cannot be pointed elsewhere.
  const key = requester.projectKey ?? payloadProjectKey;
  if (!key) throw new UseCaseError('invalid-payload', 'Choose a project.');
  return key;
}

async function view(deps: AdminDeps, requester: AdminRequester, projectKey: string, canEdit: boolean): Promise<ProjectSettingsView> {
  const [session, configuration, template, audit, stored, priorities] = await Promise.all([
    openAdminSession(deps, requester),
    deps.configurations.get(projectKey),
    deps.templates.active(projectKey),
    deps.audit.list(`project:${projectKey}`),
    deps.directory.list(),
    // The priority list is a convenience: without it the form lets the names be typed.
    deps.jira.priorityNames().catch(() => [] as string[]),
  ]);
  const contactIds = contactAccountIds(configuration);
  // The flags are a help to the admin: without Jira's answer the page shows the contacts unflagged.
  const [closed, inactive] = await Promise.all([
    deps.accountPrivacy?.closedAmong(contactIds) ?? new Set<string>(),
    deps.jira.inactiveAccounts(contactIds).catch(() => new Set<string>()),
  ]);
  const unreachableContacts: Record<string, 'closed' | 'deactivated'> = {};
  for (const id of contactIds) {
    if (closed.has(id)) unreachableContacts[id] = 'closed';
    else if (inactive.has(id)) unreachableContacts[id] = 'deactivated';
  }
  return {
    projectKey,
    viewer: session.viewer,
    canEdit,
    configuration,
    isDefault: !stored.some((s) => s.projectKey === projectKey),
    timeFrames: template.timeFrames,
    audit: [...audit].reverse(),
    people: await namesOf(deps, [...audit.map((a) => a.accountId), ...contactIds]),
    priorities,
    unreachableContacts,
  };
}

/** Project admins and Jira admins may see and change a project's escalation settings. */
export async function mayAdminister(deps: AdminDeps, projectKey: string): Promise<boolean> {
  const [project, jira] = await Promise.all([deps.jira.isProjectAdmin(projectKey), deps.jira.isJiraAdmin()]);
  return project || jira;
}

export async function getProjectSettings(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { projectKey?: string },
): Promise<ProjectSettingsView> {
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
    throw new UseCaseError(
      'forbidden',
      'Only an administrator of this project or a Jira administrator may change its escalation settings.',
    );
  }
  const before = (await deps.directory.list()).find((s) => s.projectKey === projectKey)?.configuration;
  // The arbitration bodies follow their own approval (arbitration-body-use-cases.ts): the form keeps the stored list.
  const { arbitrationBodies: _ignored, ...edited } = projectConfigurationSchema.parse(payload.configuration);
  const after = projectConfigurationSchema.parse({
    ...edited,
    ...(before?.arbitrationBodies ? { arbitrationBodies: before.arbitrationBodies } : {}),
  });
  await checkPriorities(deps, after.criticalPriorities);
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
    if (changes.some((c) => c.path === 'policy' || c.path.startsWith('policy.'))) await reprojectOpenEscalations(deps, projectKey);
  }
  return view(deps, requester, projectKey, true);
}

/** Issues per queue event when re-projecting: small enough for one consumer run to finish them. */
export const REPROJECTION_BATCH = 20;

/**
 * A changed policy (time frames, calendar) changes the deadlines of the project's running escalations: the
 * panel computes them from the new policy at once, so the issue property, the field and the sweep's next
 * check time must follow. Each open escalation is handed to the sweep's queue consumer, which re-derives
 * its projection from the log and the current settings, in batches of {@link REPROJECTION_BATCH}.
 */
async function reprojectOpenEscalations(deps: AdminDeps, projectKey: string): Promise<void> {
  if (!deps.sweepQueue) return;
  const open = (await deps.summaries.all()).filter((s) => s.projectKey === projectKey && s.status === 'open');
  const batches = [];
  for (let i = 0; i < open.length; i += REPROJECTION_BATCH)
    batches.push(open.slice(i, i + REPROJECTION_BATCH).map((s) => ({ id: s.issueId, key: s.issueKey, projectKey, summary: s.issueKey })));
  if (batches.length > 0) await deps.sweepQueue.push(batches);
}

/**
 * Critical priorities must be priorities of this site: a misspelt one would never match an issue, and the
 * sweep would have to leave it out of its search. Checked when the site's list can be read.
 */
async function checkPriorities(deps: AdminDeps, names: readonly string[]): Promise<void> {
  const site = await deps.jira.priorityNames().catch(() => undefined);
  if (!site || site.length === 0) return;
  const known = new Set(site.map((name) => name.trim().toLowerCase()));
  const unknown = names.filter((name) => !known.has(name.trim().toLowerCase()));
  if (unknown.length > 0)
    throw new UseCaseError(
      'invalid-payload',
      `Unknown priority ${unknown.map((n) => `"${n}"`).join(', ')}: this site's priorities are ${site.join(', ')}.`,
    );
}

/** The contacts' user picker (project and Jira admins only): Jira users whose name or email starts with the query. */
export async function searchUsers(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { projectKey?: string; query: string },
): Promise<UserOption[]> {
  const projectKey = projectOf(requester, payload.projectKey);
  if (!(await mayAdminister(deps, projectKey))) {
    throw new UseCaseError(
      'forbidden',
      'Only an administrator of this project or a Jira administrator may search people for its contacts.',
    );
  }
  return deps.jira.searchUsers(payload.query);
}
