import {
  approvedArbitrationBodies,
  ArbitrationBodyError,
  decideArbitrationBody,
  proposeArbitrationBody,
  type ArbitrationBody,
} from './arbitration-bodies';
import { DEFAULT_PROJECT_CONFIGURATION, projectConfigurationSchema } from './project-configuration';

const at = '2026-11-23T09:00:00.000Z';
const later = '2026-11-24T09:00:00.000Z';
const reason = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    if (error instanceof ArbitrationBodyError) return error.reason;
    throw error;
  }
  return 'no error';
};

describe('proposeArbitrationBody', () => {
  it('adds a proposed entry with the next id, who and when', () => {
    const one = proposeArbitrationBody([], {
      name: '  DIS – Deutsche Institution für Schiedsgerichtsbarkeit ',
      details: 'www.disarb.org',
      by: 'sam',
      at,
    });
    expect(one).toEqual([
      {
        id: 'ab-1',
        name: 'DIS – Deutsche Institution für Schiedsgerichtsbarkeit',
        details: 'www.disarb.org',
        status: 'proposed',
        proposedBy: 'sam',
        proposedAt: at,
      },
    ]);
    const two = proposeArbitrationBody(one, { name: 'IHK Schlichtungsstelle', by: 'sam', at: later });
    expect(two.map((b) => [b.id, b.status])).toEqual([
      ['ab-1', 'proposed'],
      ['ab-2', 'proposed'],
    ]);
  });

  it('refuses a name already on the list (any case), but lets a rejected one be proposed again', () => {
    const list = proposeArbitrationBody([], { name: 'DIS', by: 'sam', at });
    expect(reason(() => proposeArbitrationBody(list, { name: 'dis', by: 'carla', at }))).toBe('duplicate');
    const rejected = decideArbitrationBody(list, { id: 'ab-1', decision: 'reject', comment: 'zu teuer', by: 'klaus', at: later });
    expect(proposeArbitrationBody(rejected, { name: 'DIS', by: 'sam', at: later }).map((b) => [b.id, b.status])).toEqual([
      ['ab-1', 'rejected'],
      ['ab-2', 'proposed'],
    ]);
  });

  it('refuses an empty name', () => {
    expect(() => proposeArbitrationBody([], { name: '   ', by: 'sam', at })).toThrow();
  });
});

describe('decideArbitrationBody', () => {
  const list: ArbitrationBody[] = proposeArbitrationBody([], { name: 'DIS', by: 'sam', at });

  it('approves with who and when; only approved bodies are offered', () => {
    const approved = decideArbitrationBody(list, { id: 'ab-1', decision: 'approve', by: 'klaus', at: later });
    expect(approved[0]).toMatchObject({ status: 'approved', decidedBy: 'klaus', decidedAt: later });
    expect(list[0]!.status).toBe('proposed');
    expect(approvedArbitrationBodies(approved).map((b) => b.name)).toEqual(['DIS']);
    expect(approvedArbitrationBodies(list)).toEqual([]);
    expect(approvedArbitrationBodies(undefined)).toEqual([]);
  });

  it('rejects with a comment only, once, and never by the proposer', () => {
    expect(reason(() => decideArbitrationBody(list, { id: 'ab-1', decision: 'reject', by: 'klaus', at }))).toBe('comment-required');
    expect(reason(() => decideArbitrationBody(list, { id: 'ab-1', decision: 'approve', by: 'sam', at }))).toBe('own-proposal');
    expect(reason(() => decideArbitrationBody(list, { id: 'ab-9', decision: 'approve', by: 'klaus', at }))).toBe('not-found');
    const rejected = decideArbitrationBody(list, { id: 'ab-1', decision: 'reject', comment: ' zu teuer ', by: 'klaus', at });
    expect(rejected[0]).toMatchObject({ status: 'rejected', comment: 'zu teuer' });
    expect(reason(() => decideArbitrationBody(rejected, { id: 'ab-1', decision: 'approve', by: 'erika', at }))).toBe('already-decided');
  });
});

describe('in the project configuration', () => {
  it('is optional (configurations stored before it still parse) and validated when present', () => {
    expect(projectConfigurationSchema.parse(DEFAULT_PROJECT_CONFIGURATION).arbitrationBodies).toBeUndefined();
    const list = proposeArbitrationBody([], { name: 'DIS', by: 'sam', at });
    const decided = decideArbitrationBody(list, { id: 'ab-1', decision: 'reject', comment: 'nein', by: 'klaus', at });
    // Same keys in the same order as the schema parses them: the audit's diff compares JSON text.
    expect(
      JSON.stringify(projectConfigurationSchema.parse({ ...DEFAULT_PROJECT_CONFIGURATION, arbitrationBodies: decided }).arbitrationBodies),
    ).toBe(JSON.stringify(decided));
    expect(
      projectConfigurationSchema.safeParse({ ...DEFAULT_PROJECT_CONFIGURATION, arbitrationBodies: [{ ...list[0], status: 'maybe' }] })
        .success,
    ).toBe(false);
  });
});
