import { DEFAULT_PROCESS_TEMPLATE } from '../../domain/process/default-template';
import type { ProcessTemplate } from '../../domain/process/process-template';
import { TEST_TEMPLATE } from '../../domain/testing/test-template';
import type { EscalationDeps } from '../escalation-deps';
import { getEscalationPanel } from '../get-escalation-panel-use-case';
import { performEscalationAction } from '../perform-escalation-action-use-case';
import { InMemoryWorld } from '../testing/in-memory-deps';

const full = { browse: true, edit: true, admin: false };
const principle = (id: string, en: string) => ({ id, chapter: 'introduction' as const, text: { de: `DE ${en}`, en } });
const V1: ProcessTemplate = { ...TEST_TEMPLATE, version: 1, principles: [principle('intro-07', 'Last resort (v1).')] };
const V2: ProcessTemplate = { ...TEST_TEMPLATE, version: 2, principles: [principle('intro-07', 'Last resort (v2).')] };

function setup() {
  const world = new InMemoryWorld(V1).addUser({ accountId: 'sam', displayName: 'Sam', groups: ['contractor-team'], access: full });
  world.currentUser = 'sam';
  /** The store as it is after V2 became active: running escalations still get the version they started with. */
  const afterV2 = (): EscalationDeps => ({
    ...world.deps(),
    templates: {
      active: () => Promise.resolve(V2),
      get: (ref) => Promise.resolve(ref.version === 1 ? V1 : V2),
    },
  });
  return { world, afterV2 };
}

const requester = { accountId: 'sam', issueKey: 'DEMO-1' };

describe('the panel view carries the principles of the annex', () => {
  it('from the active template before an escalation starts (the start form shows them)', async () => {
    const { afterV2 } = setup();
    const view = await getEscalationPanel(afterV2(), requester);
    expect(view.escalation).toBeNull();
    expect(view.principles).toEqual(V2.principles);
  });

  it("from the escalation's frozen template once it runs, whatever is active now", async () => {
    const { world, afterV2 } = setup();
    await performEscalationAction(world.deps(), requester, 'startEscalation', { trigger: 'other', problem: 'p', impact: 'i' });
    const view = await getEscalationPanel(afterV2(), requester);
    expect(view.escalation?.template).toEqual({ id: 'test-template', version: 1 });
    expect(view.principles).toEqual(V1.principles);
  });

  it('all twenty of the default template, both chapters, in both languages', async () => {
    const world = new InMemoryWorld(DEFAULT_PROCESS_TEMPLATE).addUser({
      accountId: 'sam',
      displayName: 'Sam',
      groups: ['contractor-team'],
      access: full,
    });
    world.currentUser = 'sam';
    const view = await getEscalationPanel(world.deps(), requester);
    expect(view.principles).toHaveLength(20);
    expect(new Set(view.principles.map((p) => p.chapter))).toEqual(new Set(['introduction', 'definition']));
    expect(view.principles.find((p) => p.id === 'intro-07')?.text.en).toMatch(/last resort/);
    expect(view.principles.find((p) => p.id === 'intro-07')?.text.de).toMatch(/letzter Ausweg/);
  });
});
