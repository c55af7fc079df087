/** Confluence page viewer for the app's reports: space ESC, its pages, a page body from storage format. */
import { useEffect, useState } from 'react';
import { api } from './api';
import { formatDateTime, useLocale } from './i18n';

interface Space {
  id: string;
  key: string;
  name: string;
}
interface PageRef {
  id: string;
  title: string;
}
interface Page extends PageRef {
  version?: { number: number; createdAt?: string };
  body?: { storage?: { value?: string } };
}

export const SPACE_KEY = 'ESC';

export function ConfluenceView(props: { pageId?: string; onSelect(id: string): void; reloadToken: number }) {
  const l = useLocale();
  const { t } = l;
  const [space, setSpace] = useState<Space | null>(null);
  const [pages, setPages] = useState<PageRef[] | null>(null);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // Every failure is caught and shown in the view.
    void (async () => {
      try {
        const spaces = await api.confluence<{ results: Space[] }>('GET', `/wiki/api/v2/spaces?keys=${SPACE_KEY}`);
        const s = spaces.results[0];
        if (!s) throw new Error(`No Confluence space ${SPACE_KEY}`);
        setSpace(s);
        const list = await api
          .confluence<{ results: PageRef[] }>('GET', `/wiki/api/v2/spaces/${s.id}/pages?limit=250`)
          .catch(() => api.confluence<{ results: PageRef[] }>('GET', `/wiki/api/v2/pages?space-id=${s.id}&limit=250`));
        setPages(list.results);
        setError(null);
      } catch (e) {
        setPages([]);
        setError(e instanceof Error ? e.message : String(e));
      }
    })();
  }, [props.reloadToken]);

  // No page selected: nothing shown (adjusted while rendering, not in an effect).
  const [pageIdShown, setPageIdShown] = useState(props.pageId);
  if (pageIdShown !== props.pageId) {
    setPageIdShown(props.pageId);
    if (!props.pageId) setPage(null);
  }

  useEffect(() => {
    if (!props.pageId) return;
    api
      .confluence<Page>('GET', `/wiki/api/v2/pages/${encodeURIComponent(props.pageId)}?body-format=storage`)
      .then(setPage, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [props.pageId, props.reloadToken]);

  return (
    <div className="split" data-testid="confluence">
      <aside className="issue-list">
        <div className="list-title">
          {t.space} {space ? `${space.name} (${space.key})` : SPACE_KEY}
        </div>
        {pages?.length === 0 && !error && <div className="muted pad">{t.noPages}</div>}
        <ul className="issue-rows">
          {pages?.map((p) => (
            <li key={p.id}>
              <button className={`issue-row${p.id === props.pageId ? ' selected' : ''}`} onClick={() => props.onSelect(p.id)}>
                <span className="issue-summary">
                  <span className="page-icon" aria-hidden />
                  {p.title}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <main className="detail-pane">
        {error && <div className="error-banner">{error}</div>}
        {!page && !error && <div className="muted pad">{t.selectPage}</div>}
        {page && (
          <article className="confluence-page" data-testid="confluence-page">
            <h1>{page.title}</h1>
            <div className="muted">
              {t.version} {page.version?.number} · {formatDateTime(page.version?.createdAt, l)}
            </div>
            <StorageBody html={page.body?.storage?.value ?? ''} />
          </article>
        )}
      </main>
    </div>
  );
}

/** Storage format is XHTML; show it as HTML with scripts, handlers and embeds removed. */
function StorageBody({ html }: { html: string }) {
  const doc = new DOMParser().parseFromString(`<div>${html}</div>`, 'text/html');
  doc.querySelectorAll('script,style,iframe,object,embed,link,meta').forEach((n) => n.remove());
  doc.querySelectorAll('*').forEach((el) => {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) || /^\s*javascript:/i.test(attr.value)) el.removeAttribute(attr.name);
    }
  });
  return <div className="storage-body" dangerouslySetInnerHTML={{ __html: doc.body.innerHTML }} />;
}
