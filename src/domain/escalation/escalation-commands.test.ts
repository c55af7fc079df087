import { TEST_TEMPLATE } from '../testing/test-template';
import type { Actor, EscalationEvent, NewEscalationEvent } from './escalation-event';
import { escalationEventSchema } from './escalation-event';
import type { EscalationState } from './escalation-state';
import type { Decision } from './escalation-rejection';
import { record } from './escalation-log';
import {
  closeEscalation,
  deEscalate,
  escalate,
  fulfilObligation,
  giveArbitrationConsent,
  postStatusUpdate,
  recordClientNotified,
  answerProposal,
  proposeEscalation,
  reopenEscalation,
  resolveEscalation,
  startEscalation,
  withdrawProposal,
  withdrawFulfilment,
  type CommandContext,
} from './escalation-commands';
import { replayEscalation } from './replay-escalation';
import { approveSubmittedReport, submitReport } from '../report/report-commands';

const contractor: Actor = { accountId: 'acc-sam', party: 'contractor' };
const client: Actor = { accountId: 'acc-klaus', party: 'client' };
const system: Actor = { accountId: 'app', party: 'system' };
const T0 = new Date('2026-11-23T09:00:00Z');
const HASH = 'a'.repeat(64);

/** A small driver: keeps the log, advances a test clock, and fails loudly on unexpected rejections. */
class Story {
  log: EscalationEvent[] = [];
  now = T0;
  levelDueAt: Date | undefined = new Date('2026-11-26T09:00:00Z');

  ctx(actor: Actor): CommandContext {
    return { now: this.now, actor, template: TEST_TEMPLATE, ...(this.levelDueAt ? { levelDueAt: this.levelDueAt } : {}) };
  }
  get state(): EscalationState | undefined {
    return replayEscalation(this.log);
  }
  try(command: (s: EscalationState | undefined) => Decision<NewEscalationEvent>): Decision<unknown> {
    const result = record(this.log, command);
    if (result.ok) this.log = [...result.value.log];
    return result;
  }
  do(command: (s: EscalationState | undefined) => Decision<NewEscalationEvent>): this {
    const result = this.try(command);
    if (!result.ok) throw new Error(`unexpected rejection: ${result.rejection.message}`);
    return this;
  }
  later(minutes: number): this {
    this.now = new Date(this.now.getTime() + minutes * 60_000);
    return this;
  }
  start(): this {
    return this.do((s) => startEscalation(s, { trigger: 'sla-breach', problem: 'Outage', impact: 'Orders stop' }, this.ctx(contractor)));
  }
  /** One party proposes, the other accepts: how de-escalation, resolution and early escalation happen. */
  agree(
    change: 'escalate' | 'de-escalate' | 'resolve',
    by: Actor = contractor,
    answeredBy: Actor = by === contractor ? client : contractor,
  ): this {
    const propose =
      change === 'escalate'
        ? proposeEscalation
        : change === 'de-escalate'
          ? deEscalate
          : (s: EscalationState | undefined, i: { note: string }, c: CommandContext) => resolveEscalation(s, { resolution: i.note }, c);
    this.do((s) => propose(s, { note: `${change} agreed` }, this.ctx(by)));
    return this.do((s) => answerProposal(s, { proposalSeq: s!.proposal!.seq, accept: true }, this.ctx(answeredBy)));
  }
  fulfil(id: string, actor: Actor = id.includes('-C-') ? contractor : client): this {
    return this.do((s) => fulfilObligation(s, { obligationId: id, note: `done ${id}` }, this.ctx(actor)));
  }
  /** Fulfils the mandatory obligations of a level section of the test template. */
  completeLevel(level: number): this {
    return this.fulfil(`L${level}-C-01`).fulfil(`L${level}-C-02`).fulfil(`L${level}-K-01`);
  }
}

const rejectionOf = (d: Decision<unknown>) => (d.ok ? undefined : d.rejection);

