import type { PortalKey, PortalPayload } from '../shared/portal-contract';
import type { PortalView } from '../shared/portal-view';
import type { ReportDocument } from '../shared/report-view';
import { approveReport } from './approve-report-use-case';
import type { Requester } from './escalation-deps';
import { openWorkspace } from './escalation-workspace';
import { getReportVersion } from './get-report-version-use-case';
import { loadEscalationPanel } from './load-escalation-panel';
import { performEscalationAction } from './perform-escalation-action-use-case';
import { presentPortal } from './presenters/portal-presenter';
import { reportsView, type ReportDeps } from './report-workspace';
import { requestReportChanges } from './request-report-changes-use-case';

/** The portal is always the client's channel, whatever a caller passes (see openWorkspace). */
const onPortal = (requester: Requester): Requester => ({ ...requester, channel: 'portal' });

/** The client's view of the escalation on the portal request. */
export async function getPortalEscalation(deps: ReportDeps, requester: Requester): Promise<PortalView> {
  const workspace = await openWorkspace(deps, onPortal(requester));
  const panel = await loadEscalationPanel(deps, workspace, requester.accountId, deps.now());
  const reports = workspace.state ? await reportsView(deps, workspace, requester.accountId) : null;
  return presentPortal(panel, reports);
}

type PortalActionKey = Exclude<PortalKey, 'getPortalEscalation' | 'getReportVersion'>;

/**
 * One client action from the portal, through the same use cases (and rules) as the issue panel, recorded
 * with origin `portal`; answers with the portal's new view.
 */
export async function performPortalAction<K extends PortalActionKey>(
  deps: ReportDeps,
  requester: Requester,
  key: K,
  payload: PortalPayload<K>,
): Promise<PortalView> {
  const asClient = onPortal(requester);
  const origin = { source: 'portal' } as const;
  switch (key) {
    case 'approveReport':
      await approveReport(deps, asClient, payload as PortalPayload<'approveReport'>, origin);
      break;
    case 'requestReportChanges':
      await requestReportChanges(deps, asClient, payload as PortalPayload<'requestReportChanges'>, origin);
      break;
    default:
      await performEscalationAction(deps, asClient, key, payload as never, origin);
  }
  return getPortalEscalation(deps, asClient);
}

/** A submitted report version's text, so the client reads what they approve (same hash as in Jira). */
export function getPortalReportVersion(
  deps: ReportDeps,
  requester: Requester,
  input: PortalPayload<'getReportVersion'>,
): Promise<ReportDocument> {
  return getReportVersion(deps, onPortal(requester), input);
}
