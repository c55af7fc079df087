import type { Party } from '../process/process-template';

/** Why a command was refused; `code` is stable for UIs and translations, `message` is for logs and English UIs. */
export type RejectionCode =
  | 'no-escalation'
  | 'already-started'
  | 'not-open'
  | 'not-resolved'
  | 'closed'
  | 'highest-level'
  | 'lowest-level'
  | 'open-obligations'
  | 'wrong-party'
  | 'system-not-allowed'
  | 'unknown-obligation'
  | 'obligation-not-in-stage'
  | 'already-fulfilled'
  | 'not-fulfilled'
  | 'time-frame-not-expired'
  | 'arbitration-needs-both-parties'
  | 'already-consented'
  | 'not-at-level-3'
  | 'report-not-approved'
  | 'report-generating'
  | 'unknown-record'
  | 'record-state'
  | 'comment-required'
  | 'not-in-arbitration'
  | 'hash-mismatch'
  | 'invalid-detected-at'
  | 'proposal-open'
  | 'no-proposal'
  | 'own-proposal'
  | 'not-proposer'
  | 'needs-both-parties'
  | 'fulfilled-by-record'
  | 'not-applicable-not-allowed'
  | 'preparation-open'
  | 'already-recorded'
  | 'meetings-from-level-2'
  | 'meeting-date-passed'
  | 'not-a-candidate';

export interface OpenObligation {
  readonly id: string;
  readonly party: Party;
}

export interface Rejection {
  readonly code: RejectionCode;
  readonly message: string;
  /** Mandatory obligations still open, grouped later by the party that must act. */
  readonly openObligations?: readonly OpenObligation[];
  /** The party whose action is missing, where one is. */
  readonly awaitedParty?: Party;
}

export type Decision<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly rejection: Rejection };

export const accept = <T>(value: T): Decision<T> => ({ ok: true, value });
export const reject = <T = never>(code: RejectionCode, message: string, extra: Omit<Rejection, 'code' | 'message'> = {}): Decision<T> => ({
  ok: false,
  rejection: { code, message, ...extra },
});
