import fc from 'fast-check';
import {
  blockDigits,
  CHUNK_BYTES,
  chunkKey,
  eventKey,
  keyKind,
  NO_COVERAGE,
  parseChunk,
  planSeal,
  singlesPrefix,
  tierPrefix,
  type Coverage,
} from './escalation-log-layout';

const log = (n: number, text = (seq: number) => `update ${seq}`) =>
  Array.from({ length: n }, (_, i) => ({ seq: i + 1, text: text(i + 1) }));

describe('escalation log layout', () => {
  it('names events and chunks so that chunks sort first and each block is one prefix', () => {
    expect(eventKey('10001', 42)).toBe('escalation:10001:event:00000042');
    expect(chunkKey('10001', 'A', 1000)).toBe('escalation:10001:event:#A00001000');
    expect(chunkKey('10001', 'C', 1)).toBe('escalation:10001:event:#C00000001');
    expect(chunkKey('10001', 'A', 1) < eventKey('10001', 1)).toBe(true);
    expect(keyKind('10001', chunkKey('10001', 'B', 1100))).toEqual({ kind: 'chunk', tier: 1, from: 1100 });
    expect(keyKind('10001', eventKey('10001', 7))).toEqual({ kind: 'event', seq: 7 });
    expect(keyKind('10001', 'escalation:10001:event:#D00000001')).toBeUndefined();
    expect(blockDigits(1234, 1000)).toBe('00001');
    expect(blockDigits(1234, 10)).toBe('0000123');
    // After 1..999 in thousand-chunks: the hundred-chunks of 1000..1999, the ten-chunks of 1200..1299, the events of 1230..1239.
    expect(tierPrefix('1', 0, 0)).toBe('escalation:1:event:#A');
    expect(tierPrefix('1', 1, 999)).toBe('escalation:1:event:#B00001');
    expect(tierPrefix('1', 2, 1199)).toBe('escalation:1:event:#C000012');
    expect(singlesPrefix('1', 1229)).toBe('escalation:1:event:0000123');
  });

  it('seals every complete block once, largest tier first, each chunk a verbatim copy', () => {
    const events = log(1234);
    const { chunks, covered } = planSeal('1', events, NO_COVERAGE);
    expect(covered).toEqual([999, 1199, 1229]);
    expect(chunks.map((c) => [c.key.slice('escalation:1:event:'.length), c.value.from, c.value.to])).toEqual([
      ['#A00000001', 1, 999],
      ['#B00001000', 1000, 1099],
      ['#B00001100', 1100, 1199],
      ['#C00001200', 1200, 1209],
      ['#C00001210', 1210, 1219],
      ['#C00001220', 1220, 1229],
    ]);
    for (const c of chunks) expect(c.value.events).toEqual(events.slice(c.value.from - 1, c.value.to));
    // Nothing more to seal until the next ten-block completes; then only that one.
    expect(planSeal('1', log(1238), covered).chunks).toEqual([]);
    expect(planSeal('1', log(1240), covered).chunks.map((c) => c.key)).toEqual([chunkKey('1', 'C', 1230)]);
  });

  it('splits a block too large for one value into pieces of at most 239 KiB', () => {
    const big = log(1000, (seq) => `${'ä'.repeat(1_000)} ${seq}`);
    const { chunks } = planSeal('1', big, NO_COVERAGE);
    const thousand = chunks.filter((c) => c.key.includes('#A'));
    expect(thousand.length).toBeGreaterThan(1);
    for (const c of thousand) expect(Buffer.byteLength(JSON.stringify(c.value))).toBeLessThanOrEqual(CHUNK_BYTES);
    expect(thousand.flatMap((c) => c.value.events)).toEqual(big.slice(0, 999));
    expect(thousand.map((c) => c.key)).toEqual(thousand.map((c) => chunkKey('1', 'A', c.value.from)));
  });

  it('accepts only a well-formed chunk for the position its key names', () => {
    const chunk = { from: 10, to: 11, events: [{ seq: 10 }, { seq: 11 }] };
    expect(parseChunk(chunk, 10)).toBe(chunk);
    expect(parseChunk(chunk, 11)).toBeUndefined();
    expect(parseChunk({ ...chunk, to: 12 }, 10)).toBeUndefined();
    expect(parseChunk({ ...chunk, events: [{ seq: 10 }, { seq: 12 }] }, 10)).toBeUndefined();
    expect(parseChunk({ from: 10, to: 9, events: [] }, 10)).toBeUndefined();
    expect(parseChunk(null, 10)).toBeUndefined();
  });

  it('whatever the sealing points, the chunks tile the log without gaps or overlaps within a tier', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 12 }), (steps) => {
        let covered: Coverage = NO_COVERAGE;
        let length = 0;
        const written = new Map<string, { from: number; to: number }>();
        for (const step of steps) {
          length += step;
          const plan = planSeal('1', log(length), covered);
          for (const c of plan.chunks) {
            expect(written.has(c.key)).toBe(false);
            written.set(c.key, c.value);
          }
          covered = plan.covered;
          expect(covered[0]).toBe(Math.max(0, Math.floor((length + 1) / 1000) * 1000 - 1));
          expect(covered[2]).toBe(Math.max(0, Math.floor((length + 1) / 10) * 10 - 1));
        }
      }),
      { numRuns: 40 },
    );
  });
});
