import type Resolver from '@forge/resolver';
import type { Request } from '@forge/resolver';
import { ZodError, type z } from 'zod';
import { ForbiddenError, NotFoundError, UnavailableError } from '../../infrastructure/http/product-request';
import { logger } from '../../infrastructure/logger';
import { resolverPayloads, type ResolverError, type ResolverKey, type ResolverResponse, type ResolverResults } from '../../shared/resolver-contract';
import { UseCaseError } from '../../usecases/use-case-error';
import type { Requester } from '../../usecases/escalation-workspace';

export type ResolverHandlers = {
  [K in ResolverKey]: (payload: z.output<(typeof resolverPayloads)[K]>, requester: Requester) => Promise<ResolverResults[K]>;
};

/** Identity and issue come from the Forge context of the invocation, never from the payload. */
export function requesterOf(request: Request): Requester | undefined {
  const accountId: unknown = request.context?.accountId;
  const issueKey: unknown = request.context?.extension?.issue?.key;
  return typeof accountId === 'string' && typeof issueKey === 'string' ? { accountId, issueKey } : undefined;
}

function fieldsOf(error: ZodError): Record<string, string> {
  return Object.fromEntries(error.issues.map((issue) => [issue.path.join('.') || '(payload)', issue.message]));
}

/** Maps what went wrong onto the envelope: typed errors as they are, anything else as `internal`. */
export function toResolverError(error: unknown, key: string): ResolverError {
  if (error instanceof UseCaseError) return { code: error.code, message: error.message, ...error.details };
  if (error instanceof NotFoundError) return { code: 'not-found', message: 'Issue does not exist or you do not have permission to see it.' };
  if (error instanceof ForbiddenError) return { code: 'forbidden', message: 'Jira refused the request for lack of permission.' };
  if (error instanceof UnavailableError) return { code: 'jira-unavailable', message: 'Jira is busy or unavailable; nothing was changed. Please try again shortly.' };
  logger.error('resolver failed', { key, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  return { code: 'internal', message: 'Something went wrong on our side; nothing was changed.' };
}

/**
 * Defines every resolver of the contract: validates the payload with its zod schema, takes identity from
 * the context, runs the handler and answers with the response envelope.
 */
export function defineResolvers(resolver: Resolver, handlers: ResolverHandlers): Resolver {
  for (const key of Object.keys(resolverPayloads) as ResolverKey[]) {
    resolver.define(key, async (request: Request): Promise<ResolverResponse<unknown>> => {
      const requester = requesterOf(request);
      if (!requester) return { ok: false, error: { code: 'invalid-payload', message: 'This function must be called from an issue.' } };
      const parsed = resolverPayloads[key].safeParse(request.payload ?? {});
      if (!parsed.success) {
        return { ok: false, error: { code: 'invalid-payload', message: 'The request was not valid; nothing was changed.', fields: fieldsOf(parsed.error) } };
      }
      try {
        const handler = handlers[key] as (payload: unknown, requester: Requester) => Promise<unknown>;
        return { ok: true, data: await handler(parsed.data, requester) };
      } catch (error) {
        return { ok: false, error: toResolverError(error, key) };
      }
    });
  }
  return resolver;
}
