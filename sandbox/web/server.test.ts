import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FAKE_MANIFEST, FakeSandbox } from '../../test/e2e/support/fake-sandbox';
import { startServer, type RunningServer } from './server';

describe('sandbox web server', () => {
  let fake: FakeSandbox;
  let server: RunningServer;
  let resourceDir: string;

  beforeAll(() => {
    resourceDir = mkdtempSync(path.join(tmpdir(), 'sandbox-web-'));
    writeFileSync(
      path.join(resourceDir, 'index.html'),
      '<!doctype html><html><head><title>Panel</title><script type="module" src="./assets/app.js"></script></head><body><div id="root"></div></body></html>',
    );
    writeFileSync(path.join(resourceDir, 'app.js'), 'console.log("app")');
    mkdirSync(path.join(resourceDir, 'assets'));
    writeFileSync(path.join(resourceDir, 'assets', 'app-1a2b3c4d.js'), 'console.log("hashed")');
  });

  beforeEach(async () => {
    fake = new FakeSandbox({ resources: { panel: resourceDir } });
    server = await startServer(fake, { port: 0, prebuildUi: false });
  });

  afterEach(async () => {
    await server.close();
  });

  afterAll(() => rmSync(resourceDir, { recursive: true, force: true }));

  /** A path on the site, or a whole address (a frame's, on the frames' origin). */
  const at = (p: string) => (/^https?:/.test(p) ? p : server.url + p);
  const get = (p: string, user?: string) => fetch(at(p), { headers: user ? { 'x-sandbox-user': user } : {} });
  const post = (p: string, body: unknown, user?: string) =>
    fetch(at(p), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(user ? { 'x-sandbox-user': user } : {}) },
      body: JSON.stringify(body),
    });

  async function registerPanel(user: string): Promise<{ token: string; url: string; context: { accountId: string } }> {
    const response = await post('/api/frames', { moduleKey: 'escalation-panel', issueKey: 'ESC-1' }, user);
    expect(response.status).toBe(200);
    return (await response.json()) as { token: string; url: string; context: { accountId: string } };
  }

  /** A file of the frame's resource (`frame: true`: named by the frame's token, as its own requests are). */
  const frameFile = (frameUrl: string, file: string, frame = false) => {
    const [dir, query] = frameUrl.split('?');
    return `${dir}${file}${frame ? `?${query}` : ''}`;
  };
  const bridge = (frameUrl: string, name: string, payload: unknown, user?: string) =>
    post(frameFile(frameUrl, '__bridge', true), { name, payload }, user);

  it('serves the sandbox page at /', async () => {
    const response = await get('/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    expect(html).toContain('<div id="root">');
    expect(html).toContain('/ui/main.js');
  });

  it('puts the session of the user the page is loaded as into the page, and none for a user it does not know', async () => {
    const page = (cookie: string) => fetch(server.url + '/', { headers: { cookie } }).then((r) => r.text());
    const inPage = (html: string) => /<script type="application\/json" id="sandbox-session">(.*?)<\/script>/.exec(html)?.[1];
    const session = JSON.parse(inPage(await page('sandbox-user=u-client')) ?? 'null') as { user: { accountId: string } } | null;
    expect(session?.user.accountId).toBe('u-client');
    expect(inPage(await page('sandbox-user=u-gone'))).toBeUndefined();
  });

  it('lists the manifest modules with titles in the user locale', async () => {
    const de = (await (await get('/api/session', 'u-agent')).json()) as { modules: { key: string; title: string }[] };
    const en = (await (await get('/api/session', 'u-client')).json()) as { modules: { key: string; title: string }[] };
    expect(de.modules.find((m) => m.key === 'escalation-panel')?.title).toBe('Eskalation');
    expect(en.modules.find((m) => m.key === 'escalation-panel')?.title).toBe('Escalation');
  });

  it('loads the bridge from a same-origin script file before the app bundle, nothing inline', async () => {
    const frame = await registerPanel('u-agent');
    const response = await get(frame.url);
    expect(response.status).toBe(200);
    const html = await response.text();
    const tag = /<script src="([^"]+)" data-forge-sandbox-bridge data-frame="([^"]+)"><\/script>/.exec(html);
    expect(tag).not.toBeNull();
    const bridgeAt = html.indexOf(tag![0]);
    const appAt = html.indexOf('./assets/app.js');
    expect(bridgeAt).toBeGreaterThan(-1);
    expect(appAt).toBeGreaterThan(bridgeAt);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    // The frame's configuration is on the element (an attribute, escaped); the script is the same for every frame.
    const config = JSON.parse(
      tag![2]!
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    ) as { token: string; bridgeUrl: string };
    expect(config.token).toBe(frame.token);
    expect(new URL(config.bridgeUrl, frame.url).href).toBe(frameFile(frame.url, '__bridge', true));
    const bridgeSrc = new URL(tag![1]!, frame.url).href;
    const script = await get(bridgeSrc);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(script.headers.get('cache-control')).toContain('immutable');
    const js = await script.text();
    expect(js).toContain('window.__bridge');
    expect(js).not.toContain(frame.token);
    expect((await get(bridgeSrc.replace(/v=\w+/, 'v=stale'))).status).toBe(404);
    // Other files of the resource are served as they are.
    const asset = await get(frameFile(frame.url, 'app.js'));
    expect(await asset.text()).toBe('console.log("app")');
  });

  it('serves the frames from an origin of their own, which serves nothing else, and the page serves no frame', async () => {
    const frame = await registerPanel('u-agent');
    expect(new URL(frame.url).origin).toBe(server.frameUrl);
    expect(server.frameUrl).not.toBe(server.url);
    expect((await get(frame.url)).status).toBe(200);
    expect((await get(frame.url.replace(server.frameUrl, server.url))).status).toBe(404);
    expect((await get(`${server.frameUrl}/api/session`, 'u-agent')).status).toBe(404);
    // The policy names the page's origin as the one that may frame it.
    const csp = (await get(frame.url)).headers.get('content-security-policy') ?? '';
    expect(csp).toContain(server.url);
  });

  it("says which port to change when the frames' origin cannot listen", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      await expect(startServer(fake, { port: 0, framePort: port, prebuildUi: false })).rejects.toThrow(
        `The Custom UI frames' origin cannot listen on port ${port} (EADDRINUSE): set FRAME_PORT to a free port.`,
      );
    } finally {
      taken.close();
    }
  });

  it('serves a resource at one address for all its frames, its hashed assets cacheable, a frame only by its token', async () => {
    const [first, second] = [await registerPanel('u-agent'), await registerPanel('u-client')];
    expect(first.token).not.toBe(second.token);
    expect(frameFile(first.url, 'assets/app-1a2b3c4d.js')).toBe(frameFile(second.url, 'assets/app-1a2b3c4d.js'));
    // What a build names by content (assets/) never changes under its name; anything else is asked again.
    const hashed = await get(frameFile(first.url, 'assets/app-1a2b3c4d.js'));
    expect(hashed.status).toBe(200);
    expect(hashed.headers.get('cache-control')).toContain('immutable');
    const plain = await get(frameFile(first.url, 'app.js'));
    expect(plain.headers.get('cache-control')).toBe('no-cache');
    const etag = plain.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await fetch(frameFile(first.url, 'app.js'), { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    // The document and the bridge belong to one frame: without a known token there are none.
    expect((await get(frameFile(first.url, ''))).status).toBe(404);
    expect((await get(frameFile(first.url, '?frame=0123456789abcdef0123456789abcdef'))).status).toBe(404);
    expect((await get(first.url)).status).toBe(200);
    // A token opens only its own module's resource.
    expect((await get(`${server.frameUrl}/frame/escalation-panel/other/?${first.url.split('?')[1]}`)).status).toBe(404);
  });

  it('serves frame documents with the Content-Security-Policy Forge derives from the manifest', async () => {
    const frame = await registerPanel('u-agent');
    const csp = (await get(frame.url)).headers.get('content-security-policy') ?? '';
    const directive = (name: string) => csp.split('; ').find((d) => d.startsWith(`${name} `)) ?? '';
    expect(directive('script-src')).toMatch(/^script-src 'self' /);
    expect(directive('script-src')).not.toContain('unsafe-inline');
    // The fake manifest has permissions.content.styles: [unsafe-inline], as the app's does.
    expect(directive('style-src')).toMatch(/^style-src 'self' .* 'unsafe-inline'$/);
    expect(directive('connect-src')).toMatch(/^connect-src 'self' /);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain('report-uri /__csp-report');

    // Without permissions: no inline styles; permissions.external adds its hosts where Forge puts them.
    await server.close();
    const manifest = {
      ...FAKE_MANIFEST,
      permissions: { external: { fetch: { client: ['https://api.example.com'] }, images: ['https://img.example.com'] } },
    };
    server = await startServer(new FakeSandbox({ resources: { panel: resourceDir }, manifest }), { port: 0, prebuildUi: false });
    const strict = (await get((await registerPanel('u-agent')).url)).headers.get('content-security-policy') ?? '';
    const strictDirective = (name: string) => strict.split('; ').find((d) => d.startsWith(`${name} `)) ?? '';
    expect(strictDirective('style-src')).not.toContain('unsafe-inline');
    expect(strictDirective('connect-src')).toContain('https://api.example.com');
    expect(strictDirective('img-src')).toContain('https://img.example.com');
    expect(strictDirective('script-src')).not.toContain('api.example.com');
  });

  it('lets only Jira administrators use the workflow editor API', async () => {
    const response = await get('/api/workflow', 'u-agent');
    expect(response.status).toBe(403);
  });

  it('answers getContext with the context registered for the frame', async () => {
    const frame = await registerPanel('u-agent');
    const response = await bridge(frame.url, 'getContext', null);
    const { result } = (await response.json()) as { result: Record<string, unknown> };
    expect(result).toMatchObject({
      accountId: 'u-agent',
      locale: 'de-DE',
      timezone: 'Europe/Berlin',
      moduleKey: 'escalation-panel',
      extension: { type: 'jira:issuePanel', issue: { key: 'ESC-1', id: '10001', type: 'Task' }, project: { key: 'ESC', type: 'software' } },
    });
  });

  it('routes invoke with the registered accountId, whatever the frame claims', async () => {
    const frame = await registerPanel('u-agent');
    const response = await bridge(
      frame.url,
      'invoke',
      { functionKey: 'getStatus', payload: { accountId: 'u-client' }, context: { accountId: 'u-client' } },
      'u-client', // even the user header of the calling window does not matter for a frame
    );
    expect(response.status).toBe(200);
    const { result } = (await response.json()) as { result: { greetingFor: string } };
    expect(result.greetingFor).toBe('u-agent');
    expect(fake.invocations).toHaveLength(1);
    expect(fake.invocations[0]).toMatchObject({
      moduleKey: 'escalation-panel',
      functionKey: 'getStatus',
      payload: { accountId: 'u-client' },
      context: { accountId: 'u-agent', extension: { issue: { key: 'ESC-1' } } },
    });
  });

  it('passes resolver errors back to the frame', async () => {
    const frame = await registerPanel('u-agent');
    const response = await bridge(frame.url, 'invoke', { functionKey: 'fail', payload: {} });
    expect(response.status).toBe(500);
    expect(((await response.json()) as { error: string }).error).toBe('Resolver failed on purpose');
  });

  it('rejects an unknown bridge call with a clear error', async () => {
    const frame = await registerPanel('u-agent');
    const response = await bridge(frame.url, 'teleport', { to: 'mars' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toMatch(/does not implement the bridge call "teleport"/);
  });

  it('refuses bridge calls for an unknown frame token', async () => {
    const response = await bridge(
      `${server.frameUrl}/frame/escalation-panel/panel/?frame=0123456789abcdef0123456789abcdef`,
      'getContext',
      null,
    );
    expect(response.status).toBe(404);
  });

  it('runs fetchProduct (requestJira) as the frame user', async () => {
    const frame = await registerPanel('u-client');
    const response = await bridge(frame.url, 'fetchProduct', {
      product: 'jira',
      restPath: '/rest/api/3/myself',
      fetchRequestInit: { method: 'GET', body: null, headers: [['accept', 'application/json']] },
    });
    const { result } = (await response.json()) as { result: { status: number; body: string } };
    expect(result.status).toBe(200);
    expect(JSON.parse(result.body)).toMatchObject({ accountId: 'u-client' });
    expect(fake.jiraRequests.at(-1)?.as).toEqual({ kind: 'user', accountId: 'u-client' });
  });

  it('serves the manifest translations where @forge/bridge i18n fetches them', async () => {
    const frame = await registerPanel('u-agent');
    const info = (await (await get(frameFile(frame.url, '__LOCALES__/i18n-info.json'))).json()) as {
      config: { locales: string[]; fallback: { default: string } };
    };
    expect(info.config).toEqual({ locales: ['en-US', 'de-DE'], fallback: { default: 'en-US' } });
    const de = (await (await get(frameFile(frame.url, '__LOCALES__/de-DE.json'))).json()) as { panel: { title: string } };
    expect(de.panel.title).toBe('Eskalation');
    expect((await get(frameFile(frame.url, '__LOCALES__/fr-FR.json'))).status).toBe(404);
  });

  it('does not serve files outside the resource folder', async () => {
    const frame = await registerPanel('u-agent');
    const response = await get(frameFile(frame.url, '..%2F..%2Fetc%2Fpasswd'));
    expect([403, 404]).toContain(response.status);
    // A malformed escape is the request's fault: 400 with the reason, not a server error.
    const malformed = await get(frameFile(frame.url, 'assets/%E0%A4%A'));
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { error: string }).error).toMatch(/URI malformed/);
  });

  it('proxies Jira as the selected user and passes Jira errors through', async () => {
    const ok = await get('/api/jira/rest/api/3/myself', 'u-client');
    expect(((await ok.json()) as { accountId: string }).accountId).toBe('u-client');
    const bad = await get(`/api/jira/rest/api/3/search/jql?jql=${encodeURIComponent('bogus = 1')}`, 'u-client');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errorMessages: string[] }).errorMessages[0]).toMatch(/bogus/);
    expect((await get('/api/jira/rest/api/3/myself', 'nobody')).status).toBe(400);
  });

  it('shows a refused transition as Jira answers it', async () => {
    const response = await post('/api/jira/rest/api/3/issue/ESC-2/transitions', { transition: { id: 'resolved' } }, 'u-agent');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errorMessages: string[] }).errorMessages[0]).toMatch(/Open escalation/);
  });

  describe("a custom field's view in the issue view", () => {
    const field = (view: Record<string, unknown>) => ({
      key: 'escalation-level',
      name: 'Escalation level',
      type: 'object',
      resolver: { function: 'resolver' },
      view: { formatter: { expression: "value.level + ''" }, ...view },
    });
    const withView = (view: Record<string, unknown>) => ({
      ...FAKE_MANIFEST,
      modules: { ...FAKE_MANIFEST.modules, 'jira:customField': [field(view)] },
    });

    async function restartWith(manifest: unknown): Promise<void> {
      await server.close();
      fake = new FakeSandbox({ resources: { panel: resourceDir }, manifest });
      server = await startServer(fake, { port: 0, prebuildUi: false });
    }

    it("frames it with the field's value as Jira holds it, the issue and the reader's locale in the context", async () => {
      await restartWith(withView({ resource: 'panel', experience: ['issue-view'] }));
      const session = (await (await get('/api/session', 'u-agent')).json()) as { appFields: unknown[] };
      expect(session.appFields).toEqual([{ key: 'escalation-level', name: 'Escalation level', issueView: true }]);
      const response = await post(
        '/api/frames',
        { moduleKey: 'escalation-level', fieldView: { fieldKey: 'escalation-level', issueKey: 'ESC-2' } },
        'u-agent',
      );
      expect(response.status).toBe(200);
      const frame = (await response.json()) as { url: string };
      const { result } = (await (await bridge(frame.url, 'getContext', null)).json()) as { result: Record<string, unknown> };
      expect(result).toMatchObject({
        accountId: 'u-agent',
        locale: 'de-DE',
        moduleKey: 'escalation-level',
        extension: {
          type: 'jira:customField',
          entryPoint: 'view',
          renderContext: 'issue-view',
          experience: 'issue-view',
          fieldId: 'customfield_10050',
          fieldValue: { level: 2 },
          issue: { key: 'ESC-2', id: '10002' },
          project: { key: 'ESC' },
        },
      });
      // The view's invoke runs the field's resolver as the frame's user.
      await bridge(frame.url, 'invoke', { functionKey: 'getLevel', payload: {} });
      expect(fake.invocations.at(-1)).toMatchObject({ moduleKey: 'escalation-level', context: { accountId: 'u-agent' } });
    });

    it('refuses a view the manifest does not give the issue-view experience (Jira shows the formatter there)', async () => {
      for (const view of [
        {},
        { resource: 'panel', experience: ['portal-view'] },
        { resource: 'panel', render: 'native', experience: ['issue-view'] },
      ]) {
        await restartWith(withView(view));
        const session = (await (await get('/api/session', 'u-agent')).json()) as { appFields: { issueView: boolean }[] };
        expect(session.appFields[0]?.issueView).toBe(false);
        const response = await post(
          '/api/frames',
          { moduleKey: 'escalation-level', fieldView: { fieldKey: 'escalation-level', issueKey: 'ESC-2' } },
          'u-agent',
        );
        expect(response.status).toBe(400);
      }
    });

    it('frames it only on an issue Jira shows the reader', async () => {
      await restartWith(withView({ resource: 'panel', experience: ['issue-view'] }));
      const response = await post(
        '/api/frames',
        { moduleKey: 'escalation-level', fieldView: { fieldKey: 'escalation-level', issueKey: 'ESC-404' } },
        'u-agent',
      );
      expect(response.status).toBe(404);
    });
  });

  it('advances the clock and reports fired triggers', async () => {
    const response = await post('/api/clock/advance', { ms: 3600_000 });
    const body = (await response.json()) as { now: string; firedTriggers: string[]; log: unknown[] };
    expect(body.now).toBe('2026-03-02T09:00:00.000Z');
    expect(body.firedTriggers).toEqual(['escalation-sweep ×1']);
    expect(body.log).toHaveLength(1);
    expect((await post('/api/clock/advance', { ms: -5 })).status).toBe(400);
  });
});
