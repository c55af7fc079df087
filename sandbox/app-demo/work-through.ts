import type { PlatformSandbox } from '../platform/create-sandbox';
import type { EscalationPanelView, ObligationItem } from '../../src/shared/escalation-panel-view';
import type { ResolverKey, ResolverPayload } from '../../src/shared/resolver-contract';
import { act, invokePanel, type DemoUser } from './panel-invoke';

/** Who acts for each party when duties are worked through. */
export interface PartyPeople {
  readonly contractor: DemoUser;
  readonly client: DemoUser;
}

function obligationItem(view: EscalationPanelView, id: string): ObligationItem | undefined {
  for (const section of view.escalation?.sections ?? []) {
    for (const pair of section.pairs) {
      if (pair.contractor?.id === id) return pair.contractor;
      if (pair.client?.id === id) return pair.client;
    }
  }
  return undefined;
}

/**
 * Does each open duty the way the parties would: by the record that proves it where the template names one
 * (a notice, a plan, a decision), and by a tick with a note only where the duty happens outside the app.
 * Nobody ticks what a record proves, so these helpers keep the tests and the demo honest about that.
 */
export async function satisfyDuties(
  sandbox: PlatformSandbox,
  issueKey: string,
  ids: readonly string[],
  people: PartyPeople,
): Promise<void> {
  for (const id of ids) {
    const view = await act(sandbox, people.contractor, issueKey, 'getEscalation', {});
    const item = obligationItem(view, id);
    if (!item || item.fulfilment) continue;
    const by = people[item.party];
    // The start and the report's records come from their own flows; a duty they cannot prove is ticked.
    const record = item.rule.records.map((r) => r.record).find((r) => !r.startsWith('report-') && r !== 'escalation-started');
    if (!record) {
      if (!item.rule.manual) throw new Error(`${id} can be fulfilled neither by a record nor by a tick`);
      await act(sandbox, by, issueKey, 'fulfilObligation', { obligationId: id, note: `Done outside the app: ${id}` });
      continue;
    }
    await performRecord(sandbox, issueKey, view, record, by, people);
  }
}

async function submittedPlan(
  sandbox: PlatformSandbox,
  issueKey: string,
  view: EscalationPanelView,
  stage: 'preliminary' | 'detailed',
  people: PartyPeople,
) {
  const existing = view.escalation?.records.actionPlans.find((p) => p.stage === stage && p.status === 'submitted');
  if (existing) return existing.version;
  const drafted = await act(sandbox, people.contractor, issueKey, 'draftActionPlan', { stage, text: `${stage} action plan` });
  const version = drafted.escalation!.records.actionPlans.at(-1)!.version;
  await act(sandbox, people.contractor, issueKey, 'submitActionPlan', { planVersion: version });
  return version;
}

