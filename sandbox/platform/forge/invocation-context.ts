import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../sandbox-api';

/** Who and what is running: kept per invocation so asUser() acts as the invoking user. */
export interface Invocation {
  invocationId: string;
  principal: Principal | undefined;
  moduleKey: string | undefined;
  functionKey: string;
  startedAt: number;
  timeoutMs: number;
}

export const invocationStorage = new AsyncLocalStorage<Invocation>();

export function currentInvocation(): Invocation | undefined {
  return invocationStorage.getStore();
}

export function newInvocation(partial: Omit<Invocation, 'invocationId' | 'startedAt'>): Invocation {
  return { ...partial, invocationId: randomUUID(), startedAt: performance.now() };
}
