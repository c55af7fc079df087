import type { Deadline } from './escalation-deadlines';
import { escalationFieldValue, escalationIndexDocument, indexedInstant } from './escalation-projection';
import type { EscalationState } from './escalation-state';

const state = {
  status: 'open',
  level: 2,
  lastSeq: 7,
  template: { id: 'tpl', version: 3 },
} as EscalationState;

const NO_GATES = { escalate: false, resolve: false, close: false };

const deadline = (key: string, warnAt: string, dueAt: string, party: Deadline['party'], s: Deadline['state']): Deadline => ({
  key,
  timeFrame: 'levelTimeFrame',
  party,
  startedAt: '2026-11-01T00:00:00.000Z',
  warnAt,
  dueAt,
  state: s,
  remainingMs: 0,
});

describe('escalationIndexDocument', () => {
  it('summarises level, status, template and the soonest deadline', () => {
    const doc = escalationIndexDocument(
      state,
      [
        deadline('a', '2026-11-27T08:00:00.000Z', '2026-11-27T10:00:00.000Z', 'client', 'ok'),
        deadline('b', '2026-11-28T08:00:00.000Z', '2026-11-28T10:00:00.000Z', 'both', 'ok'),
      ],
      new Date('2026-11-27T07:00:00.000Z'),
      { escalate: true, resolve: false, close: false },
    );
    expect(doc).toEqual({
      schemaVersion: 1,
      level: 2,
      status: 'open',
      nextDueAt: '2026-11-27T10:00Z',
      nextCheckAt: '2026-11-27T08:00Z',
      overdue: 'no',
      awaitedParty: 'client',
      lastSeq: 7,
      templateId: 'tpl',
      templateVersion: 3,
      canEscalate: 'yes',
      canResolve: 'no',
      canClose: 'no',
    });
  });

  it('points the next check past notices already recorded and names the party of the overdue deadline', () => {
    const doc = escalationIndexDocument(
      { ...state, deadlineNotices: { 'a|missed': '2026-11-27T10:05:00.000Z', 'b|warning': '2026-11-27T09:05:00.000Z' } },
      [
        deadline('a', '2026-11-27T08:00:00.000Z', '2026-11-27T10:00:00.000Z', 'contractor', 'overdue'),
        deadline('b', '2026-11-27T09:00:00.000Z', '2026-11-27T12:00:00.000Z', 'client', 'warning'),
      ],
      new Date('2026-11-27T11:00:00.000Z'),
      NO_GATES,
    );
    expect(doc).toMatchObject({ overdue: 'yes', awaitedParty: 'contractor', nextCheckAt: '2026-11-27T12:00Z' });
  });

  it('keeps a passed instant the sweep has not acted on as the next check', () => {
    const doc = escalationIndexDocument(
      { ...state, deadlineNotices: {} },
      [deadline('a', '2026-11-27T08:00:00.000Z', '2026-11-27T10:00:00.000Z', 'contractor', 'warning')],
      new Date('2026-11-27T09:00:00.000Z'),
      NO_GATES,
    );
    expect(doc.nextCheckAt).toBe('2026-11-27T08:00Z');
  });

  it('writes indexed dates in the format Jira documents for jira:entityProperty dates (minutes, offset; no seconds)', () => {
    const doc = escalationIndexDocument(
      state,
      [deadline('a', '2026-11-27T08:00:20.000Z', '2026-11-27T10:00:00.123Z', 'client', 'ok')],
      new Date('2026-11-27T07:00:00.000Z'),
      NO_GATES,
    );
    const documented = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/;
    expect(doc.nextDueAt).toMatch(documented);
    expect(doc.nextCheckAt).toMatch(documented);
    // Rounded up: the sweep's `escalationCheckAt <= now()` never finds the issue before its time.
    expect(doc).toMatchObject({ nextDueAt: '2026-11-27T10:01Z', nextCheckAt: '2026-11-27T08:01Z' });
  });

  it('formats an instant for the index, rounding partial minutes up', () => {
    expect(indexedInstant('2026-03-02T08:00:00.000Z')).toBe('2026-03-02T08:00Z');
    expect(indexedInstant('2026-03-02T08:00:00.001Z')).toBe('2026-03-02T08:01Z');
    expect(indexedInstant('2026-12-31T23:59:30.000Z')).toBe('2027-01-01T00:00Z');
    expect(indexedInstant('2026-03-02T09:00:00.000+01:00')).toBe('2026-03-02T08:00Z');
  });

  it('has no due or check time without running deadlines', () => {
    const doc = escalationIndexDocument(state, [], new Date(), NO_GATES);
    expect(doc.nextDueAt).toBeUndefined();
    expect(doc.nextCheckAt).toBeUndefined();
    expect(doc.awaitedParty).toBe('none');
  });
});

describe('escalationFieldValue', () => {
  const names = { de: 'Einbeziehung des mittleren Managements', en: 'Middle management involvement' };
  it('carries the level number and its name in one language, the one asked for (the site default)', () => {
    expect(escalationFieldValue(state, names, 'de')).toEqual({ level: 2, name: 'Einbeziehung des mittleren Managements', status: 'open' });
    expect(escalationFieldValue(state, names, 'en')).toEqual({ level: 2, name: 'Middle management involvement', status: 'open' });
  });
});
