import { cleanReportTexts, editedReportTexts } from '../report/report-texts';
import type { EvidenceKind } from '../process/process-template';
import type { EscalationEvent } from './escalation-event';
import type { EscalationState, LevelStay } from './escalation-state';

export class CorruptLogError extends Error {
  constructor(message: string) {
    super(`Escalation log is inconsistent: ${message}`);
    this.name = 'CorruptLogError';
  }
}

/**
 * Derives the current state from the log. Returns `undefined` for an empty log (no escalation yet).
 *
 * @throws CorruptLogError when the log does not start with `escalation-started` or its sequence has gaps:
 * a damaged record must be noticed, never papered over.
 */
export function replayEscalation(events: readonly EscalationEvent[]): EscalationState | undefined {
  if (events.length === 0) return undefined;
  let state: EscalationState | undefined;
  events.forEach((event, index) => {
    if (event.seq !== index + 1) throw new CorruptLogError(`event ${index + 1} has sequence number ${event.seq}`);
    // The states between are never seen: the evidence grows in place instead of being copied at every event
    // (a copy each time is quadratic: 30,000 status updates took 40 s and gigabytes of garbage).
    state = fold(state, event, true);
  });
  return state;
}

/** Applies one event; exported so callers holding a state can fold a new event without replaying all. */
export function applyEvent(state: EscalationState | undefined, event: EscalationEvent): EscalationState {
  return fold(state, event, false);
}

