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
  /** Simulated time and calls of this invocation (set by the platform meter when the runner starts it). */
  sim?: InvocationSim;
}

export interface InvocationSim {
  /** Simulated start and the simulated time its last answer (or wait) came back: epoch ms. */
  start: number;
  now: number;
  calls: Record<string, number>;
  /** Set once the invocation ran out of (simulated) time: every later call fails with it. */
  killed: Error | undefined;
  onKill: ((error: Error) => void)[];
}

export const invocationStorage = new AsyncLocalStorage<Invocation>();

export function currentInvocation(): Invocation | undefined {
  return invocationStorage.getStore();
}

export function newInvocation(partial: Omit<Invocation, 'invocationId' | 'startedAt'>): Invocation {
  return { ...partial, invocationId: randomUUID(), startedAt: performance.now() };
}
