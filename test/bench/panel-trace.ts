/**
 * `npx tsx test/bench/panel-trace.ts`: where the time to the panel's next steps goes — every request the page
 * and the panel's frame make (start and end relative to navigation), the resolver answers' sizes, and when the
 * next-steps box and the checklist appear. A diagnostic beside `bench:panel`; prints a table, not a target.
 */
import { openDemoSite } from './demo-site';

async function main(): Promise<void> {
  const site = await openDemoSite('trace-panel');
  const { server, context } = site;
  try {
    // In every frame: when the next-steps box and the checklist first appear (epoch ms, real clock: the frame fakes Date).
    // A string, not a function: tsx would wrap named functions in a helper the page does not have.
    await context.addInitScript(`(() => {
      const marks = (window.__marks = {});
      const at = () => performance.timeOrigin + performance.now();
      marks.script = at();
      // When the frame first asks the bridge (the view's prefetch) and which main-thread tasks took ≥ 50 ms.
      const fetch0 = window.fetch;
      window.fetch = (input, init) => {
        if (!marks.bridgeAsked && String(input).split('?')[0].endsWith('/__bridge')) marks.bridgeAsked = at();
        return fetch0(input, init);
      };
      window.__longTasks = [];
      try {
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) window.__longTasks.push([Math.round(performance.timeOrigin + e.startTime), Math.round(e.duration)]);
        }).observe({ type: 'longtask', buffered: true });
      } catch {}
      new MutationObserver(() => {
        if (!marks.root && document.querySelector('#root > *')) marks.root = at();
        if (!marks.nextSteps && document.querySelector('[data-testid="next-steps"] .next-steps__party')) marks.nextSteps = at();
        if (!marks.checklist && document.querySelector('[data-testid="obligation-checklist"]')) marks.checklist = at();
      }).observe(document, { childList: true, subtree: true });
      document.addEventListener('DOMContentLoaded', () => (marks.domContentLoaded = at()));
      window.addEventListener('load', () => (marks.load = at()));
    })();`);
    const page = await context.newPage();
    await page.goto(`${server.url}/#/browse/DEMO-1`);
    await page
      .frameLocator('[data-testid="panel-escalation-panel"] iframe')
      .locator('[data-testid="obligation-checklist"]')
      .waitFor({ timeout: 20_000 });
    for (let run = 0; run < Number(process.env.RUNS ?? 2); run++) {
      await page.goto('about:blank');
      let t0 = 0;
      t0 = performance.now();
      await page.goto(`${server.url}/#/browse/DEMO-1`);
      const frame = page.frameLocator('[data-testid="panel-escalation-panel"] iframe');
      await frame.locator('[data-testid="next-steps"] .next-steps__party').first().waitFor({ timeout: 20_000 });
      const nextSteps = Math.round(performance.now() - t0);
      await frame.locator('[data-testid="obligation-checklist"]').waitFor({ timeout: 20_000 });
      const checklist = Math.round(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 300));
      // All times on the browser's clock, from the start of the issue page's navigation.
      const origin = await page.evaluate(() => performance.timeOrigin);
      type Entry = { name: string; start: number; end: number; bytes: number };
      const entries = (frameOrigin: number) =>
        `JSON.stringify(performance.getEntriesByType('resource').map((e) => ({ name: e.name, start: e.startTime + ${frameOrigin} - ${origin}, end: e.responseEnd + ${frameOrigin} - ${origin}, bytes: e.encodedBodySize })))`;
      const rows = JSON.parse(await page.evaluate(entries(origin))) as Entry[];
      const panelFrame = page.frames().find((f) => /\/frame\/escalation-panel\//.test(f.url()));
      let inFrame = '';
      if (panelFrame) {
        const frameOrigin = await panelFrame.evaluate(() => performance.timeOrigin);
        rows.push(...(JSON.parse(await panelFrame.evaluate(entries(frameOrigin))) as Entry[]));
        const marks = JSON.parse(await panelFrame.evaluate('JSON.stringify(window.__marks)')) as Record<string, number>;
        inFrame = Object.entries(marks)
          .sort((x, y) => x[1] - y[1])
          .map(([k, v]) => `${k} ${Math.round(v - origin)}`)
          .join(', ');
        inFrame += `, frame document requested ${Math.round(frameOrigin - origin)}`;
        const longTasks = (where: string, tasks: [number, number][]) =>
          tasks.map(([start, duration]) => `${where} ${Math.round(start - origin)}+${duration}`).join(', ');
        inFrame += `; long tasks: ${longTasks('page', JSON.parse(await page.evaluate('JSON.stringify(window.__longTasks)')) as [number, number][])}`;
        inFrame += ` ${longTasks('frame', JSON.parse(await panelFrame.evaluate('JSON.stringify(window.__longTasks)')) as [number, number][])}`;
      }
      rows.sort((x, y) => x.start - y.start);
      console.log(
        `run ${run}: seen by Playwright: next steps ${nextSteps} ms, checklist ${checklist} ms (from before goto); in the page: ${inFrame}`,
      );
      for (const row of rows)
        console.log(
          `  ${String(Math.round(row.start)).padStart(5)} → ${String(Math.round(row.end)).padStart(5)}  ${String(row.bytes).padStart(8)} B  ${row.name.replace(server.url, '').replace(/\/frame\/[^/]+\/[^/]+\//, '/frame/…/')}`,
        );
    }
  } finally {
    await site.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
