/**
 * The sandbox web server (plain node:http): the sandbox UI at `/`, its JSON API under `/api/`, and, on an origin
 * of their own, the app's Custom UI resources under `/frame/<moduleKey>/<resourceKey>/` with the bridge shim
 * injected (a frame named by its token in the query).
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { escapeMarkup } from '../../src/domain/markup/escape-markup';
import type { FrameContext, Principal, ProductResponse, Sandbox, SandboxUser, WorkflowRule } from '../platform/sandbox-api';
import { BridgeCallError, handleBridgeCall } from './bridge-host';
import { CSP_REPORT_PATH, customUiCsp, manifestPermissions } from './content-security-policy';
import { FrameRegistry, type FrameRegistration } from './frame-registry';
import { logger } from './logger';
import { isThemeFile, themeCss, themeHtmlAttributes, THEME_FILES } from './theme-tokens';
import {
  CONFIG_KEY,
  customFieldModules,
  type CustomFieldModule,
  i18nInfoConfig,
  resolveText,
  uiModules,
  workflowRuleModules,
  type UiModule,
  type WorkflowEntryPoint,
} from './manifest-modules';
import { buildUiBundle } from './ui-bundle';

export interface ServerOptions {
  /** 0 picks a free port. */
  port: number;
  /**
   * The port of the frames' origin (Forge serves Custom UI from its CDN, another origin than the Jira site):
   * `port + 1` by default, a free port when `port` is 0.
   */
  framePort?: number;
  host?: string;
  /** Bundle the UI at startup rather than on the first page load (default true). */
  prebuildUi?: boolean;
}

export interface RunningServer {
  url: string;
  /** The origin the Custom UI frames come from. */
  frameUrl: string;
  close(): Promise<void>;
}

/** The cloud id every frame context carries in the sandbox. */
export const SANDBOX_CLOUD_ID = 'c1a0d5a1-0000-4000-8000-5a4db0c00001';
const USER_HEADER = 'x-sandbox-user';
const USER_COOKIE = 'sandbox-user';
const MAX_BODY = 6 * 1024 * 1024;
const SHIM = readFileSync(path.join(__dirname, 'frame', 'bridge-shim.js'), 'utf8');
/** The shim's address changes with its content, so a browser may keep it (see frameRoute). */
const SHIM_VERSION = createHash('sha256').update(SHIM).digest('hex').slice(0, 16);
/** Where a frame loads the sandbox's bridge from: a same-origin script file, as Forge loads its own from its CDN. */
const BRIDGE_SCRIPT = '__forge-sandbox/bridge.js';
/** Where a frame loads the design-token stylesheets from (same origin: on Forge they come from its CDN, which the CSP allows). */
const TOKENS_DIR = '__forge-sandbox/tokens/';
/** For files whose name changes with their content (a build's hashed assets). */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Jira's global administrators: the workflow editor is theirs. */
const ADMIN_GROUP = 'jira-administrators';
/** Forge's limit on a workflow rule's configuration (the string `onConfigure` returns). */
const MAX_RULE_CONFIGURATION = 100 * 1024;
const UI_SOURCE_DIR = path.join(__dirname, 'ui');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface ClockEvent {
  at: string;
  advancedByMs: number;
  firedTriggers: string[];
  deliveredEvents: number;
}

