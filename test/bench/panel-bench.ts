/**
 * `npm run bench:panel`: the gzipped size of each Custom UI bundle (the portal's included), the time from
 * opening an issue in the sandbox to the rendered next-steps box and to the rendered obligation checklist, the
 * time from opening a portal request as the client's customer to the rendered client to-do list, in Chromium
 * (medians of several runs), and the size of the panel's view as the frame receives it. Targets: ≤ 150 kB
 * gzipped per bundle (every file of its build; `initialKbGzip`: what opening it loads), ≤ 600 ms to the next
 * steps, ≤ 1,000 ms to the checklist and to the to-do list, a view of ≤ 20 kB. Prints one JSON line last.
 *
 * The times are taken in the page, on the browser's clock: from the start of the issue page's navigation to
 * the moment the element is in the frame's document (a MutationObserver notes it). Playwright's own wait
 * polls ever more slowly (after 0, 20, 50, 100, 100 ms, then every 500 ms), so when it sees the element says
 * more about its polling than about the panel; that figure is kept as `…Polled` (from before `page.goto`).
 * `viewKb` is the median answer to the panel's `getEscalation` over the runs (the panel holds its template's
 * texts by then); `viewKbFirst` the first answer in a new browser profile, which carries them.
 * `nextStepsInFrameMs` is the same time from the frame's own navigation start (without the host page's part),
 * `frameRequestedMs` the host page's part: from its navigation start to the frame's;
 * `resolverCriticalPathMs` the panel resolver's simulated critical path in the realistic mode (one more load).
 * The sandbox serves each Custom UI resource at one address for all its frames, as the Forge CDN serves a deployed
 * resource (the frame's token is in the query), so from the second visit on the browser takes the bundle's hashed
 * assets, and their compiled code, from its cache: the timed runs are such visits. `nextStepsColdMs` is a first
 * visit (median of 3 runs with the browser's cache emptied before each).
 * `nextStepsInAppMs`: the same box when the issue is opened from the issue list inside the already loaded site
 * (as people open issues in Jira, a single-page app), from the moment the address changes; the host page is not
 * loaded again, the panel's frame is (a new frame per issue, as in Jira).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { DEMO_CUSTOMERS } from '../../sandbox/platform/demo/seed-demo-jira';
import { openDemoSite } from './demo-site';
import { MARKS_SCRIPT, openIssuePanel, PANEL_FRAME } from './panel-marks';

const appDir = path.resolve(__dirname, '../..');
const RUNS = Number(process.env.RUNS ?? 7);
const COLD_RUNS = 3;

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function bundleSizes(): { all: Record<string, number>; initial: Record<string, number> } {
  const all: Record<string, number> = {};
  const initial: Record<string, number> = {};
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
  const staticDir = path.join(appDir, 'static');
  for (const app of readdirSync(staticDir)) {
    const build = path.join(staticDir, app, 'build');
    if (!existsSync(build)) continue;
    const files = readdirSync(build, { recursive: true, withFileTypes: true }).filter((f) => f.isFile() && /\.(js|css|html)$/.test(f.name));
    all[app] = kb(files.reduce((sum, f) => sum + gzipSync(readFileSync(path.join(f.parentPath, f.name))).length, 0));
    // What opening the app loads: index.html and the scripts, stylesheets and module preloads it names
    // (chunks loaded only when used, e.g. the report tab or a dependency's ADF renderer, are not in it).
    const html = readFileSync(path.join(build, 'index.html'), 'utf8');
    const named = [...html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)="\.\/([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    initial[app] = kb(
      [html, ...named.map((file) => readFileSync(path.join(build, file)))].reduce((sum, content) => sum + gzipSync(content).length, 0),
    );
  }
  return { all, initial };
}

async function main(): Promise<void> {
  const { all: bundles, initial: initialBundles } = bundleSizes();
  if (!bundles.panel) throw new Error('static/panel/build is missing: run `npm run build` first');
  if (!bundles.portal) throw new Error('static/portal/build is missing: run `npm run build` first');
  const site = await openDemoSite('bench-panel');
  const { sandbox, server, context } = site;
  let viewFirstKb = 0;
  await context.addInitScript(MARKS_SCRIPT);
  const nextSteps: number[] = [];
  const checklist: number[] = [];
  const portalTodo: number[] = [];
  const nextStepsInFrame: number[] = [];
  const frameRequested: number[] = [];
  let resolver = { criticalPathMs: 0, invocations: 0 };
  let resolverCalls: Record<string, number> = {};
  const nextStepsInApp: number[] = [];
  const nextStepsCold: number[] = [];
  const nextStepsPolled: number[] = [];
  const checklistPolled: number[] = [];
  const portalTodoPolled: number[] = [];
  const viewBytes: number[] = [];
  /**
   * Milliseconds from the top page's navigation start to a mark in one of its frames, or (`fromFrame`) from the
   * frame's own navigation start: the part after the host page asked for the app's document.
   */
  const sinceNavigation = async (page: Page, frameUrl: RegExp, mark: string, fromFrame = false): Promise<number> => {
    const frame = page.frames().find((f) => frameUrl.test(f.url()));
    if (!frame) throw new Error(`no frame ${String(frameUrl)}`);
    const origin = await (fromFrame ? frame : page).evaluate(() => performance.timeOrigin);
    const at = await frame.evaluate<number | undefined>(`window.__benchMarks && window.__benchMarks.${mark}`);
    if (at === undefined) throw new Error(`the frame noted no ${mark}`);
    return Math.round(at - origin);
  };
  /** Milliseconds from the top page's navigation start to the frame's: how long the host page held the frame back. */
  const frameStart = async (page: Page, frameUrl: RegExp): Promise<number> => {
    const frame = page.frames().find((f) => frameUrl.test(f.url()));
    if (!frame) throw new Error(`no frame ${String(frameUrl)}`);
    return Math.round((await frame.evaluate(() => performance.timeOrigin)) - (await page.evaluate(() => performance.timeOrigin)));
  };
  try {
    const page = await context.newPage();
    page.on('response', (response) => {
      const call = new URL(response.request().url()).pathname.endsWith('/__bridge') ? response.request().postData() : null;
      if (call?.includes('"functionKey":"getEscalation"'))
        void response.body().then(
          (body) => viewBytes.push(body.length),
          () => undefined,
        );
    });
    // Warm-up: the sandbox bundles its own UI on first request; that is the sandbox's cost, not the app's.
    await page.goto(`${server.url}/#/browse/DEMO-1`);
    const panelFrame = /\/frame\/escalation-panel\//;
    await page.frameLocator(PANEL_FRAME).locator('[data-testid="next-steps"]').waitFor({ timeout: 20_000 });
    const viewBytesFirst = await waitForCount(viewBytes, 1);
    for (let run = 0; run <= RUNS; run++) {
      await page.goto('about:blank');
      const started = performance.now(); // the sandbox fakes Date (simulated time); performance.now() stays real
      await openIssuePanel(page, `${server.url}/#/browse/DEMO-1`);
      if (run > 0) nextStepsPolled.push(Math.round(performance.now() - started));
      await page.frameLocator(PANEL_FRAME).locator('[data-testid="obligation-checklist"]').waitFor({ timeout: 20_000 });
      if (run > 0) checklistPolled.push(Math.round(performance.now() - started));
      if (run > 0) {
        nextSteps.push(await sinceNavigation(page, panelFrame, 'nextSteps'));
        nextStepsInFrame.push(await sinceNavigation(page, panelFrame, 'nextSteps', true));
        frameRequested.push(await frameStart(page, panelFrame));
        checklist.push(await sinceNavigation(page, panelFrame, 'checklist'));
      }
    }
    // A first visit: the browser's cache emptied before each run (the frames' assets and their compiled code with it).
    const cdp = await context.newCDPSession(page);
    for (let run = 0; run < COLD_RUNS; run++) {
      await page.goto('about:blank');
      await cdp.send('Network.clearBrowserCache');
      await openIssuePanel(page, `${server.url}/#/browse/DEMO-1`);
      nextStepsCold.push(await sinceNavigation(page, panelFrame, 'nextSteps'));
    }
    await cdp.detach();
    // Opened from the issue list of the loaded site: only the address changes, the panel's frame is new.
    for (let run = 0; run <= RUNS; run++) {
      await page.goto('about:blank');
      await page.goto(`${server.url}/#/browse`);
      await page.getByTestId('issue-list').waitFor({ timeout: 20_000 });
      const before = new Set(page.frames());
      // A script (not a function): this file is typed without the DOM's globals.
      const openedAt = await page.evaluate<number>(
        `(() => { const at = performance.timeOrigin + performance.now(); location.hash = '#/browse/DEMO-1'; return at; })()`,
      );
      const shownAt = await markInNewFrame(page, before, panelFrame, 'nextSteps');
      if (run > 0) nextStepsInApp.push(Math.round(shownAt - openedAt));
    }
    // Once more in the realistic mode (each Jira call 150 ms, each storage call 40 ms, in simulated time: nothing
    // waits for real): the panel resolver's critical path, i.e. how many of its reads follow one another.
    const viewsSoFar = viewBytes.length;
    sandbox.meter.reset();
    sandbox.meter.setRealistic({});
    try {
      await page.goto('about:blank');
      await openIssuePanel(page, `${server.url}/#/browse/DEMO-1`);
      const metered = sandbox.meter.snapshot();
      resolver = { criticalPathMs: metered.byKind.resolver?.maxCriticalPathMs ?? 0, invocations: metered.byKind.resolver?.count ?? 0 };
      resolverCalls = metered.totals;
    } finally {
      sandbox.meter.setRealistic(undefined);
    }
    await waitForCount(viewBytes, viewsSoFar + 1);
    viewBytes.splice(viewsSoFar); // the same view; only the timed runs' answers are viewKb
    // The client's contract manager, a customer without a Jira licence, on the portal page of the same request.
    await page.getByTestId('user-switcher').selectOption(DEMO_CUSTOMERS.clara.accountId);
    await page.goto(`${server.url}/#/portal/DEMO-1`);
    for (let run = 0; run <= RUNS; run++) {
      await page.goto('about:blank');
      const started = performance.now();
      await page.goto(`${server.url}/#/portal/DEMO-1`);
      await page
        .frameLocator('[data-testid="portal-escalation-portal"] iframe')
        .locator('[data-testid="client-todo"]')
        .waitFor({ timeout: 20_000 });
      if (run > 0) {
        portalTodoPolled.push(Math.round(performance.now() - started));
        portalTodo.push(await sinceNavigation(page, /\/frame\/escalation-portal\//, 'clientTodo'));
      }
    }
    viewBytes.splice(0, 1); // the warm-up's answer is viewKbFirst
    viewFirstKb = Math.round(viewBytesFirst / 102.4) / 10;
  } finally {
    await site.close();
  }
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const nextStepsMs = median(nextSteps);
  const checklistMs = median(checklist);
  const portalTodoMs = median(portalTodo);
  const viewKb = Math.round(median(viewBytes) / 102.4) / 10;
  const result = {
    bundlesKbGzip: bundles,
    maxBundleKbGzip: Math.max(...Object.values(bundles)),
    initialKbGzip: initialBundles,
    nextStepsMs,
    nextStepsMsRuns: sorted(nextSteps),
    nextStepsInFrameMs: median(nextStepsInFrame),
    nextStepsColdMs: median(nextStepsCold),
    nextStepsColdMsRuns: sorted(nextStepsCold),
    nextStepsInAppMs: median(nextStepsInApp),
    nextStepsInAppMsRuns: sorted(nextStepsInApp),
    frameRequestedMs: median(frameRequested),
    frameRequestedMsRuns: sorted(frameRequested),
    resolverCriticalPathMs: resolver.criticalPathMs,
    resolverInvocations: resolver.invocations,
    resolverCalls,
    checklistMs,
    checklistMsRuns: sorted(checklist),
    portalTodoMs,
    portalTodoMsRuns: sorted(portalTodo),
    viewKb,
    viewKbFirst: viewFirstKb,
    nextStepsMsPolled: median(nextStepsPolled),
    checklistMsPolled: median(checklistPolled),
    portalTodoMsPolled: median(portalTodoPolled),
    targets: { bundleKbGzip: 150, nextStepsMs: 600, checklistMs: 1000, portalTodoMs: 1000, viewKb: 20 },
    met: Math.max(...Object.values(bundles)) <= 150 && nextStepsMs <= 600 && checklistMs <= 1000 && portalTodoMs <= 1000 && viewKb <= 20,
  };
  console.log(JSON.stringify(result));
}

/** The epoch time (browser clock) at which `mark` appeared in a frame matching `frameUrl` that was not in `before`. */
async function markInNewFrame(page: Page, before: Set<unknown>, frameUrl: RegExp, mark: string): Promise<number> {
  for (let waited = 0; waited <= 20_000; waited += 20) {
    for (const frame of page.frames()) {
      if (before.has(frame) || !frameUrl.test(frame.url())) continue;
      const at = await frame.evaluate<number | undefined>(`window.__benchMarks && window.__benchMarks.${mark}`).catch(() => undefined);
      if (at !== undefined) return at;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no new frame noted ${mark}`);
}

/** The first value once `values` holds `count` of them (response bodies arrive a moment after the page shows them). */
async function waitForCount(values: number[], count: number): Promise<number> {
  for (let waited = 0; values.length < count; waited += 50) {
    if (waited > 10_000) throw new Error('the panel answered no getEscalation');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return values[0]!;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
