import { DEFAULT_PROCESS_TEMPLATE } from '../domain/process/default-template';
import type { ProcessTemplate, TemplateRef } from '../domain/process/process-template';
import { projectTemplateId } from '../domain/process/project-template-id';
import { templateChangelog, isEmptyChangelog } from '../domain/process/template-changelog';
import { applyTemplateEdits, TemplateEditError, type TemplateEdit } from '../domain/process/template-edits';
import { TemplateVersionConflictError } from './ports/port-errors';
import type { TemplateDraft, TemplateVersionRecord } from './ports/process-template-store';
import type { ProcessTemplateView, TemplateVersionDetail, TemplateVersionView } from '../shared/admin-views';
import { namesOf, partyInProject, type AdminDeps, type AdminRequester, type AdminSession } from './admin-deps';
import { openProjectPage } from './project-page-access';
import type { AuditTarget } from '../domain/configuration/configuration-audit';
import { UseCaseError } from './use-case-error';

/**
 * The process template's versions, one line per project (each project is one contract with its own annex):
 * the contractor side (or a Jira admin) proposes the project's next version as a draft of edits to the
 * version in force for it; a member of that project's client party approves it, which publishes it and
 * makes it the one the project's new escalations start on. Running escalations keep the version they froze.
 */
const canPropose = (s: AdminSession, projectKey: string) => s.viewer.isJiraAdmin || partyInProject(s, projectKey) === 'contractor';
const canApprove = (s: AdminSession, projectKey: string) => partyInProject(s, projectKey) === 'client';
const auditTarget = (projectKey: string): AuditTarget => `project-template:${projectKey}`;
const sameRef = (a: TemplateRef, b: TemplateRef) => a.id === b.id && a.version === b.version;
const WHAT = 'its process template';

/** The draft applied to the version in force; the result is the project's own next version. */
function draftTemplate(projectKey: string, active: ProcessTemplate, draft: TemplateDraft): ProcessTemplate {
  try {
    return { ...applyTemplateEdits(active, draft.edits), id: projectTemplateId(projectKey) };
  } catch (error) {
    if (error instanceof TemplateEditError)
      throw new UseCaseError('rejected', `The draft no longer applies: ${error.message}`, { reason: 'template-draft-invalid' });
    throw error;
  }
}

function versionViews(records: readonly TemplateVersionRecord[], active: ProcessTemplate, projectKey: string): TemplateVersionView[] {
  const own = projectTemplateId(projectKey);
  return [
    { ref: { id: DEFAULT_PROCESS_TEMPLATE.id, version: DEFAULT_PROCESS_TEMPLATE.version }, builtIn: true, siteWide: false },
    ...records.map((r) => ({
      ref: r.ref,
      builtIn: false,
      siteWide: r.ref.id !== own,
      note: r.note,
      proposedBy: r.proposedBy,
      proposedAt: r.proposedAt,
      approvedBy: r.approvedBy,
      approvedAt: r.approvedAt,
    })),
  ].map((v) => ({ ...v, active: sameRef(v.ref, active) }));
}

async function templateView(deps: AdminDeps, projectKey: string, session: AdminSession): Promise<ProcessTemplateView> {
  const [active, draft, records, audit] = await Promise.all([
    deps.templates.active(projectKey),
    deps.versioning.draft(projectKey),
    deps.versioning.versions(projectKey),
    deps.audit.list(auditTarget(projectKey)),
  ]);
  let draftView: ProcessTemplateView['draft'] = null;
  if (draft) {
    const template = draftTemplate(projectKey, active, draft);
    draftView = { ...draft, template, changelog: templateChangelog(active, template) };
  }
  return {
    projectKey,
    viewer: session.viewer,
    party: partyInProject(session, projectKey),
    canPropose: canPropose(session, projectKey),
    canApprove: canApprove(session, projectKey),
    active,
    versions: versionViews(records, active, projectKey),
    draft: draftView,
    audit: [...audit].reverse(),
    people: await namesOf(deps, [
      ...records.flatMap((r) => [r.proposedBy, r.approvedBy]),
      draft?.proposedBy,
      draft?.rejection?.by,
      ...audit.map((a) => a.accountId),
    ]),
  };
}

export async function getProcessTemplate(deps: AdminDeps, requester: AdminRequester, payload: { projectKey?: string }) {
  const { projectKey, session } = await openProjectPage(deps, requester, payload.projectKey, WHAT);
  return templateView(deps, projectKey, session);
}

/** A version of the project's line (built-in, inherited site-wide or its own) with the change log against the one it was based on. */
export async function getTemplateVersion(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { projectKey?: string; version: number },
): Promise<TemplateVersionDetail> {
  const { projectKey } = await openProjectPage(deps, requester, payload.projectKey, WHAT);
  if (payload.version === DEFAULT_PROCESS_TEMPLATE.version) return { template: DEFAULT_PROCESS_TEMPLATE, changelog: null };
  // Version numbers are unique along a project's line: each version is the one it is based on plus one.
  const record = (await deps.versioning.versions(projectKey)).find((r) => r.ref.version === payload.version);
  if (!record) throw new UseCaseError('not-found', `There is no version ${payload.version} of the process template of ${projectKey}.`);
  const [template, previous] = await Promise.all([deps.templates.get(record.ref), deps.templates.get(record.basedOn)]);
  return { template, changelog: templateChangelog(previous, template) };
}

