/**
 * Forge's own checks, run offline (the `forge` CLI needs a login):
 *  - validateManifest: @forge/manifest `validate(false, manifestPath)`: schema, modules, handler files,
 *    resources, translations.
 *  - lintApp: @forge/lint `lint(...)` in client-side mode with local OpenAPI specs: scopes for product
 *    calls, handler exports, plus the manifest linters (`forge lint` minus its login-only server-side part).
 * and two checks of our own that neither tool makes:
 *  - checkModuleScopes: scopes a module kind needs by itself, per its module docs (MODULE_SCOPES).
 *  - checkInvocationBudgets: each invoker's time budget (src/entry/invocation-budgets.ts) within the platform limit.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { validate, ManifestParserBuilder, type ManifestSchema } from '@forge/manifest';
import { lint, parseSourceFile, type LintResult, type LintResultRule } from '@forge/lint';
import { parse as parseYaml } from 'yaml';
import { BUDGET_MS_BY_INVOKER, PLATFORM_LIMIT_MS } from '../../src/entry/invocation-budgets';

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
  const problems = (result.errors ?? []).map((e) => {
    const problem: ManifestProblem = { message: e.message, line: e.line, column: e.column };
    return { level: e.level, problem };
  });
  const errors = problems.filter((p) => p.level !== 'warning').map((p) => p.problem);
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
  const load = createRequire(__filename);
  return load(require.resolve('@forge/cli-shared', { paths: [lintRoot] })) as { StatsigReader: new () => object };
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

// ---------------------------------------------------------------------------------------------------------------
// Checks Forge's own offline tools do not make (both are pure functions of the parsed manifest.yml).
// ---------------------------------------------------------------------------------------------------------------

/** The parts of manifest.yml these checks read. */
export interface ManifestDoc {
  modules?: Record<string, Array<Record<string, unknown>>>;
  permissions?: { scopes?: string[] };
  [k: string]: unknown;
}

export function readManifest(appDir: string): ManifestDoc {
  return (parseYaml(fs.readFileSync(path.join(path.resolve(appDir), 'manifest.yml'), 'utf8')) ?? {}) as ManifestDoc;
}

/**
 * One row of the module-kind → scope table: the scopes a module kind needs by itself (not for REST calls,
 * which @forge/lint checks), as its module docs say. `appliesTo` narrows a row to some modules of the kind.
 */
export interface ModuleScopeRule {
  kind: string;
  scopes: (module: Record<string, unknown>) => string[];
  /** When the row applies, in words (for messages), e.g. "with a Custom UI configuration view". */
  when?: string;
  appliesTo?: (module: Record<string, unknown>) => boolean;
  /** The page the row was checked against, and what it says. */
  doc: string;
  says: string;
}

const DOCS = 'https://developer.atlassian.com/platform/forge';
const hasConfigViews = (m: Record<string, unknown>): boolean => ['create', 'edit', 'view'].some((k) => m[k] !== undefined);
const none = (): string[] => [];

/**
 * Scopes Jira needs to deliver each product event, from the Jira events reference
 * (https://developer.atlassian.com/platform/forge/events-reference/jira/): "The required OAuth scope is
 * `read:jira-work`" under Issue created / Issue updated / Comment on issue.
 */
export const EVENT_SCOPES: Readonly<Record<string, readonly string[]>> = {
  'avi:jira:created:issue': ['read:jira-work'],
  'avi:jira:updated:issue': ['read:jira-work'],
  'avi:jira:deleted:issue': ['read:jira-work'],
  'avi:jira:assigned:issue': ['read:jira-work'],
  'avi:jira:viewed:issue': ['read:jira-work'],
  'avi:jira:commented:issue': ['read:jira-work'],
  'avi:jira:failed:expression': ['manage:jira-configuration'],
};

