import { useEffect, useRef, useState } from 'react';
import type { Party } from '../../../../src/shared/vocabulary';
import type {
  ReportDocument,
  ReportGenerating,
  ReportPreview,
  ReportsView,
  ReportTextId,
  ReportTexts,
  ReportVersionView,
} from '../../../../src/shared/report-view';
import type { OnBehalf } from '../hooks/use-panel';
import { useReports, type ReportsState } from '../hooks/use-reports';
import { useI18n, type I18n } from '../i18n/i18n';
import { ErrorBanner } from './error-banner';
import { ApprovalDecision } from '../../../shared/src/approval-decision';
import { ExternalLink } from '../../../shared/src/external-link';
import { InlineForm } from './inline-form';
import { Lozenge, type Tone } from './lozenge';
import { usePanelContext } from './panel-context';
import { ReportChanges, ReportTextsEditor } from './report-texts';
import { errorText } from './view-helpers';

type ReportLocale = 'de' | 'en';
const LOCALES: readonly ReportLocale[] = ['de', 'en'];
const STATUS_TONE: Record<ReportVersionView['status'], Tone> = { submitted: 'info', 'changes-requested': 'warning', approved: 'success' };

/** What the frame shows: a report generated just now (not submitted), or a frozen version as submitted. */
type Shown =
  | { readonly kind: 'preview'; readonly preview: ReportPreview }
  | { readonly kind: 'generating'; readonly generating: ReportGenerating }
  | { readonly kind: 'version'; readonly version: number; readonly html: ReportDocument; readonly markdown: ReportDocument | null };

export interface ReportSectionProps {
  readonly onBehalf: OnBehalf | undefined;
  /** The party an admin acts for; the server then judges, so the view's `can` (the admin's own) does not apply. */
  readonly actingFor: Party | null;
  /** Lets the escalation view refresh after a change (its timeline records the report's events). */
  readonly afterChange: () => void;
}

/** What the viewer may do: the view's `can`, or for an admin acting for a party what that party could try. */
function abilities(view: ReportsView, actingFor: Party | null): ReportsView['can'] {
  if (!actingFor) return view.can;
  const latest = view.versions[0];
  return {
    submit: actingFor === 'contractor' && view.escalationStatus === 'resolved',
    decide: actingFor === 'client' && view.escalationStatus === 'resolved' && latest?.status === 'submitted',
    export: view.approvedVersion !== null,
    debrief: view.escalationStatus !== null && view.escalationStatus !== 'open',
  };
}

const shortHash = (hash: string) => `${hash.slice(0, 12)}…`;
/** The next version starts from the latest's texts; an answer only while a request for changes awaits one. */
function startingTexts(latest: ReportVersionView | undefined): ReportTexts {
  if (!latest?.texts) return {};
  const { response, ...rest } = latest.texts;
  return latest.status === 'changes-requested' && response ? { ...rest, response } : rest;
}
/** Only written texts are sent; the server trims and bounds them again. */
const written = (texts: ReportTexts): ReportTexts => Object.fromEntries(Object.entries(texts).filter(([, v]) => v?.trim()));
const person = (view: ReportsView, accountId: string) => view.people[accountId] ?? accountId;
const language = (i18n: I18n, locale: ReportLocale) => i18n.t(`report.locale.${locale}`);

/** A blob URL for a document's text, revoked when the document changes or the link goes away. */
function useBlobUrl(doc: ReportDocument | null): string | null {
  const [blob, setBlob] = useState<{ readonly doc: ReportDocument; readonly url: string } | null>(null);
  useEffect(() => {
    if (!doc) return;
    const created = URL.createObjectURL(new Blob([doc.content], { type: doc.mimeType }));
    setBlob({ doc, url: created }); // eslint-disable-line react-hooks/set-state-in-effect -- the URL is an outside resource made and revoked with this effect; render cannot create it
    return () => URL.revokeObjectURL(created);
  }, [doc]);
  return blob && blob.doc === doc ? blob.url : null;
}

