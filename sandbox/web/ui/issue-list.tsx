/** The left column: a JQL box and the matching issues, searched as the selected user. */
import { useCallback, useEffect, useState } from 'react';
import { api } from './api';
import { useLocale } from './i18n';
import { matchesAppField, type AppField } from './issue-view';
import type { JiraField, JiraIssue, SearchResult } from './jira-types';
import { StatusLozenge } from './status-lozenge';

export function IssueList(props: {
  jql: string;
  onJql(jql: string): void;
  selectedKey?: string;
  onSelect(key: string): void;
  reloadToken: number;
  /** The app's fields: each row shows their formatter's text, as Jira's lists do (never the field's own view). */
  appFields: AppField[];
}) {
  const { t } = useLocale();
  // The app fields' ids and names (null until known), for the search to ask for their rendered values.
  const [listFields, setListFields] = useState<{ id: string; name: string }[] | null>(null);
  const { appFields } = props;
  useEffect(() => {
    if (appFields.length === 0) return void Promise.resolve().then(() => setListFields([]));
    api.jira<JiraField[]>('GET', '/rest/api/3/field').then(
      (fields) =>
        setListFields(
          fields.flatMap((f) => {
            const app = appFields.find((a) => matchesAppField(f, a));
            return app ? [{ id: f.id, name: app.name }] : [];
          }),
        ),
      () => setListFields([]),
    );
  }, [appFields]);
  const [draft, setDraft] = useState(props.jql);
  const [issues, setIssues] = useState<JiraIssue[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  // A new JQL from outside replaces the draft (adjusted while rendering, not in an effect).
  const [draftFor, setDraftFor] = useState(props.jql);
  if (draftFor !== props.jql) {
    setDraftFor(props.jql);
    setDraft(props.jql);
  }

  // Settles through callbacks: state is set when the answer arrives, never synchronously in the effect.
  const fieldIds = listFields?.map((f) => f.id).join(',') ?? null;
  const search = useCallback(
    (jql: string) => {
      const params = new URLSearchParams({
        jql,
        maxResults: '100',
        fields: ['summary,status,priority,assignee,issuetype', fieldIds].filter(Boolean).join(','),
        // App fields show in lists as their formatter renders them (Forge docs: the formatter is used where the field's own view is not).
        ...(fieldIds ? { expand: 'renderedFields' } : {}),
      });
      return api.jira<SearchResult>('GET', `/rest/api/3/search/jql?${params.toString()}`).then(
        (result) => {
          setIssues(result.issues);
          setError(null);
        },
        (e: unknown) => {
          setIssues([]);
          setError(e instanceof Error ? e.message : String(e));
        },
      );
    },
    [fieldIds],
  );

  useEffect(() => {
    if (fieldIds !== null) void search(props.jql);
  }, [props.jql, props.reloadToken, search, fieldIds]);

  return (
    <aside className="issue-list">
      <form
        className="jql-form"
        onSubmit={(e) => {
          e.preventDefault();
          props.onJql(draft);
          setError(null);
          void search(draft);
        }}
      >
        <input
          className="jql-input"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder={t.jqlPlaceholder}
          aria-label="JQL"
          data-testid="jql"
        />
        <button className="btn btn-primary" type="submit">
          {t.search}
        </button>
      </form>
      {error && (
        <div className="error-banner" data-testid="jql-error">
          {error}
        </div>
      )}
      {issues === null && <div className="muted pad">{t.loading}</div>}
      {issues && issues.length === 0 && !error && <div className="muted pad">{t.noIssues}</div>}
      <ul className="issue-rows" data-testid="issue-list">
        {issues?.map((issue) => (
          <li key={issue.id}>
            <button
              className={`issue-row${issue.key === props.selectedKey ? ' selected' : ''}`}
              onClick={() => props.onSelect(issue.key)}
              data-issue-key={issue.key}
            >
              <span className="issue-row-top">
                <span className="issue-type" aria-hidden>
                  ✓
                </span>
                <span className="issue-key">{issue.key}</span>
                {issue.fields.status && <StatusLozenge status={issue.fields.status} />}
              </span>
              <span className="issue-summary">{issue.fields.summary}</span>
              {listFields?.map((f) => {
                const rendered = issue.renderedFields?.[f.id];
                return typeof rendered === 'string' && rendered ? (
                  <span key={f.id} className="issue-row-field" data-testid="list-app-field">
                    <span className="muted">{f.name}</span> {rendered}
                  </span>
                ) : null;
              })}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
