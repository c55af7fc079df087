import type { EscalationPolicy } from '../configuration/escalation-policy';
import { escalationGates } from '../escalation/escalation-gates';
import { escalationDeadlines } from '../escalation/escalation-deadlines';
import { escalationIndexDocument, type EscalationIndexDocument } from '../escalation/escalation-projection';
import type { EscalationState } from '../escalation/escalation-state';
import { levelDueAt } from '../escalation/level-due-at';
import type { ProcessTemplate } from '../process/process-template';

/**
 * The issue property document for an escalation at `now`, gates included: the same document the panel's
 * use cases write (see saveProjection in escalation-workspace.ts), derived without a user.
 */
export function projectEscalation(input: {
  state: EscalationState;
  template: ProcessTemplate;
  policy: EscalationPolicy;
  now: Date;
}): EscalationIndexDocument {
  const { state, template, policy, now } = input;
  const deadlines = escalationDeadlines({ state, template, policy, now });
  const due = levelDueAt(state, template, policy, now);
  return escalationIndexDocument(
    state,
    deadlines,
    now,
    escalationGates(state, { now, template, policy, ...(due ? { levelDueAt: due } : {}) }),
  );
}

/** JSON with sorted keys: two documents with the same content give the same text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A short fingerprint of a property document (FNV-1a over its stable JSON): lets a queued work item say
 * what the issue showed when it was found, so an unchanged projection is not written again.
 *
 * @example fingerprint({ a: 1, b: 2 }) === fingerprint({ b: 2, a: 1 }) // true
 */
export function fingerprint(value: unknown): string {
  const text = stableJson(value);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${hash.toString(16).padStart(8, '0')}:${text.length}`;
}