describe('starting an escalation', () => {
  it('starts at level 1 with the trigger, problem and the template version frozen on it', () => {
    const story = new Story().start();
    expect(story.state).toMatchObject({
      status: 'open',
      level: 1,
      trigger: 'sla-breach',
      problem: 'Outage',
      template: { id: 'test-template', version: 1 },
      startedAt: T0.toISOString(),
    });
  });

  it('refuses a second start', () => {
    const story = new Story().start();
    const second = story.try((s) => startEscalation(s, { trigger: 'other', problem: 'x', impact: 'y' }, story.ctx(client)));
    expect(rejectionOf(second)?.code).toBe('already-started');
    expect(story.log).toHaveLength(1);
  });

  it('keeps a detection time as an instant, whatever offset it was sent with, and refuses one in the future', () => {
    const story = new Story();
    // 10:30 at +02:00 is 08:30Z, before the start at 09:00Z (a string comparison would call it later).
    story.do((s) =>
      startEscalation(
        s,
        { trigger: 'other', problem: 'p', impact: 'i', detectedAt: '2026-11-23T10:30:00+02:00', critical: true },
        story.ctx(client),
      ),
    );
    expect(story.state).toMatchObject({ detectedAt: '2026-11-23T08:30:00.000Z', critical: true, startedBy: 'client' });
    const future = new Story();
    const refused = [
      '2026-11-23T09:00:01Z',
      '2026-11-23T09:30:00+00:00',
      '2026-11-23T05:00:00-05:00', // 10:00Z
      '2025-11-01T00:00:00Z', // more than a year before
    ].map(
      (detectedAt) =>
        rejectionOf(future.try((s) => startEscalation(s, { trigger: 'other', problem: 'p', impact: 'i', detectedAt }, future.ctx(client))))
          ?.code,
    );
    expect(refused).toEqual(['invalid-detected-at', 'invalid-detected-at', 'invalid-detected-at', 'invalid-detected-at']);
    expect(future.log).toHaveLength(0);
  });

  it('records a problem as not critical unless said so', () => {
    expect(new Story().start().state?.critical).toBe(false);
  });

  it('rejects every other command before a start', () => {
    const story = new Story();
    const ctx = story.ctx(contractor);
    const codes = [
      escalate(undefined, {}, ctx),
      deEscalate(undefined, { note: 'n' }, ctx),
      fulfilObligation(undefined, { obligationId: 'L1-C-01', note: 'n' }, ctx),
      withdrawFulfilment(undefined, { obligationId: 'L1-C-01', reason: 'r' }, ctx),
      resolveEscalation(undefined, { resolution: 'r' }, ctx),
      reopenEscalation(undefined, { reason: 'r' }, ctx),
      closeEscalation(undefined, {}, ctx),
      approveSubmittedReport(undefined, { reportVersion: 1, contentHash: HASH }, story.ctx(client)),
      recordClientNotified(undefined, { channel: 'phone', note: 'n' }, ctx),
      postStatusUpdate(undefined, { text: 't' }, ctx),
      giveArbitrationConsent(undefined, {}, ctx),
    ].map((d) => rejectionOf(d)?.code);
    expect(new Set(codes)).toEqual(new Set(['no-escalation']));
  });
});

