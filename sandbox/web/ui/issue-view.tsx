/**
 * The issue view, laid out like Jira's: summary, the app's issue panels (Custom UI frames), description and
 * activity (comments, history) on the left; status with transitions and the details (priority, people,
 * the app's custom field) on the right.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Adf } from './adf';
import { CommentEditor } from './comment-editor';
import { Dialog } from './dialog';
import { api, type ModuleInfo } from './api';
import { ForgeFrame, preregisterIssueFrames, sendIssueChanged } from './forge-frame';

/** How often the page asks the sandbox for issue changes (Jira's own event may take a few seconds too). */
const CHANGE_POLL_MS = 1000;
import { formatDateTime, useLocale } from './i18n';
import type { ChangelogEntry, Comment, JiraField, JiraIssue, Transition } from './jira-types';
import { StatusLozenge } from './status-lozenge';

export interface AppField {
  key: string;
  name: string;
  /** The manifest gives the field a Custom UI view for the `issue-view` experience. */
  issueView?: boolean;
}

interface IssueData {
  issue: JiraIssue;
  transitions: Transition[];
  comments: Comment[];
  changelog: ChangelogEntry[];
  remoteLinks: RemoteLink[];
  /** False while only the issue itself is here: its transitions, comments, history and links are still loading. */
  complete: boolean;
}

interface RemoteLink {
  id: number;
  object: { url: string; title: string; summary?: string };
}

/** A link to a page of the emulated Confluence opens the sandbox's viewer; any other link a new tab. */
function sandboxHref(url: string): { href: string; external: boolean } {
  const page = /\/wiki\/spaces\/[^/]+\/pages\/(\d+)/.exec(url);
  return page ? { href: `#/confluence/${page[1]}`, external: false } : { href: url, external: true };
}

