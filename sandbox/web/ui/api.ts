/** The sandbox UI's calls to its server; every call carries the selected user. */
import type { ClockState, OutboxEntry, PortalRequest, SandboxUser, WorkflowRule, WorkflowView } from '../../platform/sandbox-api';

export type { PortalRequest, WorkflowRule, WorkflowView };

/** A workflow rule module of the app, named in the user's language; `views` are its configuration entry points. */
export interface RuleModuleInfo {
  kind: 'jira:workflowCondition' | 'jira:workflowValidator' | 'jira:workflowPostFunction';
  key: string;
  name: string;
  description?: string;
  views: ('create' | 'edit' | 'view')[];
}

export interface WorkflowPage {
  workflow: WorkflowView;
  ruleModules: RuleModuleInfo[];
}

const USER_KEY = 'sandbox-user';

export function selectedUserId(): string | null {
  return localStorage.getItem(USER_KEY);
}

export function selectUser(accountId: string): void {
  localStorage.setItem(USER_KEY, accountId);
  document.cookie = `${USER_KEY}=${encodeURIComponent(accountId)}; path=/; SameSite=Strict`;
}

export interface ModuleInfo {
  kind: string;
  key: string;
  title: string;
  icon?: string;
}

export interface Session {
  user: SandboxUser;
  users: SandboxUser[];
  now: string;
  cloudId: string;
  modules: ModuleInfo[];
  /** The app's `jira:customField` modules (to find their field ids in /rest/api/3/field). */
  appFields: { key: string; name: string; issueView: boolean }[];
}

export interface ClockLogEntry {
  at: string;
  advancedByMs: number;
  firedTriggers: string[];
  deliveredEvents: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const user = selectedUserId();
  if (user) headers['x-sandbox-user'] = user;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  if (!response.ok) throw new ApiError(response.status, errorMessage(json, response.status), json);
  return json as T;
}

/** Jira's and the sandbox's error bodies, as one readable line. */
export function errorMessage(body: unknown, status: number): string {
  if (body && typeof body === 'object') {
    const b = body as { error?: unknown; errorMessages?: unknown; errors?: unknown; message?: unknown };
    const parts: string[] = [];
    if (typeof b.error === 'string') parts.push(b.error);
    if (Array.isArray(b.errorMessages)) parts.push(...b.errorMessages.map(String));
    if (b.errors && typeof b.errors === 'object') parts.push(...Object.values(b.errors as Record<string, unknown>).map(String));
    if (typeof b.message === 'string') parts.push(b.message);
    if (parts.length) return parts.join(' ');
  }
  if (typeof body === 'string' && body) return body.slice(0, 300);
  return `HTTP ${status}`;
}

export const api = {
  session: () => call<Session>('GET', '/api/session'),
  portalRequests: () => call<PortalRequest[]>('GET', '/api/portal/requests'),
  jira: <T>(method: string, path: string, body?: unknown) => call<T>(method, `/api/jira${path}`, body),
  confluence: <T>(method: string, path: string, body?: unknown) => call<T>(method, `/api/confluence${path}`, body),
  clock: () => call<ClockState & { log: ClockLogEntry[] }>('GET', '/api/clock'),
  advanceClock: (ms: number) =>
    call<{ now: string; firedTriggers: string[]; deliveredEvents: number; log: ClockLogEntry[] }>('POST', '/api/clock/advance', { ms }),
  outbox: () => call<OutboxEntry[]>('GET', '/api/outbox'),
  issueChanges: (after: number) =>
    call<{
      seq: number;
      changes: {
        seq: number;
        issueId: string;
        issueKey: string;
        projectId: string;
        changeType: 'updated' | 'commented';
        atlassianId: string;
      }[];
    }>('GET', `/api/issue-changes?after=${after}`),
  registerFrame: (body: {
    moduleKey: string;
    issueKey?: string;
    projectKey?: string;
    workflowRule?: { entryPoint: 'create'; transitionId: number } | { entryPoint: 'edit' | 'view'; ruleId: number };
    fieldEdit?: { fieldKey: string; transitionId: string; issueKey: string };
    fieldView?: { fieldKey: string; issueKey: string };
  }) => call<{ token: string; url: string }>('POST', '/api/frames', body),
  workflow: () => call<WorkflowPage>('GET', '/api/workflow'),
  addWorkflowRule: (transitionId: number, moduleKey: string, configuration: string | null) =>
    call<WorkflowRule>('POST', '/api/workflow/rules', { transitionId, moduleKey, configuration }),
  saveWorkflowRule: (ruleId: number, configuration: string) =>
    call<WorkflowRule>('PUT', `/api/workflow/rules/${ruleId}`, { configuration }),
  removeWorkflowRule: (ruleId: number) => call<void>('DELETE', `/api/workflow/rules/${ruleId}`),
};

interface ProjectRef {
  id: string;
  key: string;
  name: string;
}

/** Projects the user can see (`GET /rest/api/3/project/search`, its first page: the sandbox has a handful); none if Jira refuses. */
export async function listProjects(): Promise<ProjectRef[]> {
  try {
    return (await api.jira<{ values: ProjectRef[] }>('GET', '/rest/api/3/project/search?maxResults=50')).values;
  } catch {
    return [];
  }
}
