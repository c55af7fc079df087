import { kvs } from '@forge/kvs';
import { DEFAULT_PROCESS_TEMPLATE } from '../../domain/process/default-template';
import { processTemplateSchema, type TemplateRef } from '../../domain/process/process-template';
import { TemplateVersionConflictError } from '../../usecases/ports/port-errors';
import {
  templateDraftSchema,
  templateVersionRecordSchema,
  type ProcessTemplateStore,
  type TemplateVersioning,
} from '../../usecases/ports/process-template-store';
import { CorruptRecordError } from './escalation-event-store';
import { queryPrefix, setIfAbsent } from './kvs-prefix-query';

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
    if ((await setIfAbsent(versionKey(ref), processTemplateSchema.parse(template))) === 'conflict')
      throw new TemplateVersionConflictError(ref);
    await kvs.set(recordKey(ref), templateVersionRecordSchema.parse(record));
    await kvs.set(ACTIVE_KEY, ref);
    await kvs.delete(DRAFT_KEY);
  },
  async versions() {
    const records = await queryPrefix(RECORD_PREFIX, (value) => templateVersionRecordSchema.safeParse(value).data);
    return records.sort((a, b) => a.ref.version - b.ref.version);
  },
};