describe('obligations', () => {
  it('records who fulfilled an obligation, when, with the note and evidence', () => {
    const story = new Story().start().later(30);
    story.do((s) =>
      fulfilObligation(s, { obligationId: 'L1-C-01', note: 'Assessed', evidenceUrl: 'https://example.com/x' }, story.ctx(contractor)),
    );
    expect(story.state?.fulfilments['L1-C-01']).toMatchObject({
      actor: contractor,
      at: '2026-11-23T09:30:00.000Z',
      note: 'Assessed',
      evidenceUrl: 'https://example.com/x',
    });
  });

  it('lets only the obligation’s own party fulfil it', () => {
    const story = new Story().start();
    const byClient = story.try((s) => fulfilObligation(s, { obligationId: 'L1-C-01', note: 'n' }, story.ctx(client)));
    expect(rejectionOf(byClient)).toMatchObject({ code: 'wrong-party', awaitedParty: 'contractor' });
    const byContractor = story.try((s) => fulfilObligation(s, { obligationId: 'L1-K-01', note: 'n' }, story.ctx(contractor)));
    expect(rejectionOf(byContractor)).toMatchObject({ code: 'wrong-party', awaitedParty: 'client' });
    const bySystem = story.try((s) => fulfilObligation(s, { obligationId: 'L1-C-01', note: 'n' }, story.ctx(system)));
    expect(rejectionOf(bySystem)?.code).toBe('system-not-allowed');
  });

  it('records an admin acting for a party with the reason', () => {
    const admin: Actor = { accountId: 'acc-ada', party: 'client', onBehalf: { reason: 'Klaus on leave, approved by phone' } };
    const story = new Story().start().fulfil('L1-K-01', admin);
    expect(story.state?.fulfilments['L1-K-01']?.actor.onBehalf?.reason).toContain('on leave');
  });

  it('rejects unknown obligations, other stages and double fulfilment', () => {
    const story = new Story().start().fulfil('L1-C-01');
    const codes = [
      story.try((s) => fulfilObligation(s, { obligationId: 'NOPE-C-01', note: 'n' }, story.ctx(contractor))),
      story.try((s) => fulfilObligation(s, { obligationId: 'L2-C-01', note: 'n' }, story.ctx(contractor))),
      story.try((s) => fulfilObligation(s, { obligationId: 'REV-C-01', note: 'n' }, story.ctx(contractor))),
      story.try((s) => fulfilObligation(s, { obligationId: 'L1-C-01', note: 'n' }, story.ctx(contractor))),
    ].map((d) => rejectionOf(d)?.code);
    expect(codes).toEqual(['unknown-obligation', 'obligation-not-in-stage', 'obligation-not-in-stage', 'already-fulfilled']);
  });

  it('allows the cross-cutting documentation duties at every level', () => {
    const story = new Story().start().fulfil('DOC-C-01');
    expect(story.state?.fulfilments['DOC-C-01']).toBeDefined();
  });

  it('undoes a fulfilment only by a new event; the first stays in the log', () => {
    const story = new Story().start().fulfil('L1-C-01');
    story.do((s) => withdrawFulfilment(s, { obligationId: 'L1-C-01', reason: 'Wrong ticket' }, story.ctx(contractor)));
    expect(story.state?.fulfilments['L1-C-01']).toBeUndefined();
    expect(story.log.map((e) => e.type)).toEqual(['escalation-started', 'obligation-fulfilled', 'obligation-fulfilment-withdrawn']);
    expect(story.log[2]).toMatchObject({ withdrawsSeq: 2 });
    story.fulfil('L1-C-01');
    expect(story.state?.fulfilments['L1-C-01']?.seq).toBe(4);
  });

  it('refuses to withdraw what is not fulfilled or another party’s fulfilment', () => {
    const story = new Story().start().fulfil('L1-C-01');
    expect(rejectionOf(story.try((s) => withdrawFulfilment(s, { obligationId: 'L1-K-01', reason: 'r' }, story.ctx(client))))?.code).toBe(
      'not-fulfilled',
    );
    expect(rejectionOf(story.try((s) => withdrawFulfilment(s, { obligationId: 'L1-C-01', reason: 'r' }, story.ctx(client))))?.code).toBe(
      'wrong-party',
    );
  });
});

