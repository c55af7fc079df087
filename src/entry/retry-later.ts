import { InvocationError, InvocationErrorCode } from '@forge/events';
import { ProductRequestError, UnavailableError } from '../infrastructure/http/product-request';

/**
 * Seconds Forge waits before invoking a function again that returned an {@link InvocationError} (product-event
 * triggers and workflow post functions: Forge retries them only on that return value, never on a throw).
 */
export const RETRY_AFTER_SECONDS = 60;

/** Errors another invocation cannot fix: the issue or comment is not there, or the app may not read it. */
export function isPermanentFailure(error: unknown): boolean {
  return error instanceof ProductRequestError && !(error instanceof UnavailableError);
}

/** The value to return so that Forge invokes the function again later. */
export function retryLater(): InvocationError {
  return new InvocationError({ retryAfter: RETRY_AFTER_SECONDS, retryReason: InvocationErrorCode.FUNCTION_RETRY_REQUEST });
}
