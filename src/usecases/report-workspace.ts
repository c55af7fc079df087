import { buildEscalationReport } from '../domain/report/build-escalation-report';
import { reportWords } from '../shared/report-words';
import {
  approveSubmittedReport,
  latestReport,
  recordDebrief,
  recordReportExported,
  requestReportChanges,
  submitReport,
} from '../domain/report/report-commands';
import type { EscalationReport } from '../domain/report/report-model';
import { cleanReportTexts, type ReportTexts } from '../domain/report/report-texts';
import { renderStorage } from '../domain/report/render-storage';
import type { Locale } from '../domain/process/process-template';
import type { ReportsView } from '../shared/report-view';
import type { EscalationDeps, Requester } from './escalation-deps';
import { commandContext, openWorkspace, type Workspace } from './escalation-workspace';
import type { ReportArchive, ReportJiraGateway, ReportPublisher } from './ports/report-ports';
import type { AccountPrivacyRegister } from './ports/personal-data-ports';
import { personToken, resolvePersonTokens, tokenAccountIds } from '../domain/privacy/person-token';
import { translate } from '../shared/i18n/messages';
import { errorMessage } from './ports/logger';
import { UseCaseError } from './use-case-error';

/** What the report use cases need beyond the escalation's own ports. */
export interface ReportDeps extends EscalationDeps {
  readonly reportJira: ReportJiraGateway;
  readonly archive: ReportArchive;
  readonly publisher: ReportPublisher;
  /** SHA-256, lower-case hex. */
  readonly sha256: (text: string) => string;
  /** Closed accounts are named as a former user wherever a report is shown. */
  readonly accountPrivacy: Pick<AccountPrivacyRegister, 'closedAmong'>;
}

export interface GeneratedReport {
  readonly report: EscalationReport;
  readonly storage: string;
  readonly contentHash: string;
  /** Time to build and render from the fetched data (the benchmark's renderMs). */
  readonly renderMs: number;
}

/** Workspace of an issue that has an escalation; a report needs one. */
export async function openReportWorkspace(
  deps: ReportDeps,
  requester: Requester,
): Promise<Workspace & { state: NonNullable<Workspace['state']> }> {
  const workspace = await openWorkspace(deps, requester);
  if (!workspace.state) throw new UseCaseError('rejected', 'No escalation has been started on this issue.', { reason: 'no-escalation' });
  return workspace as Workspace & { state: NonNullable<Workspace['state']> };
}

/**
 * Generates the report now from the whole issue history (changelog and comments, every page) and the
 * escalation log; the content hash is the SHA-256 of the canonical storage output. People are written as
 * account id tokens (Confluence user links in the storage output), never as names: the hash binds who
 * acted, not a name that may have to be erased. {@link nameReportPeople} puts names in when it is shown.
 */
export async function generateReport(
  deps: ReportDeps,
  workspace: Workspace,
  locale: Locale,
  texts: ReportTexts = {},
): Promise<GeneratedReport> {
  const state = workspace.state;
  if (!state) throw new UseCaseError('rejected', 'No escalation has been started on this issue.', { reason: 'no-escalation' });
  const history = await deps.reportJira.history(workspace.issue);
  const ids = new Set<string>();
  for (const e of workspace.log) ids.add(e.actor.accountId);
  for (const h of history.changelog) if (h.authorId) ids.add(h.authorId);
  for (const c of history.comments) if (c.authorId) ids.add(c.authorId);
  ids.delete('app');
  const people = Object.fromEntries([...ids].map((id) => [id, personToken(id)]));
  const started = performance.now();
  const report = buildEscalationReport({
    issue: {
      key: workspace.issue.key,
      summary: workspace.issue.summary,
      ...(workspace.issue.priority ? { priority: workspace.issue.priority } : {}),
    },
    log: workspace.log,
    state,
    template: workspace.template,
    policy: workspace.configuration.policy,
    changelog: history.changelog,
    comments: history.comments,
    people,
    locale,
    words: reportWords(locale),
    generatedAt: deps.now(),
    texts: cleanReportTexts(texts),
  });
  const storage = renderStorage(report);
  const renderMs = performance.now() - started;
  return { report, storage, contentHash: deps.sha256(storage), renderMs };
}

