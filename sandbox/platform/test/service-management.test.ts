import { asApp, asUser, route } from '@forge/api';
import { APP, as, body, call, startFixture, type Fixture } from './sandbox-fixture';
import { DEMO_CUSTOMERS } from '../demo/seed-demo-jira';
import { JSM_FIELDS } from '../jira/service-management';

/** Jira Service Management in the sandbox: its request fields, the portal's visibility rule, and customers' limits on Forge. */
describe('Jira Service Management customers and requests', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  });
  afterAll(() => f.cleanup());
  const customer = (c: keyof typeof DEMO_CUSTOMERS) => ({ kind: 'user' as const, accountId: DEMO_CUSTOMERS[c].accountId });

  it("lists JSM's request fields and shows a request's participants and organizations", async () => {
    const fields = body<{ id: string; schema?: { custom?: string } }[]>(await call(f.sandbox, 'GET', '/rest/api/3/field', APP));
    expect(fields.filter((x) => x.schema?.custom?.startsWith('com.atlassian.servicedesk:')).map((x) => [x.id, x.schema!.custom])).toEqual([
      [JSM_FIELDS.participants.id, 'com.atlassian.servicedesk:sd-request-participants'],
      [JSM_FIELDS.organizations.id, 'com.atlassian.servicedesk:sd-customer-organizations'],
    ]);
    const issue = body<{ fields: Record<string, unknown> }>(
      await call(
        f.sandbox,
        'GET',
        `/rest/api/3/issue/DEMO-3?fields=reporter,${JSM_FIELDS.participants.id},${JSM_FIELDS.organizations.id}`,
        APP,
      ),
    );
    expect(issue.fields[JSM_FIELDS.participants.id]).toMatchObject([
      { accountId: DEMO_CUSTOMERS.clara.accountId, accountType: 'customer' },
      { accountId: DEMO_CUSTOMERS.edgar.accountId, accountType: 'customer' },
    ]);
    expect(issue.fields[JSM_FIELDS.organizations.id]).toMatchObject([{ id: '1', name: 'Kunde AG' }]);
  });

  it('shows a customer on the portal only what JSM would: reported, taking part, or shared with their organization', () => {
    const keys = (accountId: string) => f.sandbox.portalRequests(accountId).map((r) => r.issueKey);
    expect(keys(DEMO_CUSTOMERS.clara.accountId)).toEqual(['DEMO-1', 'DEMO-2', 'DEMO-3', 'DEMO-5']);
    expect(keys(DEMO_CUSTOMERS.edgar.accountId)).toEqual(['DEMO-1', 'DEMO-2', 'DEMO-3', 'DEMO-5']);
    expect(keys(DEMO_CUSTOMERS.fiona.accountId)).toEqual(['DEMO-6']);
    expect(f.sandbox.portalRequests(DEMO_CUSTOMERS.clara.accountId)[0]!.path).toBe('/servicedesk/customer/portal/1/DEMO-1');
  });

  it('gives customers no Jira: issues are not found for them, and Forge refuses asUser() made for them', async () => {
    expect((await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-3', customer('clara'))).status).toBe(404);
    const asCustomer = await f.sandbox.runAs(customer('clara'), () => asUser().requestJira(route`/rest/api/3/myself`));
    expect(asCustomer.status).toBe(403);
    const asTheApp = await f.sandbox.runAs(customer('clara'), () => asApp().requestJira(route`/rest/api/3/issue/DEMO-3`));
    expect(asTheApp.status).toBe(200);
    // A licensed user's asUser() is unchanged.
    expect((await f.sandbox.runAs(as('sam'), () => asUser().requestJira(route`/rest/api/3/myself`))).status).toBe(200);
  });

  it('refuses customers in a module that does not declare unlicensedAccess: customer', async () => {
    await expect(
      f.sandbox.invoke({
        moduleKey: 'fixture-panel',
        functionKey: 'whoAmI',
        payload: {},
        context: {
          accountId: DEMO_CUSTOMERS.clara.accountId,
          cloudId: 'c',
          localId: 'local-1',
          locale: 'de-DE',
          timezone: 'Europe/Berlin',
          moduleKey: 'fixture-panel',
          siteUrl: 'https://sandbox.atlassian.net',
          extension: { type: 'jira:issuePanel', issue: { key: 'DEMO-3', id: '10003' }, project: { key: 'DEMO' } },
        },
      }),
    ).rejects.toThrow(/does not allow customer accounts/);
  });
});
