import { escalationEventSchema, type NewEscalationEvent } from '../escalation/escalation-event';
import { applyEvent } from '../escalation/replay-escalation';
import { DEFAULT_PROCESS_TEMPLATE } from '../process/default-template';
import {
  clientContactsAt,
  clientNotifiedByComment,
  commentExcerpt,
  commentRef,
  isContactByGroups,
  isContractorMember,
  mentionedAccountIds,
  mentionedByAccount,
  notifiedAt,
} from './comment-notification';
import { dueEffects } from './due-effects';
import { CONFIG, SweepStory, T0 } from './sweep-test-story';

const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const mention = (id: string, text = `@${id}`) => ({ type: 'mention', attrs: { id, text, accessLevel: '' } });
const doc = (...content: unknown[]) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content }] });
const body = doc({ type: 'text', text: 'Informed ' }, mention('acc-klaus', '@Klaus Kunde'), { type: 'text', text: ' about the outage.' });

/** The event a decision records; anything else fails the test. */
function recorded(decision: ReturnType<typeof clientNotifiedByComment>): NewEscalationEvent {
  if (!('event' in decision)) throw new Error(`Expected a recorded event, got ${JSON.stringify(decision)}`);
  return decision.event;
}

function decide(story: SweepStory, overrides: Partial<Parameters<typeof clientNotifiedByComment>[0]> = {}) {
  return clientNotifiedByComment({
    state: story.state,
    log: story.log,
    template: DEFAULT_PROCESS_TEMPLATE,
    comment: { id: '10042', authorAccountId: 'acc-sam', created: minutes(30).toISOString(), body },
    authorIsContractor: true,
    mentionsClientContact: true,
    now: minutes(31),
    ...overrides,
  });
}

describe('mentions and excerpt of a comment', () => {
  it('finds every mentioned account once, in nested content too', () => {
    const nested = {
      type: 'doc',
      version: 1,
      content: [
        {
          type: 'bulletList',
          content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [mention('a'), mention('b'), mention('a')] }] }],
        },
      ],
    };
    expect(mentionedAccountIds(nested)).toEqual(['a', 'b']);
    expect(
      mentionedAccountIds({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: '@klaus' }] }] }),
    ).toEqual([]);
    expect(mentionedAccountIds('plain text')).toEqual([]);
  });

  it('makes a short plain-text note', () => {
    expect(commentExcerpt(body)).toBe('Informed @Klaus Kunde about the outage.');
    const long = commentExcerpt(doc({ type: 'text', text: 'x'.repeat(500) }));
    expect(long.length).toBe(200);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('who counts', () => {
  it('client contacts are those configured for the level, else the client party groups', () => {
    const configured = { ...CONFIG, contacts: { ...CONFIG.contacts, 1: { client: { accountIds: ['acc-klaus'], groups: [] } } } };
    expect(clientContactsAt(configured, 1)).toEqual({ accountIds: ['acc-klaus'], groups: [] });
    expect(clientContactsAt(CONFIG, 1)).toEqual({ accountIds: [], groups: ['client-team'] }); // none configured: the party
    expect(clientContactsAt(CONFIG, 2)).toEqual({ accountIds: [], groups: ['client-managers'] });
    expect(mentionedByAccount(clientContactsAt(configured, 1), ['acc-sam', 'acc-klaus'])).toEqual(['acc-klaus']);
    expect(isContactByGroups(clientContactsAt(CONFIG, 1), ['client-team'])).toBe(true);
    expect(isContactByGroups(clientContactsAt(CONFIG, 2), ['client-team'])).toBe(false);
  });

  it('the author must be in the contractor party only', () => {
    expect(isContractorMember(CONFIG, ['contractor-team'])).toBe(true);
    expect(isContractorMember(CONFIG, ['client-team'])).toBe(false);
    expect(isContractorMember(CONFIG, ['contractor-team', 'client-team'])).toBe(false); // both: ambiguous
    expect(isContractorMember(CONFIG, [])).toBe(false);
  });
});

describe('clientNotifiedByComment', () => {
  it("records the contractor's comment to a client contact as the client notification, which stops the two-hour clock", () => {
    const story = new SweepStory().start({ detectedAt: T0.toISOString() }).at(minutes(31));
    const decision = decide(story);
    expect('event' in decision).toBe(true);
    const event = recorded(decision);
    expect(event).toMatchObject({
      type: 'client-notified',
      channel: 'jira',
      note: 'Informed @Klaus Kunde about the outage.',
      actor: { accountId: 'acc-sam', party: 'contractor' },
      at: minutes(30).toISOString(),
      origin: { source: 'comment', ref: commentRef('10042') },
    });
    expect(escalationEventSchema.safeParse({ ...event, seq: 2 }).success).toBe(true);
    story.append(event).at(minutes(200));
    expect(story.state.clientNotifiedAt).toBe(minutes(30).toISOString());
    expect(story.effects().filter((e) => e.event.type === 'deadline-notice' && e.event.obligationId === 'L1-C-02')).toEqual([]);
  });

  it('ignores a client author, a comment without a client contact, and anything once recorded or notified', () => {
    const story = new SweepStory().start({ detectedAt: T0.toISOString() });
    expect(decide(story, { authorIsContractor: false })).toEqual({ ignored: 'not-contractor' });
    expect(decide(story, { mentionsClientContact: false })).toEqual({ ignored: 'no-client-contact' });
    story.append(recorded(decide(story)));
    expect(decide(story)).toEqual({ ignored: 'already-recorded' }); // the same comment again (duplicate, edit)
    expect(decide(story, { comment: { id: '10043', authorAccountId: 'acc-sam', body } })).toEqual({ ignored: 'already-notified' });
    expect(decide(new SweepStory().start().resolveAnyway())).toEqual({ ignored: 'not-open' });
    expect(
      clientNotifiedByComment({
        state: undefined,
        log: [],
        template: DEFAULT_PROCESS_TEMPLATE,
        comment: { id: '1', authorAccountId: 'a', body },
        authorIsContractor: true,
        mentionsClientContact: true,
        now: T0,
      }),
    ).toEqual({ ignored: 'no-escalation' });
  });

  it('dates the record at the comment, but never before the last recorded event nor after now', () => {
    const story = new SweepStory().start({ detectedAt: T0.toISOString() });
    expect(notifiedAt(story.log, minutes(-10).toISOString(), minutes(5)).toISOString()).toBe(story.log[0]!.at);
    expect(notifiedAt(story.log, minutes(10).toISOString(), minutes(5))).toEqual(minutes(5));
    expect(notifiedAt(story.log, undefined, minutes(5))).toEqual(minutes(5));
    // A warning the sweep recorded after the comment was written keeps the log in time order.
    story.at(minutes(95));
    for (const e of dueEffects({ state: story.state, template: DEFAULT_PROCESS_TEMPLATE, policy: CONFIG.policy, now: story.now }))
      story.append(e.event);
    const event = recorded(
      decide(story, { comment: { id: '7', authorAccountId: 'acc-sam', created: minutes(80).toISOString(), body }, now: minutes(96) }),
    );
    expect(event.at >= story.log[story.log.length - 1]!.at).toBe(true);
    expect(applyEvent(story.state, { ...event, seq: story.log.length + 1 }).clientNotifiedAt).toBe(event.at);
  });
});
