/**
 * `npm run bench:sweep`: one sweep (with its queue fan-out) over 100,000 tracked escalations of which
 * 1,000 are due, in the sandbox's emulated Jira; then the same with 10,000 tracked. Prints one JSON line.
 * Requests are Jira's plus those to the sweep's due index (the `escalation-due` custom entity: range
 * queries and entry writes); other Forge storage requests (logs, claims) are not counted.
 */
import path from 'node:path';
import { createSandbox } from '../../sandbox/platform/create-sandbox';
import { DEFAULT_PROJECT_CONFIGURATION } from '../../src/domain/configuration/project-configuration';
import { kvsProjectConfigurationStore } from '../../src/infrastructure/storage/project-configuration-store';
import { minimalWrites, seedEscalations } from '../support/escalation-seed';

process.env.ESCALATION_LOG = 'silent';
const APP_DIR = path.resolve(__dirname, '..', '..');
const START = '2026-03-03T08:00:00.000Z';
const PAGE_SIZE = 100; // Jira returns at most 100 issues per page when properties are requested
const INDEX_PAGE_SIZE = 100; // Forge custom entity queries return at most 100 items per page
const INDEX_PATHS = ['/api/v1/entity/query', '/api/v1/entity/set', '/api/v1/entity/delete', '/api/v1/batch/set'];
const MIN = 60_000;

async function run(tracked: number, due: number) {
  const sandbox = await createSandbox({ appDir: APP_DIR, dataFile: ':memory:', demoData: true, startAt: START });
  try {
    const configuration = DEFAULT_PROJECT_CONFIGURATION;
    await sandbox.runAs({ kind: 'app' }, () => kvsProjectConfigurationStore.save('DEMO', configuration));
    const now = sandbox.now();
    const dueStart = new Date(now.getTime() - 50 * MIN); // the "immediate" deadlines' warnings (45 min) are due
    const seedMs = performance.now();
    // Due ones interleaved through the id range, not bunched at the start.
    const stride = Math.floor(tracked / due);
    seedEscalations(sandbox, {
      projectKey: 'DEMO',
      count: tracked,
      configuration,
      startedAt: (i) => (i % stride === 0 && i / stride < due ? dueStart : now),
    });
    const seededIn = Math.round(performance.now() - seedMs);
    sandbox.requestLog.reset();
    sandbox.kvsLog.reset();
    const t0 = performance.now();
    await sandbox.runFunction('escalation-sweep', {}, { kind: 'app' });
    let deliveries = 0;
    for (let round = 0; round < 100; round++) {
      const delivered = await sandbox.deliverDue();
      deliveries += delivered;
      if (delivered === 0) break;
    }
    const ms = Math.round(performance.now() - t0);
    const kvsCounts = sandbox.kvsLog.counts();
    const index = Object.fromEntries(INDEX_PATHS.filter((p) => kvsCounts[p]).map((p) => [`KVS ${p}`, kvsCounts[p]!]));
    const requests = sandbox.requestLog.count() + Object.values(index).reduce((a, b) => a + b, 0);
    // Unavoidable: the index pages of what is due, the Jira pages that read those issues, and per issue the
    // writes the domain demands plus moving its index entry on.
    const pages = Math.ceil(due / INDEX_PAGE_SIZE) + Math.ceil(due / PAGE_SIZE);
    const lowerBound = pages + due * (minimalWrites(dueStart, now, configuration) + 1);
    const left = (sandbox.db.prepare("SELECT COUNT(*) AS n FROM queue_event WHERE status != 'done'").get() as { n: number }).n;
    return { tracked, due, requests, lowerBound, ms, counts: { ...sandbox.requestLog.counts(), ...index }, deliveries, left, seededIn };
  } finally {
    await sandbox.close();
  }
}

async function main() {
  const big = await run(100_000, 1_000);
  console.error(`100k: ${JSON.stringify(big)}`);
  const small = await run(10_000, 1_000);
  console.error(`10k: ${JSON.stringify(small)}`);
  console.log(
    JSON.stringify({
      tracked: big.tracked,
      due: big.due,
      requests: big.requests,
      lowerBound: big.lowerBound,
      ratio: Math.round((big.requests / big.lowerBound) * 1000) / 1000,
      ms: big.ms,
      requestsByRoute: big.counts,
      queueEventsDelivered: big.deliveries,
      tracked10k: small.tracked,
      due10k: small.due,
      requests10k: small.requests,
      ratio10k: Math.round((small.requests / small.lowerBound) * 1000) / 1000,
      lowerBound10k: small.lowerBound,
      ms10k: small.ms,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
