import {
  ArbitrationBodyError,
  decideArbitrationBody as decide,
  proposeArbitrationBody as propose,
  type ArbitrationBody,
} from '../domain/configuration/arbitration-bodies';
import { changesBetween } from '../domain/configuration/configuration-audit';
import type { ArbitrationBodiesView } from '../shared/admin-views';
import { namesOf, openAdminSession, partyInProject, type AdminDeps, type AdminRequester, type AdminSession } from './admin-deps';
import { mayAdminister, projectOf } from './project-settings-use-cases';
import { UseCaseError } from './use-case-error';

/**
 * The project's arbitration bodies (level 4): the contractor party — or a Jira admin, as for the process
 * template — proposes a body, a member of the client party approves or rejects it; the person who proposed
 * cannot decide. Every step is an entry in the project's audit log.
 */
const ACTION_PREFIX = 'arbitration-body-';

const canPropose = (session: AdminSession, projectKey: string) =>
  session.viewer.isJiraAdmin || partyInProject(session, projectKey) === 'contractor';
const canDecide = (session: AdminSession, projectKey: string) => partyInProject(session, projectKey) === 'client';

async function bodiesView(deps: AdminDeps, projectKey: string, session: AdminSession): Promise<ArbitrationBodiesView> {
  const [configuration, audit] = await Promise.all([deps.configurations.get(projectKey), deps.audit.list(`project:${projectKey}`)]);
  const bodies = configuration.arbitrationBodies ?? [];
  const entries = audit.filter((a) => a.action.startsWith(ACTION_PREFIX)).reverse();
  return {
    projectKey,
    viewer: session.viewer,
    party: partyInProject(session, projectKey),
    canPropose: canPropose(session, projectKey),
    canDecide: canDecide(session, projectKey),
    bodies,
    audit: entries,
    people: await namesOf(deps, [...bodies.flatMap((b) => [b.proposedBy, b.decidedBy]), ...entries.map((a) => a.accountId)]),
  };
}

/** Both parties of the project, its admins and Jira admins may see the list. */
async function openFor(deps: AdminDeps, requester: AdminRequester, payloadProjectKey: string | undefined) {
  const projectKey = projectOf(requester, payloadProjectKey);
  const session = await openAdminSession(deps, requester);
  if (!partyInProject(session, projectKey) && !session.viewer.isJiraAdmin && !(await mayAdminister(deps, projectKey))) {
    throw new UseCaseError('forbidden', 'Only the parties and the administrators of this project may see its conciliation bodies.');
  }
  return { projectKey, session };
}

function ruleBroken(error: unknown): never {
  if (error instanceof ArbitrationBodyError) {
    const code = error.reason === 'not-found' ? 'not-found' : error.reason === 'own-proposal' ? 'forbidden' : 'rejected';
    throw new UseCaseError(code, error.message, { reason: `arbitration-body-${error.reason}` });
  }
  throw error;
}

async function change(
  deps: AdminDeps,
  requester: AdminRequester,
  projectKey: string,
  session: AdminSession,
  action: string,
  apply: (list: readonly ArbitrationBody[], at: string) => { list: ArbitrationBody[]; id: string },
  note?: string,
): Promise<ArbitrationBodiesView> {
  const configuration = await deps.configurations.get(projectKey);
  const before = configuration.arbitrationBodies ?? [];
  const at = deps.now().toISOString();
  let result: { list: ArbitrationBody[]; id: string };
  try {
    result = apply(before, at);
  } catch (error) {
    ruleBroken(error);
  }
  await deps.configurations.save(projectKey, { ...configuration, arbitrationBodies: result.list });
  const entryBefore = before.find((b) => b.id === result.id) ?? null;
  const entryAfter = result.list.find((b) => b.id === result.id) ?? null;
  await deps.audit.append({
    at,
    accountId: requester.accountId,
    target: `project:${projectKey}`,
    action: `${ACTION_PREFIX}${action}`,
    // A proposal shows as the new entry; a decision as the fields it changed (status, who, when, comment).
    changes: entryBefore
      ? changesBetween(entryBefore, entryAfter, `arbitrationBodies.${result.id}`)
      : [{ path: `arbitrationBodies.${result.id}`, before: null, after: entryAfter }],
    before: entryBefore,
    after: entryAfter,
    ...(note ? { note } : {}),
  });
  return bodiesView(deps, projectKey, session);
}

export async function getArbitrationBodies(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { projectKey?: string },
): Promise<ArbitrationBodiesView> {
  const { projectKey, session } = await openFor(deps, requester, payload.projectKey);
  return bodiesView(deps, projectKey, session);
}

/** The contractor party proposes an arbitration body; it waits for the client party's decision. */
export async function proposeArbitrationBody(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { projectKey?: string; name: string; details?: string },
): Promise<ArbitrationBodiesView> {
  const { projectKey, session } = await openFor(deps, requester, payload.projectKey);
  if (!canPropose(session, projectKey))
    throw new UseCaseError('not-a-party', 'Only the contractor party (or a Jira administrator) may propose a conciliation body.');
  return change(deps, requester, projectKey, session, 'proposed', (list, at) => {
    const next = propose(list, {
      name: payload.name,
      ...(payload.details ? { details: payload.details } : {}),
      by: requester.accountId,
      at,
    });
    return { list: next, id: next[next.length - 1]!.id };
  });
}

/** The client party approves or rejects a proposed arbitration body (a rejection says why). */
export async function decideArbitrationBody(
  deps: AdminDeps,
  requester: AdminRequester,
  payload: { projectKey?: string; id: string; decision: 'approve' | 'reject'; comment?: string },
): Promise<ArbitrationBodiesView> {
  const { projectKey, session } = await openFor(deps, requester, payload.projectKey);
  if (!canDecide(session, projectKey))
    throw new UseCaseError('not-a-party', 'Only a member of the client party may approve or reject a conciliation body.');
  return change(
    deps,
    requester,
    projectKey,
    session,
    payload.decision === 'approve' ? 'approved' : 'rejected',
    (list, at) => ({
      list: decide(list, {
        id: payload.id,
        decision: payload.decision,
        ...(payload.comment ? { comment: payload.comment } : {}),
        by: requester.accountId,
        at,
      }),
      id: payload.id,
    }),
    payload.comment,
  );
}
