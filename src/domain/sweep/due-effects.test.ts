import { DEFAULT_PROCESS_TEMPLATE } from '../process/default-template';
import { escalationEventSchema } from '../escalation/escalation-event';
import { dueEffects } from './due-effects';
import { CONFIG, SweepStory, T0 } from './sweep-test-story';

const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const critical = (s: SweepStory) => s.effects().filter((e) => e.event.type === 'deadline-notice' && e.event.obligationId === 'L1-C-02');

describe('dueEffects: deadlines', () => {
  it('warns before the two-hour client notification runs out, then flags it missed', () => {
    const story = new SweepStory().start({ detectedAt: T0.toISOString() }).at(minutes(5));
    expect(critical(story)).toEqual([]);
    story.at(minutes(91)); // warn in the last quarter: 1 h 30 in
    expect(critical(story).map((e) => [e.kind, e.ref])).toEqual([
      ['deadline-warning', expect.stringMatching(/^deadline:L1-C-02@2026-11-23T09:00:00.000Z:warning$/)],
    ]);
    story.sweep();
    expect(critical(story)).toEqual([]);
    story.at(minutes(121));
    const [missed] = critical(story);
    expect(missed).toMatchObject({
      kind: 'deadline-missed',
      event: { notice: 'missed', party: 'contractor', dueAt: minutes(120).toISOString(), origin: { source: 'sweep' } },
    });
    story.sweep();
    expect(critical(story)).toEqual([]);
  });

  it('gives no late warning once a deadline is already missed', () => {
    const story = new SweepStory().start({ detectedAt: T0.toISOString() }).at(minutes(180));
    expect(critical(story).map((e) => e.kind)).toEqual(['deadline-missed']);
  });

  it('stops once the client was notified (the deadline is met)', () => {
    const story = new SweepStory().start({ detectedAt: T0.toISOString() }).at(minutes(30)).notifyClient().at(minutes(200));
    expect(critical(story)).toEqual([]);
  });

  it('produces valid events, each with a stable ref', () => {
    const story = new SweepStory().start().at(minutes(600));
    const first = story.effects();
    const again = dueEffects({ state: story.state, template: DEFAULT_PROCESS_TEMPLATE, policy: CONFIG.policy, now: minutes(601) });
    expect(again.map((e) => e.ref)).toEqual(first.map((e) => e.ref));
    for (const effect of first) expect(escalationEventSchema.safeParse({ ...effect.event, seq: 1 }).success).toBe(true);
  });

  it('does nothing for a resolved escalation', () => {
    const story = new SweepStory().start().at(minutes(30)).resolveAnyway().at(minutes(2000));
    expect(story.effects()).toEqual([]);
  });
});

describe('dueEffects: the level time frame', () => {
  it('escalates 1 → 2 → 3 as each level runs out, once each, and only proposes arbitration at 3', () => {
    const story = new SweepStory().start().at(minutes(8 * 60 + 1));
    const kinds = () => story.sweep().filter((k) => !k.startsWith('deadline-'));
    expect(kinds()).toEqual([expect.stringMatching(/^escalated:deadline:level-1@/)]);
    expect(story.state.level).toBe(2);
    expect(story.log.at(-1)).toMatchObject({
      type: 'level-changed',
      from: 1,
      to: 2,
      reason: 'time-frame-expired',
      actor: { party: 'system' },
    });
    expect(kinds()).toEqual([]);
    story.laterMinutes(8 * 60);
    expect(kinds()).toEqual([expect.stringMatching(/^escalated:deadline:level-2@/)]);
    story.laterMinutes(8 * 60);
    expect(kinds()).toEqual([expect.stringMatching(/^arbitration-proposed:deadline:level-3@.*:missed$/)]);
    expect(story.state.level).toBe(3);
    story.laterMinutes(8 * 60);
    expect(kinds()).toEqual([]);
    expect(story.state.level).toBe(3);
  });

  it('only notifies when the policy says so', () => {
    const story = new SweepStory({ ...CONFIG, policy: { ...CONFIG.policy, onLevelTimeFrameExpired: 'notify' } })
      .start()
      .at(minutes(8 * 60 + 1));
    expect(story.sweep().filter((k) => k.includes('level-1@'))).toEqual([expect.stringMatching(/^level-time-frame-expired:/)]);
    expect(story.state.level).toBe(1);
  });

  it('warns before the level time frame ends', () => {
    const story = new SweepStory().start().at(minutes(6 * 60 + 1));
    expect(
      story
        .effects()
        .filter((e) => e.ref.includes('level-1@'))
        .map((e) => e.kind),
    ).toEqual(['deadline-warning']);
  });
});
