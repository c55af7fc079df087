/**
 * Forge's own checks, run offline (the `forge` CLI needs a login):
 *  - validateManifest: @forge/manifest `validate(false, manifestPath)`: schema, modules, handler files,
 *    resources, translations.
 *  - lintApp: @forge/lint `lint(...)` in client-side mode with local OpenAPI specs: scopes for product
 *    calls, handler exports, plus the manifest linters (`forge lint` minus its login-only server-side part).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { validate, ManifestParserBuilder, type ManifestSchema } from '@forge/manifest';
import { lint, parseSourceFile, type LintResult, type LintResultRule } from '@forge/lint';

export interface ManifestProblem {
  message: string;
  line?: number;
  column?: number;
}

export interface ManifestCheckResult {
  errors: ManifestProblem[];
  warnings: ManifestProblem[];
  ms: number;
}

export interface LintCheckResult {
  errors: string[];
  warnings: string[];
  /** True when the lint did not run (no specs); `reason` says why. Never counts as a pass. */
  skipped?: boolean;
  reason?: string;
  /** Where the OpenAPI specs came from, e.g. "../shared/atlassian-api (/work/shared/atlassian-api)". */
  specsSource: string | null;
  /** src files handed to lint, and the ones Forge actually parsed (it drops .ts files outside tsconfig "include"). */
  files: string[];
  linted: string[];
  ms: number;
}

export interface LintOptions {
  /** Use this specs folder instead of looking one up (tests linting temp copies of the app). */
  specsDir?: string;
}

const SPEC_FILES = {
  jira: 'jira-platform.swagger-v3.v3.json',
  confluenceV2: 'confluence-v2.openapi-v2.v3.json',
  empty: 'empty-paths.json',
} as const;

const SOURCE_EXT = /\.(ts|tsx|js|jsx)$/;

/** Both Forge packages resolve relative paths (translations, tsconfig, manifest.yml) against process.cwd(). */
let cwdLock: Promise<unknown> = Promise.resolve();
async function inDir<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const run = async (): Promise<T> => {
    const previous = process.cwd();
    process.chdir(dir);
    try {
      return await fn();
    } finally {
      process.chdir(previous);
    }
  };
  const result = cwdLock.then(run, run);
  cwdLock = result.catch(() => undefined);
  return result;
}

export async function validateManifest(appDir: string): Promise<ManifestCheckResult> {
  const started = Date.now();
  const dir = path.resolve(appDir);
  const result = await inDir(dir, () => validate(false, path.join(dir, 'manifest.yml')));
  const problems = (result.errors ?? []).map((e) => ({
    level: e.level,
    problem: { message: e.message, line: e.line, column: e.column },
  }));
  const errors: ManifestProblem[] = problems.filter((p) => p.level !== 'warning').map((p) => p.problem);
  // validate() can fail without listing an error (e.g. an unreadable file): never report that as clean.
  if (!result.success && errors.length === 0) {
    errors.push({ message: '@forge/manifest validate() reported failure without details' });
  }
  return {
    errors,
    warnings: problems.filter((p) => p.level === 'warning').map((p) => p.problem),
    ms: Date.now() - started,
  };
}

/** The specs folder: ../shared/atlassian-api beside the app (CI layout), else $ATLASSIAN_API_SPECS. */
export function findSpecs(appDir: string): { dir: string; source: string } | { dir: null; reason: string } {
  const candidates: Array<{ dir: string; source: string }> = [
    { dir: path.resolve(appDir, '..', 'shared', 'atlassian-api'), source: '../shared/atlassian-api' },
  ];
  if (process.env.ATLASSIAN_API_SPECS) {
    candidates.push({ dir: path.resolve(process.env.ATLASSIAN_API_SPECS), source: '$ATLASSIAN_API_SPECS' });
  }
  const tried: string[] = [];
  for (const c of candidates) {
    const missing = Object.values(SPEC_FILES).filter((f) => !fs.existsSync(path.join(c.dir, f)));
    if (missing.length === 0) return { dir: c.dir, source: `${c.source} (${c.dir})` };
    tried.push(`${c.dir} (missing ${missing.join(', ')})`);
  }
  if (!process.env.ATLASSIAN_API_SPECS) tried.push('$ATLASSIAN_API_SPECS (not set)');
  return {
    dir: null,
    reason:
      `Forge lint NOT run: no Atlassian OpenAPI specs found. Tried: ${tried.join('; ')}. ` +
      'Put a copy of shared/atlassian-api beside the app or set ATLASSIAN_API_SPECS.',
  };
}

