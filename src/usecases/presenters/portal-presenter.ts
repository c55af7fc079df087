import type { EscalationPanelView, ObligationItem } from '../../shared/escalation-panel-view';
import type { PortalEscalationView, PortalView } from '../../shared/portal-view';
import type { ReportsView } from '../../shared/report-view';

/**
 * The portal's view model for the client, made from what the issue panel would show a client member: only
 * the client's part passes. Left out on purpose (the contractor's internal working items): the contractor's
 * obligations and their notes, action plans still in draft, root causes and preventive measures, sessions
 * and outcome notes, the timeline (names of the contractor's staff, sweep records), and the names of people
 * the portal does not show.
 */
export function presentPortal(panel: EscalationPanelView, reports: ReportsView | null): PortalView {
  const escalation = panel.escalation;
  if (!escalation) return { issueKey: panel.issueKey, now: panel.now, escalation: null, people: {} };
  const obligations: ObligationItem[] = escalation.sections
    .filter((s) => s.scope === 'cross-cutting' || (s.scope === 'level' && s.current))
    .flatMap((s) => s.pairs.flatMap((p) => (p.client ? [p.client] : [])))
    // Open duties first, then by the deadline; the template's order otherwise.
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item) - rank(b.item) || dueOf(a.item) - dueOf(b.item) || a.index - b.index)
    .map(({ item }) => item);
  const view: PortalEscalationView = {
    status: escalation.status,
    level: escalation.level,
    levelName: escalation.levelName,
    problem: escalation.problem,
    impact: escalation.impact,
    startedAt: escalation.startedAt,
    levelEnteredAt: escalation.levelEnteredAt,
    deadlines: escalation.deadlines
      .filter((d) => d.party === 'client' || d.party === 'both')
      .slice()
      .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt)),
    obligations,
    notice: {
      ...(escalation.clientNotifiedAt ? { notifiedAt: escalation.clientNotifiedAt } : {}),
      acknowledge: escalation.allowed.acknowledgeNotice,
    },
    actionPlans: escalation.records.actionPlans
      .filter((p) => p.status !== 'draft')
      .map((p) => ({
        version: p.version,
        stage: p.stage,
        text: p.text,
        status: p.status as 'submitted' | 'approved' | 'changes-requested',
        submittedAt: p.at,
        ...(p.decision ? { decision: { at: p.decision.at, ...(p.decision.note ? { note: p.decision.note } : {}) } } : {}),
      }))
      .reverse(),
    ...(escalation.proposal && escalation.proposal.actor.party === 'contractor'
      ? {
          proposal: {
            seq: escalation.proposal.seq,
            at: escalation.proposal.at,
            change: escalation.proposal.change,
            text: escalation.proposal.text,
          },
        }
      : {}),
    conciliators: escalation.records.arbitrators.map((a) => ({
      proposalId: a.proposalId,
      name: a.name,
      ...(a.organisation ? { organisation: a.organisation } : {}),
      ...(a.note ? { note: a.note } : {}),
      ...(a.decision ? { decision: { decision: a.decision.decision, at: a.decision.at } } : {}),
    })),
    reports: { versions: reports?.versions ?? [], decide: reports?.can.decide ?? false },
    statusUpdates: escalation.timeline.flatMap((e) => (e.type === 'status-update-posted' ? [{ at: e.at, text: e.text }] : [])).reverse(),
  };
  return { issueKey: panel.issueKey, now: panel.now, escalation: view, people: reports?.people ?? {} };
}

function rank(item: ObligationItem): number {
  return item.fulfilment ? 1 : 0;
}

function dueOf(item: ObligationItem): number {
  return item.deadline?.dueAt ? Date.parse(item.deadline.dueAt) : Number.POSITIVE_INFINITY;
}
