import { kvs, WhereConditions } from '@forge/kvs';
import { as, call, startFixture, START, type Fixture } from './sandbox-fixture';

const adf = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const commentHits = async () => (await kvs.query().where('key', WhereConditions.beginsWith('commented:DEMO-1:')).getMany()).results;

describe('product events delivered at once (npm start), the clock still deciding the time', () => {
  let f: Fixture | undefined;
  afterEach(() => f?.cleanup());

  it('runs the comment trigger right after the comment, without a clock step', async () => {
    f = await startFixture({ deliverEventsAtOnce: true });
    const answer = await call(f.sandbox, 'POST', '/rest/api/3/issue/DEMO-1/comment', as('klaus'), { body: adf('Wir eskalieren.') });
    expect(answer.status).toBe(201);
    await f.sandbox.eventsSettled();
    const hits = await commentHits();
    expect(hits.map((h) => h.value)).toEqual([{ by: '712020:klaus-kunde' }]);
    expect(f.sandbox.now().toISOString()).toBe(START);
    // Delivered once: a later clock step does not deliver it again.
    await f.sandbox.advanceClock(60_000);
    expect(await commentHits()).toHaveLength(1);
  });

  it('without the option the event waits for the next clock step, as the tests that step the clock expect', async () => {
    f = await startFixture();
    await call(f.sandbox, 'POST', '/rest/api/3/issue/DEMO-1/comment', as('klaus'), { body: adf('Wir eskalieren.') });
    await f.sandbox.eventsSettled();
    expect(await commentHits()).toEqual([]);
    await f.sandbox.advanceClock(0);
    expect(await commentHits()).toHaveLength(1);
  });
});
