import * as commands from '../domain/escalation/escalation-commands';
import * as records from '../domain/escalation/working-record-commands';
import type { CommandContext } from '../domain/escalation/escalation-commands';
import type { NewEscalationEvent, Origin } from '../domain/escalation/escalation-event';
import type { Decision } from '../domain/escalation/escalation-rejection';
import type { EscalationState } from '../domain/escalation/escalation-state';
import type { PanelAnswer } from '../shared/panel-view-wire';
import type { ReportResolverKey, ResolverKey, ResolverPayload } from '../shared/resolver-contract';
import { runEscalationCommand } from './run-escalation-command';
import type { EscalationDeps, Requester } from './escalation-deps';

export type EscalationActionKey = Exclude<ResolverKey, 'getEscalation' | 'getLevelFieldValue' | ReportResolverKey>;
type ActionInput<K extends EscalationActionKey> = Omit<ResolverPayload<K>, 'onBehalf' | 'templates'>;

/**
 * Each user action of the panel and the domain command that decides it. The command holds the rules;
 * this table only says which one an action runs.
 */
const ACTIONS: {
  [K in EscalationActionKey]: (
    state: EscalationState | undefined,
    input: ActionInput<K>,
    ctx: CommandContext,
  ) => Decision<NewEscalationEvent>;
} = {
  startEscalation: commands.startEscalation,
  escalate: commands.escalate,
  deEscalate: commands.deEscalate,
  proposeEscalation: commands.proposeEscalation,
  answerProposal: commands.answerProposal,
  withdrawProposal: commands.withdrawProposal,
  markNotApplicable: commands.markNotApplicable,
  informManagement: commands.informManagement,
  acknowledgeNotice: commands.acknowledgeNotice,
  fulfilObligation: commands.fulfilObligation,
  withdrawFulfilment: commands.withdrawFulfilment,
  recordClientNotified: commands.recordClientNotified,
  // The record says e-mail and that the app sends it: the notice is owed to the client's contacts and goes
  // out right after the record (see tellOwed), or with the next sweep should this request die first.
  notifyClientNow: (state, input, ctx) => {
    const decision = commands.recordClientNotified(state, { channel: 'email', note: input.assessment }, ctx);
    return decision.ok ? { ok: true, value: { ...decision.value, sentByApp: true as const } } : decision;
  },
  postStatusUpdate: commands.postStatusUpdate,
  giveArbitrationConsent: commands.giveArbitrationConsent,
  resolveEscalation: commands.resolveEscalation,
  reopenEscalation: commands.reopenEscalation,
  draftActionPlan: records.draftActionPlan,
  submitActionPlan: records.submitActionPlan,
  decideActionPlan: records.decideActionPlan,
  recordRootCause: records.recordRootCause,
  recordPreventiveMeasure: records.recordPreventiveMeasure,
  completePreventiveMeasure: records.completePreventiveMeasure,
  proposeArbitrator: records.proposeArbitrator,
  decideArbitrator: records.decideArbitrator,
  recordArbitrationSession: records.recordArbitrationSession,
  recordArbitrationOutcome: records.recordArbitrationOutcome,
  proposeMeeting: records.proposeMeeting,
  confirmMeeting: records.confirmMeeting,
  declineMeeting: records.declineMeeting,
};

/**
 * Performs one escalation action for the requesting user and returns the panel's new view.
 * @param origin where the request came from, recorded on the event: the panel unless said otherwise
 *   (a Jira Automation rule's action says `automation`).
 */
export function performEscalationAction<K extends EscalationActionKey>(
  deps: EscalationDeps,
  requester: Requester,
  key: K,
  payload: ResolverPayload<K>,
  origin: Origin = { source: 'panel' },
): Promise<PanelAnswer> {
  const { onBehalf, templates, ...input } = payload as ResolverPayload<K> & {
    onBehalf?: { party: 'contractor' | 'client'; reason: string };
    templates?: readonly string[];
  };
  const decide = ACTIONS[key];
  return runEscalationCommand(deps, requester, onBehalf, (state, ctx) => decide(state, input, ctx), {
    origin,
    ...(templates ? { held: templates } : {}),
  });
}
