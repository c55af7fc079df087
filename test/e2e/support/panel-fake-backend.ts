/**
 * The issue panel's backend for browser tests without the sandbox: the app's REAL resolver handler
 * (createPanelResolver → zod payload checks → use cases → domain commands → buildEscalationView) over the
 * use cases' in-memory ports, with the default process template. Only Jira and storage are stand-ins, so
 * the views the panel renders are genuine.
 */
import { DEFAULT_PROCESS_TEMPLATE } from '../../../src/domain/process/default-template';
import { createPanelResolver } from '../../../src/entry/resolvers/escalation-panel-resolver';
import type { EscalationPanelView } from '../../../src/shared/escalation-panel-view';
import type { ResolverKey, ResolverResponse } from '../../../src/shared/resolver-contract';
import { InMemoryWorld } from '../../../src/usecases/testing/in-memory-deps';

export const ISSUE = { key: 'DEMO-1', id: '10001' } as const;

/** The people of the tests: one per party, an admin outside both parties, and a read-only viewer. */
export const PEOPLE = {
  contractor: { accountId: 'u-sam', displayName: 'Sam Contractor' },
  client: { accountId: 'u-klara', displayName: 'Klara Kundin' },
  admin: { accountId: 'u-ada', displayName: 'Ada Admin' },
  viewer: { accountId: 'u-vic', displayName: 'Vic Viewer' },
} as const;
export type Person = keyof typeof PEOPLE;

export type PanelResponse = ResolverResponse<EscalationPanelView>;

export class PanelFakeBackend {
  readonly world = new InMemoryWorld(DEFAULT_PROCESS_TEMPLATE);
  /** Every call the panel made, in order: what a test asserts on (e.g. no double submit). */
  readonly calls: { accountId: string; functionKey: string; payload: unknown }[] = [];
  /** Delay before answering an invoke (ms), to observe loading and busy states. */
  latencyMs = 0;
  /** How often the panel asked Jira to refresh the issue view (after each successful change). */
  refreshes = 0;
  /** The next this-many invokes are rejected by the bridge itself (no connection), before any resolver runs. */
  bridgeFailures = 0;
  /** What a custom field's edit view submitted to Jira (`view.submit`), in order. */
  readonly submitted: unknown[] = [];
  private readonly handler = createPanelResolver(() => this.world.deps());

  constructor(now = new Date('2026-11-23T08:30:00.000Z')) {
    const full = { browse: true, edit: true, admin: false };
    this.world.now = now;
    this.world
      .addUser({ ...PEOPLE.contractor, groups: ['contractor-team'], access: full })
      .addUser({ ...PEOPLE.client, groups: ['client-team'], access: full })
      .addUser({ ...PEOPLE.admin, groups: ['jira-admins'], access: { browse: true, edit: true, admin: true } })
      .addUser({ ...PEOPLE.viewer, groups: [], access: { browse: true, edit: false, admin: false } });
  }

  /** Calls the resolver exactly as Forge does: payload from the frame, identity from the invocation context. */
  async invoke(accountId: string, functionKey: string, payload: unknown): Promise<PanelResponse> {
    this.world.currentUser = accountId;
    return (await this.handler(
      {
        call: { functionKey, payload },
        context: {
          accountId,
          extension: { type: 'jira:issuePanel', issue: { key: ISSUE.key, id: ISSUE.id } },
          moduleKey: 'escalation-panel',
        },
      },
      { principal: { accountId } },
    )) as PanelResponse;
  }

  /** A step of a test's story, as a person of the tests; fails loudly if the app refuses it. */
  async act(person: Person, functionKey: ResolverKey, payload: Record<string, unknown>, at?: string): Promise<EscalationPanelView> {
    if (at) this.world.now = new Date(at);
    const response = await this.invoke(PEOPLE[person].accountId, functionKey, payload);
    if (!response.ok) throw new Error(`${person} ${functionKey} failed: ${JSON.stringify(response.error)}`);
    return response.data;
  }

  /** The mandatory obligations of a section (by the process template), for seeding a stage to completion. */
  mandatory(section: string): { id: string; party: 'contractor' | 'client' }[] {
    return DEFAULT_PROCESS_TEMPLATE.obligations
      .filter((o) => o.section === section && o.mandatoryToLeaveStage && !o.retired)
      .map((o) => ({ id: o.id, party: o.party }));
  }

  /** The obligations fulfilled now (withdrawn ones excluded), as the view shows them. */
  async fulfilledIds(): Promise<Set<string>> {
    const view = await this.act('contractor', 'getEscalation', {});
    const items = (view.escalation?.sections ?? []).flatMap((s) => s.pairs.flatMap((p) => [p.contractor, p.client]));
    return new Set(items.filter((i) => i?.fulfilment).map((i) => i!.id));
  }

  setNow(iso: string): void {
    this.world.now = new Date(iso);
  }
}
