import { CommandLog, decisionCode } from '../testing/command-log';
import { DEFAULT_PROCESS_TEMPLATE } from '../process/default-template';
import type { Actor } from './escalation-event';
import { escalationEventSchema } from './escalation-event';
import { escalate, startEscalation } from './escalation-commands';
import { fulfilmentOfId } from './obligation-fulfilment';
import { confirmMeeting, declineMeeting, proposeMeeting } from './working-record-commands';

const contractor: Actor = { accountId: 'sam', party: 'contractor' };
const colleague: Actor = { accountId: 'lena', party: 'contractor' };
const client: Actor = { accountId: 'klaus', party: 'client' };
const system: Actor = { accountId: 'app', party: 'system' };

const code = decisionCode;

function atLevel(level: 1 | 2 | 3): CommandLog {
  const log = new CommandLog(DEFAULT_PROCESS_TEMPLATE);
  log.do((s) => startEscalation(s, { trigger: 'other', problem: 'p', impact: 'i' }, log.ctx(contractor)));
  for (let l = 1; l < level; l++) log.do((s) => escalate(s, {}, log.ctx(system)));
  return log;
}

describe('meeting proposals', () => {
  it('are made from level 2 on, with dates still ahead, each once; the dates are kept in order', () => {
    const early = atLevel(1);
    expect(code(early.try((s) => proposeMeeting(s, { subject: 'Abstimmung', candidates: [early.in(24)] }, early.ctx(contractor))))).toBe(
      'meetings-from-level-2',
    );
    const log = atLevel(2);
    const propose = (candidates: string[]) => log.try((s) => proposeMeeting(s, { subject: 'Abstimmung', candidates }, log.ctx(contractor)));
    expect(code(propose([log.in(-1)]))).toBe('meeting-date-passed');
    expect(code(propose([log.in(0)]))).toBe('meeting-date-passed');
    expect(code(propose([log.in(24), new Date(Date.parse(log.in(24))).toISOString().replace('Z', '+00:00')]))).toBe('meeting-date-passed');
    expect(code(propose([log.in(48), log.in(24)]))).toBe('ok');
    expect(log.state.meetings).toEqual([
      expect.objectContaining({ meetingId: 'T1', level: 2, subject: 'Abstimmung', candidates: [log.in(24), log.in(48)] }),
    ]);
    // Every stored event is checked when read back: at most five dates.
    const proposed = log.events.at(-1)!;
    expect(escalationEventSchema.safeParse({ ...proposed, candidates: Array.from({ length: 6 }, (_, i) => log.in(i + 1)) }).success).toBe(
      false,
    );
  });

  it('are answered by the other party only, once: a proposed date, or a decline with a reason', () => {
    const log = atLevel(3);
    log.do((s) => proposeMeeting(s, { subject: 'Eskalationstreffen', candidates: [log.in(24), log.in(48)] }, log.ctx(contractor)));
    const confirm = (actor: Actor, startsAt: string) => log.try((s) => confirmMeeting(s, { meetingId: 'T1', startsAt }, log.ctx(actor)));
    // Nobody confirms their own proposal, nor a colleague of the same party.
    expect(code(confirm(contractor, log.in(24)))).toBe('own-proposal');
    expect(code(confirm(colleague, log.in(24)))).toBe('own-proposal');
    expect(code(confirm(client, log.in(30)))).toBe('not-a-candidate');
    expect(code(log.try((s) => confirmMeeting(s, { meetingId: 'T9', startsAt: log.in(24) }, log.ctx(client))))).toBe('unknown-record');
    // The same instant written with another offset is the same date.
    const sameInstant = '2026-11-25T11:00:00+02:00';
    expect(Date.parse(sameInstant)).toBe(Date.parse(log.in(48)));
    expect(code(confirm(client, sameInstant))).toBe('ok');
    expect(log.state.meetings[0]!.answer).toEqual(expect.objectContaining({ decision: 'confirmed', startsAt: log.in(48) }));
    // Nobody books it twice.
    expect(code(confirm(client, log.in(24)))).toBe('record-state');
    expect(code(log.try((s) => declineMeeting(s, { meetingId: 'T1', reason: 'Zu spät' }, log.ctx(client))))).toBe('record-state');

    log.do((s) => proposeMeeting(s, { subject: 'Zweites Treffen', candidates: [log.in(72)] }, log.ctx(client)));
    expect(code(log.try((s) => declineMeeting(s, { meetingId: 'T2', reason: 'Kein Termin' }, log.ctx(client))))).toBe('own-proposal');
    log.do((s) => declineMeeting(s, { meetingId: 'T2', reason: 'Urlaubszeit' }, log.ctx(contractor)));
    expect(log.state.meetings[1]!.answer).toEqual(expect.objectContaining({ decision: 'declined', reason: 'Urlaubszeit' }));
  });

  it('a date that has passed can no longer be confirmed', () => {
    const log = atLevel(2);
    log.do((s) => proposeMeeting(s, { subject: 'Abstimmung', candidates: [log.in(2)] }, log.ctx(contractor)));
    log.now = new Date(Date.parse(log.in(3)));
    expect(code(log.try((s) => confirmMeeting(s, { meetingId: 'T1', startsAt: log.in(-1) }, log.ctx(client))))).toBe('meeting-date-passed');
  });

  it("fulfil the annex's scheduling duties: the contractor's proposal L3-C-03, the client's confirmation L3-K-03", () => {
    const log = atLevel(3);
    const fulfilled = (id: string) => fulfilmentOfId(DEFAULT_PROCESS_TEMPLATE, log.state, id);
    expect(fulfilled('L3-C-03')).toBeUndefined();
    log.do((s) => proposeMeeting(s, { subject: 'Eskalationstreffen', candidates: [log.in(24)] }, log.ctx(contractor)));
    expect(fulfilled('L3-C-03')).toEqual(expect.objectContaining({ via: 'record', evidence: 'meeting-proposed' }));
    expect(fulfilled('L3-K-03')).toBeUndefined();
    log.do((s) => confirmMeeting(s, { meetingId: 'T1', startsAt: log.in(24) }, log.ctx(client)));
    expect(fulfilled('L3-K-03')).toEqual(expect.objectContaining({ via: 'record', evidence: 'meeting-confirmed', actor: client }));
    // A decline fulfils nothing.
    const declined = atLevel(3);
    declined.do((s) => proposeMeeting(s, { subject: 'x', candidates: [declined.in(24)] }, declined.ctx(contractor)));
    declined.do((s) => declineMeeting(s, { meetingId: 'T1', reason: 'Nicht verfügbar' }, declined.ctx(client)));
    expect(fulfilmentOfId(DEFAULT_PROCESS_TEMPLATE, declined.state, 'L3-K-03')).toBeUndefined();
  });

  it('at level 4 the confirmed conciliation session dates fulfil L4-C-06 and L4-K-06', () => {
    const log = atLevel(3);
    log.events = [
      ...log.events,
      { seq: log.events.length + 1, type: 'level-changed', at: log.now.toISOString(), actor: system, from: 3, to: 4, reason: 'agreed' },
    ];
    log.do((s) => proposeMeeting(s, { subject: 'Schlichtungssitzung', candidates: [log.in(24)] }, log.ctx(contractor)));
    log.do((s) => confirmMeeting(s, { meetingId: 'T1', startsAt: log.in(24) }, log.ctx(client)));
    expect(fulfilmentOfId(DEFAULT_PROCESS_TEMPLATE, log.state, 'L4-C-06')).toEqual(expect.objectContaining({ via: 'record' }));
    expect(fulfilmentOfId(DEFAULT_PROCESS_TEMPLATE, log.state, 'L4-K-06')).toEqual(
      expect.objectContaining({ via: 'record', evidence: 'meeting-confirmed' }),
    );
  });
});
