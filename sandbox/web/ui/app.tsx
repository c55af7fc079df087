/** The sandbox page: Jira-like top bar (navigation, clock, user switcher) and the selected view. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, listProjects, selectUser, selectedUserId, type Session } from './api';
import { ClockControl } from './clock-control';
import { ConfluenceView } from './confluence-view';
import { Dialog } from './dialog';
import { currentColorMode, ForgeFrame, setColorMode, setFrameHostHandlers, type ColorMode, type FlagOptions } from './forge-frame';
import { LocaleContext, labelsFor, useLocale, type Locale } from './i18n';
import { IssueList } from './issue-list';
import { Avatar, IssueView, type AppField } from './issue-view';
import type { JiraProject } from './jira-types';
import { OutboxView } from './outbox-view';
import { PortalView } from './portal-view';
import { WorkflowEditor } from './workflow-view';

/** Jira's global administrators: only they see and use the workflow editor. */
const ADMIN_GROUP = 'jira-administrators';

type Route =
  | { view: 'issues'; issueKey?: string }
  | { view: 'confluence'; pageId?: string }
  | { view: 'outbox' }
  | { view: 'portal'; issueKey?: string }
  | { view: 'apps'; moduleKey?: string }
  | { view: 'project-settings'; moduleKey?: string }
  | { view: 'workflow'; transitionId?: number };

function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  switch (parts[0]) {
    case 'browse':
      return { view: 'issues', issueKey: parts[1] };
    case 'confluence':
      return { view: 'confluence', pageId: parts[1] };
    case 'outbox':
      return { view: 'outbox' };
    case 'portal':
      return { view: 'portal', issueKey: parts[1] };
    case 'apps':
      return { view: 'apps', moduleKey: parts[1] };
    case 'project-settings':
      return { view: 'project-settings', moduleKey: parts[1] };
    case 'workflow':
      return { view: 'workflow', transitionId: parts[1] ? Number(parts[1]) : undefined };
    default:
      return { view: 'issues' };
  }
}

function go(hash: string): void {
  if (location.hash !== hash) location.hash = hash;
}

/**
 * The session the server put in the page, taken once: for the user the page was loaded as (the cookie),
 * and only if that is still the selected user; later sessions (another user) are asked for.
 */
function sessionInPage(): Session | undefined {
  const element = document.getElementById('sandbox-session');
  if (!element) return undefined;
  element.remove();
  try {
    const session = JSON.parse(element.textContent ?? '') as Session;
    const selected = selectedUserId();
    return !selected || selected === session.user.accountId ? session : undefined;
  } catch {
    return undefined;
  }
}