/** Saves (or replaces) the project's draft of its next version; it then waits for the project's client party. */
export async function saveTemplateDraft(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { projectKey?: string; edits: TemplateEdit[]; note: string },
): Promise<ProcessTemplateView> {
  const { projectKey, session } = await openProjectPage(deps, requester, payload.projectKey, WHAT);
  if (!canPropose(session, projectKey))
    throw new UseCaseError(
      'forbidden',
      'Only the contractor party of this project or a Jira administrator may propose a new version of its process.',
    );
  const [active, existing] = await Promise.all([deps.templates.active(projectKey), deps.versioning.draft(projectKey)]);
  const now = deps.now().toISOString();
  const draft: TemplateDraft = {
    base: { id: active.id, version: active.version },
    edits: payload.edits,
    note: payload.note,
    proposedBy: requester.accountId,
    proposedAt: existing && sameRef(existing.base, active) ? existing.proposedAt : now,
    updatedAt: now,
  };
  const template = draftTemplate(projectKey, active, draft);
  const changelog = templateChangelog(active, template);
  if (isEmptyChangelog(changelog))
    throw new UseCaseError('rejected', 'The draft changes nothing in the version in force.', { reason: 'template-draft-empty' });
  await deps.versioning.saveDraft(projectKey, draft);
  await deps.audit.append({
    at: now,
    accountId: requester.accountId,
    target: auditTarget(projectKey),
    action: 'version-proposed',
    note: payload.note,
    changes: [{ path: `v${template.version}`, before: existing ? { edits: existing.edits } : null, after: { edits: payload.edits } }],
  });
  return templateView(deps, projectKey, session);
}

export async function discardTemplateDraft(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { projectKey?: string },
): Promise<ProcessTemplateView> {
  const { projectKey, session } = await openProjectPage(deps, requester, payload.projectKey, WHAT);
  if (!canPropose(session, projectKey))
    throw new UseCaseError(
      'forbidden',
      'Only the contractor party of this project or a Jira administrator may discard the proposed version.',
    );
  const draft = await deps.versioning.draft(projectKey);
  if (!draft) throw new UseCaseError('not-found', 'There is no proposed version.');
  await deps.versioning.deleteDraft(projectKey);
  await deps.audit.append({
    at: deps.now().toISOString(),
    accountId: requester.accountId,
    target: auditTarget(projectKey),
    action: 'version-discarded',
    changes: [{ path: `v${draft.base.version + 1}`, before: { edits: draft.edits }, after: null }],
  });
  return templateView(deps, projectKey, session);
}

/**
 * The project's client party decides on the proposed version. Approving publishes it (immutable,
 * create-only) and makes it the project's version in force; rejecting keeps the draft with the client's
 * comment for the contractor to rework. A client of another project has no say: each contract's own client approves.
 */
export async function decideTemplateDraft(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { projectKey?: string; decision: 'approve' | 'reject'; comment?: string },
): Promise<ProcessTemplateView> {
  const { projectKey, session } = await openProjectPage(deps, requester, payload.projectKey, WHAT);
  if (!canApprove(session, projectKey))
    throw new UseCaseError(
      'not-a-party',
      `Only a member of the client party of project ${projectKey} may approve or reject a new version of its process.`,
    );
  const draft = await deps.versioning.draft(projectKey);
  if (!draft) throw new UseCaseError('not-found', 'There is no proposed version to decide on.');
  if (draft.proposedBy === requester.accountId)
    throw new UseCaseError('forbidden', 'The person who proposed a version cannot also approve it.');
  const active = await deps.templates.active(projectKey);
  if (!sameRef(draft.base, active)) {
    throw new UseCaseError('conflict', 'The version in force changed since this draft was made; it must be proposed again.');
  }
  const now = deps.now().toISOString();
  if (payload.decision === 'reject') {
    await deps.versioning.saveDraft(projectKey, {
      ...draft,
      rejection: { by: requester.accountId, at: now, comment: payload.comment ?? '' },
    });
    await deps.audit.append({
      at: now,
      accountId: requester.accountId,
      target: auditTarget(projectKey),
      action: 'version-rejected',
      note: payload.comment,
      changes: [],
    });
    return templateView(deps, projectKey, session);
  }
  const template = draftTemplate(projectKey, active, draft);
  const ref = { id: template.id, version: template.version };
  try {
    await deps.versioning.publish(projectKey, template, {
      ref,
      basedOn: draft.base,
      note: draft.note,
      proposedBy: draft.proposedBy,
      proposedAt: draft.proposedAt,
      approvedBy: requester.accountId,
      approvedAt: now,
      edits: draft.edits,
    });
  } catch (error) {
    if (error instanceof TemplateVersionConflictError)
      throw new UseCaseError('conflict', 'This version was published at the same time by someone else.');
    throw error;
  }
  await deps.audit.append({
    at: now,
    accountId: requester.accountId,
    target: auditTarget(projectKey),
    action: 'version-approved',
    ...(payload.comment ? { note: payload.comment } : {}),
    changes: [{ path: 'active', before: draft.base, after: ref }],
    after: templateChangelog(active, template),
  });
  return templateView(deps, projectKey, session);
}
