import { SECTION_CODES } from './process-vocabulary';
import { z } from 'zod';
import {
  deadlineRuleSchema,
  durationSchema,
  localizedTextSchema,
  obligationKindSchema,
  partySchema,
  processTemplateSchema,
  sectionIdSchema,
  timeFrameKeySchema,
  type Obligation,
  type ProcessTemplate,
  type SectionId,
} from './process-template';

/**
 * The changes a new template version may make to the one in force. A draft is the active version plus a
 * list of edits; applying them gives the next version. Obligation ids stay stable: a retired obligation
 * keeps its id and stays in the template for the record, a new one gets the next free pair index.
 */
const obligationId = z.string().regex(/^[A-Z0-9]+-[CK]-\d{2}$/);

export const templateEditSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('set-text'), obligationId, text: localizedTextSchema }).strict(),
  z.object({ type: z.literal('set-mandatory'), obligationId, mandatory: z.boolean() }).strict(),
  z.object({ type: z.literal('set-deadline'), obligationId, deadline: deadlineRuleSchema.nullable() }).strict(),
  z.object({ type: z.literal('retire'), obligationId }).strict(),
  z.object({ type: z.literal('restore'), obligationId }).strict(),
  z
    .object({
      type: z.literal('add-obligation'),
      section: sectionIdSchema,
      party: partySchema,
      /** Pair with the other party's item of this index; omitted: the next free index. */
      pairIndex: z.number().int().min(1).max(99).optional(),
      text: localizedTextSchema,
      kind: obligationKindSchema,
      mandatoryToLeaveStage: z.boolean(),
      deadline: deadlineRuleSchema.optional(),
    })
    .strict(),
  z.object({ type: z.literal('set-time-frame-default'), key: timeFrameKeySchema, duration: durationSchema }).strict(),
]);
export type TemplateEdit = z.infer<typeof templateEditSchema>;

export class TemplateEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateEditError';
  }
}

/** The id a new obligation gets, e.g. `L2-K-11`; the section code follows the ids the template already uses. */
function newObligationId(template: ProcessTemplate, section: SectionId, party: 'contractor' | 'client', pairIndex: number): string {
  const existing = template.obligations.find((o) => o.section === section)?.id.split('-')[0];
  return `${existing ?? SECTION_CODES[section]}-${party === 'contractor' ? 'C' : 'K'}-${String(pairIndex).padStart(2, '0')}`;
}

function applyOne(template: ProcessTemplate, edit: TemplateEdit): ProcessTemplate {
  const update = (id: string, change: (o: Obligation) => Obligation): ProcessTemplate => {
    if (!template.obligations.some((o) => o.id === id)) throw new TemplateEditError(`no obligation ${id}`);
    return { ...template, obligations: template.obligations.map((o) => (o.id === id ? change(o) : o)) };
  };
  switch (edit.type) {
    case 'set-text':
      return update(edit.obligationId, (o) => ({ ...o, text: edit.text }));
    case 'set-mandatory':
      return update(edit.obligationId, (o) => ({ ...o, mandatoryToLeaveStage: edit.mandatory }));
    case 'set-deadline':
      return update(edit.obligationId, (o) => {
        const { deadline: _old, ...rest } = o;
        return edit.deadline ? { ...rest, deadline: edit.deadline } : rest;
      });
    case 'retire':
      return update(edit.obligationId, (o) => ({ ...o, retired: true }));
    case 'restore':
      return update(edit.obligationId, (o) => {
        const { retired: _r, ...rest } = o;
        return rest;
      });
    case 'add-obligation': {
      const taken = template.obligations.filter((o) => o.section === edit.section && o.party === edit.party).map((o) => o.pairIndex);
      const pairIndex = edit.pairIndex ?? Math.max(0, ...taken) + 1;
      if (taken.includes(pairIndex)) throw new TemplateEditError(`${edit.section}/${edit.party} already has item ${pairIndex}`);
      const obligation: Obligation = {
        id: newObligationId(template, edit.section, edit.party, pairIndex),
        section: edit.section,
        party: edit.party,
        pairIndex,
        text: edit.text,
        kind: edit.kind,
        mandatoryToLeaveStage: edit.mandatoryToLeaveStage,
        ...(edit.deadline ? { deadline: edit.deadline } : {}),
      };
      return { ...template, obligations: [...template.obligations, obligation] };
    }
    case 'set-time-frame-default': {
      if (!template.timeFrames.some((t) => t.key === edit.key)) throw new TemplateEditError(`no time frame ${edit.key}`);
      return { ...template, timeFrames: template.timeFrames.map((t) => (t.key === edit.key ? { ...t, default: edit.duration } : t)) };
    }
  }
}

/**
 * The next version of `base`: the edits applied in order, the version number raised by one, and the
 * result checked against the template schema (so a draft can never activate a broken template).
 *
 * @example
 * applyTemplateEdits(v1, [{ type: 'set-mandatory', obligationId: 'L1-C-05', mandatory: true }]).version // 2
 * @throws TemplateEditError when an edit names an unknown obligation or the result is not a valid template.
 */
export function applyTemplateEdits(base: ProcessTemplate, edits: readonly TemplateEdit[]): ProcessTemplate {
  const edited = edits.reduce(applyOne, structuredClone(base));
  const parsed = processTemplateSchema.safeParse({ ...edited, version: base.version + 1 });
  if (!parsed.success) throw new TemplateEditError(parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}