function listSources(appDir: string, rel: string): string[] {
  const abs = path.join(appDir, rel);
  if (!fs.existsSync(abs)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const child = `${rel}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) out.push(...listSources(appDir, child));
    } else if (SOURCE_EXT.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(child);
    }
  }
  return out.sort();
}

/** @forge/lint's own copy of @forge/cli-shared (it nests a newer one than the top-level package). */
function lintCliShared(): { StatsigReader: new () => object } {
  const lintRoot = path.dirname(path.dirname(require.resolve('@forge/lint')));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a nested copy found by path at run time; `import` would load the top-level one
  return require(require.resolve('@forge/cli-shared', { paths: [lintRoot] })) as { StatsigReader: new () => object };
}

/** Stand-in for Atlassian's feature-flag service: every gate false, every dynamic config default. */
function offlineStatsig(): Parameters<typeof lint>[4] {
  const { StatsigReader } = lintCliShared();
  class OfflineStatsig extends StatsigReader {
    checkGate(): Promise<boolean> {
      return Promise.resolve(false);
    }
    getDynamicConfig(): Promise<null> {
      return Promise.resolve(null);
    }
  }
  return new OfflineStatsig() as unknown as Parameters<typeof lint>[4];
}

/** Env the permission linter reads to use local specs instead of downloading them. */
function specsEnv(specsDir: string): Record<string, string> {
  const empty = path.join(specsDir, SPEC_FILES.empty);
  return {
    USE_LOCAL_SWAGGER: '1',
    LOCAL_JIRA_SWAGGER: path.join(specsDir, SPEC_FILES.jira),
    LOCAL_CONF_V2_SWAGGER: path.join(specsDir, SPEC_FILES.confluenceV2),
    LOCAL_JSM_SWAGGER: empty,
    LOCAL_JSW_SWAGGER: empty,
    LOCAL_CONF_SWAGGER: empty,
    LOCAL_BB_SWAGGER: empty,
  };
}

/** Sets env vars and blocks fetch() for the duration of fn; lint must stay offline. */
async function offline<T>(env: Record<string, string>, fn: (blocked: string[]) => Promise<T>): Promise<T> {
  const savedEnv = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const savedFetch = globalThis.fetch;
  const blocked: string[] = [];
  Object.assign(process.env, env);
  globalThis.fetch = (input: string | URL | Request): Promise<Response> => {
    const url = input instanceof Request ? input.url : input.toString();
    blocked.push(url);
    return Promise.reject(new Error(`network disabled during offline Forge lint: ${url}`));
  };
  try {
    return await fn(blocked);
  } finally {
    globalThis.fetch = savedFetch;
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

/**
 * Lint warnings we count as errors: Forge only warns when a handler's export is missing, but every
 * invocation of that function would then fail.
 */
const PROMOTED_WARNINGS = [/^Cannot find exported function /];

const format = (file: string, r: LintResultRule): string =>
  `${file}:${r.line}:${r.column} ${r.message}${r.reference ? ` (${r.reference})` : ''}`;

export async function lintApp(appDir: string, options: LintOptions = {}): Promise<LintCheckResult> {
  const started = Date.now();
  const dir = path.resolve(appDir);
  const files = listSources(dir, 'src');
  const specs = options.specsDir
    ? { dir: path.resolve(options.specsDir), source: `given (${path.resolve(options.specsDir)})` }
    : findSpecs(dir);
  if (specs.dir === null) {
    return { errors: [], warnings: [], skipped: true, reason: specs.reason, specsSource: null, files, linted: [], ms: 0 };
  }
  const errors: string[] = [];
  const warnings: string[] = [];
  const linted: string[] = [];

  let manifest: ManifestSchema;
  try {
    const manifestPath = path.join(dir, 'manifest.yml');
    // Same parser (with ${ENV} and resource interpolation) the Forge CLI feeds to lint().
    manifest = new ManifestParserBuilder()
      .withInterpolators()
      .build()
      .parseManifest({ content: fs.readFileSync(manifestPath, 'utf8'), filePath: manifestPath });
  } catch (e) {
    return {
      errors: [`manifest.yml could not be read/parsed for lint: ${(e as Error).message}`],
      warnings,
      specsSource: specs.source,
      files,
      linted,
      ms: Date.now() - started,
    };
  }

  const logs: string[] = [];
  const logger = { info: (msg: string) => void logs.push(stripVTControlCharacters(String(msg))) };
  let results: LintResult[] = [];
  let blockedUrls: string[] = [];
  // The permission linter opens a `conf` cache dir even when it reads local specs: keep it out of $HOME.
  const confHome = fs.mkdtempSync(path.join(os.tmpdir(), 'forge-lint-conf-'));
  try {
    results = await inDir(dir, () =>
      offline({ ...specsEnv(specs.dir), XDG_CONFIG_HOME: confHome }, async (blocked) => {
        blockedUrls = blocked;
        return lint(files, manifest, 'development', logger, offlineStatsig(), {
          linter: { mode: 'client-side' },
          parseFunction: (file, parser, read) => {
            linted.push(file);
            return parseSourceFile(file, parser, read);
          },
        });
      }),
    );
  } catch (e) {
    errors.push(`@forge/lint failed: ${(e as Error).message}`);
  } finally {
    fs.rmSync(confHome, { recursive: true, force: true });
  }

  for (const r of results) {
    for (const e of r.errors) errors.push(format(r.file, e));
    for (const a of r.approvals) errors.push(`${format(r.file, a)} [needs approval]`);
    for (const w of r.warnings) {
      if (PROMOTED_WARNINGS.some((re) => re.test(w.message))) errors.push(`${format(r.file, w)} [warning counted as error]`);
      else warnings.push(format(r.file, w));
    }
  }
  // A linter that throws is only logged by @forge/lint ("Could not perform some linting actions"):
  // surface it as an error so a broken check never looks like a clean one.
  for (const line of logs) {
    if (/Could not perform some linting actions/.test(line)) errors.push(`@forge/lint: ${line.trim()}`);
  }
  for (const url of blockedUrls) errors.push(`@forge/lint tried to fetch ${url} (blocked; lint must run offline)`);
  for (const f of files) {
    if (!linted.includes(f)) warnings.push(`${f}: not linted (Forge skips .ts/.tsx files outside tsconfig.json "include")`);
  }
  return { errors, warnings, specsSource: specs.source, files, linted, ms: Date.now() - started };
}
