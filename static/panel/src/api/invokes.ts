import { events, invoke, view } from '@forge/bridge';
import type { EscalationPanelView } from '../../../../src/shared/escalation-panel-view';
import type {
  ReportResolverKey,
  ResolverKey,
  ResolverPayload,
  ResolverResponse,
  ResolverResults,
} from '../../../../src/shared/resolver-contract';

/**
 * One typed function per resolver key of src/shared/resolver-contract.ts. Each answers with the
 * contract's envelope; a failure of the bridge itself (no connection, rate limit) is thrown.
 */
export type Response<K extends ResolverKey> = ResolverResponse<ResolverResults[K]>;

async function call<K extends ResolverKey>(key: K, payload: ResolverPayload<K>): Promise<Response<K>> {
  // Without `metadata`, the bridge answers with the resolver's return value itself, not `{ body, metadata }`.
  return (await invoke<Response<K>>(key, payload as Record<string, unknown>)) as Response<K>;
}

export const getEscalation = () => call('getEscalation', {});
export const getLevelFieldValue = () => call('getLevelFieldValue', {});
export const startEscalation = (payload: ResolverPayload<'startEscalation'>) => call('startEscalation', payload);
export const escalate = (payload: ResolverPayload<'escalate'>) => call('escalate', payload);
export const deEscalate = (payload: ResolverPayload<'deEscalate'>) => call('deEscalate', payload);
export const proposeEscalation = (payload: ResolverPayload<'proposeEscalation'>) => call('proposeEscalation', payload);
export const answerProposal = (payload: ResolverPayload<'answerProposal'>) => call('answerProposal', payload);
export const withdrawProposal = (payload: ResolverPayload<'withdrawProposal'>) => call('withdrawProposal', payload);
export const markNotApplicable = (payload: ResolverPayload<'markNotApplicable'>) => call('markNotApplicable', payload);
export const informManagement = (payload: ResolverPayload<'informManagement'>) => call('informManagement', payload);
export const acknowledgeNotice = (payload: ResolverPayload<'acknowledgeNotice'>) => call('acknowledgeNotice', payload);
export const fulfilObligation = (payload: ResolverPayload<'fulfilObligation'>) => call('fulfilObligation', payload);
export const withdrawFulfilment = (payload: ResolverPayload<'withdrawFulfilment'>) => call('withdrawFulfilment', payload);
export const recordClientNotified = (payload: ResolverPayload<'recordClientNotified'>) => call('recordClientNotified', payload);
export const notifyClientNow = (payload: ResolverPayload<'notifyClientNow'>) => call('notifyClientNow', payload);
export const postStatusUpdate = (payload: ResolverPayload<'postStatusUpdate'>) => call('postStatusUpdate', payload);
export const giveArbitrationConsent = (payload: ResolverPayload<'giveArbitrationConsent'>) => call('giveArbitrationConsent', payload);
export const resolveEscalation = (payload: ResolverPayload<'resolveEscalation'>) => call('resolveEscalation', payload);
export const reopenEscalation = (payload: ResolverPayload<'reopenEscalation'>) => call('reopenEscalation', payload);
export const draftActionPlan = (payload: ResolverPayload<'draftActionPlan'>) => call('draftActionPlan', payload);
export const submitActionPlan = (payload: ResolverPayload<'submitActionPlan'>) => call('submitActionPlan', payload);
export const decideActionPlan = (payload: ResolverPayload<'decideActionPlan'>) => call('decideActionPlan', payload);
export const recordRootCause = (payload: ResolverPayload<'recordRootCause'>) => call('recordRootCause', payload);
export const recordPreventiveMeasure = (payload: ResolverPayload<'recordPreventiveMeasure'>) => call('recordPreventiveMeasure', payload);
export const completePreventiveMeasure = (payload: ResolverPayload<'completePreventiveMeasure'>) =>
  call('completePreventiveMeasure', payload);
