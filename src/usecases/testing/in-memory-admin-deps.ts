import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../../domain/configuration/project-configuration';
import type { AuditEntry } from '../../domain/configuration/configuration-audit';
import type { EscalationSummary } from '../../domain/analytics/escalation-summary';
import { DEFAULT_PROCESS_TEMPLATE } from '../../domain/process/default-template';
import type { ProcessTemplate } from '../../domain/process/process-template';
import type { ProcessReview } from '../../domain/review/process-review';
import { TemplateVersionConflictError } from '../ports/port-errors';
import type { TemplateDraft, TemplateVersionRecord } from '../ports/process-template-store';
import type { AdminDeps } from '../admin-deps';

export interface AdminTestUser {
  readonly accountId: string;
  readonly groups: string[];
  readonly jiraAdmin?: boolean;
  readonly projectAdminOf?: string[];
}

/** In-memory stand-ins for the administration use cases' ports, with the stores' contracts. */
export class InMemoryAdminWorld {
  readonly users = new Map<string, AdminTestUser>();
  readonly configurations = new Map<string, ProjectConfiguration>();
  readonly versions = new Map<number, ProcessTemplate>([[1, DEFAULT_PROCESS_TEMPLATE]]);
  readonly records: TemplateVersionRecord[] = [];
  active = 1;
  draft: TemplateDraft | undefined;
  readonly audit: AuditEntry[] = [];
  readonly summaries = new Map<string, EscalationSummary>();
  readonly reviews = new Map<string, ProcessReview>();
  readonly published: { spaceKey: string; title: string; storage: string; pageId?: string }[] = [];
  priorities = ['Highest', 'High', 'Medium', 'Low', 'Lowest'];
  currentUser = '';
  now = new Date('2026-11-23T09:00:00.000Z');

  addUser(user: AdminTestUser): this {
    this.users.set(user.accountId, user);
    return this;
  }

  deps(): AdminDeps {
    const user = () => this.users.get(this.currentUser);
    const done = (change: () => void): Promise<void> => {
      change();
      return Promise.resolve();
    };
    return {
      jira: {
        isJiraAdmin: () => Promise.resolve(user()?.jiraAdmin === true),
        isProjectAdmin: (key) => Promise.resolve(user()?.projectAdminOf?.includes(key) === true),
        groupsOf: (id) => Promise.resolve(this.users.get(id)?.groups ?? []),
        displayNames: (ids) => Promise.resolve(Object.fromEntries(ids.map((id) => [id, id.toUpperCase()]))),
        searchUsers: (query) =>
          Promise.resolve(
            [...this.users.keys()]
              .filter((id) => id.toLowerCase().startsWith(query.toLowerCase()))
              .map((id) => ({ accountId: id, displayName: id.toUpperCase() })),
          ),
        priorityNames: () => Promise.resolve([...this.priorities]),
      },
      configurations: {
        get: (key) => Promise.resolve(this.configurations.get(key) ?? DEFAULT_PROJECT_CONFIGURATION),
        save: (key, c) => done(() => this.configurations.set(key, structuredClone(c))),
      },
      directory: {
        list: () => Promise.resolve([...this.configurations].map(([projectKey, configuration]) => ({ projectKey, configuration }))),
      },
      templates: {
        active: () => Promise.resolve(this.versions.get(this.active)!),
        get: (ref) => {
          const t = this.versions.get(ref.version);
          return t ? Promise.resolve(t) : Promise.reject(new Error(`no version ${ref.version}`));
        },
      },
      versioning: {
        draft: () => Promise.resolve(this.draft ? structuredClone(this.draft) : undefined),
        saveDraft: (d) => done(() => (this.draft = structuredClone(d))),
        deleteDraft: () => done(() => (this.draft = undefined)),
        publish: (template, record) => {
          if (this.versions.has(template.version)) return Promise.reject(new TemplateVersionConflictError(record.ref));
          return done(() => {
            this.versions.set(template.version, template);
            this.records.push(record);
            this.active = template.version;
            this.draft = undefined;
          });
        },
        versions: () => Promise.resolve([...this.records]),
      },
      audit: {
        list: (target) => Promise.resolve(this.audit.filter((a) => a.target === target)),
        append: (entry) => {
          const full = { ...entry, seq: this.audit.filter((a) => a.target === entry.target).length + 1 };
          this.audit.push(full);
          return Promise.resolve(full);
        },
      },
      summaries: {
        save: (s) => done(() => this.summaries.set(s.issueId, s)),
        all: () => Promise.resolve([...this.summaries.values()]),
      },
      reviews: {
        get: (id) => Promise.resolve(this.reviews.get(id)),
        list: () => Promise.resolve([...this.reviews.values()]),
        save: (r) => done(() => this.reviews.set(r.id, structuredClone(r))),
      },
      publisher: {
        publish: (input) => {
          this.published.push(input);
          return Promise.resolve({
            pageId: input.pageId ?? '9001',
            url: `/wiki/spaces/${input.spaceKey}/pages/9001`,
            version: this.published.length,
          });
        },
      },
      now: () => this.now,
    };
  }
}
