import path from 'node:path';
import { customFieldModules } from '../../web/manifest-modules';
import { customFieldFormatter, loadManifest, modulesOf } from './app-manifest';

const APP_DIR = path.resolve(__dirname, '..', '..', '..');

describe('the Escalation level field as manifest.yml declares it (current jira:customField shape)', () => {
  const manifest = loadManifest(APP_DIR);
  const field = modulesOf(manifest, 'jira:customField').find((m) => m.key === 'escalation-level')!;

  it('renders through view.formatter.expression', () => {
    expect(customFieldFormatter(field)).toBe("value.level + ''");
    // Legacy manifests with a top-level formatter still render.
    expect(customFieldFormatter({ key: 'old', formatter: { expression: 'value' } })).toBe('value');
    expect(customFieldFormatter({ key: 'none' })).toBeUndefined();
  });

  it("edits only through the app's Custom UI, on every experience where Jira would otherwise show its own editor", () => {
    expect(customFieldModules(manifest.raw).find((f) => f.key === 'escalation-level')).toMatchObject({
      formatter: "value.level + ''",
      edit: { resource: 'field-edit', experiences: ['issue-view', 'issue-create', 'issue-transition', 'issue-bulk-edit'] },
    });
  });

  it("shows its value through the app's Custom UI view in the issue view only (the formatter everywhere else)", () => {
    expect(customFieldModules(manifest.raw).find((f) => f.key === 'escalation-level')?.view).toEqual({
      resource: 'field-view',
      experiences: ['issue-view'],
    });
  });
});
