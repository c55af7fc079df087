import type { Level, Party, TemplateRef, TriggerId } from '../process/process-template';
import type { Actor } from './escalation-event';

export type EscalationStatus = 'open' | 'resolved' | 'closed';

export interface Fulfilment {
  readonly obligationId: string;
  readonly seq: number;
  readonly at: string;
  readonly actor: Actor;
  readonly note: string;
  readonly evidenceUrl?: string;
}

export interface LevelStay {
  readonly level: Level;
  readonly enteredAt: string;
  readonly leftAt?: string;
}

/** The state of one escalation, derived from its events; never stored on its own as the truth. */
export interface EscalationState {
  readonly status: EscalationStatus;
  readonly template: TemplateRef;
  readonly trigger: TriggerId;
  readonly problem: string;
  readonly impact: string;
  readonly level: Level;
  readonly startedAt: string;
  readonly detectedAt: string;
  readonly levelEnteredAt: string;
  readonly levelHistory: readonly LevelStay[];
  /** Fulfilments in force, by obligation id (withdrawn ones are gone from here but stay in the log). */
  readonly fulfilments: Readonly<Record<string, Fulfilment>>;
  readonly clientNotifiedAt?: string;
  readonly lastStatusUpdateAt?: string;
  /** Parties that agreed to external arbitration since the escalation last entered level 3. */
  readonly arbitrationConsent: readonly Party[];
  readonly resolvedAt?: string;
  readonly closedAt?: string;
  readonly approvedReport?: { readonly version: number; readonly contentHash: string; readonly at: string };
  readonly lastSeq: number;
}
