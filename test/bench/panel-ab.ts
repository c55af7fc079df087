/**
 * `npx tsx test/bench/panel-ab.ts <checkoutA> <checkoutB>`: the time to the panel's next-steps box for two
 * checkouts of this project side by side (e.g. main in a worktree and a change), each in its own sandbox
 * (`sandbox/main.ts` on a fresh data file) and its own Chromium profile, the runs alternating so both meet the
 * same load. On a shared machine a change's effect is smaller than the load's swings from one bench run to the
 * next; alternating runs compare like with like. Each checkout needs its `static/*\/build` (`npm run build`).
 * Prints per checkout the median and the runs (ms from the issue page's navigation start, and from the frame's).
 * A diagnostic beside `bench:panel`, not a target. `RUNS` (default 15) runs each after two warm-ups.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium';
import { MARKS_SCRIPT, openIssuePanel } from './panel-marks';

const RUNS = Number(process.env.RUNS ?? 15);
interface Checkout {
  readonly dir: string;
  readonly url: string;
  readonly child: ChildProcess;
  readonly scratch: string;
}

/** The checkout's sandbox on a free port, resolved once it says where it listens. */
function startSandbox(dir: string, port: number): Promise<Checkout> {
  const scratch = mkdtempSync(path.join(tmpdir(), 'panel-ab-'));
  const child = spawn('npx', ['tsx', 'sandbox/main.ts', '--fresh'], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), SANDBOX_DATA_FILE: path.join(scratch, 'sandbox.sqlite') },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group: stopping it stops tsx's node too
  });
  return new Promise((resolve, reject) => {
    const listening = (chunk: Buffer) => {
      if (/localhost:\d+/.test(String(chunk))) resolve({ dir, url: `http://localhost:${port}`, child, scratch });
    };
    child.stdout?.on('data', listening);
    child.stderr?.on('data', listening);
    child.once('exit', (code) => reject(new Error(`the sandbox in ${dir} ended (${String(code)}) before it listened`)));
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const dirs = process.argv.slice(2).map((d) => path.resolve(d));
  if (dirs.length < 2) throw new Error('usage: npx tsx test/bench/panel-ab.ts <checkoutA> <checkoutB> [...]');
  const base = 20_000 + Math.floor(Math.random() * 20_000);
  const checkouts = await Promise.all(dirs.map((dir, i) => startSandbox(dir, base + 2 * i))); // each its page and its frames' port
  const profiles: string[] = [];
  try {
    const pages = await Promise.all(
      checkouts.map(async (checkout) => {
        const profile = mkdtempSync(path.join(tmpdir(), 'panel-ab-chromium-'));
        profiles.push(profile);
        const context = await chromium.launchPersistentContext(profile, {
          executablePath: CHROMIUM,
          args: [...CHROMIUM_ARGS],
          viewport: { width: 1400, height: 1000 },
        });
        await context.addInitScript(MARKS_SCRIPT);
        return { checkout, page: await context.newPage(), fromPage: [] as number[], fromFrame: [] as number[] };
      }),
    );
    for (let run = -2; run < RUNS; run++) {
      for (const entry of pages) {
        const { page, checkout } = entry;
        await page.goto('about:blank');
        await openIssuePanel(page, `${checkout.url}/#/browse/DEMO-1`, 30_000);
        if (run < 0) continue; // warm-ups: the sandbox bundles its own UI on the first request
        const frame = page.frames().find((f) => f.url().includes('/frame/escalation-panel/'));
        if (!frame) throw new Error('no panel frame');
        const at = await frame.evaluate<number>('window.__benchMarks.nextSteps');
        entry.fromPage.push(Math.round(at - (await page.evaluate(() => performance.timeOrigin))));
        entry.fromFrame.push(Math.round(at - (await frame.evaluate(() => performance.timeOrigin))));
      }
    }
    for (const { checkout, page, fromPage, fromFrame } of pages) {
      console.log(`${checkout.dir}: nextStepsMs ${median(fromPage)}, in frame ${median(fromFrame)}; runs ${JSON.stringify(fromPage)}`);
      await page.context().close();
    }
  } finally {
    for (const checkout of checkouts) {
      if (checkout.child.pid) process.kill(-checkout.child.pid, 'SIGTERM');
      rmSync(checkout.scratch, { recursive: true, force: true });
    }
    for (const profile of profiles) rmSync(profile, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
