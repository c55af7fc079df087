/** `npm run check:forge`: Forge's offline manifest validation and lint for this app; exit 1 on errors. */
import path from 'node:path';
import { lintApp, validateManifest } from './forge-checks';

async function main(): Promise<number> {
  const appDir = path.resolve(__dirname, '..', '..');
  let failed = false;

  const manifest = await validateManifest(appDir);
  console.log(`@forge/manifest validate: ${manifest.errors.length} error(s), ${manifest.warnings.length} warning(s) [${manifest.ms} ms]`);
  for (const e of manifest.errors) console.log(`  error   manifest.yml:${e.line ?? '?'}:${e.column ?? '?'} ${e.message}`);
  for (const w of manifest.warnings) console.log(`  warning manifest.yml:${w.line ?? '?'}:${w.column ?? '?'} ${w.message}`);
  failed ||= manifest.errors.length > 0;

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
