import { DEFAULT_PROJECT_CONFIGURATION, type ProjectConfiguration } from '../../domain/configuration/project-configuration';
import type { AuditEntry } from '../../domain/configuration/configuration-audit';
import type { EscalationSummary } from '../../domain/analytics/escalation-summary';
import { emptyTotals, foldTotals, totalsKeyOf, type AnalyticsTotals } from '../../domain/analytics/analytics-totals';
import { DEFAULT_PROCESS_TEMPLATE } from '../../domain/process/default-template';
import type { ProcessTemplate, TemplateRef } from '../../domain/process/process-template';
import { projectTemplateId } from '../../domain/process/project-template-id';
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
  /** Stored template versions by {@link refKey}; the built-in annex is never stored. */
  readonly versions = new Map<string, ProcessTemplate>();
  readonly records: TemplateVersionRecord[] = [];
  /** Each project's version in force and draft. */
  readonly active = new Map<string, TemplateRef>();
  readonly drafts = new Map<string, TemplateDraft>();
  /** The site-wide version in force from before versions were per project (none: the built-in annex). */
  siteActive: TemplateRef | undefined;
  readonly audit: AuditEntry[] = [];
  readonly summaries = new Map<string, EscalationSummary>();
  /** Reviews by `projectKey:year`; the site-wide ones from before separately. */
  readonly reviews = new Map<string, ProcessReview>();
  readonly siteReviews: ProcessReview[] = [];
  readonly published: { spaceKey: string; title: string; storage: string; pageId?: string }[] = [];
  /** Accounts Jira shows as not active (deactivated or closed). */
  readonly inactive = new Set<string>();
  /** Per account: issue ids Jira would not let them browse (e.g. an issue security level). */
  readonly hiddenIssues = new Map<string, Set<string>>();
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
        browsableIssues: (ids) => Promise.resolve(new Set(ids.filter((id) => !this.hiddenIssues.get(this.currentUser)?.has(id)))),
        // As Jira's count of escalated issues the user may browse (every summary's issue carries the property).
        escalatedIssuesSeen: (projectKey) =>
          Promise.resolve(
            [...this.summaries.values()].filter(
              (s) => s.projectKey === projectKey && !this.hiddenIssues.get(this.currentUser)?.has(s.issueId),
            ).length,
          ),
        groupsOf: (id) => Promise.resolve(this.users.get(id)?.groups ?? []),
        inactiveAccounts: (ids) => Promise.resolve(new Set(ids.filter((id) => this.inactive.has(id)))),
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
        active: (projectKey) => this.template(this.active.get(projectKey) ?? this.siteActive ?? BUILT_IN),
        get: (ref) => this.template(ref),
      },
      versioning: {
        draft: (projectKey) => Promise.resolve(structuredClone(this.drafts.get(projectKey))),
        saveDraft: (projectKey, d) => done(() => this.drafts.set(projectKey, structuredClone(d))),
        deleteDraft: (projectKey) => done(() => this.drafts.delete(projectKey)),
        publish: (projectKey, template, record) => {
          if (template.id !== projectTemplateId(projectKey)) return Promise.reject(new Error(`${template.id} is not ${projectKey}'s`));
          if (this.versions.has(refKey(record.ref))) return Promise.reject(new TemplateVersionConflictError(record.ref));
          return done(() => {
            this.versions.set(refKey(record.ref), template);
            this.records.push(record);
            this.active.set(projectKey, record.ref);
            this.drafts.delete(projectKey);
          });
        },
        versions: (projectKey) => {
          const site = this.siteActive;
          const line = (id: string, upTo = Infinity) =>
            this.records.filter((r) => r.ref.id === id && r.ref.version <= upTo).sort((a, b) => a.ref.version - b.ref.version);
          return Promise.resolve([...(site ? line(site.id, site.version) : []), ...line(projectTemplateId(projectKey))]);
        },
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
        // The totals are what folding every stored summary gives (the store's contract), computed on demand.
        totals: (months) => {
          const byKey = new Map<string, AnalyticsTotals>();
          for (const s of this.summaries.values()) {
            const { projectKey, month } = totalsKeyOf(s);
            if (month < months.from || month > months.to) continue;
            const key = `${projectKey}:${month}`;
            byKey.set(key, foldTotals(byKey.get(key) ?? emptyTotals(projectKey, month), { after: s }));
          }
          return Promise.resolve([...byKey.values()]);
        },
        projectCounts: (keys) =>
          Promise.resolve(
            new Map(
              keys.map((k) => [k, [...this.summaries.values()].filter((s) => s.projectKey === k).length] as const).filter(([, n]) => n > 0),
            ),
          ),
        totalsComplete: () => Promise.resolve(true),
        backfillTotals: () => Promise.resolve({ done: true, folded: 0 }),
      },
      reviews: {
        get: (projectKey, id) => Promise.resolve(structuredClone(this.reviews.get(`${projectKey}:${id}`))),
        list: (projectKey) =>
          Promise.resolve([...this.reviews].filter(([key]) => key.startsWith(`${projectKey}:`)).map(([, r]) => structuredClone(r))),
        save: (projectKey, r) => done(() => this.reviews.set(`${projectKey}:${r.id}`, structuredClone(r))),
        siteWide: () => Promise.resolve(structuredClone(this.siteReviews)),
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

  private template(ref: TemplateRef): Promise<ProcessTemplate> {
    if (refKey(ref) === refKey(BUILT_IN)) return Promise.resolve(DEFAULT_PROCESS_TEMPLATE);
    const t = this.versions.get(refKey(ref));
    return t ? Promise.resolve(t) : Promise.reject(new Error(`no template ${refKey(ref)}`));
  }
}

const BUILT_IN: TemplateRef = { id: DEFAULT_PROCESS_TEMPLATE.id, version: DEFAULT_PROCESS_TEMPLATE.version };
export const refKey = (ref: TemplateRef) => `${ref.id}:v${ref.version}`;
