import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { EscalationPanelView } from '../../../src/shared/escalation-panel-view';
import { getUserContext } from './api/invokes';
import { ActForParty, MIN_REASON, type ActForPartyState } from './components/act-for-party';
import { DeadlineList } from './components/deadline-list';
import { ErrorBanner } from './components/error-banner';
import { ErrorBoundary } from './components/error-boundary';
import { EscalationActions } from './components/escalation-actions';
import { EscalationHeader } from './components/escalation-header';
import { EscalationTimeline } from './components/escalation-timeline';
import { LevelSteps } from './components/level-steps';
import { goTo, NextSteps } from './components/next-steps';
import { ObligationChecklist } from './components/obligation-checklist';
import { PanelContext, type PanelContextValue } from './components/panel-context';
import { AcknowledgeBanner } from './components/acknowledge-banner';
import { ProposalBanner } from './components/proposal-banner';
import { StartEscalationForm } from './components/start-escalation-form';
import { WorkingRecords } from './components/working-records';
import { errorText, obligationIndex, partyLabel } from './components/view-helpers';
import { usePanel, useServerNow, type PanelState } from './hooks/use-panel';
import { createI18n, I18nContext, useI18n, type I18n, type MessageKey } from './i18n/i18n';

// The report tab is opened only once an escalation is resolved: its code loads when it is first shown.
const ReportSection = lazy(() => import('./components/report-section').then((m) => ({ default: m.ReportSection })));

function browserI18n(): I18n {
  return createI18n(navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone);
}

/** The issue panel: never blank — loading, a failure with retry, or the escalation. */
export function App() {
  const [i18n, setI18n] = useState<I18n>(browserI18n);
  const [contextReady, setContextReady] = useState(false);
  const panel = usePanel();

  useEffect(() => {
    let live = true;
    getUserContext()
      .then((context) => live && setI18n(createI18n(context.locale, context.timeZone)))
      .catch(() => undefined) // keep the browser's language and zone; the view's own load reports failures
      .finally(() => live && setContextReady(true));
    return () => {
      live = false;
    };
  }, []);

  const { phase } = panel;
  return (
    <I18nContext.Provider value={i18n}>
      <div className="panel" lang={i18n.tag}>
        {phase.kind === 'loading' || !contextReady ? (
          <div className="state" data-testid="loading" aria-busy="true">
            <span className="spinner" aria-hidden="true" /> {i18n.t('app.loading')}
          </div>
        ) : phase.kind === 'failed' ? (
          <div className="state state--error" role="alert" data-testid="load-failed">
            <p className="state__title">{i18n.t('app.loadFailed')}</p>
            <p>{phase.error === 'unreachable' ? i18n.t('app.unreachable') : errorText(i18n, phase.error)}</p>
            <button type="button" className="button button--primary" onClick={panel.reload}>
              {i18n.t('app.retry')}
            </button>
          </div>
        ) : (
          <ErrorBoundary onRetry={panel.reload}>
            <LoadedPanel view={phase.view} receivedAt={phase.receivedAt} panel={panel} />
          </ErrorBoundary>
        )}
      </div>
    </I18nContext.Provider>
  );
}

