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
    const w = this;
    const user = () => w.users.get(w.currentUser);
    return {
      jira: {
        isJiraAdmin: async () => user()?.jiraAdmin === true,
        isProjectAdmin: async (key) => user()?.projectAdminOf?.includes(key) === true,
        groupsOf: async (id) => w.users.get(id)?.groups ?? [],
        displayNames: async (ids) => Object.fromEntries(ids.map((id) => [id, id.toUpperCase()])),
        searchUsers: async (query) =>
          [...w.users.keys()]
            .filter((id) => id.toLowerCase().startsWith(query.toLowerCase()))
            .map((id) => ({ accountId: id, displayName: id.toUpperCase() })),
        priorityNames: async () => [...w.priorities],
      },
      configurations: {
        get: async (key) => w.configurations.get(key) ?? DEFAULT_PROJECT_CONFIGURATION,
        save: async (key, c) => void w.configurations.set(key, structuredClone(c)),
      },
      directory: { list: async () => [...w.configurations].map(([projectKey, configuration]) => ({ projectKey, configuration })) },
      templates: {
        active: async () => w.versions.get(w.active)!,
        get: async (ref) => {
          const t = w.versions.get(ref.version);
          if (!t) throw new Error(`no version ${ref.version}`);
          return t;
        },
      },
      versioning: {
        draft: async () => (w.draft ? structuredClone(w.draft) : undefined),
        saveDraft: async (d) => void (w.draft = structuredClone(d)),
        deleteDraft: async () => void (w.draft = undefined),
        publish: async (template, record) => {
          if (w.versions.has(template.version)) throw new TemplateVersionConflictError(record.ref);
          w.versions.set(template.version, template);
          w.records.push(record);
          w.active = template.version;
          w.draft = undefined;
        },
        versions: async () => [...w.records],
      },
      audit: {
        list: async (target) => w.audit.filter((a) => a.target === target),
        append: async (entry) => {
          const full = { ...entry, seq: w.audit.filter((a) => a.target === entry.target).length + 1 };
          w.audit.push(full);
          return full;
        },
      },
      summaries: { save: async (s) => void w.summaries.set(s.issueId, s), all: async () => [...w.summaries.values()] },
      reviews: {
        get: async (id) => w.reviews.get(id),
        list: async () => [...w.reviews.values()],
        save: async (r) => void w.reviews.set(r.id, structuredClone(r)),
      },
      publisher: {
        publish: async (input) => {
          w.published.push(input);
          return { pageId: input.pageId ?? '9001', url: `/wiki/spaces/${input.spaceKey}/pages/9001`, version: w.published.length };
        },
      },
      now: () => w.now,
    };
  }
}
