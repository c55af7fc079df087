import { startFixture, type Fixture } from '../platform/test/sandbox-fixture';
import { DEMO_USERS } from '../platform/demo/seed-demo-jira';
import { startServer, type RunningServer } from './server';

/** The report export links the issue to `_links.base + _links.webui`: in the sandbox that address must open the sandbox's viewer. */
describe("a Confluence page's web address in the sandbox", () => {
  let f: Fixture;
  let server: RunningServer;

  beforeAll(async () => {
    f = await startFixture();
    server = await startServer(f.sandbox, { port: 0, prebuildUi: false });
  });
  afterAll(async () => {
    await server.close();
    await f.cleanup();
  });

  it('is on the sandbox server and opens its Confluence viewer', async () => {
    const created = await f.sandbox.confluence(
      {
        method: 'POST',
        path: '/wiki/api/v2/pages',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          spaceId: '98305',
          parentId: '98306',
          status: 'current',
          title: 'Eskalationsbericht DEMO-1',
          body: { representation: 'storage', value: '<p>Bericht</p>' },
        }),
      },
      { kind: 'user', accountId: DEMO_USERS.ada.accountId },
    );
    expect(created.status).toBe(200);
    const page = JSON.parse(created.body) as { id: string; _links: { base: string; webui: string } };
    const address = page._links.base + page._links.webui;
    expect(address).toBe(`${server.url}/wiki/spaces/ESC/pages/${page.id}`);
    const opened = await fetch(address, { redirect: 'manual' });
    expect(opened.status).toBe(302);
    expect(opened.headers.get('location')).toBe(`/#/confluence/${page.id}`);
  });

  it('answers 404 for addresses that are not a page', async () => {
    expect((await fetch(`${server.url}/wiki/spaces/ESC/overview`, { redirect: 'manual' })).status).toBe(404);
  });
});
