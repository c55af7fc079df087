import { kvs } from './rate-limited-kvs';
import { DEFAULT_PROCESS_TEMPLATE } from '../../domain/process/default-template';
import { processTemplateSchema, templateRefSchema, type TemplateRef } from '../../domain/process/process-template';
import { projectTemplateId } from '../../domain/process/project-template-id';
import { TemplateVersionConflictError } from '../../usecases/ports/port-errors';
import {
  templateDraftSchema,
  templateVersionRecordSchema,
  type ProcessTemplateStore,
  type TemplateVersioning,
  type TemplateVersionRecord,
} from '../../usecases/ports/process-template-store';
import { CorruptRecordError } from './escalation-event-store';
import { queryPrefix, setIfAbsent } from './kvs-prefix-query';

/**
 * Key layout (project keys match `[A-Z][A-Z0-9_]*`, so a key of up to 255 characters stays well within
 * KVS's 500):
 * - `template:<id>:v0002`: every published version under its ref, site-wide (`eskalationsprozess-default`)
 *   or a project's (`escalation-process:DEMO`), so get(ref) reads both layouts alike;
 * - `template-version:<id>:v0002`: who proposed and approved it;
 * - `template-active:<projectKey>`, `template-draft:<projectKey>`: a project's version in force and its draft.
 * Before versions were per project, `template:active` pointed at the site's version in force: it is read
 * (never written) as the site default of every project without its own version. The site-wide draft
 * (`template:draft`) is not offered any more: no single client party could approve it for every contract.
 */
const version = (n: number) => `v${String(n).padStart(4, '0')}`;
const versionKey = (ref: TemplateRef) => `template:${ref.id}:${version(ref.version)}`;
const RECORD_PREFIX = 'template-version:';
const recordKey = (ref: TemplateRef) => `${RECORD_PREFIX}${ref.id}:${version(ref.version)}`;
const recordsOf = (id: string) => `${RECORD_PREFIX}${id}:v`;
const activeKey = (projectKey: string) => `template-active:${projectKey}`;
const draftKey = (projectKey: string) => `template-draft:${projectKey}`;
const SITE_ACTIVE_KEY = 'template:active';

async function pointer(key: string): Promise<TemplateRef | undefined> {
  const stored = await kvs.get<unknown>(key);
  if (stored === undefined) return undefined;
  const parsed = templateRefSchema.safeParse(stored);
  if (!parsed.success) throw new CorruptRecordError(`Template pointer ${key} is not valid: ${parsed.error.message}`);
  return parsed.data;
}

/** Template versions in Forge storage; the built-in default (version 1) is never stored. */
export const kvsProcessTemplateStore: ProcessTemplateStore = {
  async active(projectKey) {
    const ref = (await pointer(activeKey(projectKey))) ?? (await pointer(SITE_ACTIVE_KEY));
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

const parseRecord = (value: unknown) => templateVersionRecordSchema.safeParse(value).data;
const oldestFirst = (records: TemplateVersionRecord[]) => records.sort((a, b) => a.ref.version - b.ref.version);

export const kvsTemplateVersioning: TemplateVersioning = {
  async draft(projectKey) {
    const stored = await kvs.get<unknown>(draftKey(projectKey));
    if (stored === undefined) return undefined;
    const parsed = templateDraftSchema.safeParse(stored);
    if (!parsed.success) throw new CorruptRecordError(`Template draft of ${projectKey} is not valid: ${parsed.error.message}`);
    return parsed.data;
  },
  async saveDraft(projectKey, draft) {
    await kvs.set(draftKey(projectKey), templateDraftSchema.parse(draft));
  },
  async deleteDraft(projectKey) {
    await kvs.delete(draftKey(projectKey));
  },
  async publish(projectKey, template, record) {
    // A project's version under another id would be found by another project's refs.
    if (template.id !== projectTemplateId(projectKey)) throw new Error(`Template ${template.id} is not a version of project ${projectKey}`);
    const ref = { id: template.id, version: template.version };
    if ((await setIfAbsent(versionKey(ref), processTemplateSchema.parse(template))) === 'conflict')
      throw new TemplateVersionConflictError(ref);
    await kvs.set(recordKey(ref), templateVersionRecordSchema.parse(record));
    await kvs.set(activeKey(projectKey), ref);
    await kvs.delete(draftKey(projectKey));
  },
  async versions(projectKey) {
    const site = await pointer(SITE_ACTIVE_KEY);
    const [siteRecords, own] = await Promise.all([
      site ? queryPrefix(recordsOf(site.id), parseRecord) : Promise.resolve([]),
      queryPrefix(recordsOf(projectTemplateId(projectKey)), parseRecord),
    ]);
    // A record whose publish stopped before the pointer moved never was in force.
    return [...oldestFirst(siteRecords.filter((r) => !!site && r.ref.version <= site.version)), ...oldestFirst(own)];
  },
};
