import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Db } from './db/open-database';
import { openDatabase } from './db/open-database';
import { SimClock } from './clock/sim-clock';
import { findModule, functionKeyOf, loadManifest, type AppManifest } from './manifest/app-manifest';
import { KvsStore } from './forge/kvs-store';
import { EventsQueue } from './forge/events-queue';
import { FunctionRunner } from './forge/function-runner';
import { Scheduler } from './forge/scheduler';
import { installForgeGlobals } from './forge/forge-runtime';
import { createForgeFetch, isCustomerAccount } from './forge/forge-fetch';
import { changeProfile, closeAccount, deactivateAccount } from './forge/privacy-reporting';
import { invocationStorage, newInvocation } from './forge/invocation-context';
import { PlatformMeter } from './forge/platform-meter';
import {
  auditEntryOf,
  checkRuleConfiguration,
  GENERIC_FAILURE,
  offeredAction,
  type AutomationAuditEntry,
} from './forge/automation-rule-runner';
import { FaultInjector } from './http/faults';
import { RequestLog } from './http/request-log';
import { IssueChangeFeed } from './jira/issue-change-feed';
import { ProductGateway } from './http/product-gateway';
import { createJiraRouter } from './jira/jira-emulator';
import { createConfluenceRouter } from './confluence/confluence-emulator';
import { syncCustomFields } from './jira/custom-fields';
import { findIssue } from './jira/issue-repo';
import { hasProjectPermission, setIssueSecurity, type SecurityLevelMember } from './jira/permissions';
import { customerSeesRequest, portalRequestPath } from './jira/service-management';
import { ensureBaseJira } from './demo/base-jira';
import { seedDemoJira } from './demo/seed-demo-jira';
import { CLOUD_ID, SITE_URL } from './jira/jira-format';
import type { JiraContext } from './jira/jira-context';
import type { Router } from './http/router';
import type {
  PortalRequest,
  InvokeRequest,
  Locale,
  OutboxEntry,
  Principal,
  ProductRequest,
  ProductResponse,
  Sandbox,
  SandboxOptions,
  SandboxUser,
  WorkflowRule,
  WorkflowStatus,
  WorkflowView,
} from './sandbox-api';

const MAX_INVOKE_PAYLOAD = 500 * 1024;
const MAX_INVOKE_RESPONSE = 5 * 1024 * 1024;
const INSTALL_CONTEXT = `ari:cloud:jira::site/${CLOUD_ID}`;

/** What the platform offers beyond the shared {@link Sandbox} contract (tests, benchmarks, demo seeding). */
export interface PlatformSandbox extends Sandbox {
  readonly db: Db;
  readonly appManifest: AppManifest;
  readonly faults: FaultInjector;
  readonly requestLog: RequestLog;
  /** Forge storage requests answered, per `@forge/kvs` path (e.g. `/api/v1/entity/query`). */
  readonly kvsLog: { counts(): Record<string, number>; reset(): void };
  /**
   * Counts every Jira, Confluence, storage and queue call per invocation and in total; `setRealistic(…)`
   * turns on Forge's latency, quotas and simulated time limits (benchmarks; off for ordinary tests).
   */
  readonly meter: PlatformMeter;
  readonly jiraRouter: Router;
  readonly confluenceRouter: Router;
  /** Runs `fn` as if inside a Forge invocation by `principal` (asUser() then acts as that user). */
  runAs<T>(principal: Principal, fn: () => Promise<T>, moduleKey?: string): Promise<T>;
  /** Delivers queue and product events due now, without moving the clock. */
  deliverDue(): Promise<number>;
  /** Settles when every clock step and event delivery started so far (also those `deliverEventsAtOnce` started) has finished. */
  eventsSettled(): Promise<void>;
  /** The person's Atlassian account is closed (Jira then shows a former user; personal data reporting says `closed`). */
  closeAccount(accountId: string): void;
  /** A site admin deactivates the account: Jira shows it inactive (`active: false`), the name stays, it is not closed. */
  deactivateAccount(accountId: string): void;
  /** The person changes their profile name (personal data reporting then says `updated`). */
  changeProfile(accountId: string, displayName: string): void;
  /**
   * A Jira admin puts the issue under an issue security level (created with these members), so only the
   * level's members see it; `null` removes the level.
   */
  setIssueSecurity(issueKey: string, level: { name: string; members: readonly SecurityLevelMember[] } | null): void;
  /** Requests `privacy.reportPersonalData` sent: accounts per request and the answer's status. */
  privacyReports(): { accounts: number; status: number }[];
  /** Attaches a manifest workflow rule (validator / post function) to a transition, as an admin would. */
  attachWorkflowRule(transitionId: number, moduleKey: string, configuration?: unknown): void;
  /** A Jira admin puts a field on the screen of a transition (Jira then shows the screen when the transition is run). */
  addTransitionScreenField(transitionId: number, fieldId: string): void;
  /** The id Jira gave a manifest `jira:customField` (e.g. `customfield_10050`). */
  customFieldId(moduleKey: string): string;
  /**
   * A Jira Automation rule runs the app's `action` (sandbox/platform/forge/automation-rule-runner.ts): `inputs`
   * as the rule holds them, smart values resolved, checked as Automation checks a rule before saving it; the
   * function is invoked with them as its payload, as `actor`, the user of the rule's connection.
   * @returns what the rule's audit log shows for the action.
   */
  runAutomationAction(
    actionKey: string,
    inputs: Record<string, unknown>,
    actor: { kind: 'user'; accountId: string },
  ): Promise<AutomationAuditEntry>;
}