function DocumentLinks({ html, markdown }: { readonly html: ReportDocument; readonly markdown: ReportDocument | null }) {
  const i18n = useI18n();
  const htmlUrl = useBlobUrl(html);
  const markdownUrl = useBlobUrl(markdown);
  return (
    <span className="report-frame__links">
      {markdown && markdownUrl && (
        <a
          className="button button--default button--small"
          href={markdownUrl}
          download={markdown.filename}
          data-testid="report-download-markdown"
        >
          {i18n.t('report.download.markdown')}
        </a>
      )}
      {htmlUrl && (
        // A download, not a new tab: the frame may not open windows, and the host cannot open the frame's blob: URL.
        <a className="button button--default button--small" href={htmlUrl} download={html.filename} data-testid="report-download-html">
          {i18n.t('report.download.html')}
        </a>
      )}
    </span>
  );
}

/**
 * The final report, once the escalation is resolved: a preview generated from the history, the
 * contractor's submission (German or English), the client's approval (by the hash of the version shown) or
 * request for changes, the versions with their decisions and exports, the Confluence export, downloads
 * (Markdown, printable HTML) and the debrief. What the viewer may do comes from the view's `can`.
 */
export function ReportSection({ onBehalf, actingFor, afterChange }: ReportSectionProps) {
  const i18n = useI18n();
  const reports = useReports(onBehalf, afterChange);
  const { phase } = reports;

  if (phase.kind === 'loading') {
    return (
      <section className="card report" aria-labelledby="report-title" data-testid="report-section" aria-busy="true">
        <h3 id="report-title" className="card__title">
          {i18n.t('report.title')}
        </h3>
        <div className="state" data-testid="report-loading">
          <span className="spinner" aria-hidden="true" /> {i18n.t('report.loading')}
        </div>
      </section>
    );
  }
  if (phase.kind === 'failed') {
    return (
      <section className="card report" aria-labelledby="report-title" data-testid="report-section">
        <h3 id="report-title" className="card__title">
          {i18n.t('report.title')}
        </h3>
        <div className="state state--error" role="alert" data-testid="report-load-failed">
          <p className="state__title">{i18n.t('report.loadFailed')}</p>
          <p>{phase.error === 'unreachable' ? i18n.t('app.unreachable') : errorText(i18n, phase.error)}</p>
          <button type="button" className="button button--primary" onClick={reports.reload}>
            {i18n.t('app.retry')}
          </button>
        </div>
      </section>
    );
  }
  return <LoadedReport view={phase.view} reports={reports} actingFor={actingFor} />;
}

