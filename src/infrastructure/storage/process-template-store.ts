import { kvs, WhereConditions } from '@forge/kvs';
import { DEFAULT_PROCESS_TEMPLATE } from '../../domain/process/default-template';
import { processTemplateSchema, type TemplateRef } from '../../domain/process/process-template';
import { TemplateVersionConflictError } from '../../usecases/ports/port-errors';
import {
  templateDraftSchema,
  templateVersionRecordSchema,
  type ProcessTemplateStore,
  type TemplateVersionRecord,
  type TemplateVersioning,
} from '../../usecases/ports/process-template-store';
import { CorruptRecordError } from './escalation-event-store';

const versionKey = (ref: TemplateRef) => `template:${ref.id}:v${String(ref.version).padStart(4, '0')}`;
const ACTIVE_KEY = 'template:active';

/** Template versions in Forge storage; the built-in default (version 1) is never stored. */
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
      if (isKeyConflict(error)) throw new TemplateVersionConflictError(ref, { cause: error });
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
