import { events, invoke, view } from '@forge/bridge';
import type { EscalationPanelView } from '../../../../src/shared/escalation-panel-view';
import { composePanelView, MAX_HELD_TEMPLATES, type PanelAnswer, type PanelTemplateTexts } from '../../../../src/shared/panel-view-wire';
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

/**
 * The template texts this panel holds, by key (src/shared/panel-view-wire.ts): the panel names them in every
 * call, so the resolvers answer lean views and the texts travel once. Kept in the frame's storage across
 * panel loads: a key carries the hash of its texts, so a kept copy is never used for other texts.
 */
const STORAGE_PREFIX = 'escalation-panel.template.';
const heldTexts = new Map<string, PanelTemplateTexts>();

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage blocked in this frame: the texts are kept for this page only
  }
}

function readKeptTexts(): void {
  const store = storage();
  if (!store) return;
  try {
    for (let i = 0; i < store.length; i++) {
      const name = store.key(i);
      if (!name?.startsWith(STORAGE_PREFIX)) continue;
      const texts = JSON.parse(store.getItem(name) ?? 'null') as PanelTemplateTexts | null;
      if (texts?.key === name.slice(STORAGE_PREFIX.length) && heldTexts.size < MAX_HELD_TEMPLATES) heldTexts.set(texts.key, texts);
    }
  } catch {
    // unreadable storage: the next answer brings the texts again
  }
}
readKeptTexts();

function keep(texts: PanelTemplateTexts): void {
  heldTexts.delete(texts.key);
  heldTexts.set(texts.key, texts);
  // The oldest go first: a panel rarely sees more than one or two template versions.
  while (heldTexts.size > MAX_HELD_TEMPLATES) forget(heldTexts.keys().next().value!);
  try {
    storage()?.setItem(STORAGE_PREFIX + texts.key, JSON.stringify(texts));
  } catch {
    // storage full or blocked: kept in memory only
  }
}

function forget(key: string): void {
  heldTexts.delete(key);
  try {
    storage()?.removeItem(STORAGE_PREFIX + key);
  } catch {
    // nothing kept to remove
  }
}

/** The full view out of an answer, or undefined when its template's texts are not (or no longer) here. */
function decode(answer: PanelAnswer): EscalationPanelView | undefined {
  if (!('lean' in answer)) return answer;
  if (answer.templateTexts) keep(answer.templateTexts);
  const texts = heldTexts.get(answer.templateKey);
  if (!texts) return undefined;
  try {
    return composePanelView(answer, texts);
  } catch {
    forget(answer.templateKey); // a damaged copy: ask for the texts again
    return undefined;
  }
}

/** Without `metadata`, the bridge answers with the resolver's return value itself, not `{ body, metadata }`. */
async function send<T>(key: ResolverKey, payload: Record<string, unknown>): Promise<ResolverResponse<T>> {
  return (await invoke<ResolverResponse<T>>(key, payload)) as ResolverResponse<T>;
}

/** The keys that answer with the panel's view (the report's keys answer report views). */
const isPanelKey = (key: ResolverKey): boolean => key === 'getEscalation' || key in mutations;

async function call<K extends ResolverKey>(key: K, payload: ResolverPayload<K>): Promise<Response<K>> {
  if (!isPanelKey(key)) return await send<ResolverResults[K]>(key, payload);
  const answer = await send<PanelAnswer>(key, { ...payload, templates: [...heldTexts.keys()] });
  if (!answer.ok) return answer;
  let decoded = decode(answer.data);
  if (!decoded) {
    // The texts were named but are gone (a damaged copy): the view once more, with its texts.
    const again = await send<PanelAnswer>('getEscalation', { templates: [] });
    if (!again.ok) return again;
    decoded = decode(again.data);
    if (!decoded) throw new Error('The panel view arrived without the texts of its template');
  }
  return { ok: true, data: decoded } as Response<K>;
}

/**
 * The first view and the user's context, asked for as soon as the bundle runs (main.tsx), before React
 * renders: the panel's first load takes these instead of asking again.
 */
let firstView: Promise<Response<'getEscalation'>> | undefined;
let userContext: Promise<{ locale: string | undefined; timeZone: string | undefined }> | undefined;

export function prefetchPanel(): void {
  firstView ??= call('getEscalation', {});
  void getUserContext().catch(() => undefined);
}

/** The view: the prefetched one the first time, a fresh one after that. */
export function loadEscalation(): Promise<Response<'getEscalation'>> {
  const prefetched = firstView;
  firstView = undefined;
  return prefetched ?? getEscalation();
}

export const getEscalation = () => call('getEscalation', {});
export const getLevelFieldValue = (payload: ResolverPayload<'getLevelFieldValue'> = {}) => call('getLevelFieldValue', payload);
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

/** The user's locale and time zone, from the Forge context of the frame (asked once: they do not change in a frame). */
export function getUserContext(): Promise<{ locale: string | undefined; timeZone: string | undefined }> {
  userContext ??= view.getContext().then((context) => ({ locale: context.locale, timeZone: context.timezone }));
  const asked = userContext;
  asked.catch(() => (userContext = userContext === asked ? undefined : userContext)); // a failure is asked again next time
  return asked;
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
