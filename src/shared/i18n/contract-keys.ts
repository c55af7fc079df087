import type { ErrorCode } from '../resolver-contract';
import type {
  EscalationEventType,
  EscalationStatus,
  EvidenceKind,
  ObligationKind,
  RejectionCode,
  TimeFrameKey,
  TransitionAction,
  TriggerId,
} from '../vocabulary';

/**
 * Keys every catalog must have because they follow the contract's own unions: a new error code, time
 * frame, obligation kind, status, event type, trigger, rejection reason, evidence record or workflow action fails the
 * type check until both languages name it.
 */
export type ContractKeys = { [C in ErrorCode as `error.${C}`]: string } & {
  [K in TimeFrameKey as `timeFrame.${K}`]: string;
} & { [K in ObligationKind as `kind.${K}`]: string } & { [T in EscalationEventType as `event.${T}`]: string } & {
  [S in EscalationStatus as `status.${S}`]: string;
} & { [T in TriggerId as `trigger.${T}`]: string } & { [R in RejectionCode as `rejection.${R}`]: string } & {
  [A in TransitionAction as `ruleConfig.action.${A}`]: string;
} & { [K in EvidenceKind as `evidence.${K}`]: string };

/** A catalog: the contract's keys plus the apps' own; values may hold `{name}` placeholders. */
export type CatalogShape = ContractKeys & Record<string, string>;