export const proposeArbitrator = (payload: ResolverPayload<'proposeArbitrator'>) => call('proposeArbitrator', payload);
export const decideArbitrator = (payload: ResolverPayload<'decideArbitrator'>) => call('decideArbitrator', payload);
export const recordArbitrationSession = (payload: ResolverPayload<'recordArbitrationSession'>) => call('recordArbitrationSession', payload);
export const recordArbitrationOutcome = (payload: ResolverPayload<'recordArbitrationOutcome'>) => call('recordArbitrationOutcome', payload);
export const proposeMeeting = (payload: ResolverPayload<'proposeMeeting'>) => call('proposeMeeting', payload);
export const confirmMeeting = (payload: ResolverPayload<'confirmMeeting'>) => call('confirmMeeting', payload);
export const declineMeeting = (payload: ResolverPayload<'declineMeeting'>) => call('declineMeeting', payload);

// The final report: these answer with report views (src/shared/report-view.ts), not the panel's view.
export const getReports = (payload: ResolverPayload<'getReports'>) => call('getReports', payload);
export const previewReport = (payload: ResolverPayload<'previewReport'>) => call('previewReport', payload);
export const submitReport = (payload: ResolverPayload<'submitReport'>) => call('submitReport', payload);
export const requestReportChanges = (payload: ResolverPayload<'requestReportChanges'>) => call('requestReportChanges', payload);
export const approveReport = (payload: ResolverPayload<'approveReport'>) => call('approveReport', payload);
export const exportReport = (payload: ResolverPayload<'exportReport'>) => call('exportReport', payload);
export const getReportVersion = (payload: ResolverPayload<'getReportVersion'>) => call('getReportVersion', payload);
export const recordDebrief = (payload: ResolverPayload<'recordDebrief'>) => call('recordDebrief', payload);

/** The resolver keys that change the escalation and answer with the panel's view. */
type PanelMutationKey = Exclude<ResolverKey, ReportResolverKey | 'getEscalation' | 'getLevelFieldValue'>;

/** The mutations, by resolver key, for code that runs any of them the same way (the panel's action hook). */
export const mutations = {
  startEscalation,
  escalate,
  deEscalate,
  proposeEscalation,
  answerProposal,
  withdrawProposal,
  markNotApplicable,
  informManagement,
  acknowledgeNotice,
  fulfilObligation,
  withdrawFulfilment,
  recordClientNotified,
  notifyClientNow,
  postStatusUpdate,
  giveArbitrationConsent,
  resolveEscalation,
  reopenEscalation,
  draftActionPlan,
  submitActionPlan,
  decideActionPlan,
  recordRootCause,
  recordPreventiveMeasure,
  completePreventiveMeasure,
  proposeArbitrator,
  decideArbitrator,
  recordArbitrationSession,
  recordArbitrationOutcome,
  proposeMeeting,
  confirmMeeting,
  declineMeeting,
} satisfies { [K in PanelMutationKey]: (payload: ResolverPayload<K>) => Promise<Response<K>> };

/** Every resolver key has its function here (checked): a key added to the contract fails the type check until it has one. */
const ALL = {
  getEscalation,
  getLevelFieldValue,
  ...mutations,
  getReports,
  previewReport,
  submitReport,
  requestReportChanges,
  approveReport,
  exportReport,
  getReportVersion,
  recordDebrief,
};
ALL satisfies { [K in ResolverKey]: unknown };

export type MutationKey = keyof typeof mutations;
export type MutationInput<K extends MutationKey> = Omit<ResolverPayload<K>, 'onBehalf'>;

/** The user's locale and time zone, from the Forge context of the frame. */
export async function getUserContext(): Promise<{ locale: string | undefined; timeZone: string | undefined }> {
  const context = await view.getContext();
  return { locale: context.locale, timeZone: context.timezone };
}

export type { EscalationPanelView };

/**
 * Jira's issue view tells its modules when the issue changed (updated or commented), by anyone or anything:
 * another user, a workflow transition, the app's own sweep writing the Escalation level field.
 * Answers the unsubscribe function.
 */
export async function onIssueChanged(callback: () => void): Promise<() => void> {
  const subscription = await events.on('JIRA_ISSUE_CHANGED', () => callback());
  return () => subscription.unsubscribe();
}
