import { partyOfGroups, type ProjectConfiguration } from '../domain/configuration/project-configuration';
import type { Actor, EscalationEvent, NewEscalationEvent, Origin } from '../domain/escalation/escalation-event';
import { closeEscalation, escalate, resolveEscalation, type CommandContext } from '../domain/escalation/escalation-commands';
import { escalationDeadlines } from '../domain/escalation/escalation-deadlines';
import { record } from '../domain/escalation/escalation-log';
import { escalationFieldValue, escalationIndexDocument } from '../domain/escalation/escalation-projection';
import type { Decision } from '../domain/escalation/escalation-rejection';
import type { EscalationState } from '../domain/escalation/escalation-state';
import { buildEscalationView, levelDueAt } from '../domain/escalation/escalation-view';
import { replayEscalation } from '../domain/escalation/replay-escalation';
import type { Party, ProcessTemplate } from '../domain/process/process-template';
import type { IssueGateway, IssueRef, UserAccess } from '../infrastructure/jira/jira-issue-service';
import { ConcurrentAppendError, type EscalationEventStore } from '../infrastructure/storage/escalation-event-store';
import type { ProcessTemplateStore } from '../infrastructure/storage/process-template-store';
import type { ProjectConfigurationStore } from '../infrastructure/storage/project-configuration-store';
import type { EscalationPanelView } from '../shared/escalation-panel-view';
import { logger } from '../infrastructure/logger';
import { UseCaseError } from './use-case-error';
import type { EscalationSummaryStore } from '../infrastructure/storage/escalation-summary-store';
import { recordEscalationSummary } from './record-escalation-summary';

/** What the escalation use cases depend on; passed in, so tests and the sandbox choose the implementations. */
export interface EscalationDeps {
  readonly issues: IssueGateway;
  readonly events: EscalationEventStore;
  readonly configurations: ProjectConfigurationStore;
  readonly templates: ProcessTemplateStore;
  readonly now: () => Date;
  /** The analytics read model, kept in step after every append (optional: tests may leave it out). */
  readonly summaries?: EscalationSummaryStore;
}

/** Who asks: always from the Forge context, never from a payload. */
export interface Requester {
  readonly accountId: string;
  readonly issueKey: string;
}

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
 * Loads what a request needs and checks that the user may see the issue (asked as that user).
 * Workflow rules pass `knownAccess`: Jira already let that user run the transition.
 */
export async function openWorkspace(deps: EscalationDeps, requester: Requester, knownAccess?: UserAccess): Promise<Workspace> {
  const access = knownAccess ?? (await deps.issues.userAccess(requester.issueKey));
  if (!access.browse) throw new UseCaseError('not-found', NOT_FOUND);
  const issue = await deps.issues.issue(requester.issueKey);
  if (!issue) throw new UseCaseError('not-found', NOT_FOUND);
  const [configuration, groups, log] = await Promise.all([
    deps.configurations.get(issue.projectKey),
    deps.issues.groupsOf(requester.accountId),
    deps.events.load(issue.id),
  ]);
  const membership = partyOfGroups(configuration, groups);
  const state = replayEscalation(log);
  const template = state ? await deps.templates.get(state.template) : await deps.templates.active();
  return {
    issue,
    access,
    viewerParty: membership.kind === 'party' ? membership.party : null,
    configuration,
    log,
    state,
    template,
  };
}

