import { partyOf, type ProjectConfiguration, type RequestInvolvement } from '../domain/configuration/project-configuration';
import { visibleLength } from '../domain/configuration/visible-text';
import type { CommandContext } from '../domain/escalation/escalation-commands';
import type { Actor, EscalationEvent } from '../domain/escalation/escalation-event';
import type { EscalationState } from '../domain/escalation/escalation-state';
import { levelDueAt } from '../domain/escalation/level-due-at';
import { replayEscalation } from '../domain/escalation/replay-escalation';
import type { Party, ProcessTemplate } from '../domain/process/process-template';
import type { EscalationDeps, Requester } from './escalation-deps';
import type { IssueRef, UserAccess } from './ports/issue-gateway';
import { UseCaseError } from './use-case-error';

/** Everything one request about an issue's escalation works on, loaded once and checked for access. */
export interface Workspace {
  readonly issue: IssueRef;
  readonly access: UserAccess;
  readonly viewerParty: Party | null;
  readonly configuration: ProjectConfiguration;
  readonly log: readonly EscalationEvent[];
  readonly state: EscalationState | undefined;
  readonly template: ProcessTemplate;
}

const NOT_FOUND = 'Issue does not exist or you do not have permission to see it.';

/**
 * On the portal a customer sees a request they report or take part in, as Jira Service Management shows it;
 * they act on it (as the client) only if its party rule says so. Nobody there is a Jira admin.
 */
async function portalAccess(deps: EscalationDeps, requester: Requester): Promise<{ access: UserAccess; request: RequestInvolvement }> {
  const request = await deps.issues.requestInvolvement(requester.issueKey, requester.accountId);
  if (!request) throw new UseCaseError('not-found', NOT_FOUND);
  // Organization members who only see the request through their organization cannot be checked with the
  // platform API: they are asked to be added as participants rather than let in unchecked.
  if (!request.involved)
    throw new UseCaseError(
      'forbidden',
      'Only the reporter and the participants of this request act for the client here. Ask the reporter to add you as a participant.',
    );
  return { access: { browse: true, edit: true, admin: false }, request };
}

/**
 * Loads what a request needs and checks that the user may see the issue (asked as that user; on the portal,
 * by the request's reporter and participants). Workflow rules pass `knownAccess`: Jira already let that user
 * run the transition. The portal is the client's view: anyone else is refused there before anything is done.
 */
export async function openWorkspace(deps: EscalationDeps, requester: Requester, knownAccess?: UserAccess): Promise<Workspace> {
  return (await open(deps, requester, knownAccess, undefined)).workspace;
}

/**
 * {@link openWorkspace}, and beside it what `follow` reads from the issue's log (e.g. the names of the people
 * in it): started as soon as the log is read, so it runs alongside the access check instead of after it.
 * Its answer is handed over only once the workspace is open (the user may see the issue).
 */
export async function openWorkspaceFollowing<T>(
  deps: EscalationDeps,
  requester: Requester,
  follow: (log: readonly EscalationEvent[]) => Promise<T>,
): Promise<{ workspace: Workspace; followed: T }> {
  const opened = await open(deps, requester, undefined, follow);
  return { workspace: opened.workspace, followed: await (opened.followed ?? follow(opened.workspace.log)) };
}

/** Marks a read as handled now (it may be dropped when the user turns out not to see the issue); awaiting it still throws. */
function handled<T>(read: Promise<T>): Promise<T> {
  read.catch(() => undefined);
  return read;
}

/** The escalation a log records and the template version it runs on (or the project's, before any escalation). */
async function replayWithTemplate(deps: EscalationDeps, log: readonly EscalationEvent[], projectKey: string) {
  const state = replayEscalation(log);
  const template = state ? await deps.templates.get(state.template) : await deps.templates.active(projectKey);
  return { log, state, template };
}

