/**
 * `npm run check:forge`: Forge's offline manifest validation and lint for this app, plus the module-scope and
 * invocation-budget checks of forge-checks.ts; exit 1 on errors.
 */
import path from 'node:path';
import { checkInvocationBudgets, checkModuleScopes, lintApp, readManifest, validateManifest } from './forge-checks';

async function main(): Promise<number> {
  const appDir = path.resolve(__dirname, '..', '..');
  let failed = false;

  const manifest = await validateManifest(appDir);
  console.log(`@forge/manifest validate: ${manifest.errors.length} error(s), ${manifest.warnings.length} warning(s) [${manifest.ms} ms]`);
  for (const e of manifest.errors) console.log(`  error   manifest.yml:${e.line ?? '?'}:${e.column ?? '?'} ${e.message}`);
  for (const w of manifest.warnings) console.log(`  warning manifest.yml:${w.line ?? '?'}:${w.column ?? '?'} ${w.message}`);
  failed ||= manifest.errors.length > 0;

  const doc = readManifest(appDir);
  const scopes = checkModuleScopes(doc);
  console.log(`module scopes (module docs): ${scopes.errors.length} error(s)`);
  for (const e of scopes.errors) console.log(`  error   ${e}`);
  failed ||= scopes.errors.length > 0;

  const budgets = checkInvocationBudgets(doc);
  console.log(
    `invocation budgets (src/entry/invocation-budgets.ts): ${budgets.errors.length} error(s), ${budgets.functions.length} function(s)`,
  );
  for (const f of budgets.functions) {
    const callers = f.invokers.map((c) => `${c.invoker} '${c.module}' ${c.budgetMs ?? '?'} ms`).join(', ') || 'no invoker';
    console.log(`  ${f.function}: limit ${f.limitMs} ms; ${callers}`);
  }
  for (const e of budgets.errors) console.log(`  error   ${e}`);
  failed ||= budgets.errors.length > 0;

  const lint = await lintApp(appDir);
  if (lint.skipped) {
    // Not a pass: say so loudly, but don't fail machines that simply lack the specs.
    console.warn(`@forge/lint: SKIPPED - ${lint.reason}`);
  } else {
    console.log(
      `@forge/lint (client-side): ${lint.errors.length} error(s), ${lint.warnings.length} warning(s) ` +
        `[${lint.linted.length}/${lint.files.length} src files, specs: ${lint.specsSource}, ${lint.ms} ms]`,
    );
    for (const e of lint.errors) console.log(`  error   ${e}`);
    for (const w of lint.warnings) console.log(`  warning ${w}`);
    failed ||= lint.errors.length > 0;
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