function LoadedReport({
  view,
  reports,
  actingFor,
}: {
  readonly view: ReportsView;
  readonly reports: ReportsState;
  readonly actingFor: Party | null;
}) {
  const i18n = useI18n();
  const { obligations, blocked } = usePanelContext();
  const can = abilities(view, actingFor);
  // A new version keeps the language the contractor chose for the last one (never silently the reader's).
  const [locale, setLocale] = useState<ReportLocale>(view.versions[0]?.locale ?? i18n.locale);
  const [shown, setShown] = useState<Shown | null>(null);
  const [loadingShown, setLoadingShown] = useState(false);
  const [open, setOpen] = useState<'debrief' | null>(null);
  const showTicket = useRef(0);
  const idle = reports.busy === null && blocked === null;
  const latest = view.versions[0];
  const previous = view.versions[1];
  const approved = view.versions.find((v) => v.version === view.approvedVersion);
  // The contractor's texts for the next version start from the latest version's, and again after each new version.
  const [draft, setDraft] = useState<{ readonly base: number | undefined; readonly texts: ReportTexts } | null>(null);
  const texts = draft && draft.base === latest?.version ? draft.texts : startingTexts(latest);
  const setText = (id: ReportTextId, value: string) => setDraft({ base: latest?.version, texts: { ...texts, [id]: value } });

  /** Fetches a version into the frame unless a newer request (`ticket`) came meanwhile; false if one did. */
  const fetchVersion = async (version: number, ticket: number): Promise<boolean> => {
    const [html, markdown] = await Promise.all([reports.version(version, 'html'), reports.version(version, 'markdown')]);
    if (ticket !== showTicket.current) return false;
    if (html.ok) setShown({ kind: 'version', version, html: html.data, markdown: markdown.ok ? markdown.data : null });
    return true;
  };
  const showVersion = async (version: number) => {
    const ticket = ++showTicket.current;
    setLoadingShown(true);
    if (await fetchVersion(version, ticket)) setLoadingShown(false);
  };
  const showPreview = async (page?: number) => {
    const ticket = ++showTicket.current;
    setLoadingShown(true);
    const result = await reports.preview(locale, can.submit ? written(texts) : undefined, page);
    if (ticket !== showTicket.current) return;
    setLoadingShown(false);
    if (result.ok)
      setShown('generating' in result.data ? { kind: 'generating', generating: result.data } : { kind: 'preview', preview: result.data });
  };
  // A large report being generated in the background: asked for again every 15 s while it is shown.
  const generating = shown?.kind === 'generating';
  useEffect(() => {
    if (!generating) return;
    const timer = setTimeout(() => void showPreview(), 15_000);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new "being generated" answer restarts the wait
  }, [shown]);
  const page = shown?.kind === 'preview' ? shown.preview.page : undefined;

  // The newest version is what the parties talk about: show it when the section opens and whenever a new one is submitted.
  const latestVersion = latest?.version;
  const [autoShown, setAutoShown] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (latestVersion === undefined) return;
    void fetchVersion(latestVersion, ++showTicket.current).then(() => setAutoShown(latestVersion));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new version number triggers this
  }, [latestVersion]);
  const loadingShownNow = loadingShown || (latestVersion !== undefined && autoShown !== latestVersion);

  // The client approves exactly what was shown: the hash of the frozen version in the frame.
  const shownHash = shown?.kind === 'version' && latest && shown.version === latest.version ? shown.html.contentHash : latest?.contentHash;

  const summary = !latest ? i18n.t('report.summary.none') : i18n.t(`report.summary.${latest.status}`, { version: latest.version });

  return (
    <section className="card report" aria-labelledby="report-title" data-testid="report-section">
      <h3 id="report-title" className="card__title">
        {i18n.t('report.title')}
      </h3>
      {reports.shownError && <ErrorBanner shown={reports.shownError} obligations={obligations} onDismiss={reports.dismissError} />}
      <p className="report__summary" data-testid="report-summary">
        {summary}
        {approved && latest && approved !== latest && <> {i18n.t('report.summary.approvedBefore', { version: approved.version })}</>}
      </p>

      <div className="records-block" data-testid="report-generate">
        {/* Written first, then previewed and submitted with the report generated from the record. */}
        {can.submit && <ReportTextsEditor latest={latest} texts={texts} onChange={setText} disabled={!idle} />}
        <div className="report__row">
          <fieldset className="report__languages">
            <legend>{i18n.t('report.language')}</legend>
            {LOCALES.map((l) => (
              <label key={l} className="report__language">
                <input
                  type="radio"
                  name="report-locale"
                  value={l}
                  checked={locale === l}
                  onChange={() => setLocale(l)}
                  data-testid={`report-locale-${l}`}
                />
                {language(i18n, l)}
              </label>
            ))}
          </fieldset>
          <div className="action-bar">
            <button
              type="button"
              className="button button--default"
              disabled={reports.busy !== null}
              onClick={() => void showPreview()}
              data-testid="report-preview"
            >
              {reports.busy === 'previewReport' ? i18n.t('report.generating') : i18n.t('report.preview')}
            </button>
            {can.submit && (
              <button
                type="button"
                className={`button ${latest?.status === 'approved' ? 'button--default' : 'button--primary'}`}
                disabled={!idle}
                onClick={() => void reports.run('submitReport', { locale, texts: written(texts) })}
                data-testid="report-submit"
              >
                {reports.busy === 'submitReport'
                  ? i18n.t('app.busy')
                  : latest
                    ? i18n.t('report.submitNew', { version: latest.version + 1, language: language(i18n, locale) })
                    : i18n.t('report.submit', { language: language(i18n, locale) })}
              </button>
            )}
          </div>
        </div>
        {can.submit && <p className="muted report__hint">{i18n.t('report.submitHint')}</p>}
      </div>

      {latest && previous && <ReportChanges latest={latest} previous={previous} />}

      {can.decide && latest?.status === 'submitted' && (
        <div className="records-block report__decide" data-testid="report-decide">
          <p>
            <strong>{i18n.t('report.decide.awaits', { version: latest.version })}</strong>
          </p>
          <ApprovalDecision
            testId="report-decision"
            labels={{ approve: i18n.t('approval.approve'), sendBack: i18n.t('approval.sendBack') }}
            disabled={!idle}
            renderForm={(choice, close) =>
              choice === 'approve' ? (
                shownHash && (
                  <InlineForm
                    testId="report-approve-form"
                    title={i18n.t('report.approve.title', { version: latest.version, hash: shortHash(shownHash) })}
                    fields={[{ name: 'note', label: 'approval.note', kind: 'textarea' }]}
                    submitLabel={i18n.t('report.approve.submit', { version: latest.version })}
                    onSubmit={(v) =>
                      reports.run('approveReport', {
                        reportVersion: latest.version,
                        contentHash: shownHash,
                        ...(v.note ? { note: v.note } : {}),
                      })
                    }
                    onDone={close}
                  />
                )
              ) : (
                <InlineForm
                  testId="report-changes-form"
                  fields={[{ name: 'comment', label: 'approval.reason', kind: 'textarea', required: true }]}
                  submitLabel={i18n.t('report.requestChanges.submit')}
                  onSubmit={(v) => reports.run('requestReportChanges', { reportVersion: latest.version, comment: v.comment ?? '' })}
                  onDone={close}
                />
              )
            }
          />
        </div>
      )}

      {(view.page || (can.export && approved)) && (
        <div className="records-block report__confluence" data-testid="report-confluence">
          <div className="records-block__head">
            <h4>{i18n.t('report.confluence')}</h4>
            {can.export && approved && (
              <button
                type="button"
                className={`button button--small ${view.page ? 'button--default' : 'button--primary'}`}
                disabled={!idle}
                onClick={() => void reports.run('exportReport', { reportVersion: approved.version })}
                data-testid="report-export"
              >
                {reports.busy === 'exportReport'
                  ? i18n.t('report.exporting')
                  : i18n.t(view.page ? 'report.exportAgain' : 'report.export', { version: approved.version })}
              </button>
            )}
          </div>
          {view.page ? (
            <p data-testid="report-page">
              <ExternalLink href={view.page.url} failedText={i18n.t('app.linkNotOpened')} testId="report-page-link">
                {i18n.t('report.page.open')}
              </ExternalLink>
              <span className="muted"> · {i18n.t('report.page.version', { pageVersion: view.page.pageVersion })}</span>
            </p>
          ) : (
            <p className="muted">{i18n.t('report.page.none')}</p>
          )}
        </div>
      )}

      <div className="report-frame" data-testid="report-frame">
        <div className="report-frame__bar">
          <span className="report-frame__caption" data-testid="report-shown">
            {loadingShownNow
              ? i18n.t('report.shown.loading')
              : !shown
                ? i18n.t('report.shown.none')
                : shown.kind === 'generating'
                  ? i18n.t('report.shown.generating', { date: i18n.dateTime(shown.generating.requestedAt) })
                  : shown.kind === 'preview'
                    ? i18n.t(page ? 'report.shown.page' : 'report.shown.preview', {
                        language: language(i18n, shown.preview.locale),
                        date: i18n.dateTime(shown.preview.generatedAt),
                        ...(page ? { number: page.number, count: page.count } : {}),
                      })
                    : i18n.t('report.shown.version', { version: shown.version, hash: shortHash(shown.html.contentHash) })}
          </span>
          {shown?.kind === 'generating' && (
            <button
              type="button"
              className="button button--default button--small"
              disabled={reports.busy !== null}
              onClick={() => void showPreview()}
              data-testid="report-check-again"
            >
              {i18n.t('report.pager.checkAgain')}
            </button>
          )}
          {page && page.count > 1 && (
            <nav className="report-frame__pager" aria-label={i18n.t('report.pager.label')} data-testid="report-pager">
              <button
                type="button"
                className="button button--default button--small"
                disabled={reports.busy !== null || page.number <= 1}
                onClick={() => void showPreview(page.number - 1)}
                data-testid="report-page-previous"
              >
                {i18n.t('report.pager.previous')}
              </button>
              <button
                type="button"
                className="button button--default button--small"
                disabled={reports.busy !== null || page.number >= page.count}
                onClick={() => void showPreview(page.number + 1)}
                data-testid="report-page-next"
              >
                {i18n.t('report.pager.next')}
              </button>
            </nav>
          )}
          {shown?.kind === 'version' && <DocumentLinks html={shown.html} markdown={shown.markdown} />}
        </div>
        {shown?.kind === 'version' && shown.html.namesRemoved && (
          <p className="report__notice" data-testid="report-names-removed">
            {i18n.t('report.namesRemoved')}
          </p>
        )}
        {shown?.kind === 'version' && shown.html.namesAsFrozen && (
          <p className="report__notice" data-testid="report-names-as-frozen">
            {i18n.t('report.namesAsFrozen')}
          </p>
        )}
        {shown && shown.kind !== 'generating' && (
          <div className="report-frame__viewport">
            <iframe
              className="report-frame__iframe"
              sandbox=""
              srcDoc={shown.kind === 'preview' ? shown.preview.html : shown.html.content}
              title={i18n.t('report.frameTitle')}
              data-testid="report-preview-frame"
            />
          </div>
        )}
      </div>

      <div className="records-block" data-testid="report-versions">
        <h4>{i18n.t('report.versions')}</h4>
        {view.versions.length === 0 ? (
          <p className="muted">{i18n.t('report.versions.none')}</p>
        ) : (
          <ul className="records">
            {view.versions.map((v) => (
              <li
                key={v.version}
                className={`record${shown?.kind === 'version' && shown.version === v.version ? ' record--shown' : ''}`}
                data-testid={`report-version-${v.version}`}
              >
                <div className="record__head">
                  <strong>{i18n.t('report.version', { version: v.version, language: language(i18n, v.locale) })}</strong>
                  <span className="ob-id" title={v.contentHash}>
                    SHA-256 {shortHash(v.contentHash)}
                  </span>
                  <Lozenge tone={STATUS_TONE[v.status]}>{i18n.t(`report.status.${v.status}`)}</Lozenge>
                </div>
                <div className="record__meta">
                  {i18n.t('report.submittedBy', { who: person(view, v.submittedBy), date: i18n.dateTime(v.submittedAt) })}
                </div>
                {v.decision && (
                  <div className={`record__decision record__decision--${v.status}`} data-testid={`report-decision-${v.version}`}>
                    {i18n.t(v.status === 'approved' ? 'report.decided.approved' : 'report.decided.changes-requested', {
                      who: person(view, v.decision.by),
                      date: i18n.dateTime(v.decision.at),
                    })}
                    {v.decision.comment && <p className="record__text">{v.decision.comment}</p>}
                  </div>
                )}
                {v.exports.length > 0 && (
                  <ul className="report__exports">
                    {v.exports.map((x) => (
                      <li key={`${x.pageId}-${x.pageVersion}`}>
                        {i18n.t('report.exported', { pageVersion: x.pageVersion, date: i18n.dateTime(x.at) })}{' '}
                        <ExternalLink href={x.url} failedText={i18n.t('app.linkNotOpened')}>
                          {i18n.t('report.page.open')}
                        </ExternalLink>
                      </li>
                    ))}
                  </ul>
                )}
                <button
                  type="button"
                  className="button button--subtle button--small"
                  disabled={loadingShownNow || (shown?.kind === 'version' && shown.version === v.version)}
                  onClick={() => void showVersion(v.version)}
                  data-testid={`report-show-${v.version}`}
                >
                  {shown?.kind === 'version' && shown.version === v.version ? i18n.t('report.showing') : i18n.t('report.show')}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      <div className="records-block" data-testid="report-debrief">
        <div className="records-block__head">
          <h4>{i18n.t('report.debrief')}</h4>
          {can.debrief && (
            <button
              type="button"
              className={`button button--small ${open === 'debrief' ? 'button--selected' : 'button--default'}`}
              disabled={!idle}
              aria-expanded={open === 'debrief'}
              onClick={() => setOpen(open === 'debrief' ? null : 'debrief')}
              data-testid="report-debrief-open"
            >
              {i18n.t('report.debrief.add')}
            </button>
          )}
        </div>
        <p className="muted" data-testid="report-debrief-count">
          {view.debriefs === 0 ? i18n.t('report.debrief.none') : i18n.t('report.debrief.count', { count: view.debriefs })}
        </p>
        {open === 'debrief' && (
          <InlineForm
            testId="report-debrief-form"
            fields={[
              { name: 'lessonsLearned', label: 'report.debrief.lessons', kind: 'textarea', required: true, maxLength: 20_000 },
              { name: 'improvements', label: 'report.debrief.improvements', kind: 'textarea', maxLength: 20_000 },
            ]}
            submitLabel={i18n.t('records.save')}
            onSubmit={(v) =>
              reports.run('recordDebrief', {
                lessonsLearned: v.lessonsLearned ?? '',
                ...(v.improvements ? { improvements: v.improvements } : {}),
              })
            }
            onDone={() => setOpen(null)}
          />
        )}
      </div>
    </section>
  );
}
