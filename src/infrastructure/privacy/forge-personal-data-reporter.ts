import { privacy } from '@forge/api';
import { z } from 'zod';
import type { StoredAccount } from '../../domain/privacy/stored-accounts';
import type { AccountUpdate, PersonalDataReporter } from '../../usecases/ports/personal-data-ports';
import { ServiceRequestError } from '../../usecases/ports/port-errors';
import type { RetryPolicy } from '../http/product-request';

/** @forge/api's `LIMIT` (privacy/index.js): accounts per request to `/app/report-accounts`. */
export const REPORT_ACCOUNTS_LIMIT = 90;

const answerSchema = z.array(z.object({ accountId: z.string().min(1), status: z.enum(['closed', 'updated']) }));
/** Reporting twice is harmless, so a refused or lost request may be repeated; 400 means our request was wrong. */
const RETRY = new Set([429, 500, 502, 503, 504]);

/** What @forge/api rejects with when the answer is neither 200 nor 204: the response itself. */
const statusOf = (error: unknown) =>
  typeof (error as { status?: unknown } | null)?.status === 'number' ? (error as { status: number }).status : 0;
const retryAfterMs = (error: unknown): number | undefined => {
  const header = (error as { headers?: { get?: (name: string) => string | null } } | null)?.headers?.get?.('Retry-After');
  const seconds = header ? Number(header) : NaN;
  return Number.isFinite(seconds) ? seconds * 1000 : undefined;
};

/**
 * `privacy.reportPersonalData` with one batch per call, never more than the documented limit, so @forge/api
 * sends exactly one request (given more, it would send all batches at once). Waits as `Retry-After` says on
 * 429 and retries 5xx within the invocation's budget.
 * @see https://developer.atlassian.com/platform/forge/user-privacy-guidelines/
 */
export function forgePersonalDataReporter(policy: RetryPolicy): PersonalDataReporter {
  return {
    batchLimit: REPORT_ACCOUNTS_LIMIT,
    async report(accounts: readonly StoredAccount[]): Promise<AccountUpdate[]> {
      if (accounts.length > REPORT_ACCOUNTS_LIMIT)
        throw new RangeError(`At most ${REPORT_ACCOUNTS_LIMIT} accounts per request, got ${accounts.length}`);
      for (let attempt = 1; ; attempt++) {
        try {
          return answerSchema.parse(await privacy.reportPersonalData(accounts.map((a) => ({ ...a }))));
        } catch (error) {
          const status = statusOf(error);
          if (error instanceof z.ZodError)
            throw new ServiceRequestError(`Personal data report answered unexpectedly: ${error.message}`, 200);
          const wait = retryAfterMs(error) ?? policy.baseDelayMs * 2 ** (attempt - 1);
          if (!RETRY.has(status) || attempt >= policy.maxAttempts || policy.now() + wait > policy.deadline)
            throw new ServiceRequestError(`Personal data report failed with ${status}`, status, { cause: error });
          await policy.sleep(wait);
        }
      }
    },
  };
}