/**
 * Starts the local Forge platform: one SQLite file, the simulated clock, the Forge seams for the real
 * `@forge/*` packages, and the Jira and Confluence emulators, all driven by the app's manifest.yml.
 */
export function createSandbox(options: SandboxOptions): Promise<PlatformSandbox> {
  return settle(() => startSandbox(options));
}

function startSandbox(options: SandboxOptions): PlatformSandbox {
  const appDir = resolve(options.appDir);
  const manifest = loadManifest(appDir);
  const fresh = options.fresh === true || options.dataFile === ':memory:' || !existsSync(options.dataFile);
  const db = openDatabase(options.dataFile, options.fresh === true);
  const clock = new SimClock(db, options.startAt);
  const meter = new PlatformMeter(
    () => clock.nowMs(),
    (ms) => clock.set(ms),
  );
  // Inside an invocation of the realistic mode, the time of that invocation (parallel consumers each run on
  // their own timeline); elsewhere the sandbox clock. `Date` in app code follows the same rule.
  const now = () => meter.localNow() ?? clock.nowMs();
  clock.setLocalTime(() => meter.localNow());
  const translationsCache = new Map<string, Record<string, unknown>>();
  const readTranslations = (locale: string): Record<string, unknown> => {
    if (!translationsCache.has(locale)) {
      const res = manifest.translations.find((t) => t.key === locale);
      translationsCache.set(locale, res ? (JSON.parse(readFileSync(join(appDir, res.path), 'utf8')) as Record<string, unknown>) : {});
    }
    return translationsCache.get(locale)!;
  };
  const translate = (text: unknown): string => {
    if (typeof text === 'string') return text;
    const key = (text as { i18n?: string } | undefined)?.i18n;
    if (!key) return plainText(text);
    const lookup = (locale: string) =>
      key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], readTranslations(locale)) ??
      readTranslations(locale)[key];
    const value = lookup(manifest.fallbackLocale ?? 'en-US');
    return typeof value === 'string' ? value : key;
  };

  const kvs = new KvsStore(db, manifest, now);
  const queue = new EventsQueue(db, manifest, now);
  const runner = new FunctionRunner(appDir, manifest, db, now, meter);
  const faults = new FaultInjector();
  const requestLog = new RequestLog();
  const issueChanges = new IssueChangeFeed();

  const runWorkflowModule = async (moduleKey: string, event: unknown, principal: Principal | undefined): Promise<unknown> => {
    const found = findModule(manifest, moduleKey);
    const fnKey = found && functionKeyOf(found.module);
    if (!fnKey) throw new Error(`Workflow module ${moduleKey} has no function in manifest.yml`);
    return runner.run({ functionKey: fnKey, moduleKey, kind: found.kind, principal, args: [event, contextFor(principal)] });
  };
  const jiraCtx: JiraContext = {
    db,
    manifest,
    now,
    emit: (type, payload, principal) => {
      issueChanges.record(type, payload, principal);
      queue.emitProductEvent(type, payload, principal);
      if (options.deliverEventsAtOnce) deliverSoon();
    },
    runWorkflowModule,
    retryWorkflowModuleLater: (moduleKey, event, principal, retryAfterSeconds) => {
      const found = findModule(manifest, moduleKey);
      const fnKey = found && functionKeyOf(found.module);
      if (!fnKey) throw new Error(`Workflow module ${moduleKey} has no function in manifest.yml`);
      queue.scheduleWorkflowRetry(
        { moduleKey, functionKey: fnKey, kind: found.kind, event, principal, context: contextFor(principal) },
        retryAfterSeconds,
      );
    },
  };
  ensureBaseJira(jiraCtx);
  syncCustomFields(db, manifest, translate);
  const jiraRouter = createJiraRouter(jiraCtx);
  // Atlassian's address until the web server says where the sandbox's own site is (see setSiteUrl).
  let siteUrl = SITE_URL;
  const confluenceRouter = createConfluenceRouter(db, now, () => siteUrl);
  const gateway = new ProductGateway({ jira: jiraRouter, confluence: confluenceRouter }, faults, requestLog, () =>
    clock.now().toISOString(),
  );
  const scheduler = new Scheduler(db, manifest, clock, queue, runner);
  // Product events reach the app's triggers right after the request that caused them has been answered, as on
  // Forge (which promises no order and may be later, never earlier); one delivery run per burst of events.
  let deliveryPending = false;
  function deliverSoon(): void {
    if (deliveryPending) return;
    deliveryPending = true;
    // Outside the invocation that emitted the event: the delivery is an invocation of its own.
    invocationStorage.exit(() =>
      setImmediate(() => {
        deliveryPending = false;
        scheduler.deliverNow().catch((e: unknown) => console.warn('[sandbox] event delivery failed:', (e as Error).message));
      }),
    );
  }
  async function eventsSettled(): Promise<void> {
    // A delivery may be waiting for setImmediate, and a delivered trigger may cause the next: until none is left.
    do {
      await new Promise((resolve) => setImmediate(resolve));
      await scheduler.idle();
    } while (deliveryPending);
  }

  const i18nDir = writeI18nBundle(manifest, readTranslations);
  const uninstallGlobals = installForgeGlobals(manifest, i18nDir, createForgeFetch({ gateway, kvs, queue, db, now, meter }), meter);
  clock.install();

  const sandbox: PlatformSandbox = {
    db,
    appManifest: manifest,
    manifest: manifest.raw,
    faults,
    requestLog,
    kvsLog: { counts: () => kvs.counts(), reset: () => kvs.resetCounts() },
    meter,
    jiraRouter,
    confluenceRouter,
    get users(): readonly SandboxUser[] {
      return listUsers(db);
    },
    portalRequests: (accountId) => portalRequestsOf(db, accountId),
    now: () => clock.now(),
    advanceClock: (ms) => scheduler.advance(ms),
    closeAccount: (accountId) => closeAccount(db, accountId, now()),
    deactivateAccount: (accountId) => deactivateAccount(db, accountId),
    changeProfile: (accountId, displayName) => changeProfile(db, accountId, displayName, now()),
    setIssueSecurity: (issueKey, level) => {
      const issue = findIssue(jiraCtx, issueKey);
      if (!issue) throw new Error(`No issue ${issueKey}`);
      setIssueSecurity(db, issue.id, level);
    },
    privacyReports: () =>
      db.prepare('SELECT accounts, status FROM privacy_report_request ORDER BY id').all() as { accounts: number; status: number }[],
    deliverDue: () => scheduler.deliverNow(),
    setSiteUrl(url) {
      siteUrl = url.replace(/\/+$/, '');
    },
    eventsSettled,
    jira: (request: ProductRequest, as: Principal): Promise<ProductResponse> => gateway.request('jira', request, as),
    confluence: (request: ProductRequest, as: Principal): Promise<ProductResponse> => gateway.request('confluence', request, as),
    async invoke(request: InvokeRequest): Promise<unknown> {
      const found = findModule(manifest, request.moduleKey);
      if (!found) throw new Error(`invoke: no module '${request.moduleKey}' in manifest.yml`);
      const fnKey = functionKeyOf(found.module);
      if (!fnKey) throw new Error(`invoke: module '${request.moduleKey}' has no resolver.function`);
      const payloadSize = Buffer.byteLength(JSON.stringify(request.payload ?? {}));
      if (payloadSize > MAX_INVOKE_PAYLOAD) throw new Error(`invoke: payload of ${payloadSize} bytes exceeds Forge's 500 KB limit`);
      const principal: Principal = { kind: 'user', accountId: request.context.accountId };
      // By default only licensed users run an app; a module lets customers in only with `unlicensedAccess`
      // (https://developer.atlassian.com/platform/forge/access-to-forge-apps-for-unlicensed-jsm-users/).
      const unlicensed = Array.isArray(found.module.unlicensedAccess) ? (found.module.unlicensedAccess as unknown[]) : [];
      if (isCustomerAccount(db, principal.accountId) && !unlicensed.includes('customer'))
        throw new Error(`invoke: module '${request.moduleKey}' does not allow customer accounts (no unlicensedAccess: customer)`);
      const { accountId: _omit, ...frameContext } = request.context;
      void _omit;
      const event = {
        call: { functionKey: request.functionKey, payload: request.payload },
        context: { ...frameContext, installContext: INSTALL_CONTEXT },
      };
      const result = await runner.run({
        functionKey: fnKey,
        moduleKey: request.moduleKey,
        kind: 'resolver',
        principal,
        args: [event, contextFor(principal)],
      });
      const size = result === undefined ? 0 : Buffer.byteLength(JSON.stringify(result));
      if (size > MAX_INVOKE_RESPONSE) throw new Error(`invoke: response of ${size} bytes exceeds Forge's 5 MB limit`);
      return result;
    },
    runFunction: (functionKey, event, principal) =>
      runner.run({ functionKey, kind: 'function', principal, args: [event, contextFor(principal)] }),
    async runAutomationAction(actionKey, inputs, actor) {
      const action = offeredAction(manifest, actionKey);
      checkRuleConfiguration(action, inputs);
      try {
        const result = await runner.run({
          functionKey: action.function,
          moduleKey: action.key,
          kind: 'action',
          principal: actor,
          args: [{ ...inputs }, contextFor(actor)],
        });
        return auditEntryOf(result);
      } catch {
        return { status: 'failed', messages: [GENERIC_FAILURE] };
      }
    },
    async runAs(principal, fn, moduleKey) {
      const invocation = newInvocation({ principal, moduleKey, functionKey: 'runAs', timeoutMs: 25_000 });
      meter.begin(invocation);
      try {
        return await invocationStorage.run(invocation, fn);
      } finally {
        meter.end(invocation, 'runAs');
      }
    },
    issueChanges(after) {
      return issueChanges.since(after);
    },
    outbox(): Promise<OutboxEntry[]> {
      return settle(() => {
        const rows = db.prepare('SELECT * FROM jira_notification ORDER BY id').all() as {
          id: number;
          at: number;
          issue_key: string;
          subject: string;
          text_body: string;
          html_body: string | null;
          recipients: string;
          sent_by: string;
        }[];
        return rows.map((r) => ({
          id: r.id,
          at: new Date(r.at).toISOString(),
          issueKey: r.issue_key,
          subject: r.subject,
          textBody: r.text_body,
          ...(r.html_body ? { htmlBody: r.html_body } : {}),
          recipients: JSON.parse(r.recipients) as string[],
          sentBy: JSON.parse(r.sent_by) as Principal,
        }));
      });
    },
    resourcePath(resourceKey: string): string {
      const path = manifest.resources.get(resourceKey);
      if (!path) throw new Error(`manifest.yml has no resource '${resourceKey}'`);
      return join(appDir, path);
    },
    translations(locale: Locale): Promise<Record<string, unknown>> {
      return settle(() => readTranslations(locale));
    },
    attachWorkflowRule(transitionId, moduleKey, configuration) {
      if (!findModule(manifest, moduleKey)) throw new Error(`No module ${moduleKey} in manifest.yml`);
      db.prepare('INSERT INTO jira_workflow_rule (transition_id, module_key, configuration) VALUES (?, ?, ?)').run(
        transitionId,
        moduleKey,
        configuration === undefined ? null : JSON.stringify(configuration),
      );
    },
    workflow(): Promise<WorkflowView> {
      return settle(() => {
        const statuses = db.prepare('SELECT id, name, category FROM jira_status ORDER BY id').all() as WorkflowStatus[];
        const byId = new Map(statuses.map((st) => [st.id, st]));
        const transitions = db.prepare('SELECT id, name, from_status, to_status FROM jira_transition ORDER BY id').all() as {
          id: number;
          name: string;
          from_status: number | null;
          to_status: number;
        }[];
        const rules = (db.prepare('SELECT * FROM jira_workflow_rule ORDER BY id').all() as WorkflowRuleRow[]).map((r) =>
          workflowRule(manifest, r),
        );
        return {
          name: 'Sandbox workflow',
          statuses,
          transitions: transitions.map((t) => ({
            id: t.id,
            name: t.name,
            from: t.from_status === null ? null : (byId.get(t.from_status) ?? null),
            to: byId.get(t.to_status) ?? { id: t.to_status, name: String(t.to_status), category: 'undefined' },
            rules: rules.filter((r) => r.transitionId === t.id),
          })),
        };
      });
    },
    addWorkflowRule(transitionId, moduleKey, configuration) {
      return settle(() => {
        const found = findModule(manifest, moduleKey);
        if (!found || !WORKFLOW_RULE_KINDS.includes(found.kind)) throw new Error(`No workflow rule module ${moduleKey} in manifest.yml`);
        if (!db.prepare('SELECT 1 FROM jira_transition WHERE id = ?').get(transitionId)) throw new Error(`No transition ${transitionId}`);
        const info = db
          .prepare('INSERT INTO jira_workflow_rule (transition_id, module_key, configuration) VALUES (?, ?, ?)')
          .run(transitionId, moduleKey, configuration === null ? null : JSON.stringify(configuration));
        return workflowRule(
          manifest,
          db.prepare('SELECT * FROM jira_workflow_rule WHERE id = ?').get(info.lastInsertRowid) as WorkflowRuleRow,
        );
      });
    },
    setWorkflowRuleConfiguration(ruleId, configuration) {
      return settle(() => {
        const info = db.prepare('UPDATE jira_workflow_rule SET configuration = ? WHERE id = ?').run(JSON.stringify(configuration), ruleId);
        if (info.changes === 0) throw new Error(`No workflow rule ${ruleId}`);
        return workflowRule(manifest, db.prepare('SELECT * FROM jira_workflow_rule WHERE id = ?').get(ruleId) as WorkflowRuleRow);
      });
    },
    removeWorkflowRule(ruleId) {
      return settle(() => {
        if (db.prepare('DELETE FROM jira_workflow_rule WHERE id = ?').run(ruleId).changes === 0)
          throw new Error(`No workflow rule ${ruleId}`);
      });
    },
    addTransitionScreenField(transitionId, fieldId) {
      if (!db.prepare('SELECT 1 FROM jira_transition WHERE id = ?').get(transitionId)) throw new Error(`No transition ${transitionId}`);
      if (!db.prepare('SELECT 1 FROM jira_custom_field WHERE id = ?').get(fieldId)) throw new Error(`No custom field ${fieldId}`);
      db.prepare('INSERT OR IGNORE INTO jira_transition_screen_field (transition_id, field_id) VALUES (?, ?)').run(transitionId, fieldId);
    },
    customFieldId(moduleKey: string): string {
      const row = db.prepare('SELECT id FROM jira_custom_field WHERE module_key = ?').get(moduleKey) as { id: string } | undefined;
      if (!row) throw new Error(`No jira:customField '${moduleKey}' in manifest.yml`);
      return row.id;
    },
    async close(): Promise<void> {
      await eventsSettled();
      await scheduler.advance(0).catch(() => undefined);
      meter.setRealistic(undefined);
      clock.uninstall();
      uninstallGlobals();
      if (i18nDir) rmSync(i18nDir, { recursive: true, force: true });
      db.close();
    },
  };
  if (fresh && options.demoData) seedDemoJira(sandbox);
  return sandbox;
}

