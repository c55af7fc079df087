/**
 * A small in-memory stand-in for the platform's `Sandbox`, for testing the web server and UI on their own.
 * It answers just the Jira/Confluence routes the sandbox UI uses and records every invoke.
 * Not a Jira emulator: the real one is sandbox/platform.
 */
import type {
  PortalRequest,
  InvokeRequest,
  Locale,
  OutboxEntry,
  Principal,
  ProductRequest,
  ProductResponse,
  Sandbox,
  SandboxUser,
  WorkflowRule,
  WorkflowView,
} from '../../../sandbox/platform/sandbox-api';

export interface FakeOptions {
  /** resource key → folder. */
  resources?: Record<string, string>;
  manifest?: unknown;
}

const USERS: SandboxUser[] = [
  {
    accountId: 'u-agent',
    displayName: 'Anna Agent',
    emailAddress: 'anna@contractor.example',
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
    groups: ['contractor-team'],
  },
  {
    accountId: 'u-client',
    displayName: 'Chris Client',
    emailAddress: 'chris@client.example',
    locale: 'en-US',
    timeZone: 'America/New_York',
    groups: ['client-team'],
  },
];

const STATUSES = {
  open: { name: 'Open', statusCategory: { key: 'new', name: 'To Do' } },
  escalated: { name: 'Escalated', statusCategory: { key: 'indeterminate', name: 'In Progress' } },
  resolved: { name: 'Resolved', statusCategory: { key: 'done', name: 'Done' } },
};
type StatusKey = keyof typeof STATUSES;

interface FakeIssue {
  id: string;
  key: string;
  summary: string;
  status: StatusKey;
  description: string;
  comments: { id: string; author: string; text: string; created: string }[];
  changelog: { id: string; author: string; created: string; items: { field: string; fromString: string; toString: string }[] }[];
  level: number;
}

export const FAKE_MANIFEST = {
  modules: {
    'jira:issuePanel': [
      { key: 'escalation-panel', resource: 'panel', resolver: { function: 'resolver' }, render: 'default', title: { i18n: 'panel.title' } },
    ],
    'jira:adminPage': [{ key: 'escalation-admin', resource: 'panel', resolver: { function: 'resolver' }, title: 'Escalation admin' }],
    'jira:customField': [{ key: 'escalation-level', name: 'Escalation level', type: 'object' }],
    function: [{ key: 'resolver', handler: 'index.resolver' }],
  },
  resources: [{ key: 'panel', path: 'static/panel/build' }],
  translations: {
    resources: [
      { key: 'en-US', path: 'locales/en-US.json' },
      { key: 'de-DE', path: 'locales/de-DE.json' },
    ],
    fallback: { default: 'en-US' },
  },
  // As in the app's manifest: the test panel's index.html carries a <style>, which Forge's policy allows only so.
  permissions: { content: { styles: ['unsafe-inline'] } },
};

const TRANSLATIONS: Record<Locale, Record<string, unknown>> = {
  'en-US': { panel: { title: 'Escalation', greeting: 'Hello' } },
  'de-DE': { panel: { title: 'Eskalation', greeting: 'Hallo' } },
};

export class FakeSandbox implements Sandbox {
  readonly users = USERS;
  readonly manifest: unknown;
  /** This fake has no customer portal: nobody sees a request there. */
  portalRequests(): PortalRequest[] {
    return [];
  }
  readonly invocations: InvokeRequest[] = [];
  readonly jiraRequests: { request: ProductRequest; as: Principal }[] = [];
  private clock = new Date('2026-03-02T08:00:00Z');
  private issues: FakeIssue[] = [
    {
      id: '10001',
      key: 'ESC-1',
      summary: 'Server room cooling failed',
      status: 'open',
      description: 'Cooling unit 2 is down.',
      comments: [],
      changelog: [],
      level: 0,
    },
    {
      id: '10002',
      key: 'ESC-2',
      summary: 'Monthly report late',
      status: 'escalated',
      description: 'The SLA report for February is missing.',
      comments: [],
      changelog: [],
      level: 2,
    },
  ];
  private outboxEntries: OutboxEntry[] = [];
  private seq = 100;

  constructor(private readonly options: FakeOptions = {}) {
    this.manifest = options.manifest ?? FAKE_MANIFEST;
  }

  now(): Date {
    return new Date(this.clock);
  }

  advanceClock(ms: number): Promise<{ now: string; firedTriggers: string[]; deliveredEvents: number }> {
    const before = this.clock.getTime();
    this.clock = new Date(before + ms);
    const hours = Math.floor((before + ms) / 3600_000) - Math.floor(before / 3600_000);
    return Promise.resolve({
      now: this.clock.toISOString(),
      firedTriggers: hours > 0 ? [`escalation-sweep ×${hours}`] : [],
      deliveredEvents: 0,
    });
  }

