import { useEffect, useState, type ReactNode } from 'react';
import { pageContext, type PageContext } from './api';
import { AnalyticsPage } from './components/analytics-page';
import { ArbitrationBodies } from './components/arbitration-bodies';
import { ProjectSettings } from './components/project-settings';
import { ReviewPage } from './components/review-page';
import { TemplateAdmin } from './components/template-admin';
import { createI18n, I18nContext, type I18n, type MessageKey } from './i18n';

type Tab = 'template' | 'project' | 'analytics' | 'review' | 'arbitration';

/**
 * One bundle for three modules: the Jira admin page (template, any project's settings), a project's
 * settings page (its own project only) and the global page both parties use (analytics, review, template).
 * Each project is one contract with its own template and review, so those tabs first ask for the project.
 */
export function App() {
  const [context, setContext] = useState<PageContext | null>(null);
  const [i18n, setI18n] = useState<I18n>(() => createI18n(navigator.language, undefined));
  useEffect(() => {
    pageContext()
      .then((c) => {
        setContext(c);
        setI18n(createI18n(c.locale, c.timeZone));
      })
      .catch(() => setContext({ moduleType: 'jira:globalPage' }));
  }, []);
  if (!context) return <p className="state">{i18n.t('loading')}</p>;
  return (
    <I18nContext.Provider value={i18n}>
      <div className="page" lang={i18n.locale}>
        {context.moduleType === 'jira:projectSettingsPage' ? <ProjectSettings /> : <Tabs admin={context.moduleType === 'jira:adminPage'} />}
      </div>
    </I18nContext.Provider>
  );
}

function Tabs({ admin }: { admin: boolean }) {
  const tabs: Tab[] = admin ? ['template', 'project'] : ['analytics', 'review', 'template', 'arbitration'];
  const [tab, setTab] = useState<Tab>(tabs[0]!);
  const [projectKey, setProjectKey] = useState('');
  const [chosen, setChosen] = useState('');
  // One chosen contract across the template, review and arbitration tabs.
  const [contract, setContract] = useState('');
  return (
    <I18nContext.Consumer>
      {({ t }) => (
        <>
          <div className="tabs" role="tablist">
            {tabs.map((x) => (
              <button
                key={x}
                type="button"
                role="tab"
                aria-selected={x === tab}
                className={x === tab ? 'tab tab--active' : 'tab'}
                data-testid={`tab-${x}`}
                onClick={() => setTab(x)}
              >
                {t(`tab.${x}` as MessageKey)}
              </button>
            ))}
          </div>
          {tab === 'template' && (
            <ProjectChooser t={t} testId="template-project-key" chosen={contract} onChoose={setContract}>
              {(key) => <TemplateAdmin key={key} projectKey={key} />}
            </ProjectChooser>
          )}
          {tab === 'analytics' && <AnalyticsPage />}
          {tab === 'review' && (
            <ProjectChooser t={t} testId="review-project-key" chosen={contract} onChoose={setContract}>
              {(key) => <ReviewPage key={key} projectKey={key} />}
            </ProjectChooser>
          )}
          {tab === 'arbitration' && (
            <ProjectChooser t={t} testId="arbitration-project-key" chosen={contract} onChoose={setContract}>
              {(key) => <ArbitrationBodies key={key} projectKey={key} />}
            </ProjectChooser>
          )}
          {tab === 'project' && (
            <div className="stack">
              <form className="row" onSubmit={(e) => (e.preventDefault(), setChosen(projectKey.trim().toUpperCase()))}>
                <label>
                  {t('project.choose')}{' '}
                  <input className="short" value={projectKey} data-testid="project-key" onChange={(e) => setProjectKey(e.target.value)} />
                </label>
                <button type="submit" className="button">
                  {t('project.open')}
                </button>
              </form>
              {chosen && <ProjectSettings key={chosen} projectKey={chosen} />}
            </div>
          )}
        </>
      )}
    </I18nContext.Consumer>
  );
}

/** The global pages have no project: the user names the contract's project (DEMO in the sandbox). */
function ProjectChooser({
  t,
  testId,
  chosen,
  onChoose,
  children,
}: {
  t: (key: MessageKey) => string;
  testId: string;
  chosen: string;
  onChoose: (projectKey: string) => void;
  children: (projectKey: string) => ReactNode;
}) {
  const [projectKey, setProjectKey] = useState(chosen);
  return (
    <div className="stack">
      <form className="row" onSubmit={(e) => (e.preventDefault(), onChoose(projectKey.trim().toUpperCase()))}>
        <label>
          {t('project.choose')}{' '}
          <input className="short" value={projectKey} data-testid={testId} onChange={(e) => setProjectKey(e.target.value)} />
        </label>
        <button type="submit" className="button">
          {t('project.open')}
        </button>
      </form>
      {chosen && children(chosen)}
    </div>
  );
}
