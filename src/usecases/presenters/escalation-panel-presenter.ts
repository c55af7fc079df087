import type { EscalationPolicy } from '../../domain/configuration/escalation-policy';
import type { Actor, EscalationEvent } from '../../domain/escalation/escalation-event';
import {
  acknowledgeNotice,
  answerProposal,
  deEscalate,
  escalate,
  giveArbitrationConsent,
  informManagement,
  proposeEscalation,
  reopenEscalation,
  resolveEscalation,
  withdrawProposal,
  type CommandContext,
} from '../../domain/escalation/escalation-commands';
import { proposeMeeting } from '../../domain/escalation/working-record-commands';
import { fulfilmentOf, fulfilmentRuleOf, isWorkable } from '../../domain/escalation/obligation-fulfilment';
import { escalationDeadlines, type Deadline } from '../../domain/escalation/escalation-deadlines';
import type { Decision } from '../../domain/escalation/escalation-rejection';
import type { EscalationState } from '../../domain/escalation/escalation-state';
import { levelDueAtOf } from '../../domain/escalation/level-due-at';
import { explainClock, nextSteps } from '../../domain/escalation/next-steps';
import { activeSections, sectionForLevel } from '../../domain/escalation/stage-guards';
import type { ProcessTemplate } from '../../domain/process/process-template';
import { criticalProblemProposal } from '../../domain/sweep/critical-priority';
import type { Allowed, EscalationPanelView, EscalationView, ObligationItem, SectionView } from '../../shared/escalation-panel-view';
import { keyedTemplateTexts, type PanelTemplateTexts } from '../../shared/panel-view-wire';
import type { Workspace } from '../escalation-workspace';

const allowed = (decision: Decision<unknown>): Allowed => (decision.ok ? { ok: true } : { ok: false, rejection: decision.rejection });

/**
 * Everything the issue panel shows for one escalation, derived from its log: the active sections'
 * obligations paired (contractor item i beside client item i), the running deadlines, the timeline and
 * which actions the viewer could take now (asked of the same commands the actions run).
 */
export function buildEscalationView(input: {
  state: EscalationState;
  log: readonly EscalationEvent[];
  template: ProcessTemplate;
  policy: EscalationPolicy;
  now: Date;
  viewer: Actor;
  levelDueAt?: Date;
  /** The deadlines running at `now`, if the caller computed them already: computed once per view. */
  deadlines?: readonly Deadline[];
}): EscalationView {
  const { state, log, template, policy, now, viewer } = input;
  const deadlines = input.deadlines ?? escalationDeadlines({ state, template, policy, now });
  const withdrawals = new Map<string, number>();
  for (const event of log) {
    if (event.type === 'obligation-fulfilment-withdrawn')
      withdrawals.set(event.obligationId, (withdrawals.get(event.obligationId) ?? 0) + 1);
  }
  const sections: SectionView[] = activeSections(template, state).map((sectionId) => {
    const section = template.sections.find((s) => s.id === sectionId)!;
    const items = template.obligations.filter((o) => o.section === sectionId && isWorkable(template, state, o));
    const pairIndexes = [...new Set(items.map((o) => o.pairIndex))].sort((a, b) => a - b);
    const item = (party: 'contractor' | 'client', pairIndex: number): ObligationItem | undefined => {
      const o = items.find((x) => x.party === party && x.pairIndex === pairIndex);
      if (!o) return undefined;
      const running = deadlines.find((d) => d.obligationId === o.id);
      const fulfilment = fulfilmentOf(template, state, o);
      return {
        id: o.id,
        party: o.party,
        text: o.text,
        kind: o.kind,
        mandatory: o.mandatoryToLeaveStage,
        rule: fulfilmentRuleOf(o),
        withdrawals: withdrawals.get(o.id) ?? 0,
        ...(o.deadline
          ? {
              deadline: {
                quote: o.deadline.quote,
                timeFrame: o.deadline.timeFrame,
                ...(running ? { dueAt: running.dueAt, state: running.state } : {}),
              },
            }
          : {}),
        ...(fulfilment ? { fulfilment } : {}),
      };
    };
    return {
      id: section.id,
      title: section.title,
      scope: section.scope,
      ...(section.level ? { level: section.level } : {}),
      current: sectionId === sectionForLevel(template, state.level),
      pairs: pairIndexes.map((pairIndex) => {
        const contractor = item('contractor', pairIndex);
        const client = item('client', pairIndex);
        return { pairIndex, ...(contractor ? { contractor } : {}), ...(client ? { client } : {}) };
      }),
    };
  });
  const ctx: CommandContext = {
    now,
    actor: viewer,
    template,
    policy,
    deadlines,
    ...(input.levelDueAt ? { levelDueAt: input.levelDueAt } : {}),
  };
  const proposalSeq = state.proposal?.seq ?? 0;
  const levelName = template.levels.find((l) => l.level === state.level)!.name;
  return {
    status: state.status,
    level: state.level,
    levelName,
    trigger: state.trigger,
    problem: state.problem,
    impact: state.impact,
    startedAt: state.startedAt,
    levelEnteredAt: state.levelEnteredAt,
    template: state.template,
    deadlines: deadlines.map((deadline) => ({ ...deadline, ...explainClock({ deadline, state, template, policy }) })),
    nextSteps: nextSteps({ state, template, policy, deadlines }),
    calendar: { timeZone: policy.calendar.timeZone, workingHours: policy.calendar.workingHours, mode: policy.calendar.mode },
    sections,
    timeline: log,
    obligationTexts: Object.fromEntries(template.obligations.map((o) => [o.id, o.text])),
    levelHistory: state.levelHistory,
    arbitrationConsent: state.arbitrationConsent,
    critical: state.critical,
    startedBy: state.startedBy,
    ...(state.proposal ? { proposal: state.proposal } : {}),
    ...(state.clientNotifiedAt ? { clientNotifiedAt: state.clientNotifiedAt } : {}),
    ...(state.lastStatusUpdateAt ? { lastStatusUpdateAt: state.lastStatusUpdateAt } : {}),
    records: {
      actionPlans: state.actionPlans,
      rootCauses: state.rootCauses,
      preventiveMeasures: state.preventiveMeasures,
      arbitrators: state.arbitrators,
      arbitrationSessions: state.arbitrationSessions,
      meetings: state.meetings,
      ...(state.arbitrationOutcome ? { arbitrationOutcome: state.arbitrationOutcome } : {}),
    },
    allowed: {
      escalate: allowed(escalate(state, {}, ctx)),
      deEscalate: allowed(deEscalate(state, { note: '-' }, ctx)),
      resolve: allowed(resolveEscalation(state, { resolution: '-' }, ctx)),
      reopen: allowed(reopenEscalation(state, { reason: '-' }, ctx)),
      giveArbitrationConsent: allowed(giveArbitrationConsent(state, {}, ctx)),
      proposeEscalation: allowed(proposeEscalation(state, { note: '-' }, ctx)),
      answerProposal: allowed(answerProposal(state, { proposalSeq, accept: true }, ctx)),
      withdrawProposal: allowed(withdrawProposal(state, { proposalSeq }, ctx)),
      informManagement: allowed(informManagement(state, { note: '-' }, ctx)),
      acknowledgeNotice: allowed(acknowledgeNotice(state, {}, ctx)),
      proposeMeeting: allowed(
        proposeMeeting(state, { subject: '-', candidates: [new Date(now.getTime() + 86_400_000).toISOString()] }, ctx),
      ),
    },
  };
}