/** Module kind → scopes its docs require. Checked against the pages linked per row (docs as of 2026). */
export const MODULE_SCOPES: readonly ModuleScopeRule[] = [
  {
    kind: 'jira:workflowPostFunction',
    scopes: () => ['read:jira-work', 'manage:jira-configuration'],
    doc: `${DOCS}/manifest-reference/modules/jira-workflow-post-function/`,
    says:
      'Due to the data sent to the function from Jira, it is necessary to include OAuth scopes in the app ' +
      'manifest: read:jira-work and manage:jira-configuration.',
  },
  {
    kind: 'jira:workflowValidator',
    when: 'validating with a function',
    appliesTo: (m) => typeof m.function === 'string',
    scopes: () => ['read:jira-work'],
    doc: `${DOCS}/manifest-reference/modules/jira-workflow-validator/`,
    says: 'The OAuth 2.0 scope read:jira-work must be granted to the app to ensure that modifiedFields are attached.',
  },
  {
    kind: 'jira:workflowValidator',
    when: 'with Custom UI configuration views (create/edit/view)',
    appliesTo: hasConfigViews,
    scopes: () => ['manage:jira-configuration'],
    doc: `${DOCS}/manifest-reference/modules/jira-workflow-validator/`,
    says: 'The Custom UI configuration example declares permissions.scopes: manage:jira-configuration.',
  },
  {
    kind: 'jira:workflowCondition',
    when: 'with Custom UI configuration views (create/edit/view)',
    appliesTo: hasConfigViews,
    scopes: () => ['manage:jira-configuration'],
    doc: `${DOCS}/manifest-reference/modules/jira-workflow-condition/`,
    says: 'The Custom UI configuration example declares permissions.scopes: manage:jira-configuration.',
  },
  {
    kind: 'jira:workflowCondition',
    when: 'expression only',
    appliesTo: (m) => !hasConfigViews(m),
    scopes: none,
    doc: `${DOCS}/manifest-reference/modules/jira-workflow-condition/`,
    says: 'An expression-based condition names no scope.',
  },
  {
    kind: 'trigger',
    scopes: (m) =>
      (Array.isArray(m.events) ? m.events : []).flatMap((e) => [...(EVENT_SCOPES[String(e)] ?? [`<unknown event ${String(e)}>`])]),
    doc: `${DOCS}/events-reference/jira/`,
    says: 'Each event names its scope ("The required OAuth scope is read:jira-work" for issue and comment events).',
  },
  ...(
    [
      ['jira:customField', 'manifest-reference/modules/jira-custom-field/'],
      ['jira:entityProperty', 'manifest-reference/modules/jira-entity-property/'],
      ['jira:issuePanel', 'manifest-reference/modules/jira-issue-panel/'],
      ['jira:adminPage', 'manifest-reference/modules/jira-admin-page/'],
      ['jira:projectSettingsPage', 'manifest-reference/modules/jira-project-settings-page/'],
      ['jira:globalPage', 'manifest-reference/modules/jira-global-page/'],
      ['jiraServiceManagement:portalRequestDetail', 'manifest-reference/modules/jira-service-management-portal-request-detail/'],
      ['scheduledTrigger', 'manifest-reference/modules/scheduled-trigger/'],
      ['consumer', 'manifest-reference/modules/consumer/'],
      ['function', 'manifest-reference/modules/function/'],
    ] as const
  ).map(([kind, page]) => ({ kind, scopes: none, doc: `${DOCS}/${page}`, says: 'The module page names no scope for the module itself.' })),
  ...(['automation:actionProvider', 'action'] as const).map((kind) => ({
    kind,
    scopes: none,
    doc: `${DOCS}/manifest-reference/modules/automation-action/`,
    says: "Automation action module doesn't require any additional scopes to be added to the manifest.",
  })),
];

export interface ModuleScopeProblem {
  kind: string;
  key: string;
  missing: string[];
  doc: string;
}

/**
 * Every module kind in the manifest must have a row in `rules`, and every scope a row requires must be in
 * permissions.scopes. Errors name the module, the missing scopes and the doc page.
 */
export function checkModuleScopes(manifest: ManifestDoc, rules: readonly ModuleScopeRule[] = MODULE_SCOPES): { errors: string[] } {
  const declared = new Set(manifest.permissions?.scopes ?? []);
  const errors: string[] = [];
  for (const [kind, modules] of Object.entries(manifest.modules ?? {})) {
    const rows = rules.filter((r) => r.kind === kind);
    if (rows.length === 0) {
      errors.push(`module kind '${kind}' has no row in the module-scope table (test/contract/forge-checks.ts): check its module docs`);
      continue;
    }
    for (const module of modules ?? []) {
      for (const row of rows.filter((r) => !r.appliesTo || r.appliesTo(module))) {
        const missing = row.scopes(module).filter((s) => !declared.has(s));
        if (missing.length > 0) {
          errors.push(
            `${kind} '${String(module.key)}'${row.when ? ` (${row.when})` : ''} needs scope(s) ${missing.join(', ')} ` +
              `missing from permissions.scopes (${row.doc}: "${row.says}")`,
          );
        }
      }
    }
  }
  return { errors };
}