describe('escalating', () => {
  it('holds a party back only by its own open mandatory duties, naming them', () => {
    const story = new Story().start().fulfil('L1-C-01');
    story.now = story.levelDueAt!;
    expect(rejectionOf(story.try((s) => escalate(s, {}, story.ctx(client))))).toMatchObject({
      code: 'open-obligations',
      awaitedParty: 'client',
      openObligations: [{ id: 'L1-K-01', party: 'client' }],
    });
    expect(rejectionOf(story.try((s) => escalate(s, {}, story.ctx(contractor))))).toMatchObject({
      code: 'open-obligations',
      openObligations: [{ id: 'L1-C-02', party: 'contractor' }],
    });
    // The client's duty done: the contractor's open duties do not block the client's remedy.
    story.fulfil('L1-K-01');
    story.do((s) => escalate(s, { note: 'Time frame over' }, story.ctx(client)));
    expect(story.log.at(-1)).toMatchObject({ type: 'level-changed', from: 1, to: 2, reason: 'time-frame-expired' });
  });

  it('does not let one party escalate alone before the time frame ran out when nobody is in default', () => {
    const story = new Story().start().completeLevel(1);
    expect(rejectionOf(story.try((s) => escalate(s, {}, story.ctx(client))))?.code).toBe('time-frame-not-expired');
    story.later(60).agree('escalate', client);
    expect(story.state).toMatchObject({ level: 2, levelEnteredAt: '2026-11-23T10:00:00.000Z' });
    expect(story.log.at(-1)).toMatchObject({ type: 'level-changed', from: 1, to: 2, reason: 'agreed', proposalSeq: 5, actor: contractor });
  });

  it('lets the sweep escalate on an expired time frame whatever is open', () => {
    const story = new Story().start();
    story.now = new Date('2026-11-26T09:00:00Z');
    story.do((s) => escalate(s, {}, story.ctx(system)));
    expect(story.state?.level).toBe(2);
  });

  it('treats the due instant itself as expired, one millisecond before as not', () => {
    const story = new Story().start();
    story.now = new Date(story.levelDueAt!.getTime() - 1);
    expect(rejectionOf(story.try((s) => escalate(s, {}, story.ctx(system))))?.code).toBe('time-frame-not-expired');
    story.now = story.levelDueAt!;
    story.do((s) => escalate(s, {}, story.ctx(system)));
    expect(story.log.at(-1)).toMatchObject({ reason: 'time-frame-expired', actor: system });
  });

  it('does not let the sweep escalate without an expired time frame, even when all is fulfilled', () => {
    const story = new Story().start().completeLevel(1);
    expect(rejectionOf(story.try((s) => escalate(s, {}, story.ctx(system))))?.code).toBe('time-frame-not-expired');
    story.levelDueAt = undefined;
    expect(rejectionOf(story.try((s) => escalate(s, {}, story.ctx(system))))?.code).toBe('time-frame-not-expired');
  });

  it('goes to level 4 only with the consent of both parties, never by the sweep alone', () => {
    const story = new Story().start().completeLevel(1).agree('escalate').completeLevel(2).agree('escalate').completeLevel(3);
    expect(story.state?.level).toBe(3);
    expect(rejectionOf(story.try((s) => escalate(s, {}, story.ctx(contractor))))).toMatchObject({
      code: 'arbitration-needs-both-parties',
      awaitedParty: 'contractor',
    });
    expect(rejectionOf(story.try((s) => proposeEscalation(s, { note: 'n' }, story.ctx(contractor))))?.code).toBe(
      'arbitration-needs-both-parties',
    );
    story.do((s) => giveArbitrationConsent(s, {}, story.ctx(contractor)));
    expect(rejectionOf(story.try((s) => giveArbitrationConsent(s, {}, story.ctx(contractor))))?.code).toBe('already-consented');
    expect(rejectionOf(story.try((s) => escalate(s, {}, story.ctx(client))))).toMatchObject({ awaitedParty: 'client' });
    story.now = new Date('2027-01-01T00:00:00Z'); // long expired: still not without consent
    story.levelDueAt = new Date('2026-12-01T00:00:00Z');
    expect(rejectionOf(story.try((s) => escalate(s, {}, story.ctx(system))))?.code).toBe('arbitration-needs-both-parties');
    story.do((s) => giveArbitrationConsent(s, {}, story.ctx(client)));
    story.do((s) => escalate(s, {}, story.ctx(client)));
    expect(story.state?.level).toBe(4);
    expect(story.log.at(-1)).toMatchObject({ reason: 'agreed' });
    expect(rejectionOf(story.try((s) => escalate(s, {}, story.ctx(client))))?.code).toBe('highest-level');
  });

  it('asks for consent only at level 3, and forgets consent when the level changes', () => {
    const story = new Story().start();
    expect(rejectionOf(story.try((s) => giveArbitrationConsent(s, {}, story.ctx(client))))?.code).toBe('not-at-level-3');
    story.levelDueAt = story.now;
    story.do((s) => escalate(s, {}, story.ctx(system))).do((s) => escalate(s, {}, story.ctx(system)));
    story.do((s) => giveArbitrationConsent(s, {}, story.ctx(client)));
    expect(story.state?.arbitrationConsent).toEqual(['client']);
    story.agree('de-escalate', client);
    story.do((s) => escalate(s, {}, story.ctx(system)));
    expect(story.state?.arbitrationConsent).toEqual([]);
  });
});

