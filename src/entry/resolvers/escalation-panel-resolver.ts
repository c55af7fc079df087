import Resolver from '@forge/resolver';
import { createEscalationDeps } from '../../infrastructure/app-deps';
import type { EscalationDeps } from '../../usecases/escalation-deps';
import { getEscalationPanel } from '../../usecases/get-escalation-panel-use-case';
import { getLevelFieldValue } from '../../usecases/get-level-field-value-use-case';
import { performEscalationAction, type EscalationActionKey } from '../../usecases/perform-escalation-action-use-case';
import { defineResolvers, type ResolverHandlers } from './define-resolvers';
import { createReportDeps } from '../../infrastructure/report-deps';
import type { ReportDeps } from '../../usecases/report-workspace';
import { reportHandlers } from './report-resolvers';
import { RESOLVER_BUDGET_MS } from '../invocation-budgets';

/** The issue panel's resolvers; `deps` is made per invocation so `asUser()` is the invoking user. */
export function createPanelResolver(
  makeDeps: () => EscalationDeps = () => createEscalationDeps(RESOLVER_BUDGET_MS),
  makeReportDeps: () => ReportDeps = () => createReportDeps(RESOLVER_BUDGET_MS),
) {
  const action = <K extends EscalationActionKey>(key: K): ResolverHandlers[K] =>
    ((payload: never, requester: Parameters<ResolverHandlers[K]>[1]) =>
      performEscalationAction(makeDeps(), requester, key, payload)) as ResolverHandlers[K];
  return defineResolvers(new Resolver(), {
    getEscalation: (payload, requester) => getEscalationPanel(makeDeps(), requester, payload.templates),
    getLevelFieldValue: (payload, requester) => getLevelFieldValue(makeDeps(), requester, payload.locale),
    startEscalation: action('startEscalation'),
    escalate: action('escalate'),
    deEscalate: action('deEscalate'),
    proposeEscalation: action('proposeEscalation'),
    answerProposal: action('answerProposal'),
    withdrawProposal: action('withdrawProposal'),
    markNotApplicable: action('markNotApplicable'),
    informManagement: action('informManagement'),
    acknowledgeNotice: action('acknowledgeNotice'),
    fulfilObligation: action('fulfilObligation'),
    withdrawFulfilment: action('withdrawFulfilment'),
    recordClientNotified: action('recordClientNotified'),
    notifyClientNow: action('notifyClientNow'),
    postStatusUpdate: action('postStatusUpdate'),
    giveArbitrationConsent: action('giveArbitrationConsent'),
    resolveEscalation: action('resolveEscalation'),
    reopenEscalation: action('reopenEscalation'),
    draftActionPlan: action('draftActionPlan'),
    submitActionPlan: action('submitActionPlan'),
    decideActionPlan: action('decideActionPlan'),
    recordRootCause: action('recordRootCause'),
    recordPreventiveMeasure: action('recordPreventiveMeasure'),
    completePreventiveMeasure: action('completePreventiveMeasure'),
    proposeArbitrator: action('proposeArbitrator'),
    decideArbitrator: action('decideArbitrator'),
    recordArbitrationSession: action('recordArbitrationSession'),
    recordArbitrationOutcome: action('recordArbitrationOutcome'),
    proposeMeeting: action('proposeMeeting'),
    confirmMeeting: action('confirmMeeting'),
    declineMeeting: action('declineMeeting'),
    ...reportHandlers(makeReportDeps),
  }).getDefinitions();
}
