import type Resolver from '@forge/resolver';
import type { Request } from '@forge/resolver';
import { type ZodError, type z } from 'zod';
import { ForbiddenError, NotFoundError, UnavailableError } from '../../infrastructure/http/product-request';
import { logger } from '../../infrastructure/logger';
import {
  resolverPayloads,
  type ResolverAnswers,
  type ResolverError,
  type ResolverKey,
  type ResolverResponse,
} from '../../shared/resolver-contract';
import { UseCaseError } from '../../usecases/use-case-error';
import type { Requester } from '../../usecases/escalation-deps';

export type ResolverHandlers = {
  [K in ResolverKey]: (payload: z.output<(typeof resolverPayloads)[K]>, requester: Requester) => Promise<ResolverAnswers[K]>;
};

/** Identity and issue come from the Forge context of the invocation, never from the payload. */
export function requesterOf(request: Request): Requester | undefined {
  const accountId: unknown = request.context?.accountId;
  const extension = request.context?.extension as { issue?: { key?: unknown; id?: unknown }; project?: { key?: unknown } } | undefined;
  const issueKey = extension?.issue?.key;
  if (typeof accountId !== 'string' || typeof issueKey !== 'string') return undefined;
  const issueId = extension?.issue?.id;
  const projectKey = extension?.project?.key;
  return {
    accountId,
    issueKey,
    ...(typeof issueId === 'string' && issueId !== '' ? { issueId } : {}),
    ...(typeof projectKey === 'string' && projectKey !== '' ? { projectKey } : {}),
  };
}

function fieldsOf(error: ZodError): Record<string, string> {
  return Object.fromEntries(error.issues.map((issue) => [issue.path.join('.') || '(payload)', issue.message]));
}

/** Maps what went wrong onto the envelope: typed errors as they are, anything else as `internal`. */
export function toResolverError(error: unknown, key: string): ResolverError {
  if (error instanceof UseCaseError) return { code: error.code, message: error.message, ...error.details };
  if (error instanceof NotFoundError)
    return { code: 'not-found', message: 'Issue does not exist or you do not have permission to see it.' };
  if (error instanceof ForbiddenError) return { code: 'forbidden', message: 'Jira refused the request for lack of permission.' };
  if (error instanceof UnavailableError)
    return { code: 'jira-unavailable', message: 'Jira is busy or unavailable; nothing was changed. Please try again shortly.' };
  logger.error('resolver failed', { key, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  return { code: 'internal', message: 'Something went wrong on our side; nothing was changed.' };
}

/** A contract: resolver keys → zod payload schemas. */
export type PayloadMap = Readonly<Record<string, z.ZodType>>;

/** Handlers for every key of a contract, each receiving the parsed payload and the requester. */
export type ContractHandlers<P extends PayloadMap, Req, Results extends { [K in keyof P]: unknown }> = {
  [K in keyof P]: (payload: z.output<P[K]>, requester: Req) => Promise<Results[K]>;
};

/**
 * Defines every resolver of a contract: takes identity from the context (`identify`; undefined refuses
 * the call with `missingContext`), validates the payload with its zod schema, runs the handler and answers
 * with the response envelope, errors mapped by {@link toResolverError}.
 */
export function defineContractResolvers<P extends PayloadMap, Req, Results extends { [K in keyof P]: unknown }>(
  resolver: Resolver,
  contract: { payloads: P; identify: (request: Request) => Req | undefined; missingContext: string },
  handlers: ContractHandlers<P, Req, Results>,
): Resolver {
  for (const key of Object.keys(contract.payloads) as (keyof P & string)[]) {
    resolver.define(key, async (request: Request): Promise<ResolverResponse<unknown>> => {
      const requester = contract.identify(request);
      if (!requester) return { ok: false, error: { code: 'invalid-payload', message: contract.missingContext } };
      const parsed = contract.payloads[key]!.safeParse(request.payload ?? {});
      if (!parsed.success) {
        return {
          ok: false,
          error: { code: 'invalid-payload', message: 'The request was not valid; nothing was changed.', fields: fieldsOf(parsed.error) },
        };
      }
      try {
        const handler = handlers[key] as (payload: unknown, requester: Req) => Promise<unknown>;
        return { ok: true, data: await handler(parsed.data, requester) };
      } catch (error) {
        return { ok: false, error: toResolverError(error, key) };
      }
    });
  }
  return resolver;
}

/** Defines every resolver of the issue panel's contract (src/shared/resolver-contract.ts). */
export function defineResolvers(resolver: Resolver, handlers: ResolverHandlers): Resolver {
  return defineContractResolvers<typeof resolverPayloads, Requester, ResolverAnswers>(
    resolver,
    { payloads: resolverPayloads, identify: requesterOf, missingContext: 'This function must be called from an issue.' },
    handlers,
  );
}