async function open<T>(
  deps: EscalationDeps,
  requester: Requester,
  knownAccess: UserAccess | undefined,
  follow: ((log: readonly EscalationEvent[]) => Promise<T>) | undefined,
): Promise<{ workspace: Workspace; followed: Promise<T> | undefined }> {
  const portal = requester.channel === 'portal' ? await portalAccess(deps, requester) : undefined;
  // One round for every read the context already names, and what follows from the log (its template, the
  // caller's `follow`) as soon as the log is here; nothing read is used unless the user may browse the issue.
  const { issueId: hintedIssueId, projectKey: hintedProjectKey } = requester;
  const hintedLog = hintedIssueId ? handled(deps.events.load(hintedIssueId)) : undefined;
  const hintedReplay =
    hintedLog && hintedProjectKey ? handled(hintedLog.then((log) => replayWithTemplate(deps, log, hintedProjectKey))) : undefined;
  const hintedFollow = hintedLog && follow ? handled(hintedLog.then(follow)) : undefined;
  const [access, issue, groups, hintedConfiguration] = await Promise.all([
    portal?.access ?? knownAccess ?? deps.issues.userAccess(requester.issueKey),
    deps.issues.issue(requester.issueKey),
    deps.issues.groupsOf(requester.accountId),
    hintedProjectKey ? deps.configurations.get(hintedProjectKey) : undefined,
  ]);
  if (!access.browse) throw new UseCaseError('not-found', NOT_FOUND);
  if (!issue) throw new UseCaseError('not-found', NOT_FOUND);
  // The issue itself wins over the context's hints (an issue moved to another project since the frame opened).
  const logHinted = hintedLog !== undefined && hintedIssueId === issue.id;
  const projectHinted = hintedProjectKey === issue.projectKey;
  const log = logHinted ? hintedLog : deps.events.load(issue.id);
  const followed = follow && (logHinted && hintedFollow ? hintedFollow : handled(log.then(follow)));
  const [configuration, replayed] = await Promise.all([
    hintedConfiguration && projectHinted ? hintedConfiguration : deps.configurations.get(issue.projectKey),
    hintedReplay && logHinted && projectHinted ? hintedReplay : log.then((events) => replayWithTemplate(deps, events, issue.projectKey)),
  ]);
  const membership = partyOf(configuration, { groups, ...(portal ? { request: portal.request } : {}) });
  if (portal && !(membership.kind === 'party' && membership.party === 'client'))
    throw new UseCaseError(
      'not-a-party',
      'On the portal only the client acts: this request is not shared with an organization the project names as the client, or you also belong to the contractor.',
    );
  const workspace: Workspace = {
    issue,
    access,
    viewerParty: membership.kind === 'party' ? membership.party : null,
    configuration,
    log: replayed.log,
    state: replayed.state,
    template: replayed.template,
  };
  return { workspace, followed };
}

/** The actor of a change: the user's own party, or a party an admin acts for with a recorded reason. */
export function actorFor(workspace: Workspace, accountId: string, onBehalf?: { party: Party; reason: string }): Actor {
  if (!workspace.access.edit) throw new UseCaseError('forbidden', 'You need permission to edit this issue to change its escalation.');
  if (onBehalf) {
    if (!workspace.access.admin) throw new UseCaseError('forbidden', 'Only a Jira administrator may act for a party.');
    // The reason is the record of why an admin spoke for a party: blanks, zero-width or control characters are none.
    if (visibleLength(onBehalf.reason) < 3)
      throw new UseCaseError('invalid-payload', 'Give a reason (at least 3 visible characters) for acting for a party.');
    return { accountId, party: onBehalf.party, onBehalf: { reason: onBehalf.reason } };
  }
  if (!workspace.viewerParty) {
    throw new UseCaseError(
      'not-a-party',
      'You are not a member of the contractor or the client party of this project (or of both), so you cannot act in its escalations.',
    );
  }
  return { accountId, party: workspace.viewerParty };
}

/** What the domain's commands are given: the time, the actor, the frozen template and when the current level runs out. */
export function commandContext(workspace: Workspace, actor: Actor, now: Date): CommandContext {
  const due = workspace.state ? levelDueAt(workspace.state, workspace.template, workspace.configuration.policy, now) : undefined;
  return { now, actor, template: workspace.template, policy: workspace.configuration.policy, ...(due ? { levelDueAt: due } : {}) };
}
