// Runs npm scripts side by side (the static checks of `npm test`: each is single-threaded), prints each
// one's output in one piece when it ends, and exits non-zero if any failed.
//
// Usage: node test/support/run-parallel.mjs <script> …   (at most as many at once as there are cores)
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const scripts = process.argv.slice(2);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(script) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const text = Buffer.concat(output).toString();
      process.stdout.write(`\n> ${script} (${seconds} s) ${code === 0 ? 'ok' : `failed (${signal ?? code})`}\n${text}`);
      resolve(code === 0);
    });
  });
}

const queue = [...scripts];
const results = [];
async function worker() {
  for (let script = queue.shift(); script; script = queue.shift()) results.push(await run(script));
}
await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), scripts.length)) }, worker));
process.exit(results.every(Boolean) ? 0 : 1);
