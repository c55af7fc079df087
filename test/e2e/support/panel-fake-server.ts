/**
 * Serves a built Custom UI app (static/panel/build) on 127.0.0.1 with a fake Forge bridge injected before
 * the bundle, the way the Jira frame provides `window.__bridge` to @forge/bridge: `getContext` answers
 * the user's locale and time zone, `invoke` goes to the test's backend (the app's real resolver).
 *
 * The page's URL says who is looking and in which theme: `/?user=u-sam&locale=de-DE&timezone=Europe/Berlin&theme=dark`.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isThemeFile, themeCss, themeHtmlAttributes, THEME_FILES } from '../../../sandbox/web/theme-tokens';
import { ISSUE, type PanelFakeBackend } from './panel-fake-backend';

export interface PanelFakeServer {
  readonly url: string;
  /** The page URL for a person in a locale. */
  pageUrl(options: { accountId: string; locale: string; timezone?: string; theme?: 'light' | 'dark' }): string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/**
 * The bridge as @forge/bridge finds it: `callBridge(name, payload)` returning a promise. `invoke` resolves
 * with the resolver's return value itself (no `{ body }` wrapper: the panel passes no metadata).
 */
function bridgeScript(frame: {
  accountId: string;
  locale: string;
  timezone: string;
  theme: { attributes: Record<string, string>; stylesheets: string[] };
}): string {
  return `<script>
(function () {
  var frame = ${JSON.stringify(frame).replace(/</g, '\\u003c')};
  function post(name, payload) {
    return fetch('/__bridge', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: frame.accountId, locale: frame.locale, timezone: frame.timezone, name: name, payload: payload === undefined ? null : payload })
    }).then(function (r) { return r.json(); }).then(function (json) {
      if (json.error) throw new Error(json.error);
      return json.result;
    });
  }
  window.__bridge = {
    callBridge: function (name, payload) {
      if (name === 'on' || name === 'onPublic') return Promise.resolve({ unsubscribe: function () {} });
      if (name === 'showFlag') return Promise.resolve({ close: function () { return Promise.resolve(true); } });
      if (name === 'enableTheming') {
        // As the sandbox frame does: Atlassian's token stylesheets and the <html> attributes of the page's theme.
        Object.keys(frame.theme.attributes).forEach(function (k) { document.documentElement.setAttribute(k, frame.theme.attributes[k]); });
        frame.theme.stylesheets.forEach(function (href) {
          var link = document.createElement('link');
          link.rel = 'stylesheet';
          link.href = href;
          document.head.appendChild(link);
        });
        return Promise.resolve();
      }
      return post(name, payload);
    }
  };
})();
</script>`;
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startPanelFakeServer(buildDir: string, backend: PanelFakeBackend): Promise<PanelFakeServer> {
  const root = path.resolve(buildDir);

  async function bridge(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const call = JSON.parse(await body(request)) as { accountId: string; locale: string; timezone: string; name: string; payload: unknown };
    const answer = (result: unknown, status = 200) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(result));
    };
    switch (call.name) {
      case 'getContext':
        return answer({
          result: {
            accountId: call.accountId,
            cloudId: 'fake-cloud',
            locale: call.locale,
            timezone: call.timezone,
            moduleKey: 'escalation-panel',
            localId: 'fake-local-id',
            environmentType: 'DEVELOPMENT',
            environmentId: 'fake-environment',
            siteUrl: 'https://fake.atlassian.net',
            extension: {
              type: 'jira:issuePanel',
              issue: { key: ISSUE.key, id: ISSUE.id, type: 'Task' },
              project: { key: 'DEMO', id: '10000' },
            },
          },
        });
      case 'invoke': {
        const { functionKey, payload } = call.payload as { functionKey: string; payload: unknown };
        backend.calls.push({ accountId: call.accountId, functionKey, payload });
        if (backend.bridgeFailures > 0) {
          backend.bridgeFailures--;
          return answer({ error: 'fake bridge: the invocation could not be delivered' }, 503);
        }
        if (backend.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, backend.latencyMs));
        return answer({ result: await backend.invoke(call.accountId, functionKey, payload) });
      }
      case 'submit':
        // A custom field's edit view hands Jira the value to save (view.submit).
        backend.submitted.push(call.payload);
        return answer({ result: true });
      case 'refresh':
        // The issue view around the panel; the fake has none to reload, but counts the request.
        backend.refreshes++;
        return answer({ result: true });
      default:
        return answer({ error: `fake bridge: ${call.name} is not implemented` }, 501);
    }
  }

  async function file(urlPath: string, search: URLSearchParams, response: ServerResponse): Promise<void> {
    const relative = urlPath === '/' ? 'index.html' : decodeURIComponent(urlPath).replace(/^\/+/, '');
    const target = path.resolve(root, relative);
    if (!target.startsWith(root + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    let content: Buffer;
    try {
      content = await readFile(target);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${urlPath}`);
      return;
    }
    const type = TYPES[path.extname(target)] ?? 'application/octet-stream';
    if (relative === 'index.html') {
      const colorMode = search.get('theme') === 'dark' ? 'dark' : 'light';
      const frame = {
        accountId: search.get('user') ?? '',
        locale: search.get('locale') ?? 'en-US',
        timezone: search.get('timezone') ?? 'Europe/Berlin',
        theme: { attributes: themeHtmlAttributes(colorMode), stylesheets: THEME_FILES.map((name) => `/__tokens/${name}.css`) },
      };
      // Before every other script, as Forge does: @forge/bridge looks for __bridge when its modules load.
      const html = content.toString('utf8').replace(/<head>/i, (head) => `${head}\n${bridgeScript(frame)}`);
      response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(html);
      return;
    }
    response.writeHead(200, { 'content-type': type }).end(content);
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const tokens = /^\/__tokens\/([a-z-]+)\.css$/.exec(url.pathname);
    if (tokens?.[1] && isThemeFile(tokens[1])) {
      response.writeHead(200, { 'content-type': 'text/css; charset=utf-8' }).end(themeCss(tokens[1]));
      return;
    }
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end(); // the browser asks; Jira's frame never serves one either
      return;
    }
    const handled =
      request.method === 'POST' && url.pathname === '/__bridge'
        ? bridge(request, response)
        : file(url.pathname, url.searchParams, response);
    handled.catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    pageUrl: ({ accountId, locale, timezone = 'Europe/Berlin', theme = 'light' }) =>
      `${url}/?${new URLSearchParams({ user: accountId, locale, timezone, theme }).toString()}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
