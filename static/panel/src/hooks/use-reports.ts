import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import type {
  ReportDocument,
  ReportFormat,
  ReportGenerating,
  ReportPreview,
  ReportsView,
  ReportTexts,
} from '../../../../src/shared/report-view';
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
import { settle, useEnvelopeView, type ViewPhase } from './use-envelope-view';
import type { OnBehalf, RunResult, ShownError } from './use-panel';

/** The report's actions; each answers with the whole report view. */
export const reportMutations = { submitReport, requestReportChanges, approveReport, exportReport, recordDebrief };
export type ReportMutationKey = keyof typeof reportMutations;
export type ReportMutationInput<K extends ReportMutationKey> = Omit<Parameters<(typeof reportMutations)[K]>[0], 'onBehalf'>;

export type ReportsPhase = ViewPhase<ReportsView>;

/** A read the section makes (preview, a version's text): its data, or why not. */
export type ReadResult<T> = { readonly ok: true; readonly data: T } | { readonly ok: false };

export interface ReportsState {
  readonly phase: ReportsPhase;
  readonly shownError: ShownError | null;
  /** What is being sent now; every report action is disabled meanwhile. */
  readonly busy: ReportMutationKey | 'previewReport' | null;
  readonly reload: () => void;
  readonly run: <K extends ReportMutationKey>(key: K, input: ReportMutationInput<K>) => Promise<RunResult>;
  /** The report generated now with the contractor's texts (not submitted); a large one page by page, once generated in the background. */
  readonly preview: (locale: 'de' | 'en', texts?: ReportTexts, page?: number) => Promise<ReadResult<ReportPreview | ReportGenerating>>;
  readonly version: (reportVersion: number, format: ReportFormat) => Promise<ReadResult<ReportDocument>>;
  readonly dismissError: () => void;
}

/**
 * The report section's data: the report view (versions, `can.*`), loaded when the section opens, and
 * its actions. Like the panel, it replaces what it shows with each answer; after a change it lets the
 * escalation view (`afterChange`) and Jira's issue view (remote link, summary comment) refresh.
 */
export function useReports(onBehalf: OnBehalf | undefined, afterChange: () => void): ReportsState {
  const { phase, shownError, setShownError, busy, load, exclusive, mutate } = useEnvelopeView<
    ReportsView,
    NonNullable<ReportsState['busy']>
  >(() => getReports({}));
  const afterChangeRef = useRef(afterChange);
  useLayoutEffect(() => {
    afterChangeRef.current = afterChange; // the latest callback, called only after an action's answer
  });

  useEffect(() => {
    void load(false);
  }, [load]);

  const run = useCallback(
    <K extends ReportMutationKey>(key: K, input: ReportMutationInput<K>): Promise<RunResult> => {
      const send = reportMutations[key] as (payload: unknown) => Promise<Response<'getReports'>>;
      return mutate(
        key,
        () => send({ ...input, ...(onBehalf ? { onBehalf } : {}) }),
        () => afterChangeRef.current(),
      );
    },
    [mutate, onBehalf],
  );

  const preview = useCallback(
    (locale: 'de' | 'en', texts?: ReportTexts, page?: number): Promise<ReadResult<ReportPreview | ReportGenerating>> =>
      exclusive<ReadResult<ReportPreview | ReportGenerating>>('previewReport', { ok: false }, async () => {
        const response = await settle(() => previewReport({ locale, ...(texts ? { texts } : {}), ...(page ? { page } : {}) }));
        if (response?.ok) return response;
        setShownError({ action: 'previewReport', error: response ? response.error : 'unreachable' });
        return { ok: false };
      }),
    [exclusive, setShownError],
  );

  const version = useCallback(
    async (reportVersion: number, format: ReportFormat): Promise<ReadResult<ReportDocument>> => {
      const response = await settle(() => getReportVersion({ reportVersion, format }));
      if (response?.ok) return response;
      setShownError({ action: 'getReportVersion', error: response ? response.error : 'unreachable' });
      return { ok: false };
    },
    [setShownError],
  );

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
