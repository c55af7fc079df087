import type { ReportDeps } from '../../usecases/report-workspace';
import { approveReport } from '../../usecases/approve-report-use-case';
import { exportReport } from '../../usecases/export-report-use-case';
import { getReportVersion } from '../../usecases/get-report-version-use-case';
import { previewReport } from '../../usecases/preview-report-use-case';
import { recordDebrief } from '../../usecases/record-debrief-use-case';
import { requestReportChanges } from '../../usecases/request-report-changes-use-case';
import { submitReport } from '../../usecases/submit-report-use-case';
import { getReports } from '../../usecases/report-workspace';
import type { ReportResolverKey } from '../../shared/resolver-contract';
import type { ResolverHandlers } from './define-resolvers';

/** The report's resolvers: each calls one use case with deps made for this invocation. */
export function reportHandlers(makeDeps: () => ReportDeps): Pick<ResolverHandlers, ReportResolverKey> {
  return {
    getReports: (_payload, requester) => getReports(makeDeps(), requester),
    previewReport: (payload, requester) => previewReport(makeDeps(), requester, payload),
    submitReport: (payload, requester) => submitReport(makeDeps(), requester, payload),
    requestReportChanges: (payload, requester) => requestReportChanges(makeDeps(), requester, payload),
    approveReport: (payload, requester) => approveReport(makeDeps(), requester, payload),
    exportReport: (payload, requester) => exportReport(makeDeps(), requester, payload),
    getReportVersion: (payload, requester) => getReportVersion(makeDeps(), requester, payload),
    recordDebrief: (payload, requester) => recordDebrief(makeDeps(), requester, payload),
  };
}