/** `applyEvent`; with `owned`, the state's evidence list is the caller's alone and is extended in place. */
function fold(state: EscalationState | undefined, event: EscalationEvent, owned: boolean): EscalationState {
  if (!state) {
    if (event.type !== 'escalation-started') throw new CorruptLogError(`first event is ${event.type}`);
    return {
      status: 'open',
      template: event.template,
      trigger: event.trigger,
      problem: event.problem,
      impact: event.impact,
      level: 1,
      startedAt: event.at,
      detectedAt: event.detectedAt ?? event.at,
      critical: event.critical ?? event.trigger === 'sla-breach',
      startedBy: event.actor.party,
      evidence: [{ kind: 'escalation-started', seq: event.seq, at: event.at, actor: event.actor, level: 1 }],
      levelEnteredAt: event.at,
      levelHistory: [{ level: 1, enteredAt: event.at }],
      fulfilments: {},
      arbitrationConsent: [],
      actionPlans: [],
      rootCauses: [],
      preventiveMeasures: [],
      arbitrators: [],
      arbitrationSessions: [],
      meetings: [],
      deadlineNotices: {},
      reports: [],
      reportExports: [],
      debriefs: [],
      lastSeq: event.seq,
    };
  }
  const by = { seq: event.seq, at: event.at, actor: event.actor };
  const next = { ...state, lastSeq: event.seq };
  const proves = (...kinds: EvidenceKind[]) => {
    const added = kinds.map((kind) => ({ kind, ...by, level: state.level }));
    if (!owned) return [...state.evidence, ...added];
    (state.evidence as EscalationState['evidence'][number][]).push(...added);
    return state.evidence;
  };
  const planStage = (version: number) => state.actionPlans.find((p) => p.version === version)?.stage ?? 'detailed';
  switch (event.type) {
    case 'escalation-started':
      throw new CorruptLogError(`escalation started twice (event ${event.seq})`);
    case 'level-changed': {
      const history: LevelStay[] = state.levelHistory.map((stay, i, all) => (i === all.length - 1 ? { ...stay, leftAt: event.at } : stay));
      history.push({ level: event.to, enteredAt: event.at });
      const { proposal: _settled, ...rest } = next;
      return { ...rest, level: event.to, levelEnteredAt: event.at, levelHistory: history, arbitrationConsent: [] };
    }
    case 'change-proposed':
      return { ...next, proposal: { ...by, change: event.change, text: event.text } };
    case 'change-declined':
    case 'change-withdrawn': {
      if (state.proposal?.seq !== event.proposalSeq) return next;
      const { proposal: _answered, ...rest } = next;
      return rest;
    }
    case 'obligation-not-applicable':
      return {
        ...next,
        fulfilments: {
          ...state.fulfilments,
          [event.obligationId]: { obligationId: event.obligationId, ...by, note: event.reason, notApplicable: true },
        },
      };
    case 'management-informed':
      return { ...next, evidence: proves('management-informed') };
    case 'notice-acknowledged':
      return { ...next, evidence: proves('notice-acknowledged') };
    case 'obligation-fulfilled':
      return {
        ...next,
        fulfilments: {
          ...state.fulfilments,
          [event.obligationId]: {
            obligationId: event.obligationId,
            seq: event.seq,
            at: event.at,
            actor: event.actor,
            note: event.note,
            ...(event.evidenceUrl ? { evidenceUrl: event.evidenceUrl } : {}),
          },
        },
      };
    case 'obligation-fulfilment-withdrawn': {
      const { [event.obligationId]: _withdrawn, ...rest } = state.fulfilments;
      return { ...next, fulfilments: rest };
    }
    case 'client-notified':
      return { ...next, clientNotifiedAt: state.clientNotifiedAt ?? event.at, evidence: proves('client-notified') };
    case 'status-update-posted':
      return { ...next, lastStatusUpdateAt: event.at, evidence: proves('status-update-posted') };
    case 'arbitration-consent-given': {
      const party = event.actor.party;
      if (party === 'system' || state.arbitrationConsent.includes(party)) return next;
      return { ...next, arbitrationConsent: [...state.arbitrationConsent, party] };
    }
    case 'escalation-resolved': {
      const { proposal: _settled, ...rest } = next;
      return { ...rest, status: 'resolved', resolvedAt: event.at };
    }
    case 'escalation-reopened': {
      // A reopened matter needs a fresh report approval; the approved version stays in `reports`.
      const { resolvedAt: _r, approvedReport: _a, proposal: _p, ...rest } = next;
      return { ...rest, status: 'open' };
    }
    case 'report-approved':
      return {
        ...next,
        evidence: proves('report-approved'),
        approvedReport: { version: event.reportVersion, contentHash: event.contentHash, at: event.at },
        reports: state.reports.map((r) =>
          r.version === event.reportVersion
            ? { ...r, status: 'approved', decision: { ...by, ...(event.note ? { comment: event.note } : {}) } }
            : r,
        ),
      };
    case 'action-plan-drafted':
      return {
        ...next,
        actionPlans: [...state.actionPlans, { ...by, version: event.planVersion, stage: event.stage, text: event.text, status: 'draft' }],
      };
    case 'action-plan-submitted':
      return {
        ...next,
        evidence: proves(`${planStage(event.planVersion)}-plan-submitted`),
        actionPlans: state.actionPlans.map((p) => (p.version === event.planVersion ? { ...p, status: 'submitted' } : p)),
      };
    case 'action-plan-approved':
      return {
        ...next,
        evidence:
          planStage(event.planVersion) === 'detailed'
            ? proves('detailed-plan-decided', 'detailed-plan-approved')
            : proves('preliminary-plan-decided'),
        actionPlans: state.actionPlans.map((p) =>
          p.version === event.planVersion
            ? { ...p, status: 'approved', decision: { ...by, ...(event.note ? { note: event.note } : {}) } }
            : p,
        ),
      };
    case 'action-plan-changes-requested':
      return {
        ...next,
        evidence: proves(`${planStage(event.planVersion)}-plan-decided`),
        actionPlans: state.actionPlans.map((p) =>
          p.version === event.planVersion ? { ...p, status: 'changes-requested', decision: { ...by, note: event.comment } } : p,
        ),
      };
    case 'root-cause-recorded':
      return { ...next, evidence: proves('root-cause-recorded'), rootCauses: [...state.rootCauses, { ...by, text: event.text }] };
    case 'preventive-measure-recorded':
      return {
        ...next,
        evidence: proves('preventive-measure-recorded'),
        preventiveMeasures: [...state.preventiveMeasures, { ...by, measureId: event.measureId, text: event.text, owner: event.owner }],
      };
    case 'preventive-measure-done':
      return {
        ...next,
        evidence: proves('preventive-measure-done'),
        preventiveMeasures: state.preventiveMeasures.map((m) =>
          m.measureId === event.measureId ? { ...m, done: { ...by, note: event.note } } : m,
        ),
      };
    case 'arbitrator-proposed':
      return {
        ...next,
        evidence: proves('conciliator-proposed'),
        arbitrators: [
          ...state.arbitrators,
          {
            ...by,
            proposalId: event.proposalId,
            name: event.name,
            ...(event.organisation ? { organisation: event.organisation } : {}),
            ...(event.note ? { note: event.note } : {}),
          },
        ],
      };
    case 'arbitrator-decided':
      return {
        ...next,
        evidence: event.decision === 'approved' ? proves('conciliator-approved') : state.evidence,
        arbitrators: state.arbitrators.map((a) =>
          a.proposalId === event.proposalId
            ? { ...a, decision: { ...by, decision: event.decision, ...(event.note ? { note: event.note } : {}) } }
            : a,
        ),
      };
    case 'arbitration-session-held':
      return {
        ...next,
        evidence: proves('conciliation-session-held'),
        arbitrationSessions: [...state.arbitrationSessions, { ...by, heldOn: event.heldOn, summary: event.summary }],
      };
    case 'arbitration-outcome-recorded':
      return { ...next, evidence: proves('conciliation-outcome-recorded'), arbitrationOutcome: { ...by, outcome: event.outcome } };
    case 'meeting-proposed':
      return {
        ...next,
        evidence: proves('meeting-proposed'),
        meetings: [
          ...state.meetings,
          {
            ...by,
            meetingId: event.meetingId,
            level: state.level,
            subject: event.subject,
            candidates: event.candidates,
            ...(event.note ? { note: event.note } : {}),
          },
        ],
      };
    case 'meeting-confirmed':
    case 'meeting-declined': {
      const answer =
        event.type === 'meeting-confirmed'
          ? { ...by, decision: 'confirmed' as const, startsAt: event.startsAt, ...(event.note ? { note: event.note } : {}) }
          : { ...by, decision: 'declined' as const, reason: event.reason };
      return {
        ...next,
        evidence: event.type === 'meeting-confirmed' ? proves('meeting-confirmed') : state.evidence,
        meetings: state.meetings.map((m) => (m.meetingId === event.meetingId && !m.answer ? { ...m, answer } : m)),
      };
    }
    case 'deadline-notice':
      return { ...next, deadlineNotices: { ...state.deadlineNotices, [`${event.deadlineKey}|${event.notice}`]: event.at } };
    case 'notification-sent':
      return next;
    case 'report-submitted': {
      const texts = cleanReportTexts(event.texts);
      const previous = state.reports[state.reports.length - 1];
      return {
        ...next,
        evidence: proves('report-submitted'),
        reports: [
          ...state.reports,
          {
            ...by,
            version: event.reportVersion,
            contentHash: event.contentHash,
            locale: event.locale,
            status: 'submitted',
            texts,
            edited: previous ? editedReportTexts(previous.texts, texts) : [],
          },
        ],
      };
    }
    case 'report-changes-requested':
      return {
        ...next,
        reports: state.reports.map((r) =>
          r.version === event.reportVersion ? { ...r, status: 'changes-requested', decision: { ...by, comment: event.comment } } : r,
        ),
      };
    case 'report-exported':
      return {
        ...next,
        evidence: proves('report-exported'),
        reportExports: [
          ...state.reportExports,
          { ...by, reportVersion: event.reportVersion, pageId: event.pageId, pageVersion: event.pageVersion, url: event.url },
        ],
      };
    case 'debrief-held':
      return {
        ...next,
        evidence: proves('debrief-held'),
        debriefs: [
          ...state.debriefs,
          { ...by, lessonsLearned: event.lessonsLearned, ...(event.improvements ? { improvements: event.improvements } : {}) },
        ],
      };
    case 'escalation-closed':
      return { ...next, status: 'closed', closedAt: event.at };
  }
}
