import { DEFAULT_PROCESS_TEMPLATE } from './default-template';
import type { ProcessTemplate } from './process-template';
import {
  findObligation,
  levelDefinition,
  mandatoryObligations,
  obligationPairs,
  obligationsOfSection,
  sectionOfLevel,
  timeFrame,
} from './template-queries';

const template = DEFAULT_PROCESS_TEMPLATE;

/** A mutable copy with some obligations retired or removed, for the edge cases the default cannot show. */
function editedTemplate(edit: (t: ProcessTemplate) => void): ProcessTemplate {
  const copy = structuredClone(template);
  edit(copy);
  return copy;
}

describe('obligationsOfSection', () => {
  it('returns the 20 obligations of a section and nothing else', () => {
    const obligations = obligationsOfSection(template, 'level-2');
    expect(obligations).toHaveLength(20);
    expect(obligations.every((o) => o.section === 'level-2')).toBe(true);
  });

  it('keeps retired obligations', () => {
    const t = editedTemplate((c) => {
      c.obligations.find((o) => o.id === 'L2-C-05')!.retired = true;
    });
    expect(obligationsOfSection(t, 'level-2').map((o) => o.id)).toContain('L2-C-05');
  });
});

describe('obligationPairs', () => {
  it('pairs contractor item i with client item i, sorted by index', () => {
    const pairs = obligationPairs(template, 'level-1');
    expect(pairs.map((p) => p.pairIndex)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(pairs[3]?.contractor?.id).toBe('L1-C-04');
    expect(pairs[3]?.client?.id).toBe('L1-K-04');
  });

  it('leaves a side empty when it has no obligation at that index, and sorts data given out of order', () => {
    const t = editedTemplate((c) => {
      c.obligations = c.obligations.filter((o) => o.id !== 'DOC-K-03').reverse();
    });
    const pairs = obligationPairs(t, 'documentation');
    expect(pairs.map((p) => p.pairIndex)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(pairs[2]).toEqual({ pairIndex: 3, contractor: findObligation(t, 'DOC-C-03') });
  });
});

describe('findObligation', () => {
  it('finds by id', () => {
    expect(findObligation(template, 'L1-C-02')?.deadline?.timeFrame).toBe('criticalNotification');
  });

  it('returns undefined for an unknown id', () => {
    expect(findObligation(template, 'L9-C-01')).toBeUndefined();
  });
});

describe('levelDefinition and sectionOfLevel', () => {
  it.each([
    [1, 'level-1', 'Sofortige Problemlösung'],
    [2, 'level-2', 'Einbeziehung des mittleren Managements'],
    [3, 'level-3', 'Einbeziehung der Geschäftsleitung'],
    [4, 'level-4', 'Externe Schlichtung'],
  ] as const)('level %i is section %s, "%s"', (level, sectionId, name) => {
    expect(levelDefinition(template, level).name.de).toBe(name);
    const section = sectionOfLevel(template, level);
    expect(section.id).toBe(sectionId);
    expect(section.level).toBe(level);
  });

  it('throws for a level the template lacks', () => {
    const t = editedTemplate((c) => {
      c.levels = c.levels.filter((l) => l.level !== 4);
    });
    expect(() => levelDefinition(t, 4)).toThrow(/no level 4/);
    expect(() => sectionOfLevel(t, 4)).toThrow(/no level 4/);
  });

  it('throws when the level points to a missing section', () => {
    const t = editedTemplate((c) => {
      c.sections = c.sections.filter((s) => s.id !== 'level-3');
    });
    expect(() => sectionOfLevel(t, 3)).toThrow(/no section level-3/);
  });
});

describe('mandatoryObligations', () => {
  it('returns only mandatory obligations of the section, both parties by default', () => {
    const all = mandatoryObligations(template, 'level-1');
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((o) => o.section === 'level-1' && o.mandatoryToLeaveStage)).toBe(true);
    expect(new Set(all.map((o) => o.party))).toEqual(new Set(['contractor', 'client']));
  });

  it('filters by party', () => {
    const client = mandatoryObligations(template, 'level-1', 'client');
    expect(client.map((o) => o.id)).toEqual(['L1-K-01', 'L1-K-04', 'L1-K-06']);
  });

  it('excludes retired obligations', () => {
    const t = editedTemplate((c) => {
      c.obligations.find((o) => o.id === 'L1-K-04')!.retired = true;
    });
    expect(mandatoryObligations(t, 'level-1', 'client').map((o) => o.id)).toEqual(['L1-K-01', 'L1-K-06']);
  });

  it('has none for the process-level revision section', () => {
    expect(mandatoryObligations(template, 'revision')).toEqual([]);
  });
});

describe('timeFrame', () => {
  it('returns the time frame with its default', () => {
    expect(timeFrame(template, 'criticalNotification')).toMatchObject({
      default: { amount: 2, unit: 'hours' },
      calendar: 'continuous',
    });
  });

  it('throws for a time frame the template lacks', () => {
    const t = editedTemplate((c) => {
      c.timeFrames = c.timeFrames.filter((f) => f.key !== 'processReview');
    });
    expect(() => timeFrame(t, 'processReview')).toThrow(/no time frame processReview/);
  });
});
