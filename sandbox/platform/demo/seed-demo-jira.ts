import { createHash } from 'node:crypto';
import type { Db } from '../db/open-database';
import type { JiraContext } from '../jira/jira-context';
import { insertIssue } from '../jira/issue-repo';
import { PROJECT_PERMISSIONS } from '../jira/permissions';
import { addOrganization, makeServiceRequest } from '../jira/service-management';
import type { Sandbox } from '../sandbox-api';

export const DEMO_USERS = {
  sam: {
    accountId: '712020:sam-service',
    displayName: 'Sam Service',
    email: 'sam.service@contractor.example',
    locale: 'en-US',
    timeZone: 'Europe/Berlin',
    groups: ['contractor-team'],
  },
  carla: {
    accountId: '712020:carla-contractor-lead',
    displayName: 'Carla Contractor-Lead',
    email: 'carla.lead@contractor.example',
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
    groups: ['contractor-team', 'contractor-managers'],
  },
  klaus: {
    accountId: '712020:klaus-kunde',
    displayName: 'Klaus Kunde',
    email: 'klaus.kunde@client.example',
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
    groups: ['client-team'],
  },
  erika: {
    accountId: '712020:erika-executive',
    displayName: 'Erika Executive',
    email: 'erika.executive@client.example',
    locale: 'en-US',
    timeZone: 'Europe/Berlin',
    groups: ['client-team', 'client-executives'],
  },
  ada: {
    accountId: '712020:ada-admin',
    displayName: 'Ada Admin',
    email: 'ada.admin@contractor.example',
    locale: 'en-US',
    timeZone: 'UTC',
    groups: ['jira-administrators'],
  },
  otto: {
    accountId: '712020:otto-outsider',
    displayName: 'Otto Outsider',
    email: 'otto@elsewhere.example',
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
    groups: [] as string[],
  },
} as const;

/**
 * Customers of the Jira Service Management portal, without a Jira licence (account type `customer`, in no
 * group): the client's contract manager and executive (organization "Kunde AG"), and a customer of another
 * organization. They see requests only on the portal.
 */
export const DEMO_CUSTOMERS = {
  clara: {
    accountId: 'qm:sandbox:clara-contract-manager',
    displayName: 'Clara Vertragsmanagerin',
    email: 'clara.vertrag@client.example',
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
  },
  edgar: {
    accountId: 'qm:sandbox:edgar-executive',
    displayName: 'Edgar Executive',
    email: 'edgar.executive@client.example',
    locale: 'en-US',
    timeZone: 'Europe/Berlin',
  },
  fiona: {
    accountId: 'qm:sandbox:fiona-fremdfirma',
    displayName: 'Fiona Fremdfirma',
    email: 'fiona@other-customer.example',
    locale: 'de-DE',
    timeZone: 'Europe/Berlin',
  },
} as const;

/** The demo's organizations; the client's is named in the project settings (DEMO_CONFIGURATION). */
export const DEMO_ORGANIZATIONS = {
  client: { id: 1, name: 'Kunde AG', members: [DEMO_CUSTOMERS.clara.accountId, DEMO_CUSTOMERS.edgar.accountId] },
  other: { id: 2, name: 'Andere GmbH', members: [DEMO_CUSTOMERS.fiona.accountId] },
} as const;

/** Project DEMO's customer portal. */
export const DEMO_PORTAL_ID = 1;

/** Who takes part in which demo request on the portal, and which organization it is shared with. */
const DEMO_REQUESTS: Record<number, { participants: (keyof typeof DEMO_CUSTOMERS)[]; organization?: keyof typeof DEMO_ORGANIZATIONS }> = {
  1: { participants: ['clara'], organization: 'client' },
  2: { participants: ['clara', 'edgar'], organization: 'client' },
  3: { participants: ['clara', 'edgar'], organization: 'client' },
  4: { participants: [] },
  5: { participants: ['clara'], organization: 'client' },
  6: { participants: ['fiona'], organization: 'other' },
};

export const DEMO_GROUPS = ['contractor-team', 'contractor-managers', 'client-team', 'client-executives', 'jira-administrators'];

export interface NewUser {
  accountId: string;
  displayName: string;
  email: string;
  locale: string;
  timeZone: string;
  groups: readonly string[];
}

export function addUser(db: Db, u: NewUser): void {
  db.prepare('INSERT OR REPLACE INTO jira_user (account_id, display_name, email, locale, time_zone) VALUES (?, ?, ?, ?, ?)').run(
    u.accountId,
    u.displayName,
    u.email,
    u.locale,
    u.timeZone,
  );
  for (const g of u.groups) {
    addGroup(db, g);
    db.prepare('INSERT OR IGNORE INTO jira_group_member (group_name, account_id) VALUES (?, ?)').run(g, u.accountId);
  }
}