/**
 * Runs `fn` now and answers like an async function would: with its result, or rejected with what it threw.
 * For the contract's promise-returning methods whose sandbox implementation is synchronous.
 */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}

/** A manifest title that is neither a string nor an i18n key, as text. */
function plainText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value);
}

const WORKFLOW_RULE_KINDS = ['jira:workflowCondition', 'jira:workflowValidator', 'jira:workflowPostFunction'];

interface WorkflowRuleRow {
  id: number;
  transition_id: number;
  module_key: string;
  configuration: string | null;
}

/** A rule row as the contract shows it: the configuration is the string the configuration view returned. */
function workflowRule(manifest: AppManifest, row: WorkflowRuleRow): WorkflowRule {
  const parsed: unknown = row.configuration === null ? null : JSON.parse(row.configuration);
  return {
    id: row.id,
    transitionId: row.transition_id,
    moduleKey: row.module_key,
    kind: findModule(manifest, row.module_key)?.kind ?? 'unknown',
    configuration: parsed === null ? null : typeof parsed === 'string' ? parsed : JSON.stringify(parsed),
  };
}

/** The second argument Forge passes to function handlers (subset). */
function contextFor(principal: Principal | undefined): Record<string, unknown> {
  return {
    principal: principal?.kind === 'user' ? { accountId: principal.accountId } : undefined,
    installContext: INSTALL_CONTEXT,
    installation: { ari: { installationId: 'sandbox' }, contexts: [{ cloudId: CLOUD_ID, siteUrl: SITE_URL }] },
  };
}