async function performRecord(
  sandbox: PlatformSandbox,
  issueKey: string,
  view: EscalationPanelView,
  record: ObligationItem['rule']['records'][number]['record'],
  by: DemoUser,
  people: PartyPeople,
): Promise<void> {
  switch (record) {
    case 'client-notified':
      return void (await act(sandbox, people.contractor, issueKey, 'recordClientNotified', { channel: 'phone', note: 'Client called' }));
    case 'notice-acknowledged':
      return void (await act(sandbox, people.client, issueKey, 'acknowledgeNotice', { note: 'Received' }));
    case 'status-update-posted':
      return void (await act(sandbox, people.contractor, issueKey, 'postStatusUpdate', { text: 'Status: work in progress' }));
    case 'management-informed':
      return void (await act(sandbox, by, issueKey, 'informManagement', { note: 'Managements informed by e-mail' }));
    case 'preliminary-plan-submitted':
    case 'detailed-plan-submitted':
      return void (await submittedPlan(
        sandbox,
        issueKey,
        view,
        record === 'preliminary-plan-submitted' ? 'preliminary' : 'detailed',
        people,
      ));
    case 'preliminary-plan-decided':
    case 'detailed-plan-decided':
    case 'detailed-plan-approved': {
      const planVersion = await submittedPlan(
        sandbox,
        issueKey,
        view,
        record.startsWith('preliminary') ? 'preliminary' : 'detailed',
        people,
      );
      return void (await act(sandbox, people.client, issueKey, 'decideActionPlan', { planVersion, decision: 'approve' }));
    }
    case 'root-cause-recorded':
      return void (await act(sandbox, people.contractor, issueKey, 'recordRootCause', { text: 'Root cause found' }));
    case 'preventive-measure-recorded':
      return void (await act(sandbox, by, issueKey, 'recordPreventiveMeasure', { text: 'Preventive measure', owner: 'both' }));
    case 'conciliator-proposed':
      return void (await act(sandbox, people.contractor, issueKey, 'proposeArbitrator', { name: 'Schlichtungsstelle IT' }));
    case 'conciliator-approved': {
      const pending = view.escalation?.records.arbitrators.find((a) => !a.decision);
      const proposalId =
        pending?.proposalId ??
        (
          await act(sandbox, people.contractor, issueKey, 'proposeArbitrator', { name: 'Schlichtungsstelle IT' })
        ).escalation!.records.arbitrators.at(-1)!.proposalId;
      return void (await act(sandbox, people.client, issueKey, 'decideArbitrator', { proposalId, decision: 'approved' }));
    }
    case 'conciliation-session-held':
      return void (await act(sandbox, by, issueKey, 'recordArbitrationSession', { heldOn: '2026-12-01', summary: 'Session held' }));
    case 'debrief-held':
      return void (await act(sandbox, by, issueKey, 'recordDebrief', { lessonsLearned: 'Lessons learned' }));
    case 'meeting-proposed':
      return void (await act(sandbox, by, issueKey, 'proposeMeeting', { subject: 'Meeting', candidates: [dayAhead(sandbox)] }));
    case 'meeting-confirmed': {
      // The other party proposes (unless it already has), and this party confirms its first date.
      const proposer: DemoUser = by === people.contractor ? people.client : people.contractor;
      const proposerParty = by === people.contractor ? 'client' : 'contractor';
      const open =
        view.escalation?.records.meetings.find((m) => !m.answer && m.actor.party === proposerParty) ??
        (
          await act(sandbox, proposer, issueKey, 'proposeMeeting', { subject: 'Meeting', candidates: [dayAhead(sandbox)] })
        ).escalation!.records.meetings.at(-1)!;
      return void (await act(sandbox, by, issueKey, 'confirmMeeting', { meetingId: open.meetingId, startsAt: open.candidates[0]! }));
    }
    default:
      throw new Error(`No helper performs the record ${record}; the report's records come from the report flow.`);
  }
}

/** A meeting date a day from the sandbox's now. */
const dayAhead = (sandbox: PlatformSandbox) => new Date(sandbox.now().getTime() + 24 * 3_600_000).toISOString();

/**
 * Runs an action; while it is refused for open mandatory duties, works those through (see
 * {@link satisfyDuties}) and tries again.
 */
export async function actAfterDuties<K extends ResolverKey>(
  sandbox: PlatformSandbox,
  user: DemoUser,
  issueKey: string,
  key: K,
  payload: ResolverPayload<K>,
  people: PartyPeople,
): Promise<EscalationPanelView> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const response = await invokePanel(sandbox, user, issueKey, key, payload);
    if (response.ok) return response.data;
    const open = response.error.openObligations ?? [];
    if (open.length === 0) throw new Error(`${key} as ${user} on ${issueKey} failed: ${response.error.code} ${response.error.message}`);
    await satisfyDuties(
      sandbox,
      issueKey,
      open.map((o) => o.id),
      people,
    );
  }
  throw new Error(`${key} kept failing for open duties`);
}

/** One party proposes (de-escalation, resolution, escalating now), the other accepts. */
export async function agree(
  sandbox: PlatformSandbox,
  issueKey: string,
  proposal: { key: 'deEscalate' | 'proposeEscalation'; note: string } | { key: 'resolveEscalation'; resolution: string },
  proposer: DemoUser,
  acceptor: DemoUser,
  people: PartyPeople,
): Promise<EscalationPanelView> {
  const { key, ...payload } = proposal;
  const proposed = await actAfterDuties(sandbox, proposer, issueKey, key, payload as ResolverPayload<typeof key>, people);
  const proposalSeq = proposed.escalation!.proposal!.seq;
  return act(sandbox, acceptor, issueKey, 'answerProposal', { proposalSeq, accept: true });
}
