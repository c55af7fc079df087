import type { Db } from '../db/open-database';
import { selfUrl } from './jira-format';
import { userRef } from './reference-data';

/**
 * Jira Service Management as the platform REST API shows it: a service project's requests carry two custom
 * fields of JSM's own, "Request participants" and "Organizations" (types below; ids differ per site). The
 * portal shows a customer a request they report or take part in, or one shared with an organization they
 * belong to; everyone else does not see it. Forge refuses asUser() for customers (forge-fetch.ts).
 */
export const JSM_FIELDS = {
  participants: {
    id: 'customfield_10026',
    numericId: 10026,
    name: 'Request participants',
    type: 'com.atlassian.servicedesk:sd-request-participants',
    items: 'user',
  },
  organizations: {
    id: 'customfield_10002',
    numericId: 10002,
    name: 'Organizations',
    type: 'com.atlassian.servicedesk:sd-customer-organizations',
    items: 'sd-customerorganization',
  },
} as const;

export interface ServiceRequestRow {
  issue_id: number;
  portal_id: number;
  participants: string;
  organizations: string;
}

export function serviceRequest(db: Db, issueId: number): ServiceRequestRow | undefined {
  return db.prepare('SELECT * FROM jsm_request WHERE issue_id = ?').get(issueId) as ServiceRequestRow | undefined;
}

/** The two fields as `GET /rest/api/3/field` lists them. */
export function serviceManagementFieldList(): Record<string, unknown>[] {
  return Object.values(JSM_FIELDS).map((f) => ({
    id: f.id,
    key: f.id,
    name: f.name,
    untranslatedName: f.name,
    custom: true,
    orderable: true,
    navigable: true,
    searchable: true,
    clauseNames: [`cf[${f.numericId}]`, f.name],
    schema: { type: 'array', items: f.items, custom: f.type, customId: f.numericId },
  }));
}

/** The fields' values on an issue: users and organizations of a service request, empty (null) elsewhere. */
export function serviceManagementFieldValues(db: Db, issueId: number): Record<string, unknown> {
  const request = serviceRequest(db, issueId);
  if (!request) return { [JSM_FIELDS.participants.id]: null, [JSM_FIELDS.organizations.id]: null };
  const participants = JSON.parse(request.participants) as string[];
  const organizationIds = JSON.parse(request.organizations) as number[];
  return {
    [JSM_FIELDS.participants.id]: participants.map((id) => userRef(db, id)),
    [JSM_FIELDS.organizations.id]: organizationIds.map((id) => {
      const org = db.prepare('SELECT id, name FROM jsm_organization WHERE id = ?').get(id) as { id: number; name: string } | undefined;
      return {
        id: String(id),
        name: org?.name ?? '',
        _links: { self: selfUrl(`/rest/servicedeskapi/organization/${id}`) },
      };
    }),
  };
}

/** Whether the customer sees the request on the portal: reporter, participant, or member of an organization it is shared with. */
export function customerSeesRequest(db: Db, accountId: string, issueId: number): boolean {
  const request = serviceRequest(db, issueId);
  if (!request) return false;
  const issue = db.prepare('SELECT reporter FROM jira_issue WHERE id = ?').get(issueId) as { reporter: string | null } | undefined;
  if (issue?.reporter === accountId) return true;
  if ((JSON.parse(request.participants) as string[]).includes(accountId)) return true;
  const organizations = JSON.parse(request.organizations) as number[];
  return organizations.some((id) =>
    db.prepare('SELECT 1 FROM jsm_organization_member WHERE organization_id = ? AND account_id = ?').get(id, accountId),
  );
}

/** The portal URL of a request, as JSM builds it: `/servicedesk/customer/portal/{portalId}/{issueKey}`. */
export function portalRequestPath(portalId: number, issueKey: string): string {
  return `/servicedesk/customer/portal/${portalId}/${issueKey}`;
}

export function addOrganization(db: Db, org: { id: number; name: string; members: readonly string[] }): void {
  db.prepare('INSERT OR IGNORE INTO jsm_organization (id, name) VALUES (?, ?)').run(org.id, org.name);
  for (const m of org.members)
    db.prepare('INSERT OR IGNORE INTO jsm_organization_member (organization_id, account_id) VALUES (?, ?)').run(org.id, m);
}

/** Makes an issue a portal request of the given portal, shared with organizations and participants. */
export function makeServiceRequest(
  db: Db,
  issueId: number,
  r: { portalId: number; participants: readonly string[]; organizations: readonly number[] },
): void {
  db.prepare('INSERT OR REPLACE INTO jsm_request (issue_id, portal_id, participants, organizations) VALUES (?, ?, ?, ?)').run(
    issueId,
    r.portalId,
    JSON.stringify(r.participants),
    JSON.stringify(r.organizations),
  );
}
