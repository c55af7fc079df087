import type { EscalationPolicy } from '../configuration/escalation-policy';
import type { ProcessTemplate } from '../process/process-template';
import type { Allowed, EscalationView, ObligationItem, SectionView } from '../../shared/escalation-panel-view';
import type { Actor, EscalationEvent } from './escalation-event';
import {
  deEscalate,
  escalate,
  giveArbitrationConsent,
  reopenEscalation,
  resolveEscalation,
  type CommandContext,
} from './escalation-commands';
import { escalationDeadlines } from './escalation-deadlines';
import type { Decision } from './escalation-rejection';
import type { EscalationState } from './escalation-state';
import { activeSections } from './stage-guards';

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
}): EscalationView {
  const { state, log, template, policy, now, viewer } = input;
  const deadlines = escalationDeadlines({ state, template, policy, now });
  const withdrawals = new Map<string, number>();
  for (const event of log) {
    if (event.type === 'obligation-fulfilment-withdrawn')
      withdrawals.set(event.obligationId, (withdrawals.get(event.obligationId) ?? 0) + 1);
  }
  const sections: SectionView[] = activeSections(template, state).map((sectionId) => {
    const section = template.sections.find((s) => s.id === sectionId)!;
    const items = template.obligations.filter((o) => o.section === sectionId && !o.retired);
    const pairIndexes = [...new Set(items.map((o) => o.pairIndex))].sort((a, b) => a - b);
    const item = (party: 'contractor' | 'client', pairIndex: number): ObligationItem | undefined => {
      const o = items.find((x) => x.party === party && x.pairIndex === pairIndex);
      if (!o) return undefined;
      const running = deadlines.find((d) => d.obligationId === o.id);
      const fulfilment = state.fulfilments[o.id];
      return {
        id: o.id,
        party: o.party,
        text: o.text,
        kind: o.kind,
        mandatory: o.mandatoryToLeaveStage,
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
      pairs: pairIndexes.map((pairIndex) => {
        const contractor = item('contractor', pairIndex);
        const client = item('client', pairIndex);
        return { pairIndex, ...(contractor ? { contractor } : {}), ...(client ? { client } : {}) };
      }),
    };
  });
  const ctx: CommandContext = { now, actor: viewer, template, ...(input.levelDueAt ? { levelDueAt: input.levelDueAt } : {}) };
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
    deadlines,
    sections,
    timeline: log,
    obligationTexts: Object.fromEntries(template.obligations.map((o) => [o.id, o.text])),
    levelHistory: state.levelHistory,
    arbitrationConsent: state.arbitrationConsent,
    ...(state.clientNotifiedAt ? { clientNotifiedAt: state.clientNotifiedAt } : {}),
    ...(state.lastStatusUpdateAt ? { lastStatusUpdateAt: state.lastStatusUpdateAt } : {}),
    records: {
      actionPlans: state.actionPlans,
      rootCauses: state.rootCauses,
      preventiveMeasures: state.preventiveMeasures,
      arbitrators: state.arbitrators,
      arbitrationSessions: state.arbitrationSessions,
      ...(state.arbitrationOutcome ? { arbitrationOutcome: state.arbitrationOutcome } : {}),
    },
    allowed: {
      escalate: allowed(escalate(state, {}, ctx)),
      deEscalate: allowed(deEscalate(state, { note: '-' }, ctx)),
      resolve: allowed(resolveEscalation(state, { resolution: '-' }, ctx)),
      reopen: allowed(reopenEscalation(state, { reason: '-' }, ctx)),
      giveArbitrationConsent: allowed(giveArbitrationConsent(state, {}, ctx)),
    },
  };
}

/** When the current level's time frame runs out (undefined at level 4), for the commands' guard. */
export function levelDueAt(state: EscalationState, template: ProcessTemplate, policy: EscalationPolicy, now: Date): Date | undefined {
  const level = escalationDeadlines({ state, template, policy, now }).find((d) => d.timeFrame === 'levelTimeFrame' && !d.obligationId);
  return level ? new Date(level.dueAt) : undefined;
}
