import { useCallback, useEffect, useState } from 'react';
import type { Party } from '../../../../src/shared/vocabulary';
import {
  loadEscalation,
  mutations,
  onIssueChanged,
  type EscalationPanelView,
  type MutationInput,
  type MutationKey,
  type Response,
} from '../api/invokes';
import { useEnvelopeView, type RunResult, type ShownError, type ViewPhase } from './use-envelope-view';

export type { RunResult, ShownError };

export type Phase = ViewPhase<EscalationPanelView>;

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
  const { phase, shownError, setShownError, busy, load, mutate } = useEnvelopeView<EscalationPanelView, MutationKey>(loadEscalation);

  useEffect(() => {
    void load(false);
  }, [load]);

  // Live: whatever changed the issue (another person, a transition, the sweep), fetch the view again
  // while the panel keeps showing the one it has.
  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let live = true;
    onIssueChanged(() => void load(true)).then(
      (off) => (live ? (unsubscribe = off) : off()),
      () => undefined, // outside Jira's issue view there are no issue events: Refresh still works
    );
    return () => {
      live = false;
      unsubscribe?.();
    };
  }, [load]);

  const run = useCallback(
    <K extends MutationKey>(key: K, input: MutationInput<K>, onBehalf?: OnBehalf): Promise<RunResult> => {
      const send = mutations[key] as (payload: unknown) => Promise<Response<K>>;
      return mutate(key, () => send({ ...input, ...(onBehalf ? { onBehalf } : {}) }));
    },
    [mutate],
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

/** Remaining times are shown to the minute: the panel re-renders when the minute changes, not more often. */
const MINUTE = 60_000;

/**
 * The current time on the server's clock (the view's `now` plus the time since it arrived). The clock is
 * looked at every second, but the panel re-renders only when the shown minute changes, so remaining times
 * and deadline colours stay true while the panel is open (also after a sleeping laptop wakes up).
 */
export function useServerNow(viewNow: string, receivedAt: number): number {
  const [tick, setTick] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => {
      const now = Date.now();
      // Same minute: keep the state as it is, so React skips the render.
      setTick((last) => (Math.floor(last / MINUTE) === Math.floor(now / MINUTE) ? last : now));
    }, 1000);
    return () => window.clearInterval(timer);
  }, []);
  return Date.parse(viewNow) + Math.max(0, tick - receivedAt);
}
