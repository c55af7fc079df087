/**
 * Contract: the app passes Forge's own offline checks (@forge/manifest validate, @forge/lint client-side),
 * and those checks really catch the mistakes we care about (so a green run means something).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { findSpecs, lintApp, validateManifest } from './forge-checks';

const APP_DIR = path.resolve(__dirname, '..', '..');
const SLOW = 120_000; // first lint loads the Jira spec and compiles Forge's schemas (~10 s here)

const specs = findSpecs(APP_DIR);
if (specs.dir === null) console.warn(`\n*** ${specs.reason}\n*** Forge lint tests are SKIPPED, not passed.\n`);
// Decided at definition time so a missing specs folder shows as "skipped" in the jest summary.
const itWithSpecs = specs.dir === null ? it.skip : it;

type Manifest = {
  modules?: Record<string, Array<Record<string, unknown>>>;
  resources?: Array<{ key: string; path: string }>;
  permissions?: { scopes?: string[] };
  [k: string]: unknown;
};

const realManifest = (): Manifest => parse(fs.readFileSync(path.join(APP_DIR, 'manifest.yml'), 'utf8')) as Manifest;

/** handler "dir/file.fn" -> { file: "dir/file", fn } for every function in the manifest. */
function handlersOf(manifest: Manifest): Array<{ file: string; fn: string }> {
  return (manifest.modules?.function ?? [])
    .map((f) => (typeof f.handler === 'string' ? f.handler : ''))
    .map((h) => /^(.+)\.([^.]+)$/.exec(h))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ file: m[1]!, fn: m[2]! }));
}

/** Top-level folders the manifest points into (resources, translations, …), plus static/. */
function referencedRoots(manifest: Manifest): string[] {
  const roots = new Set(['static']);
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k === 'path' && typeof child === 'string') roots.add(path.posix.normalize(child).split('/')[0]!);
        else walk(child);
      }
    }
  };
  walk(manifest);
  return [...roots].filter((r) => r && r !== '..' && r !== 'src' && fs.existsSync(path.join(APP_DIR, r)));
}

/**
 * A temp copy of the app: what validate looks at (static builds, locales, …) plus a minimal src/ that
 * exports a stub for every handler, then `manifest` and `extraIndexCode` applied. No tsconfig.json, so
 * lint parses untyped (fast).
 */
