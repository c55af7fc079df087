import { kvsEscalationSummaryStore } from './storage/escalation-summary-store';
import { randomUUID } from 'node:crypto';
import api from '@forge/api';
import { WhereConditions } from '@forge/kvs';
import { kvs } from './storage/rate-limited-kvs';
import { DEFAULT_PROJECT_CONFIGURATION } from '../domain/configuration/project-configuration';
import type { SweepDeps } from '../usecases/escalation-sweep-deps';
import type { CriticalPriorityDeps } from '../usecases/detect-critical-priority-use-case';
import type { CommentNotificationDeps } from '../usecases/record-client-notified-by-comment-use-case';
import { retryPolicyWithin } from './http/product-request';
import { EscalationSweepJira } from './jira/escalation-sweep-jira';
import { JiraClient } from './jira/jira-client';
import { logger } from './logger';
import { forgeSweepQueue, type SiteFacts } from './queue/escalation-sweep-queue';
import { kvsEscalationDueIndex } from './storage/escalation-due-index-store';
import { kvsEscalationEventStore } from './storage/escalation-event-store';
import { kvsPortalDirectory } from './storage/portal-directory-store';
import { kvsContactNotices } from './storage/contact-notice-store';
import { kvsNotificationClaims } from './storage/notification-claim-store';
import { kvsProcessTemplateStore } from './storage/process-template-store';
import { kvsProjectConfigurationStore } from './storage/project-configuration-store';
import { KVS_QUERY_PAGE } from './storage/kvs-prefix-query';

/**
 * Timing of the app's own background work. The defaults fit Forge; tests of the sandbox shorten the
 * retry waits (the sandbox keeps real timers) through {@link configureSweepRuntime}.
 */
export interface SweepRuntime {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxAttempts: number;
}
const DEFAULTS: SweepRuntime = { baseDelayMs: 250, maxDelayMs: 8_000, maxAttempts: 5 };
let runtime: SweepRuntime = DEFAULTS;

export function configureSweepRuntime(overrides: Partial<SweepRuntime> | undefined): void {
  runtime = { ...DEFAULTS, ...overrides };
}

/**
 * The critical priority names of all projects that this site knows. One misspelt name in one project's
 * settings would make Jira refuse the whole `priority in (…)` search with a 400 — for every project — so
 * names the site does not have are left out (and names are written as the site spells them).
 */
async function criticalPriorities(client: JiraClient): Promise<string[]> {
  const names = new Set(DEFAULT_PROJECT_CONFIGURATION.criticalPriorities);
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith('configuration:project:')).limit(KVS_QUERY_PAGE);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<{ criticalPriorities?: unknown }>();
    for (const { value } of page.results) {
      const list = value?.criticalPriorities;
      if (Array.isArray(list)) list.filter((p): p is string => typeof p === 'string').forEach((p) => names.add(p));
    }
    cursor = page.nextCursor;
  } while (cursor);
  const site = await client.getPriorities().catch(() => undefined);
  if (!site) return [...names];
  const spelled = new Map(site.map((p) => [p.name.trim().toLowerCase(), p.name]));
  return [...new Set([...names].flatMap((name) => spelled.get(name.trim().toLowerCase()) ?? []))];
}

/**
 * The composition root of the sweep, its queue consumer and the critical-priority trigger: the app acts
 * as itself (no user), within `budgetMs` of real time from the start of the invocation — the budget of the
 * invoking module kind (src/entry/invocation-budgets.ts), which already keeps the platform's safety margin.
 */
export function createSweepDeps(budgetMs: number, site?: SiteFacts): SweepDeps {
  return createDeps(budgetMs, site);
}

/** The sweep's composition plus reading an issue's priority: the critical-priority trigger. */
export function createCriticalPriorityDeps(budgetMs: number): CriticalPriorityDeps {
  const deps = createDeps(budgetMs);
  return { ...deps, priorities: deps.jira };
}

/** The sweep's composition plus reading comments and groups: the comment trigger that records a client notification. */
export function createCommentNotificationDeps(budgetMs: number): CommentNotificationDeps {
  const deps = createDeps(budgetMs);
  return { ...deps, comments: deps.jira };
}

/** @param site what the invocation that queued this work read of the site (handed on in its event). */
function createDeps(budgetMs: number, site?: SiteFacts): SweepDeps & { jira: EscalationSweepJira } {
  // On the clock Forge runs on (in the sandbox's realistic mode: simulated time, latency and waits included).
  const startedAt = Date.now();
  const remainingMs = () => budgetMs - (Date.now() - startedAt);
  // No wait may outlast the budget (measured from the start).
  const retry = retryPolicyWithin(budgetMs, {
    baseDelayMs: runtime.baseDelayMs,
    maxDelayMs: runtime.maxDelayMs,
    maxAttempts: runtime.maxAttempts,
  });
  const client = new JiraClient(api.asApp(), retry);
  const jira = new EscalationSweepJira(client);
  if (site) jira.knowSite(site);
  return {
    jira,
    dueIndex: kvsEscalationDueIndex,
    events: kvsEscalationEventStore,
    configurations: kvsProjectConfigurationStore,
    templates: kvsProcessTemplateStore,
    claims: kvsNotificationClaims,
    portals: kvsPortalDirectory,
    contactNotices: kvsContactNotices,
    summaries: kvsEscalationSummaryStore,
    queue: forgeSweepQueue(() => jira.siteFacts()),
    criticalPriorities: () => criticalPriorities(client),
    now: () => new Date(),
    remainingMs,
    invocationId: randomUUID(),
    logger,
  };
}
