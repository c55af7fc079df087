import { kvs } from '@forge/kvs';
import { DEFAULT_PROCESS_TEMPLATE } from '../../domain/process/default-template';
import { processTemplateSchema, type ProcessTemplate, type TemplateRef } from '../../domain/process/process-template';
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
