import { as, body, call, startFixture, type Fixture } from './sandbox-fixture';

interface TransitionJson {
  id: string;
  name: string;
  hasScreen: boolean;
  isLooped: boolean;
  fields?: Record<string, { name: string; operations: string[]; schema: { custom?: string } }>;
}

/** Transition screens as Jira has them: `hasScreen`, the screen's fields with `expand=transitions.fields`, only those settable. */
describe('transition screens', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await startFixture();
  });
  afterEach(() => f.cleanup());

  const transitions = async (key: string, query = '') =>
    body<{ transitions: TransitionJson[] }>(await call(f.sandbox, 'GET', `/rest/api/3/issue/${key}/transitions${query}`, as('sam')))
      .transitions;

  it('offers the looped transition on its status and lists the screen’s fields only when asked to expand them', async () => {
    const fieldId = f.sandbox.customFieldId('escalation-level');
    f.sandbox.addTransitionScreenField(71, fieldId);
    // DEMO-1 is Escalated in the demo site.
    const plain = (await transitions('DEMO-1')).find((t) => t.id === '71');
    expect(plain).toMatchObject({ name: 'Change escalation level', hasScreen: true, isLooped: true });
    expect(plain).not.toHaveProperty('fields');
    const expanded = (await transitions('DEMO-1', '?expand=transitions.fields')).find((t) => t.id === '71');
    expect(Object.keys(expanded!.fields!)).toEqual([fieldId]);
    expect(expanded!.fields![fieldId]!.operations).toEqual(['set']);
    expect(expanded!.fields![fieldId]!.schema.custom).toMatch(/\/static\/escalation-level$/);
    // A transition without fields on a screen has none.
    expect((await transitions('DEMO-3')).every((t) => !t.hasScreen)).toBe(true);
  });

  it('refuses a field that is not on the transition’s screen, as Jira does, and changes nothing', async () => {
    const fieldId = f.sandbox.customFieldId('escalation-level');
    const refused = await call(f.sandbox, 'POST', '/rest/api/3/issue/DEMO-1/transitions', as('sam'), {
      transition: { id: '71' },
      fields: { [fieldId]: { level: 3, name: 'x', status: 'open' } },
    });
    expect(refused.status).toBe(400);
    expect(body(refused)).toEqual({
      errorMessages: [],
      errors: { [fieldId]: `Field '${fieldId}' cannot be set. It is not on the appropriate screen, or unknown.` },
    });
    const changelog = body<{ values: unknown[] }>(await call(f.sandbox, 'GET', '/rest/api/3/issue/DEMO-1/changelog', as('sam')));
    expect(changelog.values).toEqual([]);
  });
});
