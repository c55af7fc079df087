import { invoke, view } from '@forge/bridge';
import type { EscalationPanelView } from '../../../../src/shared/escalation-panel-view';
import type { ResolverKey, ResolverPayload, ResolverResponse, ResolverResults } from '../../../../src/shared/resolver-contract';

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
export const startEscalation = (payload: ResolverPayload<'startEscalation'>) => call('startEscalation', payload);
export const escalate = (payload: ResolverPayload<'escalate'>) => call('escalate', payload);
export const deEscalate = (payload: ResolverPayload<'deEscalate'>) => call('deEscalate', payload);
export const fulfilObligation = (payload: ResolverPayload<'fulfilObligation'>) => call('fulfilObligation', payload);
export const withdrawFulfilment = (payload: ResolverPayload<'withdrawFulfilment'>) => call('withdrawFulfilment', payload);
export const recordClientNotified = (payload: ResolverPayload<'recordClientNotified'>) => call('recordClientNotified', payload);
export const postStatusUpdate = (payload: ResolverPayload<'postStatusUpdate'>) => call('postStatusUpdate', payload);
export const giveArbitrationConsent = (payload: ResolverPayload<'giveArbitrationConsent'>) => call('giveArbitrationConsent', payload);
export const resolveEscalation = (payload: ResolverPayload<'resolveEscalation'>) => call('resolveEscalation', payload);
export const reopenEscalation = (payload: ResolverPayload<'reopenEscalation'>) => call('reopenEscalation', payload);
export const draftActionPlan = (payload: ResolverPayload<'draftActionPlan'>) => call('draftActionPlan', payload);
export const submitActionPlan = (payload: ResolverPayload<'submitActionPlan'>) => call('submitActionPlan', payload);
export const decideActionPlan = (payload: ResolverPayload<'decideActionPlan'>) => call('decideActionPlan', payload);
export const recordRootCause = (payload: ResolverPayload<'recordRootCause'>) => call('recordRootCause', payload);
export const recordPreventiveMeasure = (payload: ResolverPayload<'recordPreventiveMeasure'>) => call('recordPreventiveMeasure', payload);
export const completePreventiveMeasure = (payload: ResolverPayload<'completePreventiveMeasure'>) => call('completePreventiveMeasure', payload);
export const proposeArbitrator = (payload: ResolverPayload<'proposeArbitrator'>) => call('proposeArbitrator', payload);
export const decideArbitrator = (payload: ResolverPayload<'decideArbitrator'>) => call('decideArbitrator', payload);
export const recordArbitrationSession = (payload: ResolverPayload<'recordArbitrationSession'>) => call('recordArbitrationSession', payload);
export const recordArbitrationOutcome = (payload: ResolverPayload<'recordArbitrationOutcome'>) => call('recordArbitrationOutcome', payload);

/** The mutations, by resolver key, for code that runs any of them the same way (the panel's action hook). */
export const mutations = {
  startEscalation,
  escalate,
  deEscalate,
  fulfilObligation,
  withdrawFulfilment,
  recordClientNotified,
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
} satisfies { [K in Exclude<ResolverKey, 'getEscalation'>]: (payload: ResolverPayload<K>) => Promise<Response<K>> };

export type MutationKey = keyof typeof mutations;
export type MutationInput<K extends MutationKey> = Omit<ResolverPayload<K>, 'onBehalf'>;

/** The user's locale and time zone, from the Forge context of the frame. */
export async function getUserContext(): Promise<{ locale: string | undefined; timeZone: string | undefined }> {
  const context = await view.getContext();
  return { locale: context.locale, timeZone: context.timezone };
}

export type { EscalationPanelView };
