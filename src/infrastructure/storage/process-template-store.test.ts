import { DEFAULT_PROCESS_TEMPLATE } from '../../domain/process/default-template';
import type { ProcessTemplate } from '../../domain/process/process-template';
import { projectTemplateId } from '../../domain/process/project-template-id';
import { applyTemplateEdits } from '../../domain/process/template-edits';
import { TemplateVersionConflictError } from '../../usecases/ports/port-errors';
import type { TemplateDraft, TemplateVersionRecord } from '../../usecases/ports/process-template-store';
import { kvsProcessTemplateStore as templates, kvsTemplateVersioning as versioning } from './process-template-store';
import { installFakeKvs } from './testing/fake-kvs';

const kvs = installFakeKvs();
beforeEach(() => kvs.reset());

const ref = (t: ProcessTemplate) => ({ id: t.id, version: t.version });
const record = (t: ProcessTemplate, basedOn: ProcessTemplate): TemplateVersionRecord => ({
  ref: ref(t),
  basedOn: ref(basedOn),
  note: `v${t.version}`,
  proposedBy: 'sam',
  proposedAt: '2026-01-01T09:00:00.000Z',
  approvedBy: 'klaus',
  approvedAt: '2026-01-02T09:00:00.000Z',
  edits: [],
});
const draft = (base: ProcessTemplate, note: string): TemplateDraft => ({
  base: ref(base),
  edits: [{ type: 'set-mandatory', obligationId: 'L1-C-06', mandatory: true }],
  note,
  proposedBy: 'sam',
  proposedAt: '2026-03-01T09:00:00.000Z',
  updatedAt: '2026-03-01T09:00:00.000Z',
});
const nextFor = (projectKey: string, base: ProcessTemplate): ProcessTemplate => ({
  ...applyTemplateEdits(base, [{ type: 'set-mandatory', obligationId: 'L1-C-05', mandatory: base.version % 2 === 1 }]),
  id: projectTemplateId(projectKey),
});

/** A site-wide v2 exactly as the version before per-project templates wrote it (keys and values). */
const siteV2 = applyTemplateEdits(DEFAULT_PROCESS_TEMPLATE, [{ type: 'set-mandatory', obligationId: 'L1-C-05', mandatory: true }]);
function seedSiteWideLayout(): void {
  kvs.store.set('template:eskalationsprozess-default:v0002', structuredClone(siteV2));
  kvs.store.set('template-version:eskalationsprozess-default:v0002', record(siteV2, DEFAULT_PROCESS_TEMPLATE));
  kvs.store.set('template:active', { id: 'eskalationsprozess-default', version: 2 });
  kvs.store.set('template:draft', draft(siteV2, 'a site-wide proposal'));
}

describe('process template store, one line of versions per project', () => {
  it('without any stored version, every project runs on the built-in annex', async () => {
    expect(await templates.active('DEMO')).toBe(DEFAULT_PROCESS_TEMPLATE);
    expect(await versioning.versions('DEMO')).toEqual([]);
    expect(await versioning.draft('DEMO')).toBeUndefined();
  });

  it('still finds a version stored under the site-wide layout by the ref a running escalation froze', async () => {
    seedSiteWideLayout();
    expect(await templates.get({ id: 'eskalationsprozess-default', version: 2 })).toEqual(siteV2);
    expect(await templates.get({ id: 'eskalationsprozess-default', version: 1 })).toBe(DEFAULT_PROCESS_TEMPLATE);
    // The site-wide version in force stays in force for every project without its own, and heads its line.
    expect(await templates.active('DEMO')).toEqual(siteV2);
    expect(await templates.active('OPS')).toEqual(siteV2);
    expect((await versioning.versions('DEMO')).map((r) => r.ref)).toEqual([{ id: 'eskalationsprozess-default', version: 2 }]);
    // The site-wide draft is not any project's: no single client party may approve it for all contracts.
    expect(await versioning.draft('DEMO')).toBeUndefined();
  });

  it("publishes a project's version under its own ref, in force for that project only", async () => {
    seedSiteWideLayout();
    await versioning.saveDraft('DEMO', draft(siteV2, 'DEMO'));
    await versioning.saveDraft('OPS', draft(siteV2, 'OPS'));
    const demoV3 = nextFor('DEMO', siteV2);
    await versioning.publish('DEMO', demoV3, record(demoV3, siteV2));

    expect([...kvs.store.keys()].filter((k) => k.includes('DEMO')).sort()).toEqual([
      'template-active:DEMO',
      'template-version:escalation-process:DEMO:v0003',
      'template:escalation-process:DEMO:v0003',
    ]);
    expect(await templates.get({ id: 'escalation-process:DEMO', version: 3 })).toEqual(demoV3);
    expect(await templates.active('DEMO')).toEqual(demoV3);
    expect(await templates.active('OPS')).toEqual(siteV2);
    expect((await versioning.versions('DEMO')).map((r) => `${r.ref.id} v${r.ref.version}`)).toEqual([
      'eskalationsprozess-default v2',
      'escalation-process:DEMO v3',
    ]);
    expect((await versioning.versions('OPS')).map((r) => r.ref.version)).toEqual([2]);
    expect(await versioning.draft('DEMO')).toBeUndefined();
    expect(await versioning.draft('OPS')).toMatchObject({ note: 'OPS' });
    // The site-wide keys are read, never written.
    expect(kvs.store.get('template:active')).toEqual({ id: 'eskalationsprozess-default', version: 2 });

    // OPS's own next version has the same number, but its own ref: neither shadows the other.
    const opsV3 = nextFor('OPS', siteV2);
    await versioning.publish('OPS', opsV3, record(opsV3, siteV2));
    expect(await templates.get({ id: 'escalation-process:OPS', version: 3 })).toEqual(opsV3);
    expect(await templates.get({ id: 'escalation-process:DEMO', version: 3 })).toEqual(demoV3);
    await expect(versioning.publish('DEMO', { ...demoV3, title: { de: 'Andere', en: 'Other' } }, record(demoV3, siteV2))).rejects.toThrow(
      TemplateVersionConflictError,
    );
  });

  it("refuses to publish a version under another project's id", async () => {
    const foreign = nextFor('OPS', DEFAULT_PROCESS_TEMPLATE);
    await expect(versioning.publish('DEMO', foreign, record(foreign, DEFAULT_PROCESS_TEMPLATE))).rejects.toThrow(
      /not a version of project DEMO/,
    );
    expect(kvs.store.size).toBe(0);
  });

  it('keeps project lines apart when one key begins with another (DEMO, DEMO2)', async () => {
    const demo2 = nextFor('DEMO2', DEFAULT_PROCESS_TEMPLATE);
    await versioning.publish('DEMO2', demo2, record(demo2, DEFAULT_PROCESS_TEMPLATE));
    expect(await versioning.versions('DEMO')).toEqual([]);
    expect(await templates.active('DEMO')).toBe(DEFAULT_PROCESS_TEMPLATE);
  });

  it('stays within the KVS key limit (500 characters) for the longest project key the contract accepts (255)', async () => {
    const longKey = `P${'X'.repeat(254)}`;
    const next = nextFor(longKey, DEFAULT_PROCESS_TEMPLATE);
    await versioning.saveDraft(longKey, draft(DEFAULT_PROCESS_TEMPLATE, 'long'));
    await versioning.publish(longKey, next, record(next, DEFAULT_PROCESS_TEMPLATE));
    expect(await templates.active(longKey)).toEqual(next);
    expect(Math.max(...[...kvs.store.keys()].map((k) => k.length))).toBeLessThanOrEqual(500);
  });
});
