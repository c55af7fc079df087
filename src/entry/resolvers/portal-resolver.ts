import Resolver from '@forge/resolver';
import type { Request } from '@forge/resolver';
import { createReportDeps } from '../../infrastructure/report-deps';
import { portalPayloads, type PortalKey, type PortalPayload, type PortalResults } from '../../shared/portal-contract';
import type { Requester } from '../../usecases/escalation-deps';
import { getPortalEscalation, getPortalReportVersion, performPortalAction } from '../../usecases/portal-use-cases';
import type { ReportDeps } from '../../usecases/report-workspace';
import { RESOLVER_BUDGET_MS } from '../invocation-budgets';
import { defineContractResolvers } from './define-resolvers';

/**
 * Identity and request come from the Forge context of the portal module (`extension.request.key`), never
 * from the payload; the channel is the portal because only this module's resolver is this function.
 */
export function portalRequesterOf(request: Request): Requester | undefined {
  const accountId: unknown = request.context?.accountId;
  const extension = request.context?.extension as { request?: { key?: unknown } } | undefined;
  const issueKey = extension?.request?.key;
  return typeof accountId === 'string' && typeof issueKey === 'string' ? { accountId, issueKey, channel: 'portal' } : undefined;
}

/** The resolvers of the Jira Service Management portal's request view: the client's view and actions. */
export function createPortalResolver(makeDeps: () => ReportDeps = () => createReportDeps(RESOLVER_BUDGET_MS)) {
  const action =
    <K extends Exclude<PortalKey, 'getPortalEscalation' | 'getReportVersion'>>(key: K) =>
    (payload: PortalPayload<K>, requester: Requester) =>
      performPortalAction(makeDeps(), requester, key, payload);
  return defineContractResolvers<typeof portalPayloads, Requester, PortalResults>(
    new Resolver(),
    {
      payloads: portalPayloads,
      identify: portalRequesterOf,
      missingContext: 'This function must be called from a portal request by a signed-in customer.',
    },
    {
      getPortalEscalation: (_payload, requester) => getPortalEscalation(makeDeps(), requester),
      acknowledgeNotice: action('acknowledgeNotice'),
      fulfilObligation: action('fulfilObligation'),
      decideActionPlan: action('decideActionPlan'),
      answerProposal: action('answerProposal'),
      decideArbitrator: action('decideArbitrator'),
      approveReport: action('approveReport'),
      requestReportChanges: action('requestReportChanges'),
      getReportVersion: (payload, requester) => getPortalReportVersion(makeDeps(), requester, payload),
    },
  ).getDefinitions();
}
