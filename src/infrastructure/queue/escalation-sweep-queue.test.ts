import {
  chunkForPush,
  eventsFor,
  MAX_BYTES_PER_EVENT,
  MAX_BYTES_PER_PUSH,
  MAX_EVENTS_PER_PUSH,
  siteFactsSchema,
  SWEEP_CONCURRENCY,
} from './escalation-sweep-queue';

describe('queue pushes', () => {
  const bytes = (events: unknown[]) => Buffer.byteLength(JSON.stringify(events), 'utf8');

  it('measures pushes in UTF-8 bytes: multi-byte summaries are split before Forge refuses them', () => {
    // 30 events of ~2,000 characters, 3 bytes each in UTF-8: ~6 KB characters, ~180 KB bytes per 30.
    const events = Array.from({ length: 40 }, (_, i) => ({ body: { issues: [{ id: String(i), summary: '障'.repeat(2_000) }] } }));
    const chunks = chunkForPush(events);
    expect(chunks.flat()).toHaveLength(40);
    for (const chunk of chunks) expect(bytes(chunk)).toBeLessThanOrEqual(MAX_BYTES_PER_PUSH);
    // Forge's own check: 200 KB of bytes per push.
    for (const chunk of chunks) expect(bytes(chunk) / 1024).toBeLessThanOrEqual(200);
    expect(chunks.length).toBeGreaterThan(1);
  });

  it('puts at most 50 events in one push', () => {
    const chunks = chunkForPush(Array.from({ length: 120 }, (_, i) => ({ body: { n: i } })));
    expect(chunks.map((c) => c.length)).toEqual([MAX_EVENTS_PER_PUSH, MAX_EVENTS_PER_PUSH, 20]);
  });
});

describe('the sweep’s events', () => {
  const issue = (i: number, summary = `Issue ${i}`) => ({ id: String(10_000 + i), key: `DEMO-${i}`, projectKey: 'DEMO', summary });

  it('carry the concurrency key and limit, one batch an event while it fits a long-running consumer’s 100 KB', () => {
    const events = eventsFor(Array.from({ length: 50 }, (_, i) => issue(i)));
    expect(events).toHaveLength(1);
    expect(events[0]!.concurrency).toEqual(SWEEP_CONCURRENCY);
    expect(events[0]!.body.issues).toHaveLength(50);
  });

  it('split a batch whose event would pass the per-event limit, keeping every issue once', () => {
    const batch = Array.from({ length: 50 }, (_, i) => issue(i, '障'.repeat(1_000)));
    const events = eventsFor(batch);
    expect(events.length).toBeGreaterThan(1);
    for (const e of events) expect(Buffer.byteLength(JSON.stringify(e), 'utf8')).toBeLessThanOrEqual(MAX_BYTES_PER_EVENT);
    expect(events.flatMap((e) => e.body.issues.map((i) => i.id))).toEqual(batch.map((i) => i.id));
  });

  it('hand the site facts on in every event, split or not, and only when they are known', () => {
    const site = { levelFieldId: 'customfield_10050', baseUrl: 'https://example.atlassian.net', defaultLocale: 'de_DE' };
    const split = eventsFor(
      Array.from({ length: 50 }, (_, i) => issue(i, '障'.repeat(1_000))),
      undefined,
      site,
    );
    expect(split.length).toBeGreaterThan(1);
    for (const e of split) expect(e.body.site).toEqual(site);
    expect(eventsFor([issue(1)])[0]!.body).not.toHaveProperty('site');
  });

  it('site facts: an id that is not a custom field id or an address that is not a URL is refused', () => {
    expect(siteFactsSchema.safeParse({ levelFieldId: 'customfield_10050', baseUrl: 'https://example.atlassian.net' }).success).toBe(true);
    expect(siteFactsSchema.safeParse({ levelFieldId: 'summary', baseUrl: 'https://example.atlassian.net' }).success).toBe(false);
    expect(siteFactsSchema.safeParse({ levelFieldId: 'customfield_10050', baseUrl: 'not a url' }).success).toBe(false);
  });
});
