import { view } from '@forge/bridge';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { ReportResolverKey, ResolverError } from '../../../../src/shared/resolver-contract';
import type { MutationKey } from '../api/invokes';

export type Envelope<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: ResolverError };

/** What the banner shows: an envelope error, or that the bridge itself failed. */
export type ShownError = {
  readonly action: MutationKey | ReportResolverKey | 'getEscalation';
  readonly error: ResolverError | 'unreachable';
};

/** `busy`: refused locally because another action is still being saved (a double click); nothing was sent. */
export type RunResult = { readonly ok: true } | { readonly ok: false; readonly error: ResolverError | 'unreachable' | 'busy' };

export type ViewPhase<V> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: ResolverError | 'unreachable' }
  | { readonly kind: 'ready'; readonly view: V; readonly receivedAt: number };

/** The answer of a resolver call, or `undefined` when the bridge itself failed. */
export async function settle<T>(send: () => Promise<Envelope<T>>): Promise<Envelope<T> | undefined> {
  try {
    return await send();
  } catch {
    return undefined;
  }
}

/**
 * A view that resolvers answer whole: loading it, and actions that answer with the new view. The panel
 * and its report section share this: each shows the latest answer (never patching local state), lets only
 * one action run at a time, and fetches the view again after a failed action, since someone else may have
 * changed the escalation meanwhile.
 */
export function useEnvelopeView<V, Busy extends string>(fetchView: () => Promise<Envelope<V>>) {
  const [phase, setPhase] = useState<ViewPhase<V>>({ kind: 'loading' });
  const [shownError, setShownError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  // A ref, not only state: two clicks within one render must not both pass the guard.
  const busyRef = useRef(false);
  const latestLoad = useRef(0);
  const fetchRef = useRef(fetchView);
  useLayoutEffect(() => {
    fetchRef.current = fetchView; // the latest closure, read only when a load runs
  });

  const load = useCallback(async (silent: boolean): Promise<void> => {
    const ticket = ++latestLoad.current;
    if (!silent) setPhase({ kind: 'loading' });
    const response = await settle(() => fetchRef.current());
    if (ticket !== latestLoad.current) return; // a newer load or action answer wins
    if (response?.ok) setPhase({ kind: 'ready', view: response.data, receivedAt: Date.now() });
    else if (!silent) setPhase({ kind: 'failed', error: response ? response.error : 'unreachable' });
  }, []);

  /** Runs `work` as the one action in progress, or answers `whenBusy` without running it. */
  const exclusive = useCallback(async <R>(key: Busy, whenBusy: R, work: () => Promise<R>): Promise<R> => {
    if (busyRef.current) return whenBusy;
    busyRef.current = true;
    setBusy(key);
    setShownError(null);
    try {
      return await work();
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  }, []);

  /** An action whose answer is the new view; `afterChange` runs once it is shown. */
  const mutate = useCallback(
    (key: Busy & ShownError['action'], send: () => Promise<Envelope<V>>, afterChange?: () => void): Promise<RunResult> =>
      exclusive<RunResult>(key, { ok: false, error: 'busy' }, async () => {
        const response = await settle(send);
        if (response?.ok) {
          latestLoad.current++; // an older load still in flight must not overwrite this answer
          setPhase({ kind: 'ready', view: response.data, receivedAt: Date.now() });
          afterChange?.();
          // The app changed the Escalation level field and the history: let Jira's issue view show it.
          void view.refresh().catch(() => undefined);
          return { ok: true };
        }
        const error = response ? response.error : 'unreachable';
        setShownError({ action: key, error });
        if (error === 'unreachable' || error.code !== 'invalid-payload') await load(true);
        return { ok: false, error };
      }),
    [exclusive, load],
  );

  return { phase, shownError, setShownError, busy, load, exclusive, mutate };
}