/** The actor of a change: the user's own party, or a party an admin acts for with a recorded reason. */
export function actorFor(workspace: Workspace, accountId: string, onBehalf?: { party: Party; reason: string }): Actor {
  if (!workspace.access.edit) throw new UseCaseError('forbidden', 'You need permission to edit this issue to change its escalation.');
  if (onBehalf) {
    if (!workspace.access.admin) throw new UseCaseError('forbidden', 'Only a Jira administrator may act for a party.');
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

export type EscalationCommand = (state: EscalationState | undefined, ctx: CommandContext) => Decision<NewEscalationEvent>;

const MAX_ATTEMPTS = 3;

/**
 * Runs one command for a user: checks access and party, decides, appends the event (retrying on a
 * concurrent append with the fresh log), then refreshes the issue's projection and returns the view.
 */
export async function runEscalationCommand(
  deps: EscalationDeps,
  requester: Requester,
  onBehalf: { party: Party; reason: string } | undefined,
  command: EscalationCommand,
  options: { knownAccess?: UserAccess; origin?: Origin } = {},
): Promise<EscalationPanelView> {
  for (let attempt = 1; ; attempt++) {
    const workspace = await openWorkspace(deps, requester, options.knownAccess);
    const now = deps.now();
    const ref = options.origin?.ref;
    // A retried delivery of the same outside occurrence was recorded already: answer, do not record again.
    if (ref && workspace.log.some((event) => event.origin?.ref === ref)) return panelView(deps, workspace, requester.accountId, now);
    const actor = actorFor(workspace, requester.accountId, onBehalf);
    const ctx = commandContext(workspace, actor, now);
    const origin = options.origin;
    const decision = record(
      workspace.log,
      (state) => {
        const decided = command(state, ctx);
        return decided.ok && origin ? { ok: true, value: { ...decided.value, origin } } : decided;
      },
      workspace.state,
    );
    if (!decision.ok) {
      const { code, message, ...details } = decision.rejection;
      throw new UseCaseError('rejected', message, { reason: code, ...details });
    }
    try {
      await deps.events.append(workspace.issue.id, decision.value.event);
    } catch (error) {
      if (error instanceof ConcurrentAppendError && attempt < MAX_ATTEMPTS) continue;
      if (error instanceof ConcurrentAppendError)
        throw new UseCaseError('conflict', 'The escalation was changed by someone else at the same time; please try again.');
      throw error;
    }
    const next: Workspace = { ...workspace, log: decision.value.log, state: decision.value.state };
    // The event is recorded: from here on nothing may report "nothing was changed". A projection that
    // could not be written is re-derived by the next change or by the sweep (its check time has passed).
    try {
      await saveProjection(deps, next, workspace.state, now);
    } catch (error) {
      logger.warn('escalation recorded, projection not written', {
        issueKey: next.issue.key,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    await recordEscalationSummary(deps.summaries, next);
    return panelView(deps, next, requester.accountId, now);
  }
}

export function commandContext(workspace: Workspace, actor: Actor, now: Date): CommandContext {
  const due = workspace.state ? levelDueAt(workspace.state, workspace.template, workspace.configuration.policy, now) : undefined;
  return { now, actor, template: workspace.template, ...(due ? { levelDueAt: due } : {}) };
}

/**
 * Re-derives the issue's searchable summary, and the level field when level or status changed (so the
 * issue history shows each real change once).
 */
export async function saveProjection(
  deps: EscalationDeps,
  workspace: Workspace,
  before: EscalationState | undefined,
  now: Date,
): Promise<void> {
  const state = workspace.state;
  if (!state) return;
  const deadlines = escalationDeadlines({ state, template: workspace.template, policy: workspace.configuration.policy, now });
  // Gates are asked of the same commands as a person of either party would run (the rules do not differ by party).
  const ctx = commandContext(workspace, { accountId: 'app', party: 'contractor' }, now);
  const gates = {
    escalate: escalate(state, {}, ctx).ok,
    resolve: resolveEscalation(state, { resolution: '-' }, ctx).ok,
    close: closeEscalation(state, {}, ctx).ok,
  };
  const document = escalationIndexDocument(state, deadlines, now, gates);
  const fieldChanged = !before || before.level !== state.level || before.status !== state.status;
  const levelName = workspace.template.levels.find((l) => l.level === state.level)!.name;
  await deps.issues.saveProjection(workspace.issue, document, fieldChanged ? escalationFieldValue(state, levelName) : undefined);
}

export async function panelView(deps: EscalationDeps, workspace: Workspace, accountId: string, now: Date): Promise<EscalationPanelView> {
  const viewer: Actor = { accountId, party: workspace.viewerParty ?? 'system' };
  const people = new Set<string>([accountId, ...workspace.log.map((e) => e.actor.accountId)]);
  // Names are a courtesy: without them the panel shows account ids, never an error after a recorded change.
  const names = await deps.issues.displayNames([...people].filter((id) => id !== 'app')).catch((error: unknown) => {
    logger.warn('display names unavailable', { error: error instanceof Error ? error.message : String(error) });
    return {};
  });
  const due = workspace.state ? levelDueAt(workspace.state, workspace.template, workspace.configuration.policy, now) : undefined;
  return {
    issueKey: workspace.issue.key,
    now: now.toISOString(),
    viewer: { accountId, party: workspace.viewerParty, isAdmin: workspace.access.admin, canEdit: workspace.access.edit },
    levels: workspace.template.levels.map((l) => ({ level: l.level, name: l.name })),
    triggers: workspace.template.triggers,
    people: names,
    escalation: workspace.state
      ? buildEscalationView({
          state: workspace.state,
          log: workspace.log,
          template: workspace.template,
          policy: workspace.configuration.policy,
          now,
          viewer,
          ...(due ? { levelDueAt: due } : {}),
        })
      : null,
  };
}