/**
 * The issue panel's view model: the viewer, the template's levels and triggers, the names of the people
 * shown, and the escalation (if one was started) as {@link buildEscalationView} derives it.
 */
export function presentEscalationPanel(input: {
  workspace: Workspace;
  accountId: string;
  now: Date;
  /** Display names by account id; ids without a name are shown as they are. */
  names: Record<string, string>;
}): EscalationPanelView {
  const { workspace, accountId, now } = input;
  const viewer: Actor = { accountId, party: workspace.viewerParty ?? 'system' };
  const { state, template } = workspace;
  const policy = workspace.configuration.policy;
  // Once per view: the level's due time, the clocks shown, the next steps and the actions' guards all use these.
  const deadlines = state ? escalationDeadlines({ state, template, policy, now }) : [];
  const due = levelDueAtOf(deadlines);
  const criticalProblem = criticalProblemProposal({
    state: workspace.state,
    configuration: workspace.configuration,
    priority: workspace.issue.priority,
    recorded: workspace.issue.criticalProblem,
    template: workspace.template,
  });
  return {
    issueKey: workspace.issue.key,
    now: now.toISOString(),
    viewer: { accountId, party: workspace.viewerParty, isAdmin: workspace.access.admin, canEdit: workspace.access.edit },
    levels: workspace.template.levels.map((l) => ({ level: l.level, name: l.name })),
    triggers: workspace.template.triggers,
    principles: workspace.template.principles,
    people: input.names,
    escalation: workspace.state
      ? buildEscalationView({
          state: workspace.state,
          log: workspace.log,
          template: workspace.template,
          policy: workspace.configuration.policy,
          now,
          viewer,
          deadlines,
          ...(due ? { levelDueAt: due } : {}),
        })
      : null,
    ...(criticalProblem ? { criticalProblem } : {}),
  };
}

/** The people a panel mentions: the viewer and every actor of the log (the app itself has no name). */
export function panelPeople(workspace: Pick<Workspace, 'log'>, accountId: string): string[] {
  const people = new Set<string>([accountId, ...workspace.log.map((e) => e.actor.accountId)]);
  return [...people].filter((id) => id !== 'app');
}

const textsByTemplate = new WeakMap<ProcessTemplate, PanelTemplateTexts>();

/** A template version's static texts as the panel shows them (kept per template object: they never change). */
export function panelTemplateTexts(template: ProcessTemplate): PanelTemplateTexts {
  const known = textsByTemplate.get(template);
  if (known) return known;
  const texts = keyedTemplateTexts(template, {
    levels: template.levels.map((l) => ({ level: l.level, name: l.name })),
    triggers: template.triggers,
    principles: template.principles,
    sections: Object.fromEntries(
      template.sections.map((s) => [s.id, { title: s.title, scope: s.scope, ...(s.level ? { level: s.level } : {}) }]),
    ),
    obligations: Object.fromEntries(
      template.obligations.map((o) => [
        o.id,
        {
          text: o.text,
          kind: o.kind,
          mandatory: o.mandatoryToLeaveStage,
          rule: fulfilmentRuleOf(o),
          ...(o.deadline ? { deadline: { quote: o.deadline.quote, timeFrame: o.deadline.timeFrame } } : {}),
        },
      ]),
    ),
  });
  textsByTemplate.set(template, texts);
  return texts;
}