  jira(request: ProductRequest, as: Principal): Promise<ProductResponse> {
    return settle(() => this.answerJira(request, as));
  }

  private answerJira(request: ProductRequest, as: Principal): ProductResponse {
    this.jiraRequests.push({ request, as });
    const url = new URL(request.path, 'http://jira.local');
    const p = url.pathname;
    const m = request.method.toUpperCase();
    let match: RegExpExecArray | null;
    if (p === '/rest/api/3/myself') {
      const user = as.kind === 'user' ? USERS.find((u) => u.accountId === as.accountId) : undefined;
      return user
        ? json(200, { accountId: user.accountId, displayName: user.displayName, locale: user.locale })
        : json(401, { errorMessages: ['Not a user'] });
    }
    if (p === '/rest/api/3/project/search')
      return json(200, { values: [{ id: '10000', key: 'ESC', name: 'Escalations', projectTypeKey: 'software' }], isLast: true });
    if (p === '/rest/api/3/project/ESC') return json(200, { id: '10000', key: 'ESC', name: 'Escalations', projectTypeKey: 'software' });
    if (p === '/rest/api/3/field') {
      return json(200, [
        { id: 'summary', name: 'Summary', custom: false },
        {
          id: 'customfield_10050',
          key: 'app-key__escalation-level',
          name: 'Escalation level',
          custom: true,
          schema: { custom: 'ari:cloud:ecosystem::extension/app/env/static/escalation-level', type: 'object' },
        },
      ]);
    }
    if (p === '/rest/api/3/search/jql') {
      const jql = url.searchParams.get('jql') ?? '';
      if (/\bbogus\b/i.test(jql))
        return json(400, { errorMessages: [`Field 'bogus' does not exist or you do not have permission to view it.`] });
      return json(200, { issues: this.issues.map((i) => this.issueJson(i)), isLast: true });
    }
    if ((match = /^\/rest\/api\/3\/issue\/([^/]+)(\/.*)?$/.exec(p))) {
      const issue = this.issues.find((i) => i.key === match![1] || i.id === match![1]);
      if (!issue) return json(404, { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} });
      const sub = match[2] ?? '';
      if (sub === '' && m === 'GET')
        return json(200, { ...this.issueJson(issue), renderedFields: { customfield_10050: `Level ${issue.level}` } });
      if (sub === '/transitions' && m === 'GET') {
        const to = (Object.keys(STATUSES) as StatusKey[]).filter((s) => s !== issue.status);
        return json(200, { transitions: to.map((s) => ({ id: s, name: STATUSES[s].name, to: STATUSES[s] })) });
      }
      if (sub === '/transitions' && m === 'POST') {
        const body = JSON.parse(request.body ?? '{}') as { transition?: { id?: string } };
        const to = body.transition?.id as StatusKey | undefined;
        if (!to || !STATUSES[to]) return json(400, { errorMessages: ['No such transition'], errors: {} });
        if (to === 'resolved' && issue.level > 0) {
          return json(400, { errorMessages: ['Open escalation: resolve the escalation before closing the issue.'], errors: {} });
        }
        issue.changelog.push({
          id: String(++this.seq),
          author: principalId(as),
          created: this.clock.toISOString(),
          items: [{ field: 'status', fromString: STATUSES[issue.status].name, toString: STATUSES[to].name }],
        });
        issue.status = to;
        return { status: 204, headers: {}, body: '' };
      }
      if (sub === '/comment' && m === 'GET') {
        return json(200, {
          comments: issue.comments.map((c) => ({
            id: c.id,
            author: this.userRef(c.author),
            created: c.created,
            body: { version: 1, type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: c.text }] }] },
          })),
        });
      }
      if (sub === '/comment' && m === 'POST') {
        const body = JSON.parse(request.body ?? '{}') as { body?: { content?: { content?: { text?: string }[] }[] } };
        const text = (body.body?.content ?? []).map((para) => (para.content ?? []).map((t) => t.text ?? '').join('')).join('\n');
        const comment = { id: String(++this.seq), author: principalId(as), text, created: this.clock.toISOString() };
        issue.comments.push(comment);
        return json(201, { id: comment.id });
      }
      if (sub === '/changelog' && m === 'GET') {
        return json(200, { values: issue.changelog.map((c) => ({ ...c, author: this.userRef(c.author) })), isLast: true });
      }
    }
    return json(404, { errorMessages: [`Fake sandbox: no route ${m} ${p}`] });
  }

  confluence(request: ProductRequest, _as: Principal): Promise<ProductResponse> {
    return settle(() => this.answerConfluence(request));
  }

  private answerConfluence(request: ProductRequest): ProductResponse {
    const url = new URL(request.path, 'http://wiki.local');
    if (url.pathname === '/wiki/api/v2/spaces') return json(200, { results: [{ id: '65537', key: 'ESC', name: 'Escalations' }] });
    if (url.pathname === '/wiki/api/v2/spaces/65537/pages')
      return json(200, { results: [{ id: '200', title: 'Escalation report ESC-2' }] });
    if (url.pathname === '/wiki/api/v2/pages/200') {
      return json(200, {
        id: '200',
        title: 'Escalation report ESC-2',
        version: { number: 3, createdAt: this.clock.toISOString() },
        body: {
          storage: {
            value:
              '<h2>Summary</h2><p>Level <strong>2</strong> reached.</p><table><tr><th>Level</th><th>Due</th></tr><tr><td>2</td><td>2026-03-04</td></tr></table><script>alert(1)</script>',
          },
        },
      });
    }
    return json(404, { message: 'not found' });
  }

  invoke(request: InvokeRequest): Promise<unknown> {
    this.invocations.push(request);
    if (request.functionKey === 'fail') return Promise.reject(new Error('Resolver failed on purpose'));
    return Promise.resolve({
      greetingFor: request.context.accountId,
      functionKey: request.functionKey,
      echo: request.payload,
      issueKey: (request.context.extension.issue as { key?: string } | undefined)?.key,
    });
  }

  runFunction(): Promise<unknown> {
    return Promise.resolve(undefined);
  }

  /** The fake Jira changes nothing behind the page's back: no issue changes to report. */
  issueChanges(after: number): { seq: number; changes: [] } {
    return { seq: Math.min(after, 0), changes: [] };
  }

  outbox(): Promise<OutboxEntry[]> {
    return Promise.resolve(this.outboxEntries);
  }

  resourcePath(resourceKey: string): string {
    const folder = this.options.resources?.[resourceKey];
    if (!folder) throw new Error(`No resource ${resourceKey}`);
    return folder;
  }

  translations(locale: Locale): Promise<Record<string, unknown>> {
    return Promise.resolve(TRANSLATIONS[locale]);
  }

  async close(): Promise<void> {}

  /** One transition and no rules: enough for the web server's own tests. */
  private rules: WorkflowRule[] = [];

  workflow(): Promise<WorkflowView> {
    const open = { id: 1, name: 'Open', category: 'new' };
    const escalated = { id: 2, name: 'Escalated', category: 'indeterminate' };
    return Promise.resolve({
      name: 'Fake workflow',
      statuses: [open, escalated],
      transitions: [{ id: 11, name: 'Escalate', from: open, to: escalated, rules: this.rules.filter((r) => r.transitionId === 11) }],
    });
  }

  addWorkflowRule(transitionId: number, moduleKey: string, configuration: string | null): Promise<WorkflowRule> {
    const rule: WorkflowRule = { id: ++this.seq, transitionId, moduleKey, kind: 'jira:workflowValidator', configuration };
    this.rules.push(rule);
    return Promise.resolve(rule);
  }

  setWorkflowRuleConfiguration(ruleId: number, configuration: string): Promise<WorkflowRule> {
    const rule = this.rules.find((r) => r.id === ruleId);
    if (!rule) return Promise.reject(new Error(`No workflow rule ${ruleId}`));
    rule.configuration = configuration;
    return Promise.resolve(rule);
  }

  removeWorkflowRule(ruleId: number): Promise<void> {
    this.rules = this.rules.filter((r) => r.id !== ruleId);
    return Promise.resolve();
  }

  addOutboxEntry(entry: Omit<OutboxEntry, 'id'>): void {
    this.outboxEntries.push({ ...entry, id: this.outboxEntries.length + 1 });
  }

  private issueJson(issue: FakeIssue) {
    return {
      id: issue.id,
      key: issue.key,
      fields: {
        summary: issue.summary,
        status: STATUSES[issue.status],
        priority: { name: 'High' },
        assignee: this.userRef('u-agent'),
        reporter: this.userRef('u-client'),
        issuetype: { id: '10002', name: 'Task' },
        project: { id: '10000', key: 'ESC', name: 'Escalations', projectTypeKey: 'software' },
        description: { version: 1, type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: issue.description }] }] },
        customfield_10050: { level: issue.level },
        created: '2026-03-01T09:00:00.000+0000',
        updated: this.clock.toISOString(),
      },
    };
  }

  private userRef(accountId: string) {
    const user = USERS.find((u) => u.accountId === accountId);
    return { accountId, displayName: user?.displayName ?? 'App' };
  }
}

function principalId(as: Principal): string {
  return as.kind === 'user' ? as.accountId : 'app';
}

function json(status: number, body: unknown): ProductResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** Runs `fn` now and answers like an async method would: with its result, or rejected with what it threw. */
function settle<T>(fn: () => T): Promise<T> {
  return new Promise<T>((resolve) => resolve(fn()));
}
