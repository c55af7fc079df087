import { DEFAULT_PROCESS_TEMPLATE } from '../domain/process/default-template';
import type { ProcessTemplate } from '../domain/process/process-template';
import { templateChangelog, isEmptyChangelog } from '../domain/process/template-changelog';
import { applyTemplateEdits, TemplateEditError, type TemplateEdit } from '../domain/process/template-edits';
import { TemplateVersionConflictError } from './ports/port-errors';
import type { TemplateDraft } from './ports/process-template-store';
import type { ProcessTemplateView, TemplateVersionDetail, TemplateVersionView } from '../shared/admin-views';
import { namesOf, openAdminSession, type AdminDeps, type AdminRequester, type AdminSession } from './admin-deps';
import { UseCaseError } from './use-case-error';

/**
 * The process template's versions: the contractor side (or a Jira admin) proposes the next version as a
 * draft of edits to the version in force; a member of the client party approves it, which publishes it
 * and makes it the one new escalations start on. Running escalations keep the version they froze.
 */
const canPropose = (s: AdminSession) => s.viewer.isJiraAdmin || s.viewer.parties.includes('contractor');
const canApprove = (s: AdminSession) => s.viewer.parties.includes('client');

function draftTemplate(active: ProcessTemplate, draft: TemplateDraft): ProcessTemplate {
  try {
    return applyTemplateEdits(active, draft.edits);
  } catch (error) {
    if (error instanceof TemplateEditError)
      throw new UseCaseError('rejected', `The draft no longer applies: ${error.message}`, { reason: 'template-draft-invalid' });
    throw error;
  }
}