function listUsers(db: Db): SandboxUser[] {
  const rows = db.prepare("SELECT * FROM jira_user WHERE account_type IN ('atlassian', 'customer') ORDER BY rowid").all() as {
    account_id: string;
    display_name: string;
    email: string | null;
    locale: string;
    time_zone: string;
    account_type: string;
  }[];
  return rows.map((u) => ({
    ...(u.account_type === 'customer' ? { customer: true as const } : {}),
    accountId: u.account_id,
    displayName: u.display_name,
    emailAddress: u.email ?? '',
    locale: u.locale as Locale,
    timeZone: u.time_zone,
    groups: (
      db.prepare('SELECT group_name FROM jira_group_member WHERE account_id = ? ORDER BY group_name').all(u.account_id) as {
        group_name: string;
      }[]
    ).map((g) => g.group_name),
  }));
}

/** `@forge/api` i18n reads `<appCodeDir>/__LOCALES__/`, which `forge deploy` builds; build it from the manifest. */
function writeI18nBundle(manifest: AppManifest, read: (locale: string) => Record<string, unknown>): string | undefined {
  if (manifest.translations.length === 0) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'forge-sandbox-i18n-'));
  const locales = join(dir, '__LOCALES__');
  mkdirSync(locales);
  const keys = manifest.translations.map((t) => t.key);
  writeFileSync(
    join(locales, 'i18n-info.json'),
    JSON.stringify({ config: { locales: keys, fallback: { default: manifest.fallbackLocale ?? keys[0] } } }),
  );
  for (const key of keys) {
    try {
      writeFileSync(join(locales, `${key}.json`), JSON.stringify(read(key)));
    } catch {
      // A missing translation file surfaces when the app asks for it.
    }
  }
  return dir;
}

function portalRequestsOf(db: Db, accountId: string): PortalRequest[] {
  const rows = db
    .prepare(
      `SELECT i.id, i.key, i.summary, i.project_id, s.name AS status, r.portal_id FROM jsm_request r
       JOIN jira_issue i ON i.id = r.issue_id JOIN jira_status s ON s.id = i.status_id ORDER BY i.id`,
    )
    .all() as { id: number; key: string; summary: string; project_id: number; status: string; portal_id: number }[];
  const customer = isCustomerAccount(db, accountId);
  return rows
    .filter((r) =>
      customer
        ? customerSeesRequest(db, accountId, r.id)
        : hasProjectPermission(db, { kind: 'user', accountId }, r.project_id, 'BROWSE_PROJECTS'),
    )
    .map((r) => ({
      issueKey: r.key,
      summary: r.summary,
      status: r.status,
      portalId: r.portal_id,
      path: portalRequestPath(r.portal_id, r.key),
    }));
}