describe('proposals both parties decide', () => {
  it('de-escalates only when the other party accepts, and not below level 1', () => {
    const story = new Story().start().completeLevel(1).agree('escalate').later(120);
    story.do((s) => deEscalate(s, { note: 'Managers agreed on a plan' }, story.ctx(contractor)));
    expect(story.state).toMatchObject({ level: 2, proposal: { change: 'de-escalate', text: 'Managers agreed on a plan' } });
    expect(
      rejectionOf(story.try((s) => answerProposal(s, { proposalSeq: s!.proposal!.seq, accept: true }, story.ctx(contractor)))),
    ).toMatchObject({
      code: 'own-proposal',
      awaitedParty: 'client',
    });
    story.do((s) => answerProposal(s, { proposalSeq: s!.proposal!.seq, accept: true }, story.ctx(client)));
    expect(story.state?.level).toBe(1);
    expect(story.state?.proposal).toBeUndefined();
    expect(story.state?.levelHistory.map((h) => [h.level, h.leftAt !== undefined])).toEqual([
      [1, true],
      [2, true],
      [1, false],
    ]);
    expect(rejectionOf(story.try((s) => deEscalate(s, { note: 'n' }, story.ctx(contractor))))?.code).toBe('lowest-level');
  });

  it('keeps one proposal open at a time; a declined or withdrawn one changes nothing', () => {
    const story = new Story().start().completeLevel(1).agree('escalate');
    story.do((s) => deEscalate(s, { note: 'down' }, story.ctx(client)));
    const first = story.state!.proposal!.seq;
    expect(rejectionOf(story.try((s) => resolveEscalation(s, { resolution: 'r' }, story.ctx(contractor))))?.code).toBe('proposal-open');
    expect(rejectionOf(story.try((s) => answerProposal(s, { proposalSeq: first, accept: false }, story.ctx(contractor))))?.code).toBe(
      'comment-required',
    );
    story.do((s) => answerProposal(s, { proposalSeq: first, accept: false, reason: 'Not yet' }, story.ctx(contractor)));
    expect(story.state).toMatchObject({ level: 2 });
    expect(story.state?.proposal).toBeUndefined();
    story.do((s) => deEscalate(s, { note: 'again' }, story.ctx(client)));
    const second = story.state!.proposal!.seq;
    expect(rejectionOf(story.try((s) => withdrawProposal(s, { proposalSeq: second }, story.ctx(contractor))))?.code).toBe('not-proposer');
    story.do((s) => withdrawProposal(s, { proposalSeq: second }, story.ctx(client)));
    expect(rejectionOf(story.try((s) => answerProposal(s, { proposalSeq: second, accept: true }, story.ctx(contractor))))?.code).toBe(
      'no-proposal',
    );
    expect(story.state?.level).toBe(2);
  });

  it('is a person’s decision, never the sweep’s', () => {
    const story = new Story().start().completeLevel(1).agree('escalate');
    expect(rejectionOf(story.try((s) => deEscalate(s, { note: 'n' }, story.ctx(system))))?.code).toBe('system-not-allowed');
  });
});

