import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../../domain/configuration/project-configuration';
import type { EscalationEvent } from '../../domain/escalation/escalation-event';
import type { EscalationFieldValue, EscalationIndexDocument } from '../../domain/escalation/escalation-projection';
import type { ProcessTemplate } from '../../domain/process/process-template';
import type { EscalationEventStore } from '../ports/escalation-event-store';
import type { EscalationDueIndex } from '../ports/escalation-due-index';
import type { EscalationSummaryStore } from '../ports/escalation-summary-store';
import type { NotificationClaims } from '../ports/notification-claims';
import type { IssueGateway, IssueRef, UserAccess } from '../ports/issue-gateway';
import { silentLogger } from '../ports/logger';
import { ConcurrentAppendError } from '../ports/port-errors';
import type { EscalationDeps } from '../escalation-deps';
import { inMemoryClaims, inMemoryPortalDirectory, recordingNotificationJira } from './in-memory-notifications';

export interface TestUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly groups: string[];
  readonly access: UserAccess;
  readonly locale?: 'de' | 'en';
}

/** A portal request's people and organizations (Jira Service Management), for the in-memory issue. */
export interface TestRequest {
  readonly reporter?: string;
  readonly participants: readonly string[];
  readonly organizationIds: readonly string[];
}

/** In-memory stand-ins for the use cases' ports, with the same contracts (append is create-only). */
export class InMemoryWorld {
  issue: IssueRef = { id: '10001', key: 'DEMO-1', projectKey: 'DEMO', summary: 'Checkout outage', priority: 'Highest' };
  readonly events = new Map<string, EscalationEvent[]>();
  readonly projections: { document: EscalationIndexDocument; field?: EscalationFieldValue }[] = [];
  /** The site's default language (Jira's server info), in which the level field's value is written. */
  siteLocale: 'de' | 'en' = 'en';
  readonly users = new Map<string, TestUser>();
  /** Jira notifications and comments sent on the app's behalf, and the claims on them. */
  readonly notificationJira = recordingNotificationJira();
  readonly claims = inMemoryClaims();
  readonly portals = inMemoryPortalDirectory();
  now = new Date('2026-11-23T09:00:00.000Z');
  /** Who is invoking: what asUser() would be in Forge. */
  currentUser = '';
  /** The issue as a portal request: who reports it, who takes part, which organizations it is shared with. */
  request: TestRequest = { participants: [], organizationIds: [] };
  configuration: ProjectConfiguration = {
    ...DEFAULT_PROJECT_CONFIGURATION,
    parties: { contractor: { groups: ['contractor-team'] }, client: { groups: ['client-team'] } },
  };

  constructor(readonly template: ProcessTemplate) {}

  addUser(user: TestUser): this {
    this.users.set(user.accountId, user);
    return this;
  }

  deps(): EscalationDeps {
    const issues: IssueGateway = {
      issue: (key) => Promise.resolve(key === this.issue.key || key === this.issue.id ? this.issue : undefined),
      userAccess: () => Promise.resolve(this.users.get(this.currentUser)?.access ?? { browse: false, edit: false, admin: false }),
      groupsOf: (accountId) => Promise.resolve(this.users.get(accountId)?.groups ?? []),
      requestInvolvement: (key, accountId) =>
        Promise.resolve(
          key === this.issue.key || key === this.issue.id
            ? {
                involved: this.request.reporter === accountId || this.request.participants.includes(accountId),
                organizationIds: [...this.request.organizationIds],
              }
            : undefined,
        ),
      displayNames: (ids) => Promise.resolve(Object.fromEntries(ids.map((id) => [id, this.users.get(id)?.displayName ?? id]))),
      localeOf: (accountId) => Promise.resolve(this.users.get(accountId)?.locale ?? 'en'),
      siteLocale: () => Promise.resolve(this.siteLocale),
      saveProjection: (_issue, document, field) => {
        this.projections.push({ document, ...(field ? { field } : {}) });
        return Promise.resolve();
      },
    };
    const events = inMemoryEventStore(this.events, { claims: this.claims });
    return {
      issues,
      events,
      configurations: {
        get: () => Promise.resolve(this.configuration),
        save: (_k, c) => {
          this.configuration = c;
          return Promise.resolve();
        },
      },
      templates: {
        // Each project has its own version in force: asking for another project's would start on the wrong annex.
        active: (projectKey) =>
          projectKey === this.issue.projectKey
            ? Promise.resolve(this.template)
            : Promise.reject(new Error(`asked for project ${projectKey}'s template, the issue is in ${this.issue.projectKey}`)),
        get: () => Promise.resolve(this.template),
      },
      notifications: { jira: this.notificationJira, claims: this.claims, portals: this.portals, invocationId: 'test' },
      now: () => this.now,
      logger: silentLogger,
    };
  }
}

/**
 * An event store in memory with the KVS store's contract: an append whose first event does not follow the
 * stored log is refused with ConcurrentAppendError, and what is written alongside lands with the events.
 */
export function inMemoryEventStore(
  logs: Map<string, EscalationEvent[]>,
  stores: { claims?: NotificationClaims; summaries?: EscalationSummaryStore; dueIndex?: EscalationDueIndex } = {},
): EscalationEventStore & { appends: number } {
  const store = {
    appends: 0,
    load: (issueId: string) => Promise.resolve(structuredClone(logs.get(issueId) ?? [])),
    head: (issueId: string) => Promise.resolve(logs.get(issueId)?.at(-1)?.seq ?? 0),
    async append(...[issueId, events, alongside = {}]: Parameters<EscalationEventStore['append']>) {
      store.appends++;
      const log = logs.get(issueId) ?? [];
      if (events.length > 0 && log.length !== events[0]!.seq - 1) throw new ConcurrentAppendError(issueId, events[0]!.seq);
      logs.set(issueId, [...log, ...structuredClone(events)]);
      for (const { ref, claim } of alongside.claims ?? []) await stores.claims?.update(issueId, ref, claim);
      const due = alongside.dueIndex;
      if (due) await (due.entry ? stores.dueIndex?.put(due.entry) : stores.dueIndex?.remove(due.issueId));
    },
  };
  return store;
}