/**
 * The report with its people's current names from Jira; a closed account becomes "former user" in the
 * report's language (the id stays out of view). `namesRemoved` says whether any name was removed so.
 */
export async function nameReportPeople(
  deps: Pick<ReportDeps, 'issues' | 'accountPrivacy' | 'logger'>,
  report: EscalationReport,
): Promise<{ report: EscalationReport; namesRemoved: boolean }> {
  const ids = tokenAccountIds(report);
  if (ids.length === 0) return { report, namesRemoved: false };
  const [closed, names] = await Promise.all([
    deps.accountPrivacy.closedAmong(ids),
    // Names are a courtesy: without them the report shows account ids.
    deps.issues.displayNames(ids).catch((error: unknown): Record<string, string> => {
      deps.logger.warn('display names unavailable', { error: errorMessage(error) });
      return {};
    }),
  ]);
  const formerUser = translate(report.locale, 'privacy.formerUser');
  return {
    report: resolvePersonTokens(report, (id) => (closed.has(id) ? formerUser : (names[id] ?? id))),
    namesRemoved: closed.size > 0,
  };
}

/** The report's versions and what the viewer may do with them now. */
export async function reportsView(deps: ReportDeps, workspace: Workspace, accountId: string): Promise<ReportsView> {
  const state = workspace.state;
  const party = workspace.viewerParty;
  if (!state) {
    return {
      issueKey: workspace.issue.key,
      viewerParty: party,
      escalationStatus: null,
      versions: [],
      approvedVersion: null,
      page: null,
      debriefs: 0,
      can: { submit: false, decide: false, export: false, debrief: false },
      people: {},
    };
  }
  const canAct = party !== null && workspace.access.edit;
  const ctx = commandContext(workspace, { accountId, party: party ?? 'client' }, deps.now());
  const latest = latestReport(state);
  const approved = [...state.reports].reverse().find((r) => r.status === 'approved');
  const lastExport = state.reportExports[state.reportExports.length - 1];
  const people = await deps.issues.displayNames(
    [...new Set(state.reports.flatMap((r) => [r.actor.accountId, ...(r.decision ? [r.decision.actor.accountId] : [])]))].filter(
      (id) => id !== 'app',
    ),
  );
  return {
    issueKey: workspace.issue.key,
    viewerParty: party,
    escalationStatus: state.status,
    versions: [...state.reports].reverse().map((r, newest) => ({
      version: r.version,
      status: r.status,
      locale: r.locale,
      contentHash: r.contentHash,
      edited: r.edited,
      // The newest two carry their texts: the next version starts from the latest's, and the client compares the two.
      ...(newest < 2 ? { texts: r.texts } : {}),
      submittedAt: r.at,
      submittedBy: r.actor.accountId,
      ...(r.decision
        ? {
            decision: { at: r.decision.at, by: r.decision.actor.accountId, ...(r.decision.comment ? { comment: r.decision.comment } : {}) },
          }
        : {}),
      exports: state.reportExports
        .filter((x) => x.reportVersion === r.version)
        .map((x) => ({ at: x.at, pageId: x.pageId, pageVersion: x.pageVersion, url: x.url })),
    })),
    approvedVersion: approved?.version ?? null,
    page: lastExport ? { pageId: lastExport.pageId, pageVersion: lastExport.pageVersion, url: lastExport.url } : null,
    debriefs: state.debriefs.length,
    can: {
      submit: canAct && submitReport(state, { contentHash: '0'.repeat(64), locale: 'en' }, ctx).ok,
      decide:
        canAct &&
        !!latest &&
        requestReportChanges(state, { reportVersion: latest.version, comment: 'x' }, ctx).ok &&
        approveSubmittedReport(state, { reportVersion: latest.version, contentHash: latest.contentHash }, ctx).ok,
      export:
        canAct &&
        !!approved &&
        recordReportExported(state, { reportVersion: approved.version, pageId: '0', pageVersion: 1, url: '-' }, ctx).ok,
      debrief: canAct && recordDebrief(state, { lessonsLearned: 'x' }, ctx).ok,
    },
    people,
  };
}

export async function getReports(deps: ReportDeps, requester: Requester): Promise<ReportsView> {
  const workspace = await openWorkspace(deps, requester);
  return reportsView(deps, workspace, requester.accountId);
}
