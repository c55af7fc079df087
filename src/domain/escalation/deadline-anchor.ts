import type { DeadlineRule, Obligation, ProcessTemplate } from '../process/process-template';
import type { EscalationState } from './escalation-state';
import { fulfilmentOf, opensAtLevel } from './obligation-fulfilment';

/** When the obligation's level was first entered (its level-anchored clock starts there, also after a de-escalation). */
function levelEnteredAt(obligation: Obligation, state: EscalationState, template: ProcessTemplate): string {
  const level = opensAtLevel(template, obligation);
  return (level && state.levelHistory.find((stay) => stay.level === level)?.enteredAt) ?? state.levelEnteredAt;
}

/** The other party's item of the same pair (the request a "zeitnah" answer answers). */
export function pairedItemOf(template: ProcessTemplate, obligation: Obligation): Obligation | undefined {
  return template.obligations.find(
    (o) => o.section === obligation.section && o.pairIndex === obligation.pairIndex && o.party !== obligation.party,
  );
}

/**
 * When the obligation's clock starts, by its rule; undefined while it has nothing to start from.
 *
 * @example
 * deadlineAnchor({ from: 'requestReceived', … }, L1-K-04, state, template) // when the preliminary plan was submitted
 */
export function deadlineAnchor(
  rule: DeadlineRule,
  obligation: Obligation,
  state: EscalationState,
  template: ProcessTemplate,
): string | undefined {
  switch (rule.from) {
    case 'problemDetected':
      return state.detectedAt;
    case 'escalationStarted':
      return state.startedAt;
    case 'levelEntered':
      return levelEnteredAt(obligation, state, template);
    case 'lastStatusUpdate':
      return state.lastStatusUpdateAt ?? state.startedAt;
    case 'requestReceived': {
      // A "zeitnah" / "sobald" answer is due once the paired item of the other party has been delivered.
      const counterpart = pairedItemOf(template, obligation);
      return counterpart ? fulfilmentOf(template, state, counterpart)?.at : undefined;
    }
    case 'lastProcessReview':
      return undefined; // the yearly review is the process's, not an issue's
  }
}