export function IssueView(props: {
  issueKey: string;
  modules: ModuleInfo[];
  appFields: AppField[];
  reloadToken: number;
  /** The user looking: Jira's issue view does not tell its modules about this user's own changes. */
  viewerAccountId: string;
  onChanged(): void;
}) {
  const l = useLocale();
  const { t } = l;
  // Kept with the key it was loaded for: a stale issue is never shown (or commented on) as the one just opened.
  const [loaded, setLoaded] = useState<{ issueKey: string; data: IssueData } | null>(null);
  const data = loaded?.issueKey === props.issueKey ? loaded.data : null;
  const [error, setError] = useState<string | null>(null);
  // A failed transition's message, shown until the issue changes or is reloaded.
  const [transitionFailure, setTransitionFailure] = useState<{ message: string; issueKey: string; reloadToken: number } | null>(null);
  const transitionError =
    transitionFailure?.issueKey === props.issueKey && transitionFailure.reloadToken === props.reloadToken
      ? transitionFailure.message
      : null;
  const [busy, setBusy] = useState(false);
  const [tab, setTab] = useState<'comments' | 'history'>('comments');
  // The transition screen open on this issue, if any.
  const [screenState, setScreen] = useState<{ transition: Transition; issueKey: string } | null>(null);
  const screen = screenState?.issueKey === props.issueKey ? screenState.transition : null;
  const [priorities, setPriorities] = useState<{ id: string; name: string }[]>([]);
  // A refused edit (priority, comment): Jira's message, shown until the next edit or issue.
  const [editFailure, setEditFailure] = useState<{ message: string; issueKey: string } | null>(null);
  const editError = editFailure?.issueKey === props.issueKey ? editFailure.message : null;
  const [fieldIds, setFieldIds] = useState<{ id: string; name: string; key: string; issueView: boolean }[]>([]);

  // Settles through callbacks: state is set when the answers arrive, never synchronously in the effect.
  // Only the latest read may settle: a slow answer for an issue opened before must not replace the current one.
  const latestRead = useRef(0);
  const load = useCallback(() => {
    const read = ++latestRead.current;
    const isLatest = () => read === latestRead.current;
    const key = encodeURIComponent(props.issueKey);
    const issueRead = api.jira<JiraIssue>('GET', `/rest/api/3/issue/${key}?expand=renderedFields,names`);
    // As Jira's issue view: the issue (and the app's panels in it) shows as soon as the issue itself is read; its
    // transitions, comments, history and links follow. Only on opening: a reload replaces everything at once, so
    // a new status never shows beside the old status's transitions.
    issueRead.then(
      (issue) =>
        isLatest() &&
        setLoaded((current) =>
          current?.issueKey === props.issueKey
            ? current
            : { issueKey: props.issueKey, data: { issue, transitions: [], comments: [], changelog: [], remoteLinks: [], complete: false } },
        ),
      () => undefined, // reported below, with the other reads
    );
    return Promise.all([
      issueRead,
      api
        .jira<{ transitions: Transition[] }>('GET', `/rest/api/3/issue/${key}/transitions?expand=transitions.fields`)
        .catch(() => ({ transitions: [] })),
      api.jira<{ comments: Comment[] }>('GET', `/rest/api/3/issue/${key}/comment?maxResults=100`).catch(() => ({ comments: [] })),
      api.jira<{ values: ChangelogEntry[] }>('GET', `/rest/api/3/issue/${key}/changelog?maxResults=100`).catch(() => ({ values: [] })),
      api.jira<RemoteLink[]>('GET', `/rest/api/3/issue/${key}/remotelink`).catch(() => []),
    ]).then(
      ([issue, transitions, comments, changelog, remoteLinks]) => {
        if (!isLatest()) return;
        setLoaded({
          issueKey: props.issueKey,
          data: {
            issue,
            transitions: transitions.transitions ?? [],
            comments: comments.comments ?? [],
            changelog: changelog.values ?? [],
            remoteLinks: Array.isArray(remoteLinks) ? remoteLinks : [],
            complete: true,
          },
        });
        setError(null);
      },
      (e: unknown) => {
        if (!isLatest()) return;
        setLoaded(null);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, [props.issueKey]);

  useEffect(() => {
    void load();
  }, [load, props.reloadToken]);

  // The panels' frames are asked for beside the issue's own reads, not after them (see preregisterIssueFrames).
  const panelKeys = props.modules
    .filter((m) => m.kind === 'jira:issuePanel' || m.kind === 'jira:issueActivity')
    .map((m) => m.key)
    .join(' ');
  useEffect(() => (panelKeys ? preregisterIssueFrames(panelKeys.split(' '), props.issueKey) : undefined), [panelKeys, props.issueKey]);

  // Live, as Jira's issue view: changes made by others (people, transitions, the app's sweep) show at once
  // here and reach the app's frames as JIRA_ISSUE_CHANGED; the viewer's own changes do not (Forge docs, Limitations).
  const { issueKey, viewerAccountId } = props;
  useEffect(() => {
    let after: number | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = () => {
      api.issueChanges(after ?? Number.MAX_SAFE_INTEGER).then(
        (feed) => {
          if (stopped) return;
          const news = after === null ? [] : feed.changes.filter((c) => c.issueKey === issueKey && c.atlassianId !== viewerAccountId);
          after = feed.seq;
          if (news.length > 0) {
            void load();
            sendIssueChanged(issueKey, {
              issueId: news[0]!.issueId,
              projectId: news[0]!.projectId,
              changes: news.map((c) => ({ changeType: c.changeType, atlassianId: c.atlassianId })),
            });
          }
          timer = setTimeout(poll, CHANGE_POLL_MS);
        },
        () => {
          if (!stopped) timer = setTimeout(poll, CHANGE_POLL_MS);
        },
      );
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [issueKey, viewerAccountId, load]);

  useEffect(() => {
    if (props.appFields.length === 0) return;
    api.jira<JiraField[]>('GET', '/rest/api/3/field').then(
      (fields) =>
        setFieldIds(
          fields.flatMap((f) => {
            // Jira labels an app's field with the manifest's `name` translated for the viewer (the session's i18n name).
            const app = props.appFields.find((a) => matchesAppField(f, a));
            return app ? [{ id: f.id, name: app.name, key: app.key, issueView: app.issueView === true }] : [];
          }),
        ),
      () => setFieldIds([]),
    );
  }, [props.appFields]);

  useEffect(() => {
    api.jira<{ id: string; name: string }[]>('GET', '/rest/api/3/priority').then(
      (list) => setPriorities(list.map((p) => ({ id: p.id, name: p.name }))),
      () => setPriorities([]),
    );
  }, []);

  /** Edits the priority as Jira's issue view does: `PUT /rest/api/3/issue/{key}`, so the app's update trigger sees the changelog. */
  async function changePriority(id: string): Promise<void> {
    setBusy(true);
    setEditFailure(null);
    try {
      await api.jira('PUT', `/rest/api/3/issue/${encodeURIComponent(props.issueKey)}`, { fields: { priority: { id } } });
      await load();
      props.onChanged();
    } catch (e) {
      setEditFailure({ message: e instanceof Error ? e.message : String(e), issueKey: props.issueKey });
    } finally {
      setBusy(false);
    }
  }

  /** A transition with a screen opens it first, as Jira does; the screen's values go with the transition. */
  async function transition(tr: Transition, fields?: Record<string, unknown>): Promise<void> {
    if (tr.hasScreen && fields === undefined) return setScreen({ transition: tr, issueKey: props.issueKey });
    setScreen(null);
    setBusy(true);
    setTransitionFailure(null);
    try {
      await api.jira('POST', `/rest/api/3/issue/${encodeURIComponent(props.issueKey)}/transitions`, {
        transition: { id: tr.id },
        ...(fields && Object.keys(fields).length ? { fields } : {}),
      });
      await load();
      props.onChanged();
    } catch (e) {
      setTransitionFailure({
        message: e instanceof Error ? e.message : String(e),
        issueKey: props.issueKey,
        reloadToken: props.reloadToken,
      });
    } finally {
      setBusy(false);
    }
  }

  if (error)
    return (
      <div className="error-banner" data-testid="issue-error">
        {error}
      </div>
    );
  if (!data) return <div className="muted pad">{t.loading}</div>;
  const { issue } = data;
  const f = issue.fields;
  const panels = props.modules.filter((m) => m.kind === 'jira:issuePanel' || m.kind === 'jira:issueActivity');
  const contexts = props.modules.filter((m) => m.kind === 'jira:issueContext');
  return (
    <article className="issue-view" data-testid="issue-view" data-issue-key={issue.key}>
      <nav className="breadcrumbs">
        <span>{f.project?.name ?? f.project?.key}</span> / <span className="issue-key">{issue.key}</span>
      </nav>
      <div className="issue-columns">
        <section className="issue-main">
          <h1 className="issue-summary-title" data-testid="issue-summary">
            {f.summary}
          </h1>
          {panels.map((m) => (
            <section key={`${m.key}-${issue.key}`} className="app-panel" data-testid={`panel-${m.key}`}>
              <header className="app-panel-header">
                {m.icon && <img src={m.icon} alt="" width={16} height={16} />}
                <span>{m.title}</span>
              </header>
              <ForgeFrame moduleKey={m.key} title={m.title} issueKey={issue.key} />
            </section>
          ))}
          <h2 className="section-title">{t.description}</h2>
          <div className="description">
            {f.description ? <Adf doc={f.description} /> : <span className="muted">{t.noDescription}</span>}
          </div>
          {data.remoteLinks.length > 0 && (
            <>
              <h2 className="section-title">{t.webLinks}</h2>
              <ul className="remote-links" data-testid="remote-links">
                {data.remoteLinks.map((link) => {
                  const { href, external } = sandboxHref(link.object.url);
                  return (
                    <li key={link.id}>
                      <span className="page-icon" aria-hidden />
                      <a href={href} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})} title={link.object.url}>
                        {link.object.title}
                      </a>
                      {link.object.summary && <span className="muted"> · {link.object.summary}</span>}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          <h2 className="section-title">{t.activity}</h2>
          <div className="tabs" role="tablist">
            <button
              role="tab"
              aria-selected={tab === 'comments'}
              className={tab === 'comments' ? 'tab active' : 'tab'}
              onClick={() => setTab('comments')}
            >
              {t.comments}
              {data.complete && ` (${data.comments.length})`}
            </button>
            <button
              role="tab"
              aria-selected={tab === 'history'}
              className={tab === 'history' ? 'tab active' : 'tab'}
              onClick={() => setTab('history')}
              data-testid="tab-history"
            >
              {t.history}
              {data.complete && ` (${data.changelog.length})`}
            </button>
          </div>
          {!data.complete && <div className="muted">{t.loading}</div>}
          {data.complete && tab === 'comments' && (
            <div className="comments" data-testid="comments">
              <CommentEditor issueKey={issue.key} onSaved={load} onError={(message) => setEditFailure({ message, issueKey: issue.key })} />
              {data.comments.length === 0 && <div className="muted">{t.noComments}</div>}
              {data.comments.map((c) => (
                <div key={c.id} className="comment">
                  <Avatar name={c.author?.displayName ?? '?'} />
                  <div className="comment-body">
                    <div className="comment-meta">
                      <strong>{c.author?.displayName ?? c.author?.accountId}</strong>{' '}
                      <span className="muted">{formatDateTime(c.created, l)}</span>
                    </div>
                    <Adf doc={c.body} />
                  </div>
                </div>
              ))}
            </div>
          )}
          {data.complete && tab === 'history' && (
            <div className="history" data-testid="history">
              {data.changelog.length === 0 && <div className="muted">{t.noHistory}</div>}
              {[...data.changelog].reverse().map((h) => (
                <div key={h.id} className="history-entry">
                  <Avatar name={h.author?.displayName ?? 'App'} />
                  <div>
                    <div className="comment-meta">
                      <strong>{h.author?.displayName ?? t.app}</strong> {t.changed}{' '}
                      <span className="muted">{formatDateTime(h.created, l)}</span>
                    </div>
                    {h.items.map((item, i) => (
                      <div key={i} className="history-item">
                        <span className="history-field">{item.field}</span>
                        <span className="history-from">{item.fromString || t.none}</span>
                        <span aria-hidden>→</span>
                        <span className="history-to">{item.toString || t.none}</span>
                      </div>
                    ))}
                  </div>
                </div>
              ))}
            </div>
          )}
        </section>
        <aside className="issue-side">
          <div className="status-row">
            {f.status && <StatusLozenge status={f.status} />}
            <div className="transitions" data-testid="transitions">
              {data.transitions.map((tr) => (
                <button
                  key={tr.id}
                  className="btn btn-default"
                  disabled={busy}
                  onClick={() => void transition(tr)}
                  data-transition={tr.name}
                >
                  {tr.name}
                </button>
              ))}
            </div>
          </div>
          {screen && (
            <TransitionScreen
              transition={screen}
              issueKey={issue.key}
              appFields={props.appFields}
              busy={busy}
              onConfirm={(fields) => void transition(screen, fields)}
              onCancel={() => setScreen(null)}
            />
          )}
          {editError && (
            <div className="error-banner" role="alert" data-testid="edit-error">
              <strong>{t.editFailed}:</strong> {editError}
            </div>
          )}
          {transitionError && (
            <div className="error-banner" role="alert" data-testid="transition-error">
              <strong>{t.transitionFailed}:</strong> {transitionError}
            </div>
          )}
          <div className="details">
            <div className="details-title">{t.details}</div>
            <Detail label={t.assignee} value={f.assignee?.displayName ?? t.unassigned} />
            <Detail label={t.reporter} value={f.reporter?.displayName ?? t.none} />
            <div className="detail">
              <label className="detail-label" htmlFor="priority-select">
                {t.priority}
              </label>
              <select
                id="priority-select"
                className="detail-select"
                value={f.priority?.id ?? ''}
                disabled={busy || priorities.length === 0}
                onChange={(e) => void changePriority(e.target.value)}
                data-testid="priority-select"
              >
                {!f.priority && <option value="">{t.none}</option>}
                {/* Until the list has loaded, the issue's own priority keeps the field readable. */}
                {(priorities.length
                  ? priorities
                  : f.priority?.id
                    ? [{ id: f.priority.id, name: f.priority.name ?? f.priority.id }]
                    : []
                ).map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            {fieldIds.map((field) =>
              field.issueView ? (
                // Jira renders the field's own view here (manifest `view.resource`, experience issue-view); a new
                // value renders it anew with the new value in its context.
                <div key={`${field.id}-${JSON.stringify(f[field.id] ?? null)}`} className="detail" data-testid="app-field" data-field-view>
                  <div className="detail-label">{field.name}</div>
                  <div className="detail-value detail-frame">
                    <ForgeFrame
                      moduleKey={field.key}
                      title={field.name}
                      issueKey={issue.key}
                      fieldView={{ fieldKey: field.key }}
                      minHeight={40}
                    />
                  </div>
                </div>
              ) : (
                <Detail key={field.id} label={field.name} value={renderFieldValue(issue, field.id, t.none)} testId="app-field" />
              ),
            )}
            {contexts.map((m) => (
              <div key={m.key} className="app-context">
                <div className="detail-label">{m.title}</div>
                <ForgeFrame moduleKey={m.key} title={m.title} issueKey={issue.key} minHeight={60} />
              </div>
            ))}
          </div>
          <div className="dates muted">
            <div>
              {t.created} {formatDateTime(f.created, l)}
            </div>
            <div>
              {t.updated} {formatDateTime(f.updated, l)}
            </div>
          </div>
        </aside>
      </div>
    </article>
  );
}

/**
 * A transition's screen, as Jira shows it before running the transition: each app field on it in its edit view
 * (the manifest's `issue-transition` experience); what the view submits is sent with the transition.
 */
function TransitionScreen(props: {
  transition: Transition;
  issueKey: string;
  appFields: AppField[];
  busy: boolean;
  onConfirm(fields: Record<string, unknown>): void;
  onCancel(): void;
}) {
  const { t } = useLocale();
  const [values, setValues] = useState<Record<string, unknown>>({});
  const fields = Object.entries(props.transition.fields ?? {}).flatMap(([id, f]) => {
    const app = props.appFields.find((a) => String(f.schema?.custom ?? '').endsWith(`/static/${a.key}`));
    return app ? [{ id, app }] : [];
  });
  return (
    <Dialog
      title={props.transition.name}
      testId="transition-screen"
      actions={
        <>
          <button
            className="btn btn-primary"
            disabled={props.busy}
            onClick={() => props.onConfirm(values)}
            data-testid="transition-screen-confirm"
          >
            {props.transition.name}
          </button>
          <button className="btn btn-default" onClick={() => props.onCancel()} data-testid="transition-screen-cancel">
            {t.cancel}
          </button>
        </>
      }
    >
      {fields.map(({ id, app }) => (
        <div key={id} className="transition-screen-field">
          <div className="detail-label">{app.name}</div>
          <ForgeFrame
            moduleKey={app.key}
            title={app.name}
            issueKey={props.issueKey}
            fieldEdit={{ fieldKey: app.key, transitionId: props.transition.id }}
            onSubmit={(value) => setValues((v) => ({ ...v, [id]: value }))}
            minHeight={80}
          />
        </div>
      ))}
      <p className="muted">{t.transitionScreenHint}</p>
    </Dialog>
  );
}

export function matchesAppField(field: JiraField, app: AppField): boolean {
  const custom = String(field.schema?.custom ?? '');
  return (
    custom.endsWith(`/static/${app.key}`) ||
    custom.endsWith(`:${app.key}`) ||
    field.key === app.key ||
    (field.custom === true && field.name === app.name)
  );
}

/** The field as its formatter renders it (renderedFields), else plainly. */
function renderFieldValue(issue: JiraIssue, id: string, none: string): string {
  const rendered = issue.renderedFields?.[id];
  if (typeof rendered === 'string' && rendered) return rendered;
  const value = issue.fields[id];
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return JSON.stringify(value);
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

function Detail({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="detail" data-testid={testId}>
      <div className="detail-label">{label}</div>
      <div className="detail-value">{value}</div>
    </div>
  );
}

export function Avatar({ name }: { name: string }) {
  const initials = name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => p[0]?.toUpperCase())
    .join('');
  let hash = 0;
  for (const c of name) hash = (hash * 31 + c.charCodeAt(0)) | 0;
  const colours = ['#0052CC', '#00875A', '#FF8B00', '#6554C0', '#00A3BF', '#DE350B'];
  return (
    <span className="avatar" style={{ background: colours[Math.abs(hash) % colours.length] }} aria-hidden>
      {initials}
    </span>
  );
}
