/**
 * Builds the sandbox UI bundle once per source version and caches it under node_modules/.cache.
 * Vite runs in a child process (ui/build-ui.mjs): it is ESM-only and need not load into the server.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

const UI_DIR = path.join(__dirname, 'ui');

function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        hash.update(path.relative(UI_DIR, full));
        hash.update(readFileSync(full));
      }
    }
  };
  walk(UI_DIR);
  return hash.digest('hex').slice(0, 16);
}

function projectRoot(): string {
  return path.resolve(__dirname, '..', '..');
}

/** Builds (or reuses) the UI bundle; resolves to the folder holding main.js. */
export async function buildUiBundle(): Promise<string> {
  const outDir = path.join(projectRoot(), 'node_modules', '.cache', 'forge-sandbox-ui', sourceHash());
  if (existsSync(path.join(outDir, 'main.js'))) return outDir;
  // Build beside the cache entry and rename: parallel test workers may build at the same time.
  const tmpDir = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(UI_DIR, 'build-ui.mjs'), tmpDir], {
      cwd: projectRoot(),
      // Jest sets NODE_ENV=test, which would make Vite emit React's dev-only JSX calls.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Building the sandbox UI failed (exit ${code}):\n${output}`))));
  });
  try {
    renameSync(tmpDir, outDir);
  } catch {
    rmSync(tmpDir, { recursive: true, force: true }); // another process won the race
  }
  return outDir;
}
