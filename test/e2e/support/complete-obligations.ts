/**
 * Brings an escalation's stage to completion for a test's story the way the process says: each open
 * obligation by making the record that proves it (a plan submitted and decided, the managements informed, …)
 * and by a tick only where nothing but a tick can prove it (a meeting, a call). Nobody ticks what a record proves.
 */
import type { EscalationPanelView, ObligationItem } from '../../../src/shared/escalation-panel-view';
import type { ResolverKey } from '../../../src/shared/resolver-contract';
import type { EvidenceKind, Party } from '../../../src/shared/vocabulary';

/** Runs a panel resolver as a person of `party` and answers with the view (failing loudly on a refusal). */
export type RunAs = (party: Party, key: ResolverKey, payload: Record<string, unknown>) => Promise<EscalationPanelView>;

type Step = readonly [Party, ResolverKey, Record<string, unknown>];

function escalationOf(view: EscalationPanelView) {
  if (!view.escalation) throw new Error('no escalation on the issue');
  return view.escalation;
}

/** A submitted plan of the stage, drafted and submitted by the contractor first when there is none. */
async function submittedPlan(run: RunAs, view: EscalationPanelView, stage: 'preliminary' | 'detailed'): Promise<number> {
  const waiting = escalationOf(view).records.actionPlans.find((p) => p.stage === stage && p.status === 'submitted');
  if (waiting) return waiting.version;
  const drafted = await run('contractor', 'draftActionPlan', { stage, text: `${stage} action plan: restore service, then fix the cause.` });
  const version = Math.max(...escalationOf(drafted).records.actionPlans.map((p) => p.version));
  await run('contractor', 'submitActionPlan', { planVersion: version });
  return version;
}

/** The steps that make a record of `kind` by `party`; undefined for records a test cannot make this way. */
async function recordSteps(run: RunAs, view: EscalationPanelView, kind: EvidenceKind, party: Party): Promise<Step[] | undefined> {
  const note = `Recorded for ${kind}`;
  switch (kind) {
    case 'client-notified':
      return [['contractor', 'recordClientNotified', { channel: 'phone', note }]];
    case 'notice-acknowledged':
      return [['client', 'acknowledgeNotice', {}]];
    case 'status-update-posted':
      return [['contractor', 'postStatusUpdate', { text: note }]];
    case 'management-informed':
      return [[party, 'informManagement', { note }]];
    case 'root-cause-recorded':
      return [['contractor', 'recordRootCause', { text: note }]];
    case 'preventive-measure-recorded':
      return [[party, 'recordPreventiveMeasure', { text: note, owner: 'both' }]];
    case 'conciliator-proposed':
      return [['contractor', 'proposeArbitrator', { name: 'Dr. Eva Schlichter' }]];
    case 'conciliator-approved': {
      let open = escalationOf(view).records.arbitrators.find((a) => !a.decision);
      if (!open) {
        const proposed = await run('contractor', 'proposeArbitrator', { name: 'Dr. Eva Schlichter' });
        open = escalationOf(proposed).records.arbitrators.find((a) => !a.decision);
      }
      return [['client', 'decideArbitrator', { proposalId: open!.proposalId, decision: 'approved' }]];
    }
    case 'preliminary-plan-submitted':
    case 'detailed-plan-submitted': {
      const stage = kind === 'preliminary-plan-submitted' ? 'preliminary' : 'detailed';
      await submittedPlan(run, view, stage);
      return [];
    }
    case 'preliminary-plan-decided':
    case 'detailed-plan-decided':
    case 'detailed-plan-approved': {
      const version = await submittedPlan(run, view, kind === 'preliminary-plan-decided' ? 'preliminary' : 'detailed');
      return [['client', 'decideActionPlan', { planVersion: version, decision: 'approve' }]];
    }
    default:
      return undefined;
  }
}

/** Fulfils one open obligation: by its record where the test can make one, else by a tick where a tick may prove it. */
export async function fulfilOpen(run: RunAs, view: EscalationPanelView, item: ObligationItem): Promise<void> {
  for (const record of item.rule.records) {
    const party = record.party === undefined || record.party === 'any' ? item.party : record.party;
    const steps = await recordSteps(run, view, record.record, party);
    if (!steps) continue;
    for (const [by, key, payload] of steps) await run(by, key, payload);
    return;
  }
  if (!item.rule.manual) throw new Error(`${item.id} is proven by a record this helper cannot make`);
  await run(item.party, 'fulfilObligation', { obligationId: item.id, note: `Done outside the app: ${item.id}` });
}

/** Fulfils the open mandatory obligations of a section (the current level's by default), of one party or both. */
export async function completeMandatory(run: RunAs, options: { section?: string; party?: Party } = {}): Promise<EscalationPanelView> {
  for (let guard = 0; guard < 40; guard++) {
    const view = await run('contractor', 'getEscalation', {});
    const sections = escalationOf(view).sections.filter((s) => (options.section ? s.id === options.section : s.current));
    const open = sections
      .flatMap((s) => s.pairs.flatMap((p) => [p.contractor, p.client]))
      .find((i): i is ObligationItem => !!i && i.mandatory && !i.fulfilment && (!options.party || i.party === options.party));
    if (!open) return view;
    await fulfilOpen(run, view, open);
  }
  throw new Error('mandatory obligations kept coming back');
}