describe('resolving, reopening and closing', () => {
  it('lets a party propose the resolution once its own mandatory duties are done; the other accepts', () => {
    const story = new Story().start().fulfil('L1-C-01');
    expect(rejectionOf(story.try((s) => resolveEscalation(s, { resolution: 'r' }, story.ctx(contractor))))).toMatchObject({
      code: 'open-obligations',
      openObligations: [{ id: 'L1-C-02', party: 'contractor' }],
    });
    story.now = new Date('2027-01-01T00:00:00Z'); // an expired time frame does not excuse resolving
    expect(rejectionOf(story.try((s) => resolveEscalation(s, { resolution: 'r' }, story.ctx(contractor))))?.code).toBe('open-obligations');
    story.fulfil('L1-C-02');
    story.do((s) => resolveEscalation(s, { resolution: 'Patched' }, story.ctx(contractor)));
    expect(story.state?.status).toBe('open');
    story.do((s) => answerProposal(s, { proposalSeq: s!.proposal!.seq, accept: true }, story.ctx(client)));
    expect(story.state).toMatchObject({ status: 'resolved', resolvedAt: '2027-01-01T00:00:00.000Z' });
    expect(story.log.at(-1)).toMatchObject({ type: 'escalation-resolved', resolution: 'Patched', actor: client, proposalSeq: 4 });
  });

  it('blocks level and status changes while resolved, allows reopening', () => {
    const story = new Story().start().completeLevel(1).agree('resolve', client);
    expect(rejectionOf(story.try((s) => escalate(s, {}, story.ctx(client))))?.code).toBe('not-open');
    expect(rejectionOf(story.try((s) => resolveEscalation(s, { resolution: 'r' }, story.ctx(client))))?.code).toBe('not-open');
    story.do((s) => reopenEscalation(s, { reason: 'Came back' }, story.ctx(client)));
    expect(story.state?.status).toBe('open');
    expect(story.state?.resolvedAt).toBeUndefined();
    expect(rejectionOf(story.try((s) => reopenEscalation(s, { reason: 'r' }, story.ctx(client))))?.code).toBe('not-resolved');
  });

  it('closes only after the client approved the report and the documentation duties are done', () => {
    const story = new Story().start().completeLevel(1);
    expect(rejectionOf(story.try((s) => closeEscalation(s, {}, story.ctx(contractor))))?.code).toBe('not-resolved');
    story.agree('resolve', client);
    expect(rejectionOf(story.try((s) => closeEscalation(s, {}, story.ctx(contractor))))).toMatchObject({
      code: 'report-not-approved',
      awaitedParty: 'client',
    });
    story.do((s) => submitReport(s, { contentHash: HASH, locale: 'de' }, story.ctx(contractor)));
    expect(
      rejectionOf(story.try((s) => approveSubmittedReport(s, { reportVersion: 1, contentHash: HASH }, story.ctx(contractor))))?.code,
    ).toBe('wrong-party');
    story.do((s) => approveSubmittedReport(s, { reportVersion: 1, contentHash: HASH }, story.ctx(client)));
    expect(rejectionOf(story.try((s) => closeEscalation(s, {}, story.ctx(contractor))))).toMatchObject({
      code: 'open-obligations',
      openObligations: [
        { id: 'DOC-C-01', party: 'contractor' },
        { id: 'DOC-C-02', party: 'contractor' },
        { id: 'DOC-K-01', party: 'client' },
      ],
    });
    story.fulfil('DOC-C-01').fulfil('DOC-C-02').fulfil('DOC-K-01');
    story.do((s) => closeEscalation(s, { note: 'Debrief held' }, story.ctx(contractor)));
    expect(story.state?.status).toBe('closed');
    expect(story.state?.approvedReport).toEqual({ version: 1, contentHash: HASH, at: story.now.toISOString() });
    const after = [
      story.try((s) => closeEscalation(s, {}, story.ctx(contractor))),
      story.try((s) => reopenEscalation(s, { reason: 'r' }, story.ctx(contractor))),
      story.try((s) => fulfilObligation(s, { obligationId: 'DOC-C-03', note: 'n' }, story.ctx(contractor))),
      story.try((s) => escalate(s, {}, story.ctx(contractor))),
    ].map((d) => rejectionOf(d)?.code);
    expect(after).toEqual(['closed', 'not-resolved', 'closed', 'closed']);
  });
});

describe('notifications and status updates', () => {
  it('records the first client notification and the latest status update, contractor only', () => {
    const story = new Story().start().later(45);
    story.do((s) => recordClientNotified(s, { channel: 'phone', note: 'Called Klaus' }, story.ctx(contractor))).later(10);
    story.do((s) => recordClientNotified(s, { channel: 'email', note: 'Mail' }, story.ctx(contractor)));
    expect(story.state?.clientNotifiedAt).toBe('2026-11-23T09:45:00.000Z');
    story.do((s) => postStatusUpdate(s, { text: 'Working on it' }, story.ctx(contractor)));
    expect(story.state?.lastStatusUpdateAt).toBe('2026-11-23T09:55:00.000Z');
    expect(rejectionOf(story.try((s) => postStatusUpdate(s, { text: 't' }, story.ctx(client))))?.code).toBe('wrong-party');
    expect(rejectionOf(story.try((s) => recordClientNotified(s, { channel: 'phone', note: 'n' }, story.ctx(client))))?.code).toBe(
      'wrong-party',
    );
  });
});

describe('the record', () => {
  it('every event written is a valid stored document with consecutive sequence numbers', () => {
    const story = new Story().start().completeLevel(1).agree('escalate');
    story.log.forEach((event, i) => {
      expect(escalationEventSchema.parse(event)).toEqual(event);
      expect(event.seq).toBe(i + 1);
    });
  });

  it('a rejected command leaves the log untouched', () => {
    const story = new Story().start();
    const before = JSON.stringify(story.log);
    story.try((s) => resolveEscalation(s, { resolution: 'r' }, story.ctx(contractor)));
    expect(JSON.stringify(story.log)).toBe(before);
  });
});