export function addGroup(db: Db, name: string): void {
  const hex = createHash('sha1').update(name).digest('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-9${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  db.prepare('INSERT OR IGNORE INTO jira_group (group_id, name) VALUES (?, ?)').run(id, name);
}

/** Creates a project whose listed groups hold every project permission (a simple permission scheme). */
export function addProject(
  db: Db,
  p: { id: number; key: string; name: string; lead: string; groups: string[]; roles?: Record<number, string[]> },
): void {
  db.prepare('INSERT OR IGNORE INTO jira_project (id, key, name, lead) VALUES (?, ?, ?, ?)').run(p.id, p.key, p.name, p.lead);
  for (const g of p.groups) {
    addGroup(db, g);
    for (const perm of PROJECT_PERMISSIONS) {
      if (perm === 'ADMINISTER_PROJECTS' && g !== 'jira-administrators') continue;
      db.prepare('INSERT OR IGNORE INTO jira_project_permission (project_id, permission, holder_type, holder) VALUES (?, ?, ?, ?)').run(
        p.id,
        perm,
        'group',
        g,
      );
    }
  }
  for (const [roleId, groups] of Object.entries(p.roles ?? {})) {
    for (const g of groups)
      db.prepare('INSERT OR IGNORE INTO jira_role_actor (project_id, role_id, actor_type, actor) VALUES (?, ?, ?, ?)').run(
        p.id,
        Number(roleId),
        'group',
        g,
      );
  }
}

const DEMO_ISSUES = [
  {
    summary: 'Störung: Rechenzentrum Frankfurt – Storage-Cluster nicht erreichbar',
    priority: 'Highest',
    status: 'Escalated',
    reporter: 'klaus',
    assignee: 'sam',
    daysAgo: 6,
  },
  {
    summary: 'SLA breach: monthly availability report delivered late',
    priority: 'High',
    status: 'In Progress',
    reporter: 'erika',
    assignee: 'carla',
    daysAgo: 12,
  },
  {
    summary: 'Backup-Wiederherstellung schlägt für Mandant 4711 fehl',
    priority: 'High',
    status: 'To Do',
    reporter: 'klaus',
    assignee: 'sam',
    daysAgo: 2,
  },
  {
    summary: 'Change request: migrate VPN gateways to new firmware',
    priority: 'Medium',
    status: 'In Progress',
    reporter: 'sam',
    assignee: 'sam',
    daysAgo: 20,
  },
  {
    summary: 'Rechnungsprüfung Q3: Abweichung bei Bereitschaftsstunden',
    priority: 'Medium',
    status: 'Resolved',
    reporter: 'klaus',
    assignee: 'carla',
    daysAgo: 40,
  },
  {
    summary: 'Password reset portal slow during business hours',
    priority: 'Low',
    status: 'To Do',
    reporter: 'erika',
    assignee: null,
    daysAgo: 1,
  },
] as const;

/**
 * Loads the demo site: the two parties' people and groups, project DEMO "Managed Service", six issues, and
 * Confluence space ESC "Escalation Reports" with a parent page. Idempotent: does nothing if DEMO exists.
 */
export function seedDemoJira(sandbox: Sandbox & { db: Db }): void {
  const db = sandbox.db;
  if (db.prepare("SELECT 1 FROM jira_project WHERE key = 'DEMO'").get()) return;
  const now = sandbox.now().getTime();
  const ctx: JiraContext = {
    db,
    manifest: {
      raw: {},
      appId: '',
      modules: {},
      functions: new Map(),
      resources: new Map(),
      translations: [],
      fallbackLocale: undefined,
      scopes: [],
    },
    now: () => now,
    emit: () => undefined,
    runWorkflowModule: () => Promise.resolve(undefined),
    retryWorkflowModuleLater: () => undefined,
  };
  db.transaction(() => {
    for (const g of DEMO_GROUPS) addGroup(db, g);
    for (const u of Object.values(DEMO_USERS)) addUser(db, u);
    addProject(db, {
      id: 10000,
      key: 'DEMO',
      name: 'Managed Service',
      lead: DEMO_USERS.carla.accountId,
      groups: DEMO_GROUPS,
      roles: {
        10100: ['contractor-team', 'contractor-managers'],
        10101: ['client-team', 'client-executives'],
        10002: ['jira-administrators'],
      },
    });
    for (const c of Object.values(DEMO_CUSTOMERS))
      db.prepare(
        "INSERT OR REPLACE INTO jira_user (account_id, display_name, email, locale, time_zone, account_type) VALUES (?, ?, ?, ?, ?, 'customer')",
      ).run(c.accountId, c.displayName, c.email, c.locale, c.timeZone);
    for (const o of Object.values(DEMO_ORGANIZATIONS)) addOrganization(db, o);
    for (const [index, i] of DEMO_ISSUES.entries()) {
      const created = now - i.daysAgo * 86_400_000;
      const request = DEMO_REQUESTS[index + 1];
      const issue = insertIssue(ctx, {
        projectKey: 'DEMO',
        summary: i.summary,
        issueType: 'Service Request',
        priority: i.priority,
        status: i.status,
        reporter: DEMO_USERS[i.reporter].accountId,
        assignee: i.assignee ? DEMO_USERS[i.assignee].accountId : null,
        created,
        description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: i.summary }] }] },
        watchers: [DEMO_USERS[i.reporter].accountId, ...(i.assignee ? [DEMO_USERS[i.assignee].accountId] : [])],
      });
      if (request)
        makeServiceRequest(db, issue.id, {
          portalId: DEMO_PORTAL_ID,
          participants: request.participants.map((c) => DEMO_CUSTOMERS[c].accountId),
          organizations: request.organization ? [DEMO_ORGANIZATIONS[request.organization].id] : [],
        });
    }
    db.prepare("INSERT OR IGNORE INTO conf_space (id, key, name, homepage_id) VALUES (98305, 'ESC', 'Escalation Reports', 98306)").run();
    db.prepare(
      "INSERT OR IGNORE INTO conf_page (id, space_id, parent_id, title, status, author, created) VALUES (98306, 98305, NULL, 'Escalation Reports', 'current', ?, ?)",
    ).run(DEMO_USERS.ada.accountId, now);
    db.prepare(
      "INSERT OR IGNORE INTO conf_page_version (page_id, number, title, body, author, created) VALUES (98306, 1, 'Escalation Reports', '<p>Reports of the contractual escalation process (Eskalationsberichte).</p>', ?, ?)",
    ).run(DEMO_USERS.ada.accountId, now);
  })();
}