function LoadedPanel({
  view,
  receivedAt,
  panel,
}: {
  readonly view: EscalationPanelView;
  readonly receivedAt: number;
  readonly panel: PanelState;
}) {
  const i18n = useI18n();
  const nowMs = useServerNow(view.now, receivedAt);
  const [actFor, setActFor] = useState<ActForPartyState>({ enabled: false, party: view.viewer.party ?? 'contractor', reason: '' });
  const obligations = useMemo(() => obligationIndex(view), [view]);
  const [refreshing, setRefreshing] = useState(false);
  const [tab, setTab] = useState<'escalation' | 'report'>('escalation');
  const [reportOpened, setReportOpened] = useState(false);
  // The top of the panel (next steps, level, clocks) first; the long parts (checklist, records, timeline)
  // one task later, so the person sees what to do before the browser lays out forty cards.
  const [restShown, setRestShown] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setRestShown(true), 0);
    return () => window.clearTimeout(timer);
  }, []);

  const { viewer, escalation } = view;
  const acting = viewer.isAdmin && viewer.canEdit && actFor.enabled;
  const reason = actFor.reason.trim();
  const onBehalf = acting && reason.length >= MIN_REASON ? { party: actFor.party, reason } : undefined;
  const actingParty = acting ? actFor.party : viewer.party;
  const blocked: MessageKey | null = !viewer.canEdit ? 'viewer.readOnly.noEdit' : acting && !onBehalf ? 'actions.blockedByActing' : null;
  const readOnly = !viewer.canEdit || actingParty === null;
  // The final report is written once the escalation is resolved (and stays readable once closed).
  const hasReport = escalation !== null && escalation.status !== 'open';
  const shownTab = hasReport ? tab : 'escalation';

  // A failure is shown beside the control that started the action (in its form or list entry), not at the top.
  const [errorHost, setErrorHost] = useState<HTMLElement | null>(null);
  const errorHostRef = useRef<HTMLElement | null>(null);
  const context: PanelContextValue = {
    view,
    nowMs,
    obligations,
    actingParty: readOnly ? null : actingParty,
    actingOnBehalf: acting,
    blocked,
    busy: panel.busy,
    run: async (key, input) => {
      const trigger = document.activeElement;
      errorHostRef.current?.remove();
      errorHostRef.current = null;
      const result = await panel.run(key, input, onBehalf);
      const block = trigger?.isConnected ? trigger.closest('li, td, section') : null;
      if (!result.ok && result.error !== 'busy' && block) {
        const host = document.createElement('div');
        host.className = 'error-beside-action';
        block.appendChild(host);
        errorHostRef.current = host;
      }
      setErrorHost(errorHostRef.current);
      return result;
    },
  };
  const openReport = () => {
    setTab('report');
    setReportOpened(true);
  };
  const banner = panel.shownError && <ErrorBanner shown={panel.shownError} obligations={obligations} onDismiss={panel.dismissError} />;

  return (
    <PanelContext.Provider value={context}>
      {banner && (errorHost?.isConnected && panel.shownError?.action !== 'getEscalation' ? createPortal(banner, errorHost) : banner)}
      <div className="viewer-bar">
        {readOnly ? (
          <p className="note" data-testid="read-only-note">
            {i18n.t(!viewer.canEdit ? 'viewer.readOnly.noEdit' : 'viewer.readOnly.noParty')}
          </p>
        ) : (
          <p className="viewer-bar__who" data-testid="acting-as">
            {onBehalf
              ? i18n.t('viewer.actingFor', { party: i18n.t(`party.${onBehalf.party}.inline`), reason: onBehalf.reason })
              : i18n.t('viewer.you', { party: partyLabel(i18n, actingParty ?? 'system') })}
          </p>
        )}
        <button
          type="button"
          className="button button--subtle button--small viewer-bar__refresh"
          disabled={panel.busy !== null || refreshing}
          onClick={() => {
            setRefreshing(true);
            void panel.refresh().finally(() => setRefreshing(false));
          }}
          data-testid="refresh"
        >
          {refreshing ? i18n.t('app.refreshing') : i18n.t('app.refresh')}
        </button>
        {viewer.isAdmin && viewer.canEdit && <ActForParty value={actFor} onChange={setActFor} />}
      </div>
      {escalation ? (
        <>
          <NextSteps escalation={escalation} onOpenReport={openReport} />
          <EscalationHeader escalation={escalation} />
          <AcknowledgeBanner escalation={escalation} />
          <ProposalBanner escalation={escalation} />
          {hasReport && (
            <div className="tabs" role="tablist" aria-label={i18n.t('tabs.label')}>
              {(['escalation', 'report'] as const).map((id) => (
                <button
                  key={id}
                  type="button"
                  role="tab"
                  id={`tab-${id}`}
                  aria-selected={shownTab === id}
                  aria-controls={`tabpanel-${id}`}
                  className={`tabs__tab${shownTab === id ? ' tabs__tab--selected' : ''}`}
                  onClick={() => {
                    setTab(id);
                    if (id === 'report') setReportOpened(true);
                  }}
                  data-testid={`tab-${id}`}
                >
                  {i18n.t(`tabs.${id}`)}
                </button>
              ))}
            </div>
          )}
          <div
            className="tabpanel"
            role={hasReport ? 'tabpanel' : undefined}
            id="tabpanel-escalation"
            aria-labelledby={hasReport ? 'tab-escalation' : undefined}
            hidden={shownTab !== 'escalation'}
          >
            <LevelSteps current={escalation.level} />
            {!readOnly && <EscalationActions escalation={escalation} />}
            <DeadlineList deadlines={escalation.deadlines} />
            {restShown && (
              <>
                <SectionNav />
                <ObligationChecklist sections={escalation.sections} level={escalation.level} party={readOnly ? null : actingParty} />
                <WorkingRecords escalation={escalation} />
                <EscalationTimeline timeline={escalation.timeline} />
              </>
            )}
          </div>
          {hasReport && reportOpened && (
            <div className="tabpanel" role="tabpanel" id="tabpanel-report" aria-labelledby="tab-report" hidden={shownTab !== 'report'}>
              <Suspense fallback={<ReportLoading />}>
                <ReportSection onBehalf={onBehalf} actingFor={acting ? actFor.party : null} afterChange={() => void panel.refresh()} />
              </Suspense>
            </div>
          )}
        </>
      ) : (
        <StartEscalationForm />
      )}
    </PanelContext.Provider>
  );
}

function ReportLoading() {
  const i18n = useI18n();
  return (
    <div className="state" aria-busy="true">
      <span className="spinner" aria-hidden="true" /> {i18n.t('report.loading')}
    </div>
  );
}

/** Jumps to the parts below the checklist, so nobody scrolls past forty cards to reach the plans or the timeline. */
function SectionNav() {
  const i18n = useI18n();
  const parts = [
    ['obligation-checklist', 'checklist.title'],
    ['working-records', 'records.title'],
    ['timeline-title', 'timeline.title'],
  ] as const;
  return (
    <nav className="section-nav" aria-label={i18n.t('tabs.label')} data-testid="section-nav">
      {parts.map(([testId, label]) => (
        <button
          key={testId}
          type="button"
          className="button button--subtle button--small"
          onClick={() => goTo(testId === 'timeline-title' ? '#timeline-title' : `[data-testid="${testId}"]`)}
        >
          {i18n.t(label)}
        </button>
      ))}
    </nav>
  );
}
