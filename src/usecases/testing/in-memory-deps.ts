import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../../domain/configuration/project-configuration';
import type { EscalationEvent } from '../../domain/escalation/escalation-event';
import type { EscalationFieldValue, EscalationIndexDocument } from '../../domain/escalation/escalation-projection';
import type { ProcessTemplate } from '../../domain/process/process-template';
import type { EscalationEventStore } from '../ports/escalation-event-store';
import type { IssueGateway, IssueRef, UserAccess } from '../ports/issue-gateway';
import { silentLogger } from '../ports/logger';
import { ConcurrentAppendError } from '../ports/port-errors';
import type { EscalationDeps } from '../escalation-deps';

export interface TestUser {
  readonly accountId: string;
  readonly displayName: string;
  readonly groups: string[];
  readonly access: UserAccess;
  readonly locale?: 'de' | 'en';
}

/** In-memory stand-ins for the use cases' ports, with the same contracts (append is create-only). */
export class InMemoryWorld {
  readonly issue: IssueRef = { id: '10001', key: 'DEMO-1', projectKey: 'DEMO', summary: 'Checkout outage', priority: 'Highest' };
  readonly events = new Map<string, EscalationEvent[]>();
  readonly projections: { document: EscalationIndexDocument; field?: EscalationFieldValue }[] = [];
  readonly users = new Map<string, TestUser>();
  now = new Date('2026-11-23T09:00:00.000Z');
  /** Who is invoking: what asUser() would be in Forge. */
  currentUser = '';
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
    const world = this;
    const issues: IssueGateway = {
      async issue(key) {
        return key === world.issue.key || key === world.issue.id ? world.issue : undefined;
      },
      async userAccess() {
        return world.users.get(world.currentUser)?.access ?? { browse: false, edit: false, admin: false };
      },
      async groupsOf(accountId) {
        return world.users.get(accountId)?.groups ?? [];
      },
      async displayNames(ids) {
        return Object.fromEntries(ids.map((id) => [id, world.users.get(id)?.displayName ?? id]));
      },
      async localeOf(accountId) {
        return world.users.get(accountId)?.locale ?? 'en';
      },
      async saveProjection(_issue, document, field) {
        world.projections.push({ document, ...(field ? { field } : {}) });
      },
    };
    const events: EscalationEventStore = {
      async load(issueId) {
        return structuredClone(world.events.get(issueId) ?? []);
      },
      async append(issueId, event) {
        const log = world.events.get(issueId) ?? [];
        if (log.length >= event.seq) throw new ConcurrentAppendError(issueId, event.seq);
        world.events.set(issueId, [...log, structuredClone(event)]);
      },
    };
    return {
      issues,
      events,
      configurations: { get: async () => world.configuration, save: async (_k, c) => void (world.configuration = c) },
      templates: { active: async () => world.template, get: async () => world.template },
      now: () => world.now,
      logger: silentLogger,
    };
  }
}