export interface FunctionBudget {
  function: string;
  /** Who invokes it: 'resolver' or the module kind whose `function` names it, with the module key. */
  invokers: Array<{ invoker: string; module: string; budgetMs: number | undefined }>;
  timeoutSeconds?: number;
  limitMs: number;
}

/**
 * For every function in the manifest: its platform limit (25 s, or for a function referenced only by consumer
 * or scheduledTrigger modules 55 s by default and `timeoutSeconds` up to 900 s; limits-invocation), and the
 * budget constant (src/entry/invocation-budgets.ts) of each invoker, which must not exceed that limit.
 */
export function checkInvocationBudgets(
  manifest: ManifestDoc,
  budgets: Readonly<Record<string, number>> = BUDGET_MS_BY_INVOKER,
): { errors: string[]; functions: FunctionBudget[] } {
  const errors: string[] = [];
  const invokers = new Map<string, FunctionBudget['invokers']>();
  for (const [kind, modules] of Object.entries(manifest.modules ?? {})) {
    if (kind === 'function') continue;
    for (const module of modules ?? []) {
      const add = (fn: unknown, invoker: string): void => {
        if (typeof fn !== 'string') return;
        invokers.set(fn, [...(invokers.get(fn) ?? []), { invoker, module: String(module.key), budgetMs: budgets[invoker] }]);
      };
      add(module.function, kind);
      add((module.resolver as { function?: unknown } | undefined)?.function, 'resolver');
    }
  }
  const functions: FunctionBudget[] = [];
  for (const fn of manifest.modules?.function ?? []) {
    const key = String(fn.key);
    const timeoutSeconds = typeof fn.timeoutSeconds === 'number' ? fn.timeoutSeconds : undefined;
    const callers = invokers.get(key) ?? [];
    const longRunning = callers.length > 0 && callers.every((c) => c.invoker === 'consumer' || c.invoker === 'scheduledTrigger');
    if (timeoutSeconds !== undefined && !longRunning) {
      errors.push(
        `function '${key}': timeoutSeconds ${timeoutSeconds} has no effect; only functions referenced solely by consumer or ` +
          'scheduledTrigger modules may run longer than 25 s (https://developer.atlassian.com/platform/forge/limits-invocation/)',
      );
    }
    if (timeoutSeconds !== undefined && (timeoutSeconds < 1 || timeoutSeconds > PLATFORM_LIMIT_MS.longRunningMax / 1000)) {
      errors.push(`function '${key}': timeoutSeconds ${timeoutSeconds} is outside 1–900`);
    }
    const limitMs = longRunning
      ? Math.min(
          timeoutSeconds !== undefined ? timeoutSeconds * 1000 : PLATFORM_LIMIT_MS.longRunningDefault,
          PLATFORM_LIMIT_MS.longRunningMax,
        )
      : PLATFORM_LIMIT_MS.default;
    for (const c of callers) {
      if (c.budgetMs === undefined) {
        errors.push(
          `function '${key}' is invoked by ${c.invoker} '${c.module}', which has no budget constant in src/entry/invocation-budgets.ts`,
        );
      } else if (c.budgetMs > limitMs) {
        errors.push(
          `function '${key}' invoked by ${c.invoker} '${c.module}': budget ${c.budgetMs} ms exceeds the platform limit ` +
            `${limitMs} ms${timeoutSeconds === undefined ? ' (no timeoutSeconds)' : ` (timeoutSeconds ${timeoutSeconds})`}`,
        );
      }
    }
    functions.push({ function: key, invokers: callers, ...(timeoutSeconds !== undefined ? { timeoutSeconds } : {}), limitMs });
  }
  return { errors, functions };
}
