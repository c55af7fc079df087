import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { act, configureDemoProject } from '../../sandbox/app-demo/demo-escalations';
import { createSandbox } from '../../sandbox/platform/create-sandbox';

/** Stop the sandbox and start it again on the same file: the escalation, its obligations and the clock are all there. */
const appDir = path.resolve(__dirname, '../..');
// Two sandbox starts on a file: beyond Jest's 5 s default on a busy machine.
jest.setTimeout(60_000);

it('keeps escalations, fulfilments, the field, the property and simulated time across a restart', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'restart-'));
  const dataFile = path.join(dir, 'sandbox.sqlite');
  try {
    const first = await createSandbox({ appDir, dataFile, demoData: true, startAt: '2026-11-23T08:00:00.000Z' });
    await configureDemoProject(first);
    // Started by the client: the contractor's assessment (L1-C-01) is then its own tick, not the start record.
    await act(first, 'klaus', 'DEMO-3', 'startEscalation', { trigger: 'sla-breach', problem: 'Restore fails', impact: 'No backup' });
    await act(first, 'sam', 'DEMO-3', 'fulfilObligation', { obligationId: 'L1-C-01', note: 'Assessed before the restart' });
    await first.advanceClock(90 * 60_000);
    const before = await act(first, 'klaus', 'DEMO-3', 'getEscalation', {});
    await first.close();

    const second = await createSandbox({ appDir, dataFile, demoData: true });
    try {
      expect(second.now().toISOString()).toBe('2026-11-23T09:30:00.000Z');
      const after = await act(second, 'klaus', 'DEMO-3', 'getEscalation', {});
      expect(after.escalation?.timeline).toEqual(before.escalation?.timeline);
      expect(after.escalation?.sections[0]?.pairs[0]?.contractor?.fulfilment?.note).toBe('Assessed before the restart');
      const property = await second.jira({ method: 'GET', path: '/rest/api/3/issue/DEMO-3/properties/escalation' }, { kind: 'app' });
      expect((JSON.parse(property.body) as { value: unknown }).value).toMatchObject({
        level: 1,
        status: 'open',
        lastSeq: before.escalation!.timeline.length,
      });
      // And the app goes on writing where it left off.
      await act(second, 'klaus', 'DEMO-3', 'fulfilObligation', { obligationId: 'L1-K-01', note: 'After the restart' });
      const latest = await act(second, 'sam', 'DEMO-3', 'getEscalation', {});
      const count = before.escalation!.timeline.length;
      expect(latest.escalation?.timeline.map((e) => e.seq)).toEqual(Array.from({ length: count + 1 }, (_, i) => i + 1));
    } finally {
      await second.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
