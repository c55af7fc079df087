import { view } from '@forge/bridge';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReportDocument, ReportFormat, ReportPreview, ReportsView } from '../../../../src/shared/report-view';
import type { ResolverError } from '../../../../src/shared/resolver-contract';
import {
  approveReport,
  exportReport,
  getReports,
  getReportVersion,
  previewReport,
  recordDebrief,
  requestReportChanges,
  submitReport,
  type Response,
} from '../api/invokes';
import type { OnBehalf, RunResult, ShownError } from './use-panel';

/** The report's actions; each answers with the whole report view. */
export const reportMutations = { submitReport, requestReportChanges, approveReport, exportReport, recordDebrief };
export type ReportMutationKey = keyof typeof reportMutations;
export type ReportMutationInput<K extends ReportMutationKey> = Omit<Parameters<(typeof reportMutations)[K]>[0], 'onBehalf'>;

export type ReportsPhase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly error: ResolverError | 'unreachable' }
  | { readonly kind: 'ready'; readonly view: ReportsView };

/** A read the section makes (preview, a version's text): its data, or why not. */
export type ReadResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false };

export interface ReportsState {
  readonly phase: ReportsPhase;
  readonly shownError: ShownError | null;
  /** What is being sent now; every report action is disabled meanwhile. */
  readonly busy: ReportMutationKey | 'previewReport' | null;
  readonly reload: () => void;
  readonly run: <K extends ReportMutationKey>(key: K, input: ReportMutationInput<K>) => Promise<RunResult>;
  readonly preview: (locale: 'de' | 'en') => Promise<ReadResult<ReportPreview>>;
  readonly version: (reportVersion: number, format: ReportFormat) => Promise<ReadResult<ReportDocument>>;
  readonly dismissError: () => void;
}

async function settle<T>(send: () => Promise<{ ok: true; data: T } | { ok: false; error: ResolverError }>) {
  try {
    return await send();
  } catch {
    return undefined; // the bridge itself failed
  }
}

/**
 * The report section's data: the report view (versions, `can.*`), loaded when the section opens, and
 * its actions. Like the panel, it replaces what it shows with each answer; after a change it lets the
 * escalation view (`afterChange`) and Jira's issue view (remote link, summary comment) refresh.
 */
export function useReports(onBehalf: OnBehalf | undefined, afterChange: () => void): ReportsState {
  const [phase, setPhase] = useState<ReportsPhase>({ kind: 'loading' });
  const [shownError, setShownError] = useState<ShownError | null>(null);
  const [busy, setBusy] = useState<ReportsState['busy']>(null);
  const busyRef = useRef(false);
  const latestLoad = useRef(0);
  const afterChangeRef = useRef(afterChange);
  afterChangeRef.current = afterChange;

  const load = useCallback(async (silent: boolean) => {
    const ticket = ++latestLoad.current;
    if (!silent) setPhase({ kind: 'loading' });
    const response = await settle(() => getReports({}));
    if (ticket !== latestLoad.current) return;
    if (response?.ok) setPhase({ kind: 'ready', view: response.data });
    else if (!silent) setPhase({ kind: 'failed', error: response ? response.error : 'unreachable' });
  }, []);

  useEffect(() => {
    void load(false);
  }, [load]);

  const run = useCallback(
    async <K extends ReportMutationKey>(key: K, input: ReportMutationInput<K>): Promise<RunResult> => {
      if (busyRef.current) return { ok: false, error: 'busy' };
      busyRef.current = true;
      setBusy(key);
      setShownError(null);
      try {
        const send = reportMutations[key] as (payload: unknown) => Promise<Response<K>>;
        const response = await settle(() => send({ ...input, ...(onBehalf ? { onBehalf } : {}) }) as Promise<Response<'getReports'>>);
        if (response?.ok) {
          latestLoad.current++;
          setPhase({ kind: 'ready', view: response.data });
          afterChangeRef.current();
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
    [load, onBehalf],
  );

  const preview = useCallback(async (locale: 'de' | 'en'): Promise<ReadResult<ReportPreview>> => {
    if (busyRef.current) return { ok: false };
    busyRef.current = true;
    setBusy('previewReport');
    setShownError(null);
    try {
      const response = await settle(() => previewReport({ locale }));
      if (response?.ok) return response;
      setShownError({ action: 'previewReport', error: response ? response.error : 'unreachable' });
      return { ok: false };
    } finally {
      busyRef.current = false;
      setBusy(null);
    }
  }, []);

  const version = useCallback(async (reportVersion: number, format: ReportFormat): Promise<ReadResult<ReportDocument>> => {
    const response = await settle(() => getReportVersion({ reportVersion, format }));
    if (response?.ok) return response;
    setShownError({ action: 'getReportVersion', error: response ? response.error : 'unreachable' });
    return { ok: false };
  }, []);

  return {
    phase,
    shownError,
    busy,
    reload: () => {
      setShownError(null);
      void load(false);
    },
    run,
    preview,
    version,
    dismissError: () => setShownError(null),
  };
}
