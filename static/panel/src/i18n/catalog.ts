import type { ErrorCode } from '../../../../src/shared/resolver-contract';
import type { EscalationEventType } from '../../../../src/domain/escalation/escalation-event';
import type { EscalationStatus } from '../../../../src/domain/escalation/escalation-state';
import type { ObligationKind, TimeFrameKey } from '../../../../src/domain/process/process-template';

/**
 * Keys every catalog must have because they follow the contract's own unions: a new error code, time
 * frame, obligation kind, status or event type fails the type check until both languages name it.
 * Rejection reasons are not here: src/shared/rejection-messages.ts words them once for the panel and
 * the workflow validator alike.
 */
export type ContractKeys = { [C in ErrorCode as `error.${C}`]: string } & {
  [K in TimeFrameKey as `timeFrame.${K}`]: string;
} & { [K in ObligationKind as `kind.${K}`]: string } & { [T in EscalationEventType as `event.${T}`]: string } & {
  [S in EscalationStatus as `status.${S}`]: string;
};

/** A catalog: the contract's keys plus the panel's own; values may hold `{name}` placeholders. */
export type CatalogShape = ContractKeys & Record<string, string>;
