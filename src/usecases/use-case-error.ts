import type { ErrorCode, ResolverError } from '../shared/resolver-contract';

/** An error a use case reports to its caller; entry points map it onto the response envelope as it is. */
export class UseCaseError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Omit<ResolverError, 'code' | 'message'> = {},
  ) {
    super(message);
    this.name = 'UseCaseError';
  }
}