/** Starts the sandbox web server. */
export async function startServer(sandbox: Sandbox, options: ServerOptions): Promise<RunningServer> {
  const frames = new FrameRegistry();
  const modules = uiModules(sandbox.manifest);
  const ruleModules = workflowRuleModules(sandbox.manifest);
  const permissions = manifestPermissions(sandbox.manifest);
  const clockLog: ClockEvent[] = [];
  const cspReports: unknown[] = [];
  let uiBundle: Promise<string> | undefined;
  const bundleDir = (): Promise<string> => (uiBundle ??= buildUiBundle());

  const handler =
    (routeOf: (req: IncomingMessage, res: ServerResponse) => Promise<void>) => (req: IncomingMessage, res: ServerResponse) => {
      routeOf(req, res).catch((error: unknown) => {
        // A malformed %-escape in the address is the request's fault, not the server's.
        const status =
          error instanceof HttpError || error instanceof BridgeCallError ? error.status : error instanceof URIError ? 400 : 500;
        if (status >= 500) logger.error(`${req.method} ${req.url} failed`, error);
        if (!res.headersSent) sendJson(res, status, { error: error instanceof Error ? error.message : String(error) });
        else res.end();
      });
    };
  const server = createServer(handler(route));
  // The frames' own origin, as Forge's CDN is for a Jira site: a frame cannot reach into the page's document, nor
  // the page into the frame's; they talk by postMessage only, as on Jira. Same host, another port: the same site,
  // so Chromium keeps frames in the page's process (see README, "The panel's load").
  const frameServer = createServer(handler(frameOriginRoute));
  let framePort = 0;
  let sitePort = 0;

  async function frameOriginRoute(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    if (url.pathname.startsWith('/frame/')) return frameRoute(req, res, url);
    if (url.pathname === CSP_REPORT_PATH && req.method === 'POST') return cspReport(req, res);
    throw new HttpError(404, `The frames' origin serves Custom UI frames only: ${url.pathname}`);
  }

  /** Chromium posts `application/csp-report` JSON when a frame's document breaks the policy. */
  async function cspReport(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const report = parseJson(await readBody(req)) as { 'csp-report'?: Record<string, unknown> };
    const body: Record<string, unknown> = report['csp-report'] ?? report;
    cspReports.unshift(body);
    cspReports.splice(100);
    logger.warn(
      `CSP violation in a Custom UI frame: ${reportText(body['violated-directive'] ?? body['effective-directive'] ?? '?')} blocked ${reportText(body['blocked-uri'] ?? '?')} (${reportText(body['document-uri'] ?? '')})`,
    );
    res.writeHead(204).end();
  }

  /** The origin of the page a request comes from (or, on the frames' origin, the page that frames it), and of the frames. */
  const originOn = (req: IncomingMessage, port: number): string => `http://${hostOf(req)}:${port}`;

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const p = url.pathname;
    const method = req.method ?? 'GET';
    if (p === '/' || p === '/index.html') return sendHtml(res, shellHtml(await shellSession(req)));
    if (p === '/favicon.ico') return void res.writeHead(204).end();
    if (p === '/ui/styles.css') return sendFile(req, res, path.join(UI_SOURCE_DIR, 'styles.css'));
    if (p.startsWith('/ui/')) return sendStatic(req, res, await bundleDir(), decodeURIComponent(p.slice('/ui/'.length)));
    if (p.startsWith('/resource/')) {
      const [, , resourceKey, ...rest] = p.split('/');
      return sendStatic(req, res, sandbox.resourcePath(decodeURIComponent(resourceKey ?? '')), rest.map(decodeURIComponent).join('/'));
    }
    if (p.startsWith('/api/')) return apiRoute(req, res, url, method);
    // A Confluence page's web address (`_links.base` + `_links.webui`, what the app links to) opens the sandbox's viewer.
    const page = /^\/wiki\/spaces\/[^/]+\/pages\/(\d+)(?:\/.*)?$/.exec(p);
    if (page && method === 'GET') return void res.writeHead(302, { location: `/#/confluence/${page[1]}` }).end();
    throw new HttpError(404, `No such page: ${p}`);
  }

  async function apiRoute(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const p = url.pathname;
    if (p === '/api/users' && method === 'GET') return sendJson(res, 200, sandbox.users);
    const user = currentUser(req);
    if (p === '/api/portal/requests' && method === 'GET') return sendJson(res, 200, sandbox.portalRequests(user.accountId));
    if (p === '/api/session' && method === 'GET') return sendJson(res, 200, await sessionOf(user));
    if (p === '/api/modules' && method === 'GET') {
      const translations = await sandbox.translations(user.locale);
      return sendJson(
        res,
        200,
        modules.map((m) => ({ ...m, title: resolveText(m.title, translations), iconUrl: iconUrl(m) })),
      );
    }
    if (p.startsWith('/api/jira/') || p.startsWith('/api/confluence/')) {
      const product = p.startsWith('/api/jira/') ? 'jira' : 'confluence';
      const productPath = p.slice(`/api/${product}`.length) + url.search;
      const body = method === 'GET' || method === 'HEAD' ? undefined : await readBody(req);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body) headers['content-type'] = String(req.headers['content-type'] ?? 'application/json');
      const as: Principal = { kind: 'user', accountId: user.accountId };
      const request = { method, path: productPath, headers, body };
      const response = product === 'jira' ? await sandbox.jira(request, as) : await sandbox.confluence(request, as);
      return sendProduct(res, response);
    }
    if (p === '/api/clock' && method === 'GET') return sendJson(res, 200, { now: sandbox.now().toISOString(), log: clockLog });
    if (p === '/api/clock/advance' && method === 'POST') {
      const body = parseJson(await readBody(req)) as { ms?: unknown };
      const ms = Number(body.ms);
      if (!Number.isFinite(ms) || ms <= 0 || ms > 366 * 24 * 3600_000) {
        throw new HttpError(400, 'ms must be a positive number of milliseconds (at most a year)');
      }
      const result = await sandbox.advanceClock(ms);
      clockLog.unshift({ at: result.now, advancedByMs: ms, firedTriggers: result.firedTriggers, deliveredEvents: result.deliveredEvents });
      clockLog.splice(50);
      return sendJson(res, 200, { ...result, log: clockLog });
    }
    if (p === '/api/outbox' && method === 'GET') return sendJson(res, 200, await sandbox.outbox());
    if (p === '/api/issue-changes' && method === 'GET') {
      const after = Number(url.searchParams.get('after') ?? '0');
      return sendJson(res, 200, sandbox.issueChanges(Number.isFinite(after) ? after : 0));
    }
    if (p === '/api/csp-reports' && method === 'GET') return sendJson(res, 200, cspReports);
    if (p.startsWith('/api/workflow')) return workflowRoute(req, res, p, method, user);
    if (p === '/api/frames' && method === 'POST') {
      const body = parseJson(await readBody(req)) as FrameRequest;
      const registration =
        body.workflowRule !== undefined
          ? await registerRuleFrame(req, user, body)
          : body.fieldEdit !== undefined
            ? await registerFieldEditFrame(req, user, body.fieldEdit)
            : body.fieldView !== undefined
              ? await registerFieldViewFrame(req, user, body.fieldView)
              : await registerFrame(req, user, body);
      return sendJson(res, 200, {
        token: registration.token,
        url: `${originOn(req, framePort)}${frameBase(registration)}${frameQuery(registration)}`,
        context: registration.context,
      });
    }
    throw new HttpError(404, `No such API: ${method} ${p}`);
  }

  /** What the sandbox page needs to start for a user: who they are, the other demo users, the app's modules and fields. */
  async function sessionOf(user: SandboxUser): Promise<Record<string, unknown>> {
    const translations = await sandbox.translations(user.locale);
    return {
      user,
      users: sandbox.users,
      now: sandbox.now().toISOString(),
      cloudId: SANDBOX_CLOUD_ID,
      modules: modules.map((m) => ({ kind: m.kind, key: m.key, title: resolveText(m.title, translations), icon: iconUrl(m) })),
      appFields: customFieldModules(sandbox.manifest).map((f) => ({
        key: f.key,
        name: resolveText(f.name, translations),
        // Jira's issue view frames the field's own view where the manifest lists the experience, else shows the formatter.
        issueView: f.view?.experiences.includes('issue-view') ?? false,
      })),
    };
  }

  function requireAdmin(user: SandboxUser): void {
    if (!user.groups.includes(ADMIN_GROUP)) throw new HttpError(403, `Only Jira administrators (${ADMIN_GROUP}) may configure workflows.`);
  }

  /** The workflow editor's API: the transitions with the app's rules, and attaching, configuring, removing rules. */
  async function workflowRoute(req: IncomingMessage, res: ServerResponse, p: string, method: string, user: SandboxUser): Promise<void> {
    requireAdmin(user);
    if (p === '/api/workflow' && method === 'GET') {
      const translations = await sandbox.translations(user.locale);
      return sendJson(res, 200, {
        workflow: await sandbox.workflow(),
        ruleModules: ruleModules.map((m) => ({
          kind: m.kind,
          key: m.key,
          name: resolveText(m.name, translations),
          description: m.description ? resolveText(m.description, translations) : undefined,
          views: Object.keys(m.views),
        })),
      });
    }
    if (p === '/api/workflow/rules' && method === 'POST') {
      const body = parseJson(await readBody(req)) as { transitionId?: unknown; moduleKey?: unknown; configuration?: unknown };
      const module = ruleModules.find((m) => m.key === body.moduleKey);
      if (!module)
        throw new HttpError(400, `No workflow condition, validator or post function "${String(body.moduleKey)}" in manifest.yml`);
      const transitionId = Number(body.transitionId);
      const workflow = await sandbox.workflow();
      if (!workflow.transitions.some((t) => t.id === transitionId))
        throw new HttpError(404, `No transition ${String(body.transitionId)} in the workflow`);
      const configuration = body.configuration === undefined || body.configuration === null ? null : ruleConfiguration(body.configuration);
      if (module.views.create && configuration === null) {
        throw new HttpError(400, `${module.key} has a configuration view: add it with the configuration its create view returns`);
      }
      return sendJson(res, 201, await sandbox.addWorkflowRule(transitionId, module.key, configuration));
    }
    const ruleMatch = /^\/api\/workflow\/rules\/(\d+)$/.exec(p);
    if (ruleMatch) {
      const rule = await findRule(Number(ruleMatch[1]));
      if (method === 'PUT') {
        const body = parseJson(await readBody(req)) as { configuration?: unknown };
        return sendJson(res, 200, await sandbox.setWorkflowRuleConfiguration(rule.id, ruleConfiguration(body.configuration)));
      }
      if (method === 'DELETE') {
        await sandbox.removeWorkflowRule(rule.id);
        return void res.writeHead(204).end();
      }
    }
    throw new HttpError(404, `No such API: ${method} ${p}`);
  }

  async function findRule(ruleId: number): Promise<WorkflowRule> {
    const rule = (await sandbox.workflow()).transitions.flatMap((t) => t.rules).find((r) => r.id === ruleId);
    if (!rule) throw new HttpError(404, `No workflow rule ${ruleId}`);
    return rule;
  }

  /** A rule's configuration view, registered as Jira does: the saved configuration and the entry point in the context. */
  async function registerRuleFrame(req: IncomingMessage, user: SandboxUser, body: FrameRequest): Promise<FrameRegistration> {
    requireAdmin(user);
    const wanted = (body.workflowRule ?? {}) as { entryPoint?: unknown; ruleId?: unknown; transitionId?: unknown };
    const module = ruleModules.find((m) => m.key === body.moduleKey);
    if (!module) throw new HttpError(404, `No workflow rule module "${String(body.moduleKey)}" in manifest.yml`);
    const entryPoint = wanted.entryPoint as WorkflowEntryPoint;
    if (entryPoint !== 'create' && entryPoint !== 'edit' && entryPoint !== 'view')
      throw new HttpError(400, 'entryPoint must be create, edit or view');
    const resourceKey = module.views[entryPoint];
    if (!resourceKey) throw new HttpError(400, `${module.key} has no ${entryPoint} view in manifest.yml`);
    let rule: WorkflowRule | undefined;
    if (entryPoint === 'create') {
      if (!(await sandbox.workflow()).transitions.some((t) => t.id === Number(wanted.transitionId)))
        throw new HttpError(404, 'No such transition');
    } else {
      rule = await findRule(Number(wanted.ruleId));
      if (rule.moduleKey !== module.key) throw new HttpError(400, `Rule ${rule.id} is not a ${module.key}`);
    }
    const extension: FrameContext['extension'] = { type: module.kind, entryPoint };
    if (rule?.configuration !== undefined && rule.configuration !== null) extension[CONFIG_KEY[module.kind]] = rule.configuration;
    const context: FrameContext = {
      accountId: user.accountId,
      cloudId: SANDBOX_CLOUD_ID,
      localId: `${module.key}/${rule ? rule.id : `new-${String(wanted.transitionId)}`}`,
      locale: user.locale,
      timezone: user.timeZone,
      moduleKey: module.key,
      siteUrl: siteUrl(req),
      extension,
    };
    const frameModule: UiModule = {
      kind: module.kind,
      key: module.key,
      resourceKey,
      resolverFunction: module.resolverFunction,
      title: module.name,
    };
    return frames.register(frameModule, context);
  }

  /**
   * A `jira:customField` edit view on a transition screen: only for a transition whose screen holds the field
   * (`expand=transitions.fields`, asked as the user), and only where the manifest lists the `issue-transition`
   * experience (elsewhere Jira shows its own editor). The context carries the field, its current value, the
   * issue and project, and the render context, as Jira's custom field context does.
   */
  async function registerFieldEditFrame(req: IncomingMessage, user: SandboxUser, wanted: unknown): Promise<FrameRegistration> {
    const { fieldKey, issueKey, transitionId } = (wanted ?? {}) as { fieldKey?: unknown; issueKey?: unknown; transitionId?: unknown };
    const field = customFieldModules(sandbox.manifest).find((f) => f.key === fieldKey);
    if (!field) throw new HttpError(404, `No jira:customField "${String(fieldKey)}" in manifest.yml`);
    if (!field.edit?.experiences.includes('issue-transition'))
      throw new HttpError(400, `${field.key} has no edit view for issue-transition: Jira shows its own editor there`);
    if (typeof issueKey !== 'string') throw new HttpError(400, 'issueKey is required for a field edit view');
    const as: Principal = { kind: 'user', accountId: user.accountId };
    const key = encodeURIComponent(issueKey);
    const transitions = (await jiraJson(as, `/rest/api/3/issue/${key}/transitions?expand=transitions.fields`)).transitions as
      { id: string; fields?: Record<string, { schema?: { custom?: string } }> }[] | undefined;
    const transition = transitions?.find((t) => t.id === String(transitionId));
    if (!transition) throw new HttpError(404, `Transition ${String(transitionId)} is not available for ${issueKey}`);
    const fieldId = Object.entries(transition.fields ?? {}).find(([, f]) => f.schema?.custom?.endsWith(`/static/${field.key}`))?.[0];
    if (!fieldId) throw new HttpError(400, `The screen of transition ${String(transitionId)} does not hold ${field.key}`);
    return registerFieldFrame(req, user, field, as, issueKey, fieldId, {
      resourceKey: field.edit.resource,
      localId: `transition-${String(transitionId)}`,
      extension: { entryPoint: 'edit', renderContext: 'issue-transition' },
    });
  }

  /**
   * A `jira:customField` view in the issue view: only where the manifest gives the field a Custom UI view with
   * the `issue-view` experience (elsewhere Jira shows the formatter's text), and only for an issue the user can
   * browse. The context is the documented custom field extension data: the field, its current value as Jira holds
   * it (read here, never taken from the page), the issue and project, the entry point and render context; the
   * reader's locale and time zone beside it, as in every Custom UI context.
   */
  async function registerFieldViewFrame(req: IncomingMessage, user: SandboxUser, wanted: unknown): Promise<FrameRegistration> {
    const { fieldKey, issueKey } = (wanted ?? {}) as { fieldKey?: unknown; issueKey?: unknown };
    const field = customFieldModules(sandbox.manifest).find((f) => f.key === fieldKey);
    if (!field) throw new HttpError(404, `No jira:customField "${String(fieldKey)}" in manifest.yml`);
    if (!field.view?.experiences.includes('issue-view'))
      throw new HttpError(400, `${field.key} has no view for issue-view: Jira shows the formatter's text there`);
    if (typeof issueKey !== 'string') throw new HttpError(400, 'issueKey is required for a field view');
    const as: Principal = { kind: 'user', accountId: user.accountId };
    const fieldList = await sandbox.jira({ method: 'GET', path: '/rest/api/3/field', headers: { accept: 'application/json' } }, as);
    if (fieldList.status !== 200) throw new HttpError(502, `Jira answered ${fieldList.status} for /rest/api/3/field`);
    const fieldId = (parseJson(fieldList.body) as { id: string; schema?: { custom?: string } }[]).find((f) =>
      f.schema?.custom?.endsWith(`/static/${field.key}`),
    )?.id;
    if (!fieldId) throw new HttpError(404, `Jira has no field for ${field.key}`);
    return registerFieldFrame(req, user, field, as, issueKey, fieldId, {
      resourceKey: field.view.resource,
      localId: 'view',
      extension: { entryPoint: 'view', renderContext: 'issue-view', experience: 'issue-view' },
      withLocation: true,
    });
  }

  /**
   * A custom field's frame (edit or view): the issue and the field's current value read as the user, then the
   * documented custom field extension data around them.
   */
  async function registerFieldFrame(
    req: IncomingMessage,
    user: SandboxUser,
    field: CustomFieldModule,
    as: Principal,
    issueKey: string,
    fieldId: string,
    frame: { resourceKey: string; localId: string; extension: Record<string, string>; withLocation?: boolean },
  ): Promise<FrameRegistration> {
    const issue = await jiraJson(as, `/rest/api/3/issue/${encodeURIComponent(issueKey)}?fields=issuetype,project,${fieldId}`);
    const fields = (issue.fields ?? {}) as Record<string, unknown> & {
      issuetype?: { id?: string; name?: string };
      project?: { id?: string; key?: string; projectTypeKey?: string };
    };
    const module: UiModule = {
      kind: 'jira:customField',
      key: field.key,
      resourceKey: frame.resourceKey,
      resolverFunction: field.resolverFunction,
      title: field.name,
    };
    const context: FrameContext = {
      accountId: user.accountId,
      cloudId: SANDBOX_CLOUD_ID,
      localId: `${field.key}/${String(issue.id)}/${frame.localId}`,
      locale: user.locale,
      timezone: user.timeZone,
      moduleKey: field.key,
      siteUrl: siteUrl(req),
      extension: {
        type: 'jira:customField',
        ...frame.extension,
        fieldId,
        fieldType: 'object',
        fieldValue: fields[fieldId] ?? null,
        issue: { id: String(issue.id), key: String(issue.key), type: fields.issuetype?.name ?? 'Task', typeId: fields.issuetype?.id },
        project: {
          id: String(fields.project?.id ?? ''),
          key: String(fields.project?.key ?? ''),
          type: fields.project?.projectTypeKey ?? 'software',
        },
        ...(frame.withLocation ? { location: `${siteUrl(req)}/browse/${String(issue.key)}` } : {}),
      },
    };
    return frames.register(module, context);
  }

  async function registerFrame(
    req: IncomingMessage,
    user: SandboxUser,
    body: { moduleKey?: unknown; issueKey?: unknown; projectKey?: unknown },
  ): Promise<FrameRegistration> {
    const module = modules.find((m) => m.key === body.moduleKey);
    if (!module) throw new HttpError(404, `No Custom UI module "${String(body.moduleKey)}" in manifest.yml`);
    const as: Principal = { kind: 'user', accountId: user.accountId };
    let extension: FrameContext['extension'] = { type: module.kind };
    let localId = `${module.key}`;
    if (module.kind.startsWith('jira:issue')) {
      if (typeof body.issueKey !== 'string') throw new HttpError(400, 'issueKey is required for an issue module');
      const issue = await jiraJson(as, `/rest/api/3/issue/${encodeURIComponent(body.issueKey)}?fields=issuetype,project`);
      const fields = (issue.fields ?? {}) as {
        issuetype?: { id?: string; name?: string };
        project?: { id?: string; key?: string; projectTypeKey?: string };
      };
      extension = {
        type: module.kind,
        issue: { id: String(issue.id), key: String(issue.key), type: fields.issuetype?.name ?? 'Task', typeId: fields.issuetype?.id },
        project: {
          id: String(fields.project?.id ?? ''),
          key: String(fields.project?.key ?? ''),
          type: fields.project?.projectTypeKey ?? 'software',
        },
        isNewToIssue: false,
      };
      localId = `${module.key}/${String(issue.id)}`;
    } else if (module.kind === 'jiraServiceManagement:portalRequestDetail') {
      // The portal renders the module only on a request the person sees there (JSM's rule, not Jira's browse).
      if (typeof body.issueKey !== 'string') throw new HttpError(400, 'issueKey is required for a portal request module');
      const request = sandbox.portalRequests(user.accountId).find((r) => r.issueKey === body.issueKey);
      if (!request) throw new HttpError(404, `You cannot see request ${body.issueKey} on the portal.`);
      extension = { type: module.kind, request: { key: request.issueKey, typeId: '1' }, portal: { id: request.portalId } };
      localId = `${module.key}/${request.issueKey}`;
    } else if (module.kind === 'jira:projectSettingsPage') {
      if (typeof body.projectKey !== 'string') throw new HttpError(400, 'projectKey is required for a project settings page');
      const project = await jiraJson(as, `/rest/api/3/project/${encodeURIComponent(body.projectKey)}`);
      extension = {
        type: module.kind,
        project: {
          id: String(project.id),
          key: String(project.key),
          type: typeof project.projectTypeKey === 'string' ? project.projectTypeKey : 'software',
        },
      };
    }
    const context: FrameContext = {
      accountId: user.accountId,
      cloudId: SANDBOX_CLOUD_ID,
      localId,
      locale: user.locale,
      timezone: user.timeZone,
      moduleKey: module.key,
      siteUrl: siteUrl(req),
      extension,
    };
    return frames.register(module, context);
  }

  async function jiraJson(as: Principal, productPath: string): Promise<Record<string, unknown>> {
    const response = await sandbox.jira({ method: 'GET', path: productPath, headers: { accept: 'application/json' } }, as);
    if (response.status !== 200) {
      throw new HttpError(
        response.status === 404 ? 404 : 502,
        `Jira answered ${response.status} for ${productPath}: ${response.body.slice(0, 300)}`,
      );
    }
    return parseJson(response.body) as Record<string, unknown>;
  }

  /**
   * A frame's files, as the Forge CDN serves a resource: `/frame/<moduleKey>/<resourceKey>/<file>`, one address per
   * resource, so the browser caches the build's hashed assets across frames (and keeps their compiled code). What
   * belongs to one frame (its document, the bridge's configuration, bridge calls) names the frame's token in the query
   * (`?frame=`): the server knows from the token, never from what the frame sends, whose frame it is.
   */
  async function frameRoute(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const [, , moduleKey, resourceKey, ...rest] = url.pathname.split('/').map(decodeURIComponent);
    const file = rest.join('/');
    const registered = (): FrameRegistration => {
      const token = url.searchParams.get('frame');
      const frame = token ? frames.get(token) : undefined;
      if (!frame || frame.module.key !== moduleKey || frame.module.resourceKey !== resourceKey) {
        throw new HttpError(404, 'Unknown or expired frame; reload the sandbox page.');
      }
      return frame;
    };
    if (file === BRIDGE_SCRIPT) {
      // The same file for every frame (its configuration is on the <script> element), named by its content's hash.
      if (url.searchParams.get('v') !== SHIM_VERSION) throw new HttpError(404, 'No such version of the sandbox bridge');
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': IMMUTABLE });
      return void res.end(SHIM);
    }
    if (file === '__bridge') {
      const frame = registered();
      if (req.method !== 'POST') throw new HttpError(405, 'POST only');
      const call = parseJson(await readBody(req)) as { name?: unknown; payload?: unknown };
      if (typeof call.name !== 'string') throw new HttpError(400, 'Bridge call without a name');
      const result = await handleBridgeCall(sandbox, frame, call.name, call.payload);
      return sendJson(res, 200, { result: result ?? null });
    }
    const tokens = file.startsWith(TOKENS_DIR) ? /^([a-z-]+)\.css$/.exec(file.slice(TOKENS_DIR.length)) : null;
    if (tokens?.[1] && isThemeFile(tokens[1])) {
      res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=3600' });
      return void res.end(themeCss(tokens[1]));
    }
    if (file === '__LOCALES__/i18n-info.json') {
      return sendJson(res, 200, { translations: {}, config: i18nInfoConfig(sandbox.manifest) });
    }
    const localeFile = /^__LOCALES__\/([A-Za-z-]+)\.json$/.exec(file);
    if (localeFile) {
      const locale = localeFile[1] as SandboxUser['locale'];
      const config = i18nInfoConfig(sandbox.manifest);
      if (!config.locales.includes(locale)) throw new HttpError(404, `No translations for ${locale}`);
      return sendJson(res, 200, await sandbox.translations(locale));
    }
    if (file === '' || file === 'index.html') {
      const frame = registered();
      return sendFrameIndex(res, sandbox.resourcePath(frame.module.resourceKey), frame);
    }
    let root: string;
    try {
      root = sandbox.resourcePath(resourceKey ?? '');
    } catch {
      throw new HttpError(404, `No resource ${resourceKey ?? ''} in the manifest`);
    }
    if (/\.html?$/i.test(file)) return sendFrameDocument(req, res, root, file);
    // Vite names the files under assets/ by their content's hash: a new build gets new names, so they never go stale.
    return sendStatic(req, res, root, file, file.startsWith('assets/') ? IMMUTABLE : undefined);
  }

  /** Any other HTML document of the resource gets the same policy (Forge applies it to every HTML response). */
  async function sendFrameDocument(req: IncomingMessage, res: ServerResponse, root: string, file: string): Promise<void> {
    const resolvedRoot = path.resolve(root);
    const target = path.resolve(resolvedRoot, file);
    if (!target.startsWith(resolvedRoot + path.sep)) throw new HttpError(403, 'Outside the resource folder');
    let html: string;
    try {
      html = await readFile(target, 'utf8');
    } catch {
      throw new HttpError(404, `Not found: ${path.basename(target)}`);
    }
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': customUiCsp(html, permissions, originOn(req, sitePort)),
    });
    res.end(html);
  }

  async function sendFrameIndex(res: ServerResponse, root: string, frame: FrameRegistration): Promise<void> {
    let html: string;
    try {
      html = await readFile(path.join(root, 'index.html'), 'utf8');
    } catch {
      return sendHtml(
        res,
        `<!doctype html><html><body style="font:14px sans-serif;color:#AE2E24">Custom UI resource "${escapeHtml(frame.module.resourceKey)}" ` +
          `has no index.html at ${escapeHtml(root)}. Run <code>npm run build</code>.</body></html>`,
        404,
      );
    }
    // Like Forge's own bootstrap (a <script src> from its CDN), the bridge is a separate same-origin script,
    // so the app's document is served under the same policy as on Forge, with nothing inline added.
    const config = {
      token: frame.token,
      moduleKey: frame.module.key,
      bridgeUrl: `${frameBase(frame)}__bridge${frameQuery(frame)}`,
      // What `view.theme.enable()` applies: the token stylesheets and the <html> attributes per colour mode.
      theme: {
        stylesheets: THEME_FILES.map((name) => `${frameBase(frame)}${TOKENS_DIR}${name}.css`),
        attributes: { light: themeHtmlAttributes('light'), dark: themeHtmlAttributes('dark') },
      },
      clockNow: sandbox.now().toISOString(),
    };
    const inject =
      `<script src="${frameBase(frame)}${BRIDGE_SCRIPT}?v=${SHIM_VERSION}" data-forge-sandbox-bridge ` +
      `data-frame="${escapeHtml(JSON.stringify(config))}"></script>\n`;
    const headOpen = /<head[^>]*>/i.exec(html);
    const out = headOpen
      ? html.slice(0, headOpen.index + headOpen[0].length) + '\n' + inject + html.slice(headOpen.index + headOpen[0].length)
      : inject + html;
    // The policy is computed from the app's own document (its inline scripts get hashes, as on Forge).
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'content-security-policy': customUiCsp(html, permissions, frame.context.siteUrl),
    });
    res.end(out);
  }

  /**
   * The session the page would ask for first, in the page itself (as Jira's pages carry their initial state):
   * one round trip less before the issue view reads. None for a user the server no longer knows (the page asks).
   */
  async function shellSession(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
    try {
      return await sessionOf(currentUser(req));
    } catch {
      return undefined;
    }
  }

  function currentUser(req: IncomingMessage): SandboxUser {
    const fromHeader = req.headers[USER_HEADER];
    const wanted = (Array.isArray(fromHeader) ? fromHeader[0] : fromHeader) ?? readCookie(req, USER_COOKIE);
    const first = sandbox.users[0];
    if (!first) throw new HttpError(500, 'The sandbox has no users');
    if (!wanted) return first;
    const user = sandbox.users.find((u) => u.accountId === wanted);
    if (!user) throw new HttpError(400, `Unknown sandbox user ${wanted}`);
    return user;
  }

  function iconUrl(m: UiModule): string | undefined {
    const match = m.icon ? /^resource:([^;]+);(.+)$/.exec(m.icon) : null;
    return match ? `/resource/${encodeURIComponent(match[1] ?? '')}/${match[2] ?? ''}` : undefined;
  }

  const listen = (on: typeof server, port: number) =>
    new Promise<void>((resolve, reject) => {
      on.once('error', reject);
      on.listen(port, options.host ?? '127.0.0.1', () => resolve());
    });
  await listen(server, options.port);
  const address = server.address() as AddressInfo;
  sitePort = address.port;
  const wantedFramePort = options.framePort ?? (options.port === 0 || options.port === 65535 ? 0 : options.port + 1);
  try {
    await listen(frameServer, wantedFramePort);
  } catch (error) {
    server.close();
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`The Custom UI frames' origin cannot listen on port ${wantedFramePort} (${code}): set FRAME_PORT to a free port.`, {
      cause: error,
    });
  }
  framePort = (frameServer.address() as AddressInfo).port;
  const host = options.host && options.host !== '0.0.0.0' && options.host !== '127.0.0.1' ? options.host : 'localhost';
  sandbox.setSiteUrl?.(`http://${host}:${address.port}`);
  // Start bundling the UI right away so the first page load does not wait for it.
  if (options.prebuildUi !== false) bundleDir().catch((error: unknown) => logger.error('UI bundle failed', error));
  return {
    url: `http://${host}:${address.port}`,
    frameUrl: `http://${host}:${framePort}`,
    close: () =>
      Promise.all(
        [server, frameServer].map(
          (on) =>
            new Promise<void>((resolve) => {
              on.closeAllConnections();
              on.close(() => resolve());
            }),
        ),
      ).then(() => undefined),
  };
}

