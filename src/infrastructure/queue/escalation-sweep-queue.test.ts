import { chunkForPush, MAX_BYTES_PER_PUSH, MAX_EVENTS_PER_PUSH } from './escalation-sweep-queue';

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
