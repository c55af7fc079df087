import type { PlatformSandbox } from '../../sandbox/platform/create-sandbox';
import { seedBulkIssues } from '../../sandbox/platform/demo/bulk-issues';
import type { ProjectConfiguration } from '../../src/domain/configuration/project-configuration';
import type { EscalationEvent } from '../../src/domain/escalation/escalation-event';
import type { EscalationIndexDocument } from '../../src/domain/escalation/escalation-projection';
import { replayEscalation } from '../../src/domain/escalation/replay-escalation';
import { DEFAULT_PROCESS_TEMPLATE } from '../../src/domain/process/default-template';
import { dueEffects } from '../../src/domain/sweep/due-effects';
import { dueIndexEntry } from '../../src/domain/sweep/due-index';
import { projectEscalation } from '../../src/domain/sweep/escalation-index';
import { pendingNotifications } from '../../src/domain/sweep/notification-plan';
import { notificationTexts } from '../../src/shared/notification-texts';
import { SWEEP_ACTOR } from '../../src/domain/sweep/sweep-effect';

/** An escalation started (by the app, as for a critical issue) at `at`. */
export function startedEvent(at: Date): EscalationEvent {
  return {
    seq: 1,
    type: 'escalation-started',
    at: at.toISOString(),
    actor: SWEEP_ACTOR,
    trigger: 'sla-breach',
    problem: 'Seeded escalation',
    impact: 'Seeded for a benchmark or reliability test',
    template: { id: DEFAULT_PROCESS_TEMPLATE.id, version: DEFAULT_PROCESS_TEMPLATE.version },
  };
}

/**
 * Seeds escalations straight into the platform's store (no REST, no resolver): issues with their indexed
 * `escalation` property as the app last wrote it, each escalation's log in Forge storage and its entry in
 * the sweep's due index (the `escalation-due` custom entity), with the index's backfill marked done.
 * `startedAt(i)` says when escalation i started; its property is the projection as of that moment.
 * With `dueIndex: false` the index is left as an app version before it would have found it (to test the backfill).
 */
export function seedEscalations(
  sandbox: PlatformSandbox,
  input: { projectKey: string; count: number; startedAt: (i: number) => Date; configuration: ProjectConfiguration; dueIndex?: boolean },
): { firstId: number } {
  const db = sandbox.db;
  const firstId = ((db.prepare('SELECT MAX(id) AS m FROM jira_issue').get() as { m: number | null }).m ?? 10000) + 1;
  const documents = new Map<number, EscalationIndexDocument>();
  const documentAt = (at: Date) => {
    if (!documents.has(at.getTime())) {
      const state = replayEscalation([startedEvent(at)])!;
      documents.set(
        at.getTime(),
        projectEscalation({ state, template: DEFAULT_PROCESS_TEMPLATE, policy: input.configuration.policy, now: at }),
      );
    }
    return documents.get(at.getTime())!;
  };
  seedBulkIssues(
    db,
    sandbox.appManifest,
    input.projectKey,
    input.count,
    (i) => ({ summary: `Tracked escalation ${i}`, properties: { escalation: documentAt(input.startedAt(i)) } }),
    sandbox.now().getTime(),
  );
  const insert = db.prepare('INSERT OR REPLACE INTO kvs (key, value, created_at, updated_at, expire_at) VALUES (?, ?, ?, ?, NULL)');
  const nowMs = sandbox.now().getTime();
  db.transaction(() => {
    for (let i = 0; i < input.count; i++) {
      insert.run(
        `escalation:${firstId + i}:event:${String(1).padStart(8, '0')}`,
        JSON.stringify(startedEvent(input.startedAt(i))),
        nowMs,
        nowMs,
      );
    }
    if (input.dueIndex === false) return;
    const entity = db.prepare('INSERT OR REPLACE INTO kvs_entity (entity, key, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?)');
    for (let i = 0; i < input.count; i++) {
      const entry = dueIndexEntry({ id: String(firstId + i), projectKey: input.projectKey }, documentAt(input.startedAt(i)));
      if (entry) entity.run('escalation-due', entry.issueId, JSON.stringify(entry), nowMs, nowMs);
    }
    insert.run('sweep:due-index:backfill', JSON.stringify({ done: true, written: 0 }), nowMs, nowMs);
  })();
  return { firstId };
}

/**
 * The writes a sweep at `now` cannot avoid for an escalation started at `startedAt` (by the domain alone):
 * a Jira notification and a comment per notification owed, the property, and the field if the level moved.
 */
export function minimalWrites(startedAt: Date, now: Date, configuration: ProjectConfiguration): number {
  let log: EscalationEvent[] = [startedEvent(startedAt)];
  for (;;) {
    const state = replayEscalation(log)!;
    const [next] = dueEffects({ state, template: DEFAULT_PROCESS_TEMPLATE, policy: configuration.policy, now });
    if (!next) break;
    log = [...log, { ...next.event, seq: log.length + 1 }];
  }
  const notifications = pendingNotifications({
    log,
    template: DEFAULT_PROCESS_TEMPLATE,
    configuration,
    now,
    texts: notificationTexts,
  }).length;
  const levelMoved = replayEscalation(log)!.level !== 1;
  return notifications * 2 + 1 + (levelMoved ? 1 : 0);
}
