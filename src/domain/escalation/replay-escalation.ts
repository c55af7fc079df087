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
    state = applyEvent(state, event);
  });
  return state;
}

/** Applies one event; exported so callers holding a state can fold a new event without replaying all. */
export function applyEvent(state: EscalationState | undefined, event: EscalationEvent): EscalationState {
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
      levelEnteredAt: event.at,
      levelHistory: [{ level: 1, enteredAt: event.at }],
      fulfilments: {},
      arbitrationConsent: [],
      lastSeq: event.seq,
    };
  }
  const next = { ...state, lastSeq: event.seq };
  switch (event.type) {
    case 'escalation-started':
      throw new CorruptLogError(`escalation started twice (event ${event.seq})`);
    case 'level-changed': {
      const history: LevelStay[] = state.levelHistory.map((stay, i, all) =>
        i === all.length - 1 ? { ...stay, leftAt: event.at } : stay,
      );
      history.push({ level: event.to, enteredAt: event.at });
      return { ...next, level: event.to, levelEnteredAt: event.at, levelHistory: history, arbitrationConsent: [] };
    }
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
      return { ...next, clientNotifiedAt: state.clientNotifiedAt ?? event.at };
    case 'status-update-posted':
      return { ...next, lastStatusUpdateAt: event.at };
    case 'arbitration-consent-given': {
      const party = event.actor.party;
      if (party === 'system' || state.arbitrationConsent.includes(party)) return next;
      return { ...next, arbitrationConsent: [...state.arbitrationConsent, party] };
    }
    case 'escalation-resolved':
      return { ...next, status: 'resolved', resolvedAt: event.at };
    case 'escalation-reopened': {
      const { resolvedAt: _r, ...rest } = next;
      return { ...rest, status: 'open' };
    }
    case 'report-approved':
      return { ...next, approvedReport: { version: event.reportVersion, contentHash: event.contentHash, at: event.at } };
    case 'escalation-closed':
      return { ...next, status: 'closed', closedAt: event.at };
  }
}