function tempApp(manifest: Manifest, extraIndexCode = ''): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-contract-'));
  for (const root of referencedRoots(realManifest())) {
    fs.cpSync(path.join(APP_DIR, root), path.join(dir, root), {
      recursive: true,
      filter: (src) => path.basename(src) !== 'node_modules',
    });
  }
  const byFile = new Map<string, Set<string>>([['index', new Set()]]);
  for (const h of handlersOf(manifest)) byFile.set(h.file, (byFile.get(h.file) ?? new Set()).add(h.fn));
  for (const [file, fns] of byFile) {
    const code = [...fns].map((fn) => `export const ${fn} = async (): Promise<void> => undefined;`);
    if (file === 'index') code.unshift(extraIndexCode);
    fs.mkdirSync(path.dirname(path.join(dir, 'src', file)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src', `${file}.ts`), code.join('\n') + '\n');
  }
  fs.writeFileSync(path.join(dir, 'manifest.yml'), stringify(manifest));
  return dir;
}

const tempDirs: string[] = [];
const app = (manifest: Manifest, extraIndexCode = ''): string => {
  const dir = tempApp(manifest, extraIndexCode);
  tempDirs.push(dir);
  return dir;
};
afterAll(() => tempDirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const messages = (r: { errors: Array<{ message: string }> }): string[] => r.errors.map((e) => e.message);

describe('Forge manifest validation (@forge/manifest validate)', () => {
  it(
    'the real manifest.yml validates with zero errors',
    async () => {
      const result = await validateManifest(APP_DIR);
      if (result.warnings.length) console.warn('manifest warnings:\n' + result.warnings.map((w) => w.message).join('\n'));
      expect(result.errors).toEqual([]);
    },
    SLOW,
  );

  it('reports an unknown module key', async () => {
    const m = realManifest();
    m.modules = { ...m.modules, 'jira:contractNoSuchModule': [{ key: 'contract-bogus', title: 'x' }] };
    const msgs = messages(await validateManifest(app(m)));
    expect(msgs).toContainEqual(expect.stringContaining("invalid value 'jira:contractNoSuchModule' in modules"));
  });

  it('reports a handler whose file does not exist', async () => {
    const m = realManifest();
    const fns = [...(m.modules?.function ?? []), { key: 'contract-no-file', handler: 'contractNoSuchFile.run' }];
    m.modules = { ...m.modules, function: fns };
    // tempApp writes stubs for every handler file, so delete the one we want missing.
    const dir = app(m);
    fs.rmSync(path.join(dir, 'src', 'contractNoSuchFile.ts'));
    const msgs = messages(await validateManifest(dir));
    expect(msgs).toContainEqual(expect.stringContaining("'contractNoSuchFile.run' cannot find associated file"));
  });

  it('reports a resource whose directory does not exist (e.g. Custom UI not built)', async () => {
    const m = realManifest();
    m.resources = [...(m.resources ?? []), { key: 'contract-missing', path: 'static/contract-missing/build' }];
    const msgs = messages(await validateManifest(app(m)));
    expect(msgs).toContainEqual(expect.stringContaining("missing resource 'static/contract-missing/build'"));
  });
});

describe('Forge lint (@forge/lint, client-side, local OpenAPI specs)', () => {
  itWithSpecs(
    'the real app lints with zero errors',
    async () => {
      const result = await lintApp(APP_DIR);
      console.log(
        `forge lint: ${result.linted.length}/${result.files.length} src files, specs from ${result.specsSource}, ` +
          `${result.ms} ms\n` +
          (result.warnings.length ? `warnings:\n  ${result.warnings.join('\n  ')}` : 'no warnings'),
      );
      expect(result.skipped).toBeFalsy();
      expect(result.errors).toEqual([]);
    },
    SLOW,
  );

  // Kept tiny (one src file, no tsconfig => untyped parse) so these stay fast.
  const PUT_PROPERTY = `
import api, { route } from '@forge/api';
export async function saveProperty(key: string, prop: string, value: unknown): Promise<void> {
  await api.asApp().requestJira(route\`/rest/api/3/issue/\${key}/properties/\${prop}\`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(value),
  });
}
`;
  const withScopes = (scopes: string[]): Manifest => {
    const m = realManifest();
    m.permissions = { ...m.permissions, scopes };
    return m;
  };
  const baseScopes = (): string[] => (realManifest().permissions?.scopes ?? []).filter((s) => s !== 'write:jira-work');

  itWithSpecs(
    'reports a Jira call whose scope is missing from the manifest',
    async () => {
      const result = await lintApp(app(withScopes(baseScopes()), PUT_PROPERTY), { specsDir: specs.dir! });
      expect(result.errors).toContainEqual(
        expect.stringMatching(/PUT \/rest\/api\/3\/issue\/\{issueIdOrKey\}\/properties\/\{propertyKey\} requires "write:jira-work"/),
      );
    },
    SLOW,
  );

  itWithSpecs(
    'accepts the same call once write:jira-work is granted',
    async () => {
      const result = await lintApp(app(withScopes([...baseScopes(), 'write:jira-work']), PUT_PROPERTY), {
        specsDir: specs.dir!,
      });
      expect(result.linted).toEqual(['src/index.ts']);
      expect(result.errors.filter((e) => e.includes('write:jira-work'))).toEqual([]);
    },
    SLOW,
  );

  itWithSpecs(
    'reports a handler pointing at a missing export (validate only checks the file exists)',
    async () => {
      const m = realManifest();
      const fns = [...(m.modules?.function ?? []), { key: 'contract-no-export', handler: 'index.contractNoSuchExport' }];
      m.modules = { ...m.modules, function: fns };
      const dir = app(m);
      // Drop the stub tempApp generated for it, keeping the other handlers' stubs.
      const index = path.join(dir, 'src', 'index.ts');
      fs.writeFileSync(index, fs.readFileSync(index, 'utf8').replace(/^.*contractNoSuchExport.*$/m, ''));
      const [validated, linted] = await Promise.all([validateManifest(dir), lintApp(dir, { specsDir: specs.dir! })]);
      expect(messages(validated).filter((e) => e.includes('contractNoSuchExport'))).toEqual([]);
      expect(linted.errors).toContainEqual(
        expect.stringContaining('Cannot find exported function "contractNoSuchExport", which is required by module "contract-no-export"'),
      );
    },
    SLOW,
  );
});

describe('finding the OpenAPI specs', () => {
  it('says lint was skipped, and why, when no specs folder exists', async () => {
    const saved = process.env.ATLASSIAN_API_SPECS;
    delete process.env.ATLASSIAN_API_SPECS;
    try {
      const lonely = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-contract-nospecs-'));
      tempDirs.push(lonely);
      const result = await lintApp(path.join(lonely, 'app'));
      expect(result).toMatchObject({ skipped: true, errors: [], specsSource: null });
      expect(result.reason).toMatch(/Forge lint NOT run: no Atlassian OpenAPI specs found/);
    } finally {
      if (saved !== undefined) process.env.ATLASSIAN_API_SPECS = saved;
    }
  });
});
