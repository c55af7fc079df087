import type { Duration, LocalizedText, Obligation, ProcessTemplate, TimeFrameKey } from './process-template';

export interface FieldChange {
  readonly field: 'text.de' | 'text.en' | 'kind' | 'mandatoryToLeaveStage' | 'deadline';
  readonly before: unknown;
  readonly after: unknown;
}

/** What changed between two versions of a template: the change log both parties approve. */
export interface TemplateChangelog {
  readonly from: { id: string; version: number };
  readonly to: { id: string; version: number };
  readonly added: readonly { id: string; party: Obligation['party']; section: string; text: LocalizedText }[];
  readonly retired: readonly { id: string; party: Obligation['party']; section: string; text: LocalizedText }[];
  readonly restored: readonly { id: string; party: Obligation['party']; section: string; text: LocalizedText }[];
  readonly changed: readonly { id: string; party: Obligation['party']; section: string; changes: readonly FieldChange[] }[];
  readonly timeFrames: readonly { key: TimeFrameKey; before?: Duration; after?: Duration }[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const brief = (o: Obligation) => ({ id: o.id, party: o.party, section: o.section, text: o.text });

/**
 * The change log from `before` to `after`: obligations added, retired, restored and changed field by
 * field, and time frames whose default duration changed.
 *
 * @example
 * templateChangelog(v1, v2).retired.map((o) => o.id) // ['L1-C-10']
 */
export function templateChangelog(before: ProcessTemplate, after: ProcessTemplate): TemplateChangelog {
  const old = new Map(before.obligations.map((o) => [o.id, o]));
  const added: Obligation[] = [];
  const retired: Obligation[] = [];
  const restored: Obligation[] = [];
  const changed: TemplateChangelog['changed'][number][] = [];
  for (const o of after.obligations) {
    const prev = old.get(o.id);
    if (!prev) {
      added.push(o);
      continue;
    }
    if (!prev.retired && o.retired) retired.push(o);
    if (prev.retired && !o.retired) restored.push(o);
    const changes: FieldChange[] = [];
    if (prev.text.de !== o.text.de) changes.push({ field: 'text.de', before: prev.text.de, after: o.text.de });
    if (prev.text.en !== o.text.en) changes.push({ field: 'text.en', before: prev.text.en, after: o.text.en });
    if (prev.kind !== o.kind) changes.push({ field: 'kind', before: prev.kind, after: o.kind });
    if (prev.mandatoryToLeaveStage !== o.mandatoryToLeaveStage) {
      changes.push({ field: 'mandatoryToLeaveStage', before: prev.mandatoryToLeaveStage, after: o.mandatoryToLeaveStage });
    }
    if (!same(prev.deadline, o.deadline)) changes.push({ field: 'deadline', before: prev.deadline ?? null, after: o.deadline ?? null });
    if (changes.length) changed.push({ id: o.id, party: o.party, section: o.section, changes });
  }
  const frames = new Map(before.timeFrames.map((t) => [t.key, t.default]));
  const timeFrames = after.timeFrames
    .filter((t) => !same(frames.get(t.key), t.default))
    .map((t) => ({ key: t.key, ...(frames.get(t.key) ? { before: frames.get(t.key)! } : {}), after: t.default }));
  return {
    from: { id: before.id, version: before.version },
    to: { id: after.id, version: after.version },
    added: added.map(brief),
    retired: retired.map(brief),
    restored: restored.map(brief),
    changed,
    timeFrames,
  };
}

/** Whether a change log records no change at all. */
export function isEmptyChangelog(log: TemplateChangelog): boolean {
  return !log.added.length && !log.retired.length && !log.restored.length && !log.changed.length && !log.timeFrames.length;
}
