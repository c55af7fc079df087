import { view } from '@forge/bridge';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Party } from '../../../../src/domain/process/process-template';
import type { ReportResolverKey, ResolverError } from '../../../../src/shared/resolver-contract';
import { getEscalation, mutations, type EscalationPanelView, type MutationInput, type MutationKey, type Response } from '../api/invokes';

export type Phase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: ResolverError | 'unreachable' }
  | { readonly kind: 'ready'; readonly view: EscalationPanelView; readonly receivedAt: number };

/** What the banner shows: an envelope error, or that the bridge itself failed. */
export type ShownError = { readonly action: MutationKey | ReportResolverKey | 'getEscalation'; readonly error: ResolverError | 'unreachable' };

/** `busy`: refused locally because another action is still being saved (a double click); nothing was sent. */
export type RunResult = { readonly ok: true } | { readonly ok: false; readonly error: ResolverError | 'unreachable' | 'busy' };

export interface OnBehalf {
  readonly party: Party;
  readonly reason: string;
}

export interface PanelState {
  readonly phase: Phase;
  readonly shownError: ShownError | null;
  /** The action being saved; every action is disabled while one runs. */
  readonly busy: MutationKey | null;
  readonly reload: () => void;
  /** Fetches the current view while the panel keeps showing the one it has. */
  readonly refresh: () => Promise<void>;
  readonly run: <K extends MutationKey>(key: K, input: MutationInput<K>, onBehalf?: OnBehalf) => Promise<RunResult>;
  readonly dismissError: () => void;
}

/**
 * Loads the panel's view and runs actions. Every resolver answers with the whole view after its action,
 * so the panel replaces what it shows with that answer (never patching local state). After a failed action
 * the view is fetched again, since someone else may have changed the escalation meanwhile.
 */
export function usePanel(): PanelState {
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [shownError, setShownError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState<MutationKey | null>(null);
  // A ref, not only state: two clicks within one render must not both pass the guard.
  const busyRef = useRef(false);
  const latestLoad = useRef(0);

  const load = useCallback(async (silent: boolean): Promise<void> => {
    const ticket = ++latestLoad.current;
    if (!silent) setPhase({ kind: 'loading' });
    let response: Response<'getEscalation'> | undefined;
    try {
      response = await getEscalation();
    } catch {
      response = undefined;
    }
    if (ticket !== latestLoad.current) return; // a newer load or action answer wins
    if (response?.ok) setPhase({ kind: 'ready', view: response.data, receivedAt: Date.now() });
    else if (!silent) setPhase({ kind: 'failed', error: response ? response.error : 'unreachable' });
  }, []);

  useEffect(() => {
    void load(false);
  }, [load]);

  const run = useCallback(
    async <K extends MutationKey>(key: K, input: MutationInput<K>, onBehalf?: OnBehalf): Promise<RunResult> => {
      if (busyRef.current) return { ok: false, error: 'busy' };
      busyRef.current = true;
      setBusy(key);
      setShownError(null);
      try {
        const payload = { ...input, ...(onBehalf ? { onBehalf } : {}) };
        const send = mutations[key] as (payload: unknown) => Promise<Response<K>>;
        let response: Response<K> | undefined;
        try {
          response = await send(payload);
        } catch {
          response = undefined;
        }
        if (response?.ok) {
          latestLoad.current++; // an older getEscalation still in flight must not overwrite this answer
          setPhase({ kind: 'ready', view: response.data, receivedAt: Date.now() });
          // The app changed the Escalation level field and the history: let Jira's issue view show it.
          void view.refresh().catch(() => undefined);
          return { ok: true };
        }
        const error = response ? response.error : 'unreachable';
        setShownError({ action: key, error });
        if (error === 'unreachable' || error.code !== 'invalid-payload') await load(true);
        return { ok: false, error };
      } finally {
        busyRef.current = false;
        setBusy(null);
      }
    },
    [load],
  );

  return {
    phase,
    shownError,
    busy,
    reload: () => {
      setShownError(null);
      void load(false);
    },
    refresh: () => load(true),
    run,
    dismissError: () => setShownError(null),
  };
}

/**
 * The current time on the server's clock (the view's `now` plus the time since it arrived), ticking every
 * 30 seconds so that remaining times and deadline colours stay true while the panel is open.
 */
export function useServerNow(viewNow: string, receivedAt: number): number {
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setTick(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  return Date.parse(viewNow) + Math.max(0, tick - receivedAt);
}