/** The session; a selected user the server no longer knows is forgotten, and the session asked for again. */
async function fetchSession(): Promise<Session> {
  const inPage = sessionInPage();
  if (inPage) return inPage;
  try {
    return await api.session();
  } catch (e) {
    if (!selectedUserId()) throw e;
    localStorage.removeItem('sandbox-user'); // a user from an older data file
    return fetchSession();
  }
}

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [route, setRoute] = useState<Route>(() => parseRoute(location.hash));
  const [reloadToken, setReloadToken] = useState(0);
  const [flags, setFlags] = useState<FlagOptions[]>([]);
  // A frame's link to another site, waiting for the user's answer (Jira asks before opening it).
  const [leaving, setLeaving] = useState<{ url: string; answer(open: boolean): void } | null>(null);
  const [jql, setJql] = useState<string>('');

  // Settles through callbacks: state is set when the session arrives, never synchronously in the effect.
  const loadSession = useCallback(
    () =>
      fetchSession()
        .then((s) => {
          if (selectedUserId() !== s.user.accountId) selectUser(s.user.accountId);
          setSession(s);
          setError(null);
        })
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e))),
    [],
  );

  useEffect(() => {
    void loadSession();
    const onHash = () => setRoute(parseRoute(location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [loadSession]);

  useEffect(() => {
    if (jql || !session) return;
    void listProjects().then((projects) =>
      // Jira refuses unbounded JQL in many places, and so does the emulator: always name the project.
      setJql(projects[0] ? `project = ${projects[0].key} ORDER BY key ASC` : 'project = DEMO ORDER BY key ASC'),
    );
  }, [session, jql]);

  useEffect(() => {
    setFrameHostHandlers({
      showFlag: (flag) => {
        setFlags((fs) => [...fs.filter((f) => f.id !== flag.id), flag]);
        if (flag.isAutoDismiss ?? (flag.type !== 'error' && flag.type !== 'warning'))
          setTimeout(() => setFlags((fs) => fs.filter((f) => f !== flag)), 8000);
      },
      closeFlag: (id) => setFlags((fs) => fs.filter((f) => f.id !== id)),
      navigate: (loc) => {
        const browse = loc.url ? /\/browse\/([A-Z][A-Z0-9_]*-\d+)/.exec(loc.url) : null;
        if (loc.target === 'issue' && loc.issueKey) go(`#/browse/${loc.issueKey}`);
        else if (browse) go(`#/browse/${browse[1]}`);
        else if (loc.url && /^https?:/.test(loc.url)) window.open(loc.url, loc.type === 'new-tab' ? '_blank' : '_self');
        else return false;
        return true;
      },
      refresh: () => setReloadToken((n) => n + 1),
      confirmExternalLink: (url) =>
        new Promise<boolean>((resolve) =>
          setLeaving((previous) => {
            previous?.answer(false); // one question at a time: a newer link replaces an unanswered one
            return { url, answer: resolve };
          }),
        ),
    });
  }, []);

  const locale: Locale = useMemo(
    () => ({
      t: labelsFor(session?.user.locale ?? navigator.language),
      locale: session?.user.locale ?? 'en-US',
      timeZone: session?.user.timeZone ?? 'UTC',
    }),
    [session],
  );

  useEffect(() => {
    document.documentElement.lang = locale.locale.slice(0, 2);
  }, [locale]);

  if (error) return <div className="error-banner pad">{error}</div>;
  if (!session) return <div className="boot">Loading sandbox…</div>;

  const appFields: AppField[] = session.appFields;
  const user = session.user;
  const switchUser = (accountId: string) => {
    selectUser(accountId);
    void loadSession();
  };

  return (
    <LocaleContext.Provider value={locale}>
      <div className="app" data-user={user.accountId}>
        <TopBar session={session} route={route} onSwitchUser={switchUser} onClockAdvanced={() => setReloadToken((n) => n + 1)} />
        <div className="content" key={`${user.accountId}/${user.locale}`}>
          {(route.view === 'portal' || (user.customer && route.view === 'issues')) && (
            <PortalView
              issueKey={route.view === 'portal' ? route.issueKey : undefined}
              modules={session.modules}
              reloadToken={reloadToken}
            />
          )}
          {route.view === 'issues' && !user.customer && (
            <div className="split">
              {jql && (
                <IssueList
                  jql={jql}
                  onJql={setJql}
                  selectedKey={route.issueKey}
                  onSelect={(k) => go(`#/browse/${k}`)}
                  reloadToken={reloadToken}
                  appFields={appFields}
                />
              )}
              <main className="detail-pane">
                {route.issueKey ? (
                  <IssueView
                    issueKey={route.issueKey}
                    modules={session.modules}
                    appFields={appFields}
                    reloadToken={reloadToken}
                    viewerAccountId={user.accountId}
                    onChanged={() => setReloadToken((n) => n + 1)}
                  />
                ) : (
                  <EmptyState text={locale.t.selectIssue} />
                )}
              </main>
            </div>
          )}
          {route.view === 'confluence' && (
            <ConfluenceView pageId={route.pageId} onSelect={(id) => go(`#/confluence/${id}`)} reloadToken={reloadToken} />
          )}
          {route.view === 'outbox' && (
            <OutboxView users={session.users} reloadToken={reloadToken} onOpenIssue={(k) => go(`#/browse/${k}`)} />
          )}
          {route.view === 'apps' && (
            <ModulePages session={session} kinds={['jira:adminPage', 'jira:globalPage']} moduleKey={route.moduleKey} base="apps" />
          )}
          {route.view === 'workflow' &&
            (user.groups.includes(ADMIN_GROUP) ? (
              <WorkflowEditor transitionId={route.transitionId} onSelect={(id) => go(`#/workflow/${id}`)} />
            ) : (
              <main className="page muted" data-testid="workflow-denied">
                {locale.t.onlyAdmins}
              </main>
            ))}
          {route.view === 'project-settings' && (
            <ModulePages session={session} kinds={['jira:projectSettingsPage']} moduleKey={route.moduleKey} base="project-settings" />
          )}
        </div>
        {leaving && (
          <ExternalLinkPrompt
            url={leaving.url}
            onAnswer={(open) => {
              leaving.answer(open);
              setLeaving(null);
            }}
          />
        )}
        <div className="flags" data-testid="flags">
          {flags.map((f) => (
            <div key={f.id} className={`flag flag-${f.type ?? 'info'}`} role="status">
              <div className="flag-title">{f.title}</div>
              {f.description && <div className="flag-description">{f.description}</div>}
              <button className="flag-close" aria-label={locale.t.close} onClick={() => setFlags((fs) => fs.filter((x) => x.id !== f.id))}>
                ×
              </button>
            </div>
          ))}
        </div>
      </div>
    </LocaleContext.Provider>
  );
}

/** Jira's question before an app's link leaves the site (router docs: "the user is prompted"). */
function ExternalLinkPrompt(props: { url: string; onAnswer: (open: boolean) => void }) {
  const { t } = useLocale();
  return (
    <Dialog
      title={t.externalLinkTitle}
      testId="external-link-prompt"
      actions={
        <>
          <button className="btn btn-primary" onClick={() => props.onAnswer(true)} data-testid="external-link-open">
            {t.externalLinkOpen}
          </button>
          <button className="btn btn-default" onClick={() => props.onAnswer(false)} data-testid="external-link-cancel">
            {t.cancel}
          </button>
        </>
      }
    >
      <p>{t.externalLinkText}</p>
      <p className="external-link-url" data-testid="external-link-url">
        {props.url}
      </p>
    </Dialog>
  );
}

function TopBar(props: { session: Session; route: Route; onSwitchUser: (id: string) => void; onClockAdvanced: () => void }) {
  const { t } = useLocale();
  const { session, route } = props;
  const hasApps = session.modules.some((m) => m.kind === 'jira:adminPage' || m.kind === 'jira:globalPage');
  const hasProjectPages = session.modules.some((m) => m.kind === 'jira:projectSettingsPage');
  const tab = (view: Route['view'], hash: string, label: string) => (
    <a className={`nav-item${route.view === view ? ' active' : ''}`} href={hash} data-testid={`nav-${view}`}>
      {label}
    </a>
  );
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-logo" aria-hidden>
          ◆
        </span>
        <span>Jira</span>
        <span className="brand-sandbox">Sandbox</span>
      </div>
      <nav className="nav">
        {!session.user.customer && tab('issues', '#/', t.issues)}
        {tab('portal', '#/portal', t.portal)}
        {tab('confluence', '#/confluence', t.confluence)}
        {tab('outbox', '#/outbox', t.outbox)}
        {hasApps && !session.user.customer && tab('apps', '#/apps', t.apps)}
        {hasProjectPages && !session.user.customer && tab('project-settings', '#/project-settings', t.projectSettings)}
        {session.user.groups.includes(ADMIN_GROUP) && tab('workflow', '#/workflow', t.workflow)}
      </nav>
      <div className="topbar-right">
        <ClockControl onAdvanced={props.onClockAdvanced} />
        <ThemeSwitch />
        <label className="user-switch">
          <Avatar name={session.user.displayName} />
          <select
            value={session.user.accountId}
            onChange={(e) => props.onSwitchUser(e.target.value)}
            aria-label={t.user}
            data-testid="user-switcher"
            title={session.user.groups.join(', ')}
          >
            {session.users.map((u) => (
              <option key={u.accountId} value={u.accountId}>
                {u.displayName} ·{' '}
                {u.customer ? `${t.portal}: ${u.emailAddress}` : (u.groups.find((g) => g !== 'jira-users') ?? u.emailAddress)}
              </option>
            ))}
          </select>
        </label>
      </div>
    </header>
  );
}

/** Jira's light or dark theme, for the page and every frame that enabled theming. */
function ThemeSwitch() {
  const { t } = useLocale();
  const [mode, setMode] = useState<ColorMode>(currentColorMode);
  useEffect(() => setColorMode(mode), [mode]);
  return (
    <select
      className="theme-switch"
      value={mode}
      onChange={(e) => setMode(e.target.value as ColorMode)}
      aria-label={t.theme}
      data-testid="theme-switch"
    >
      <option value="light">{t.themeLight}</option>
      <option value="dark">{t.themeDark}</option>
    </select>
  );
}

function ModulePages(props: { session: Session; kinds: string[]; moduleKey?: string; base: string }) {
  const { t } = useLocale();
  const modules = props.session.modules.filter((m) => props.kinds.includes(m.kind));
  const [projects, setProjects] = useState<JiraProject[]>([]);
  const [projectKey, setProjectKey] = useState<string>('');
  const needsProject = props.kinds.includes('jira:projectSettingsPage');
  useEffect(() => {
    if (!needsProject) return;
    void listProjects().then((ps) => {
      setProjects(ps);
      setProjectKey((k) => k || ps[0]?.key || '');
    });
  }, [needsProject]);
  const selected = modules.find((m) => m.key === props.moduleKey) ?? modules[0];
  if (!selected) return <main className="page muted">{needsProject ? t.noProjectPages : t.noApps}</main>;
  return (
    <div className="split">
      <aside className="issue-list">
        {needsProject && (
          <label className="pad block">
            {t.project}{' '}
            <select value={projectKey} onChange={(e) => setProjectKey(e.target.value)}>
              {projects.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.name} ({p.key})
                </option>
              ))}
            </select>
          </label>
        )}
        <ul className="issue-rows">
          {modules.map((m) => (
            <li key={m.key}>
              <a className={`issue-row${m.key === selected.key ? ' selected' : ''}`} href={`#/${props.base}/${m.key}`}>
                <span className="issue-summary">{m.title}</span>
              </a>
            </li>
          ))}
        </ul>
      </aside>
      <main className="detail-pane" data-testid={`page-${selected.key}`}>
        <h1 className="page-title">{selected.title}</h1>
        {(!needsProject || projectKey) && (
          <ForgeFrame
            key={`${selected.key}-${projectKey}`}
            moduleKey={selected.key}
            title={selected.title}
            projectKey={needsProject ? projectKey : undefined}
            minHeight={300}
          />
        )}
      </main>
    </div>
  );
}

function EmptyState({ text }: { text: string }) {
  return (
    <div className="empty-state">
      <div className="empty-illustration" aria-hidden>
        ☰
      </div>
      <div>{text}</div>
    </div>
  );
}
