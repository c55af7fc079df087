import { TEST_TEMPLATE } from '../domain/testing/test-template';
import type { EscalationDeps, Requester } from './escalation-deps';
import { getEscalationPanel } from './get-escalation-panel-use-case';
import type { UserAccess } from './ports/issue-gateway';
import { performEscalationAction } from './perform-escalation-action-use-case';
import { InMemoryWorld } from './testing/in-memory-deps';
import { UseCaseError } from './use-case-error';

const full = { browse: true, edit: true, admin: false };
const none = { browse: false, edit: false, admin: false };

/** A world with an escalation Sam started and Klaus answered, so the log names two people besides the viewer. */
async function startedWorld(): Promise<InMemoryWorld> {
  const world = new InMemoryWorld(TEST_TEMPLATE)
    .addUser({ accountId: 'sam', displayName: 'Sam Service', groups: ['contractor-team'], access: full })
    .addUser({ accountId: 'klaus', displayName: 'Klaus Kunde', groups: ['client-team'], access: full })
    .addUser({ accountId: 'erika', displayName: 'Erika Executive', groups: ['client-team'], access: full })
    .addUser({ accountId: 'otto', displayName: 'Otto Outsider', groups: [], access: none });
  world.currentUser = 'sam';
  await performEscalationAction(world.deps(), { accountId: 'sam', issueKey: 'DEMO-1' }, 'startEscalation', {
    trigger: 'other',
    problem: 'Checkout down',
    impact: 'No orders',
  });
  world.currentUser = 'klaus';
  await performEscalationAction(world.deps(), { accountId: 'klaus', issueKey: 'DEMO-1' }, 'acknowledgeNotice', {});
  return world;
}

/**
 * The world's deps with the access check held until the test lets it answer, and every read noted in order:
 * what the panel reads while Jira still checks the user's access shows which reads wait for it.
 */
function heldAccess(world: InMemoryWorld) {
  const deps = world.deps();
  const reads: string[] = [];
  let answer!: () => void;
  const gate = new Promise<void>((resolve) => (answer = resolve));
  const noted = <A extends unknown[], R>(name: string, read: (...args: A) => Promise<R>) => {
    return (...args: A): Promise<R> => {
      reads.push(name);
      return read(...args);
    };
  };
  const held: EscalationDeps = {
    ...deps,
    issues: {
      ...deps.issues,
      userAccess: async (key): Promise<UserAccess> => {
        reads.push('access asked');
        await gate;
        reads.push('access answered');
        return deps.issues.userAccess(key);
      },
      displayNames: noted('names', (ids: readonly string[]) => deps.issues.displayNames(ids)),
    },
    events: { ...deps.events, load: noted('log', (issueId: string) => deps.events.load(issueId)) },
    templates: {
      active: noted('active template', (projectKey: string) => deps.templates.active(projectKey)),
      get: noted('template', (ref: Parameters<EscalationDeps['templates']['get']>[0]) => deps.templates.get(ref)),
    },
  };
  return { deps: held, reads, answerAccess: () => answer() };
}

/** Lets every promise that can settle without the held access check settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

const hinted = (accountId: string): Requester => ({ accountId, issueKey: 'DEMO-1', issueId: '10001', projectKey: 'DEMO' });

describe('getEscalationPanel: read order', () => {
  it("reads the log, its template and the names of the log's people while the access check is still out", async () => {
    const world = await startedWorld();
    world.currentUser = 'erika';
    const { deps, reads, answerAccess } = heldAccess(world);

    const answer = getEscalationPanel(deps, hinted('erika'));
    await settle();
    expect(reads).not.toContain('access answered');
    expect(reads.filter((r) => r !== 'access asked')).toEqual(['log', 'template', 'names']);

    answerAccess();
    const view = await answer;
    expect(reads.filter((r) => r !== 'access asked' && r !== 'access answered')).toEqual(['log', 'template', 'names']); // nothing read twice
    expect(view.viewer).toMatchObject({ accountId: 'erika', party: 'client' });
    // The names read early are the ones shown: the viewer and both people in the log.
    expect(view.people).toMatchObject({ sam: 'Sam Service', klaus: 'Klaus Kunde', erika: 'Erika Executive' });
  });

  it('without the context’s hints, reads the log (then its template and names) once the issue is known', async () => {
    const world = await startedWorld();
    world.currentUser = 'erika';
    const { deps, reads, answerAccess } = heldAccess(world);

    const answer = getEscalationPanel(deps, { accountId: 'erika', issueKey: 'DEMO-1' });
    await settle();
    expect(reads).toEqual(['access asked']);

    answerAccess();
    const view = await answer;
    const afterAccess = reads.slice(reads.indexOf('access answered') + 1);
    expect([...afterAccess].sort()).toEqual(['log', 'names', 'template']);
    expect(view.people).toMatchObject({ sam: 'Sam Service', klaus: 'Klaus Kunde' });
  });

  it('reads the right log again when the hinted issue id is not the issue’s (and shows the names of that log)', async () => {
    const world = await startedWorld();
    world.currentUser = 'erika';
    const { deps, reads, answerAccess } = heldAccess(world);
    answerAccess();

    const view = await getEscalationPanel(deps, { ...hinted('erika'), issueId: '99999' });
    expect(reads.filter((r) => r === 'log')).toHaveLength(2);
    expect(view.escalation).not.toBeNull();
    expect(view.people).toMatchObject({ sam: 'Sam Service', klaus: 'Klaus Kunde' });
  });

  it('refuses a user who may not browse the issue, whatever was read beside the check, and leaves no read failing unheard', async () => {
    const world = await startedWorld();
    world.currentUser = 'otto';
    const { deps, answerAccess } = heldAccess(world);
    const failing: EscalationDeps = {
      ...deps,
      issues: { ...deps.issues, displayNames: () => Promise.reject(new Error('names down')) },
      templates: { ...deps.templates, get: () => Promise.reject(new Error('storage down')) },
    };
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const answer = getEscalationPanel(failing, hinted('otto'));
      answerAccess();
      const error = await answer.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UseCaseError);
      expect((error as UseCaseError).code).toBe('not-found');
      await settle();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('still fails with the storage error when the template cannot be read for a user who may see the issue', async () => {
    const world = await startedWorld();
    world.currentUser = 'erika';
    const deps = world.deps();
    const failing: EscalationDeps = { ...deps, templates: { ...deps.templates, get: () => Promise.reject(new Error('storage down')) } };
    await expect(getEscalationPanel(failing, hinted('erika'))).rejects.toThrow('storage down');
  });
});
