import { TEST_TEMPLATE } from '../../domain/testing/test-template';
import { NotFoundError, UnavailableError } from '../../infrastructure/http/product-request';
import { performEscalationAction } from '../../usecases/perform-escalation-action-use-case';
import { InMemoryWorld } from '../../usecases/testing/in-memory-deps';
import { createTransitionPostFunction, createTransitionValidator } from './escalation-workflow-rules';

const full = { browse: true, edit: true, admin: false };

function setup() {
  const world = new InMemoryWorld(TEST_TEMPLATE)
    .addUser({ accountId: 'sam', displayName: 'Sam', groups: ['contractor-team'], access: full, locale: 'en' })
    .addUser({ accountId: 'klaus', displayName: 'Klaus', groups: ['client-team'], access: full, locale: 'de' });
  return { world, validate: createTransitionValidator(() => world.deps()), record: createTransitionPostFunction(() => world.deps()) };
}

const context = (accountId: string) => ({ principal: { accountId } });
const event = (configuration: unknown, extra: Record<string, unknown> = {}) => ({
  issue: { key: 'DEMO-1', fields: { summary: 'Checkout outage' } },
  transition: { from: { id: '10001' }, to: { id: '10002' }, transitionId: '21', transitionName: 'Escalate' },
  configuration,
  ...extra,
});

describe('workflow rule functions (as Jira calls them)', () => {
  it('records the configured step once per transition run, as the user who ran it', async () => {
    const { world, record } = setup();
    const run = event(JSON.stringify({ action: 'start', trigger: 'contract-interpretation' }), { changelog: { id: '501' } });
    expect(await record(run, context('klaus'))).toEqual({ recorded: true });
    expect(await record(run, context('klaus'))).toEqual({ recorded: true }); // a retried delivery
    const log = world.events.get('10001')!;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      trigger: 'contract-interpretation',
      problem: 'Checkout outage',
      actor: { accountId: 'klaus', party: 'client' },
      origin: { ref: 'DEMO-1:21:501' },
    });
  });

  it("tells the new level's contacts about an escalation by transition once, a retried delivery finishing what the first left", async () => {
    const { world, record } = setup();
    const as = (accountId: string) => {
      world.currentUser = accountId;
      return { accountId, issueKey: 'DEMO-1' };
    };
    await performEscalationAction(world.deps(), as('sam'), 'startEscalation', { trigger: 'other', problem: 'p', impact: 'i' });
    for (const id of ['L1-C-01', 'L1-C-02'])
      await performEscalationAction(world.deps(), as('sam'), 'fulfilObligation', { obligationId: id, note: 'done' });
    await performEscalationAction(world.deps(), as('klaus'), 'fulfilObligation', { obligationId: 'L1-K-01', note: 'done' });
    world.now = new Date(world.now.getTime() + 30 * 24 * 3600_000); // level 1's time frame is over
    // Jira refuses the notification once: nothing went out.
    world.notificationJira.refuse.notify = 1;
    const run = event(JSON.stringify({ action: 'escalate' }), { changelog: { id: '612' } });

    expect(await record(run, context('klaus'))).toEqual({ recorded: true });
    expect(world.notificationJira.sent).toHaveLength(0);
    expect(await record(run, context('klaus'))).toEqual({ recorded: true }); // Forge delivers the run again

    expect(world.notificationJira.sent).toHaveLength(1);
    const log = world.events.get('10001')!;
    expect(log.filter((e) => e.type === 'level-changed')).toHaveLength(1);
    const changed = log.find((e) => e.type === 'level-changed')!;
    expect(log.filter((e) => e.type === 'notification-sent')).toEqual([
      expect.objectContaining({ purpose: 'escalated', origin: { source: 'workflow', ref: `notified:event:${changed.seq}` } }),
    ]);
  });

  it('accepts the configuration as a parsed object too', async () => {
    const { validate } = setup();
    expect(await validate(event({ action: 'start' }), context('sam'))).toEqual({ result: true });
  });

  it('refuses, with a message for the admin, when the rule is not configured', async () => {
    const { validate, record } = setup();
    expect(await validate(event(undefined), context('sam'))).toEqual({
      result: false,
      errorMessage: 'Escalation rule: the rule on this transition is not configured. Ask your Jira administrator to check the workflow.',
    });
    expect(await validate(event(JSON.stringify({ action: 'explode' })), context('sam'))).toMatchObject({ result: false });
    expect(await record({ nonsense: true }, context('sam'))).toMatchObject({ recorded: false });
  });

  it('answers a failure of its own with a clear refusal instead of a crash', async () => {
    const { world } = setup();
    const deps = world.deps();
    deps.events.load = () => Promise.reject(new Error('storage down'));
    const validate = createTransitionValidator(() => deps);
    expect(await validate(event(JSON.stringify({ action: 'start' })), context('sam'))).toEqual({
      result: false,
      errorMessage: 'The escalation app could not check this transition right now; nothing was changed. Please try again.',
    });
  });
});

/** Exactly the payload Jira documents for a validator function: no user anywhere, and no user in the context. */
const documented = (action: string) => ({
  issue: { key: 'DEMO-1' },
  configuration: JSON.stringify({ action }),
  transition: { from: { id: '10001' }, to: { id: '10002' }, modifiedFields: {} },
});

describe('workflow validator without a user (Jira does not document sending one)', () => {
  it("decides from the escalation's state: passes what a person of either party could do now", async () => {
    const { world, validate } = setup();
    expect(await validate(documented('start'), {})).toEqual({ result: true });
    expect(await validate(documented('start'), undefined)).toEqual({ result: true });
    // Started once: a second start is refused with the state's reason, not for want of a user.
    await createTransitionPostFunction(() => world.deps())(
      { ...event(JSON.stringify({ action: 'start' })), changelog: { id: '9' } },
      context('sam'),
    );
    expect(await validate(documented('start'), {})).toEqual({
      result: false,
      errorMessage: expect.not.stringContaining('no user') as unknown,
    });
  });

  it('blocks only with the reason the state gives', async () => {
    const { validate } = setup();
    const verdict = await validate(documented('escalate'), {});
    expect(verdict.result).toBe(false);
    expect(verdict.errorMessage).toBeTruthy();
    expect(verdict.errorMessage).not.toMatch(/no user|party/i);
    expect((await validate(documented('resolve'), {})).result).toBe(false);
  });
});

describe('workflow post function retries through InvocationError (Forge does not retry a throw)', () => {
  beforeAll(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));

  const failingWith = (error: Error) => {
    const { world } = setup();
    const deps = world.deps();
    deps.events.load = () => Promise.reject(error);
    return createTransitionPostFunction(() => deps);
  };
  const run = { ...event(JSON.stringify({ action: 'start' })), changelog: { id: '77' } };

  it('returns an InvocationError on a transient failure', async () => {
    for (const error of [new Error('storage unavailable'), new UnavailableError('429', 429, '')]) {
      expect(await failingWith(error)(run, context('sam'))).toMatchObject({
        _retry: true,
        retryOptions: { retryAfter: 60, retryReason: 'FUNCTION_RETRY_REQUEST' },
      });
    }
  });

  it('does not ask for a retry that cannot help', async () => {
    expect(await failingWith(new NotFoundError('gone', 404, ''))(run, context('sam'))).toMatchObject({ recorded: false });
  });
});