interface FrameRequest {
  moduleKey?: unknown;
  issueKey?: unknown;
  projectKey?: unknown;
  /** A workflow rule's configuration view: `{ entryPoint, ruleId }` (edit, view) or `{ entryPoint: 'create', transitionId }`. */
  workflowRule?: unknown;
  /** A custom field's edit view on a transition screen: `{ fieldKey, issueKey, transitionId }`. */
  fieldEdit?: unknown;
  /** A custom field's view in the issue view: `{ fieldKey, issueKey }`. */
  fieldView?: unknown;
}

/** Where a frame's resource is served (the same for every frame of the module and resource). */
function frameBase(frame: FrameRegistration): string {
  return `/frame/${encodeURIComponent(frame.module.key)}/${encodeURIComponent(frame.module.resourceKey)}/`;
}

/** What names one frame in its own requests. */
function frameQuery(frame: FrameRegistration): string {
  return `?frame=${frame.token}`;
}

/** What a configuration view's `onConfigure` callback must return: a string (stringified JSON), at most 100 kB. */
function ruleConfiguration(value: unknown): string {
  if (typeof value !== 'string')
    throw new HttpError(400, 'A workflow rule configuration is the string the configuration view returns from onConfigure');
  if (Buffer.byteLength(value, 'utf8') > MAX_RULE_CONFIGURATION)
    throw new HttpError(400, 'A workflow rule configuration may be at most 100 kB');
  return value;
}

