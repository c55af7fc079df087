import { TEST_TEMPLATE } from '../../domain/testing/test-template';
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

  it('accepts the configuration as a parsed object too', async () => {
    const { validate } = setup();
    expect(await validate(event({ action: 'start' }), context('sam'))).toEqual({ result: true });
  });

  it('refuses, with a message for the admin, when the rule is not configured or the event has no user', async () => {
    const { validate, record } = setup();
    expect(await validate(event(undefined), context('sam'))).toEqual({
      result: false,
      errorMessage: 'Escalation rule: the rule on this transition is not configured. Ask your Jira administrator to check the workflow.',
    });
    expect(await validate(event(JSON.stringify({ action: 'explode' })), context('sam'))).toMatchObject({ result: false });
    expect(await validate(event(JSON.stringify({ action: 'start' })), undefined)).toMatchObject({
      result: false,
      errorMessage: expect.stringContaining('no user') as unknown,
    });
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
