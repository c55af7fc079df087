import { kvs, WhereConditions } from '@forge/kvs';
import { z } from 'zod';
import { DEFAULT_PROCESS_TEMPLATE } from '../../domain/process/default-template';
import { processTemplateSchema, templateRefSchema, type ProcessTemplate, type TemplateRef } from '../../domain/process/process-template';
import { templateEditSchema, type TemplateEdit } from '../../domain/process/template-edits';
import { CorruptRecordError } from './escalation-event-store';

/**
 * Template versions are immutable: a running escalation reads exactly the version it started with.
 * The built-in default (the contract annex) is version 1 and is never stored.
 */
export interface ProcessTemplateStore {
  active(): Promise<ProcessTemplate>;
  get(ref: TemplateRef): Promise<ProcessTemplate>;
}

const versionKey = (ref: TemplateRef) => `template:${ref.id}:v${String(ref.version).padStart(4, '0')}`;
const ACTIVE_KEY = 'template:active';

export const kvsProcessTemplateStore: ProcessTemplateStore = {
  async active() {
    const ref = await kvs.get<TemplateRef>(ACTIVE_KEY);
    return ref ? this.get(ref) : DEFAULT_PROCESS_TEMPLATE;
  },
  async get(ref) {
    if (ref.id === DEFAULT_PROCESS_TEMPLATE.id && ref.version === DEFAULT_PROCESS_TEMPLATE.version) return DEFAULT_PROCESS_TEMPLATE;
    const stored = await kvs.get<unknown>(versionKey(ref));
    if (stored === undefined) throw new CorruptRecordError(`Process template ${ref.id} v${ref.version} is missing`);
    const parsed = processTemplateSchema.safeParse(stored);
    if (!parsed.success) throw new CorruptRecordError(`Process template ${ref.id} v${ref.version} is not valid: ${parsed.error.message}`);
    return parsed.data;
  },
};

// --- New versions: a draft, the client's approval, the published version and its record ---

/** The one draft of the next version: the version in force plus edits, waiting for the client's approval. */
export const templateDraftSchema = z.object({
  base: templateRefSchema,
  edits: z.array(templateEditSchema),
  note: z.string().max(5000),
  proposedBy: z.string(),
  proposedAt: z.string(),
  updatedAt: z.string(),
  /** Set when the client sent the draft back; a new save clears it. */
  rejection: z.object({ by: z.string(), at: z.string(), comment: z.string() }).optional(),
});
export type TemplateDraft = z.infer<typeof templateDraftSchema>;

/** Who proposed and who (of the client party) approved a published version. Version 1 (the annex) has none. */
export const templateVersionRecordSchema = z.object({
  ref: templateRefSchema,
  basedOn: templateRefSchema,
  note: z.string(),
  proposedBy: z.string(),
  proposedAt: z.string(),
  approvedBy: z.string(),
  approvedAt: z.string(),
  edits: z.array(templateEditSchema),
});
export type TemplateVersionRecord = z.infer<typeof templateVersionRecordSchema>;

export class TemplateVersionConflictError extends Error {
  constructor(readonly ref: TemplateRef) {
    super(`Process template ${ref.id} v${ref.version} was published by someone else first`);
    this.name = 'TemplateVersionConflictError';
  }
}

export interface TemplateVersioning {
  draft(): Promise<TemplateDraft | undefined>;
  saveDraft(draft: TemplateDraft): Promise<void>;
  deleteDraft(): Promise<void>;
  /**
   * Publishes an approved version: the version (create-only, never overwritten), its record, then the
   * `template:active` pointer, then the draft is removed.
   * @throws TemplateVersionConflictError when that version exists already.
   */
  publish(template: ProcessTemplate, record: TemplateVersionRecord): Promise<void>;
  /** Records of published versions, oldest first. */
  versions(): Promise<TemplateVersionRecord[]>;
}

const DRAFT_KEY = 'template:draft';
const RECORD_PREFIX = 'template-version:';
const recordKey = (ref: TemplateRef) => `${RECORD_PREFIX}${ref.id}:v${String(ref.version).padStart(4, '0')}`;
const isKeyConflict = (error: unknown) => {
  const e = error as { code?: string; responseDetails?: { status?: number } };
  return e?.code === 'KEY_CONFLICT' || e?.responseDetails?.status === 409;
};

export const kvsTemplateVersioning: TemplateVersioning = {
  async draft() {
    const stored = await kvs.get<unknown>(DRAFT_KEY);
    if (stored === undefined) return undefined;
    const parsed = templateDraftSchema.safeParse(stored);
    if (!parsed.success) throw new CorruptRecordError(`Template draft is not valid: ${parsed.error.message}`);
    return parsed.data;
  },
  async saveDraft(draft) {
    await kvs.set(DRAFT_KEY, templateDraftSchema.parse(draft));
  },
  async deleteDraft() {
    await kvs.delete(DRAFT_KEY);
  },
  async publish(template, record) {
    const ref = { id: template.id, version: template.version };
    try {
      await kvs.set(versionKey(ref), processTemplateSchema.parse(template), { keyPolicy: 'FAIL_IF_EXISTS' });
    } catch (error) {
      if (isKeyConflict(error)) throw new TemplateVersionConflictError(ref);
      throw error;
    }
    await kvs.set(recordKey(ref), templateVersionRecordSchema.parse(record));
    await kvs.set(ACTIVE_KEY, ref);
    await kvs.delete(DRAFT_KEY);
  },
  async versions() {
    const records: TemplateVersionRecord[] = [];
    let cursor: string | undefined;
    do {
      let query = kvs.query().where('key', WhereConditions.beginsWith(RECORD_PREFIX)).limit(100);
      if (cursor) query = query.cursor(cursor);
      const page = await query.getMany<unknown>();
      for (const { value } of page.results) {
        const parsed = templateVersionRecordSchema.safeParse(value);
        if (parsed.success) records.push(parsed.data);
      }
      cursor = page.nextCursor;
    } while (cursor);
    return records.sort((a, b) => a.ref.version - b.ref.version);
  },
};

export type { TemplateEdit };