function shellHtml(session: Record<string, unknown> | undefined): string {
  const initial = session
    ? `<script type="application/json" id="sandbox-session">${JSON.stringify(session).replace(/</g, '\\u003c')}</script>\n`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Forge sandbox · Jira</title>
<link rel="stylesheet" href="/ui/styles.css">
</head>
<body>
<div id="root"><div class="boot">Loading sandbox…</div></div>
${initial}<script type="module" src="/ui/main.js"></script>
</body>
</html>`;
}

function siteUrl(req: IncomingMessage): string {
  return `http://${req.headers.host ?? 'localhost'}`;
}

/** The host name a request was sent to, without its port (`[::1]` stays bracketed). */
function hostOf(req: IncomingMessage): string {
  const host = req.headers.host ?? 'localhost';
  return /^(\[[^\]]*\]|[^:]*)/.exec(host)?.[1] || 'localhost';
}

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new HttpError(413, 'Request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'Body is not valid JSON');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function sendHtml(res: ServerResponse, html: string, status = 200): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

function sendProduct(res: ServerResponse, response: ProductResponse): void {
  const headers: Record<string, string> = { 'cache-control': 'no-store' };
  for (const [k, v] of Object.entries(response.headers)) {
    const key = k.toLowerCase();
    if (key === 'content-type' || key === 'retry-after' || key.startsWith('x-ratelimit')) headers[key] = v;
  }
  if (!headers['content-type'] && response.body) headers['content-type'] = 'application/json; charset=utf-8';
  res.writeHead(response.status, headers);
  res.end(response.status === 204 ? undefined : response.body);
}

/**
 * A file with a validator (size and modification time), so a browser that has it asks again and gets 304, as
 * from a CDN; `cacheControl` defaults to revalidating every time.
 */
async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, cacheControl = 'no-cache'): Promise<void> {
  let data: Buffer;
  let etag: string;
  try {
    const stats = await stat(file);
    if (!stats.isFile()) throw new Error('not a file');
    etag = `"${stats.size.toString(36)}-${Math.floor(stats.mtimeMs).toString(36)}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag, 'cache-control': cacheControl }).end();
    data = await readFile(file);
  } catch {
    throw new HttpError(404, `Not found: ${path.basename(file)}`);
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'cache-control': cacheControl,
    etag,
  });
  res.end(data);
}

/** A CSP report field as log text: strings as sent, anything else as JSON. */
function reportText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Serves `relative` below `root`, refusing anything that escapes it. */
async function sendStatic(req: IncomingMessage, res: ServerResponse, root: string, relative: string, cacheControl?: string): Promise<void> {
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, relative);
  if (file !== resolvedRoot && !file.startsWith(resolvedRoot + path.sep)) throw new HttpError(403, 'Outside the resource folder');
  return sendFile(req, res, file, cacheControl);
}

function escapeHtml(text: string): string {
  return escapeMarkup(text);
}