async function templateView(deps: AdminDeps, requester: AdminRequester, session?: AdminSession): Promise<ProcessTemplateView> {
  const [s, active, draft, records, audit] = await Promise.all([
    session ? Promise.resolve(session) : openAdminSession(deps, requester),
    deps.templates.active(),
    deps.versioning.draft(),
    deps.versioning.versions(),
    deps.audit.list('template'),
  ]);
  const versions: TemplateVersionView[] = [
    { ref: { id: DEFAULT_PROCESS_TEMPLATE.id, version: DEFAULT_PROCESS_TEMPLATE.version }, builtIn: true, active: false },
    ...records.map((r) => ({
      ref: r.ref,
      builtIn: false,
      active: false,
      note: r.note,
      proposedBy: r.proposedBy,
      proposedAt: r.proposedAt,
      approvedBy: r.approvedBy,
      approvedAt: r.approvedAt,
    })),
  ].map((v) => ({ ...v, active: v.ref.id === active.id && v.ref.version === active.version }));
  let draftView: ProcessTemplateView['draft'] = null;
  if (draft) {
    const template = draftTemplate(active, draft);
    draftView = { ...draft, template, changelog: templateChangelog(active, template) };
  }
  return {
    viewer: s.viewer,
    canPropose: canPropose(s),
    canApprove: canApprove(s),
    active,
    versions,
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

export const getProcessTemplate = (deps: AdminDeps, requester: AdminRequester) => templateView(deps, requester);

/** A published version with the change log against the version before it. */
export async function getTemplateVersion(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { version: number },
): Promise<TemplateVersionDetail> {
  await openAdminSession(deps, requester);
  const id = (await deps.templates.active()).id;
  const load = async (version: number) => {
    try {
      return await deps.templates.get({ id, version });
    } catch {
      throw new UseCaseError('not-found', `There is no version ${version} of the process template.`);
    }
  };
  const template = await load(payload.version);
  const previous = payload.version > 1 ? await load(payload.version - 1) : undefined;
  return { template, changelog: previous ? templateChangelog(previous, template) : null };
}

/** Saves (or replaces) the draft of the next version; it then waits for the client party's approval. */
export async function saveTemplateDraft(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { edits: TemplateEdit[]; note: string },
): Promise<ProcessTemplateView> {
  const session = await openAdminSession(deps, requester);
  if (!canPropose(session))
    throw new UseCaseError('forbidden', 'Only the contractor party or a Jira administrator may propose a new version of the process.');
  const active = await deps.templates.active();
  const existing = await deps.versioning.draft();
  const now = deps.now().toISOString();
  const draft: TemplateDraft = {
    base: { id: active.id, version: active.version },
    edits: payload.edits,
    note: payload.note,
    proposedBy: requester.accountId,
    proposedAt: existing && existing.base.version === active.version ? existing.proposedAt : now,
    updatedAt: now,
  };
  const template = draftTemplate(active, draft);
  const changelog = templateChangelog(active, template);
  if (isEmptyChangelog(changelog))
    throw new UseCaseError('rejected', 'The draft changes nothing in the version in force.', { reason: 'template-draft-empty' });
  await deps.versioning.saveDraft(draft);
  await deps.audit.append({
    at: now,
    accountId: requester.accountId,
    target: 'template',
    action: 'version-proposed',
    note: payload.note,
    changes: [{ path: `v${template.version}`, before: existing ? { edits: existing.edits } : null, after: { edits: payload.edits } }],
  });
  return templateView(deps, requester, session);
}

export async function discardTemplateDraft(deps: AdminDeps, requester: AdminRequester): Promise<ProcessTemplateView> {
  const session = await openAdminSession(deps, requester);
  if (!canPropose(session))
    throw new UseCaseError('forbidden', 'Only the contractor party or a Jira administrator may discard the proposed version.');
  const draft = await deps.versioning.draft();
  if (!draft) throw new UseCaseError('not-found', 'There is no proposed version.');
  await deps.versioning.deleteDraft();
  await deps.audit.append({
    at: deps.now().toISOString(),
    accountId: requester.accountId,
    target: 'template',
    action: 'version-discarded',
    changes: [{ path: `v${draft.base.version + 1}`, before: { edits: draft.edits }, after: null }],
  });
  return templateView(deps, requester, session);
}

/**
 * The client party decides on the proposed version. Approving publishes it (immutable, create-only) and
 * makes it active; rejecting keeps the draft with the client's comment for the contractor to rework.
 */
export async function decideTemplateDraft(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { decision: 'approve' | 'reject'; comment?: string },
): Promise<ProcessTemplateView> {
  const session = await openAdminSession(deps, requester);
  if (!canApprove(session))
    throw new UseCaseError('not-a-party', 'Only a member of the client party may approve or reject a new version of the process.');
  const draft = await deps.versioning.draft();
  if (!draft) throw new UseCaseError('not-found', 'There is no proposed version to decide on.');
  if (draft.proposedBy === requester.accountId)
    throw new UseCaseError('forbidden', 'The person who proposed a version cannot also approve it.');
  const active = await deps.templates.active();
  if (draft.base.id !== active.id || draft.base.version !== active.version) {
    throw new UseCaseError('conflict', 'The version in force changed since this draft was made; it must be proposed again.');
  }
  const now = deps.now().toISOString();
  if (payload.decision === 'reject') {
    await deps.versioning.saveDraft({ ...draft, rejection: { by: requester.accountId, at: now, comment: payload.comment ?? '' } });
    await deps.audit.append({
      at: now,
      accountId: requester.accountId,
      target: 'template',
      action: 'version-rejected',
      note: payload.comment,
      changes: [],
    });
    return templateView(deps, requester, session);
  }
  const template = draftTemplate(active, draft);
  try {
    await deps.versioning.publish(template, {
      ref: { id: template.id, version: template.version },
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
  const changelog = templateChangelog(active, template);
  await deps.audit.append({
    at: now,
    accountId: requester.accountId,
    target: 'template',
    action: 'version-approved',
    ...(payload.comment ? { note: payload.comment } : {}),
    changes: [{ path: 'active', before: draft.base, after: { id: template.id, version: template.version } }],
    after: changelog,
  });
  return templateView(deps, requester, session);
}
