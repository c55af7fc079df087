/**
 * Contract: the code rules that `npm test` runs (ESLint, Prettier, the dependency-cruiser layer rules)
 * really reject a bad file, so a green run means something.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const APP_DIR = path.resolve(__dirname, '..', '..');
const SLOW = 180_000; // the type-aware lint builds a TypeScript program for its first file
const bin = (name: string) => path.join(APP_DIR, 'node_modules', '.bin', name);

/** Runs a tool as `npm test` does (ESLint and Prettier load ES modules, which Jest's CommonJS cannot). */
function run(command: string, args: string[], input: string, cwd = APP_DIR): { status: number; stdout: string } {
  try {
    return { status: 0, stdout: execFileSync(command, args, { cwd, input, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }) };
  } catch (error) {
    const failed = error as { status: number | null; stdout: string };
    return { status: failed.status ?? -1, stdout: failed.stdout };
  }
}

describe('ESLint', () => {
  const rulesOf = (code: string, filePath: string): Promise<string[]> => {
    const { stdout } = run(bin('eslint'), ['--stdin', '--stdin-filename', filePath, '--format', 'json'], code);
    const [result] = JSON.parse(stdout) as Array<{ messages: Array<{ ruleId: string | null; message: string }> }>;
    return Promise.resolve((result?.messages ?? []).map((m) => m.ruleId ?? `fatal: ${m.message}`));
  };

  it(
    'rejects a disable comment without a reason and loose equality',
    async () => {
      const rules = await rulesOf(
        ['export const same = (a, b) => a == b;', '// eslint-disable-next-line no-console', 'console.log(same(1, 2));', ''].join('\n'),
        'static/lint-probe.mjs',
      );
      expect(rules).toEqual(expect.arrayContaining(['eqeqeq', '@eslint-community/eslint-comments/require-description']));
    },
    SLOW,
  );

  it(
    'runs type-aware rules on TypeScript (floating promise, value import used as a type) and keeps @forge/* out of the domain',
    async () => {
      // An existing path, so the file belongs to the TypeScript project; the text is ours. One run: each
      // type-aware run builds the program anew.
      const rules = await rulesOf(
        [
          "import { ZodError } from 'zod';",
          "import { kvs } from '@forge/kvs';",
          'const later = (): Promise<number> => Promise.resolve(1);',
          'export function run(e: ZodError): string {',
          '  later();',
          '  return `${e.message}${String(kvs)}`;',
          '}',
          '',
        ].join('\n'),
        'src/domain/deadlines/add-business-duration.ts',
      );
      expect(rules).toEqual(
        expect.arrayContaining([
          '@typescript-eslint/no-floating-promises',
          '@typescript-eslint/consistent-type-imports',
          'no-restricted-imports',
        ]),
      );
    },
    SLOW,
  );
});

describe('Prettier', () => {
  it('rejects code that is not laid out as Prettier lays it out, and accepts the same code formatted', () => {
    const bad = 'export const  answer = { a:1,b : 2 }\n';
    expect(run(bin('prettier'), ['--check', '--stdin-filepath', 'src/probe.ts'], bad).status).not.toBe(0);
    const formatted = run(bin('prettier'), ['--stdin-filepath', 'src/probe.ts'], bad);
    expect(formatted.stdout).toBe('export const answer = { a: 1, b: 2 };\n');
    expect(run(bin('prettier'), ['--check', '--stdin-filepath', 'src/probe.ts'], formatted.stdout).status).toBe(0);
  });
});

describe('layer rules (dependency-cruiser)', () => {
  /** Cruises a small tree laid out like the app with the app's own rule set; returns "rule: from → to". */
  function violationsOf(files: Record<string, string>): string[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'layers-'));
    try {
      for (const [file, code] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), code);
      }
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs', strict: true } }));
      fs.symlinkSync(path.join(APP_DIR, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
      const cli = path.join(APP_DIR, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
      // The CLI exits non-zero when it finds violations; the JSON is on stdout either way.
      const { stdout } = run(
        process.execPath,
        [cli, 'src', 'static', '--config', path.join(APP_DIR, '.dependency-cruiser.cjs'), '--output-type', 'json'],
        '',
        dir,
      );
      const result = JSON.parse(stdout) as { summary: { violations: Array<{ rule: { name: string }; from: string; to: string }> } };
      return result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it('passes a tree that keeps the layers', () => {
    expect(
      violationsOf({
        'src/domain/level.ts': 'export type Level = 1 | 2 | 3 | 4;\n',
        'src/shared/contract.ts': "import type { Level } from '../domain/level';\nexport type View = { level: Level };\n",
        'src/usecases/ports.ts': 'export interface Store { get(): Promise<number> }\n',
        'src/infrastructure/store.ts':
          "import type { Store } from '../usecases/ports';\nexport const store: Store = { get: () => Promise.resolve(1) };\n",
        'static/panel/src/main.ts': "import type { View } from '../../../src/shared/contract';\nexport const v: View = { level: 1 };\n",
      }),
    ).toEqual([]);
  });

  it('rejects each kind of violation by its rule', () => {
    const violations = violationsOf({
      'src/domain/pure.ts':
        "import { kvs } from '@forge/kvs';\nimport type { View } from '../shared/contract';\nexport const x = [kvs, null as unknown as View];\n",
      'src/shared/contract.ts': 'export type View = { level: number };\n',
      'src/usecases/run.ts': "import { store } from '../infrastructure/store';\nexport const run = () => store;\n",
      'src/infrastructure/store.ts': 'export const store = 1;\n',
      'src/usecases/a.ts': "import { b } from './b';\nexport const a = () => b;\n",
      'src/usecases/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
      'src/usecases/sandboxed.ts': "import { fake } from '../../sandbox/fake';\nexport const f = fake;\n",
      'sandbox/fake.ts': 'export const fake = 1;\n',
      'static/panel/src/main.ts': "import { x } from '../../../src/domain/pure';\nexport const y = x;\n",
    });
    expect(violations).toEqual(
      expect.arrayContaining([
        'domain-is-pure: src/domain/pure.ts → src/shared/contract.ts',
        'usecases-own-their-ports: src/usecases/run.ts → src/infrastructure/store.ts',
        'static-sees-only-the-contract: static/panel/src/main.ts → src/domain/pure.ts',
        'app-never-imports-sandbox-or-tests: src/usecases/sandboxed.ts → sandbox/fake.ts',
      ]),
    );
    // Libraries are not excluded from the graph, so an import of one is checked like any other.
    expect(violations.some((v) => v.startsWith('domain-is-pure: src/domain/pure.ts → ') && v.includes('node_modules/@forge/kvs/'))).toBe(
      true,
    );
    expect(violations.some((v) => v.startsWith('no-circular: src/usecases/a.ts → src/usecases/b.ts'))).toBe(true);
  });
});
