import { z } from 'zod';
import type { RequestInvolvement } from '../../domain/configuration/project-configuration';
import type { JiraClient, JiraIssue } from './jira-client';

/**
 * Jira Service Management keeps a request's participants and organizations in two custom fields of its
 * own, readable through the platform REST API (`GET /rest/api/3/field`, `GET /rest/api/3/issue/{key}`):
 * their ids differ per site, their types do not.
 */
export const REQUEST_PARTICIPANTS_TYPE = 'com.atlassian.servicedesk:sd-request-participants';
export const ORGANIZATIONS_TYPE = 'com.atlassian.servicedesk:sd-customer-organizations';

interface ServiceManagementFieldIds {
  readonly participants?: string;
  readonly organizations?: string;
}

const usersValue = z.array(z.object({ accountId: z.string() }).passthrough()).nullish();
const organizationsValue = z.array(z.object({ id: z.union([z.string(), z.number()]) }).passthrough()).nullish();
const reporterValue = z.object({ accountId: z.string() }).passthrough().nullish();

/** The two fields' ids on this site, looked up once per invocation. */
export class ServiceManagementFieldLookup {
  private ids: Promise<ServiceManagementFieldIds> | undefined;

  constructor(private readonly asApp: JiraClient) {}

  get(): Promise<ServiceManagementFieldIds> {
    this.ids ??= this.asApp.getFields().then(
      (fields) => ({
        participants: fields.find((f) => f.schema?.custom === REQUEST_PARTICIPANTS_TYPE)?.id,
        organizations: fields.find((f) => f.schema?.custom === ORGANIZATIONS_TYPE)?.id,
      }),
      (error: unknown) => {
        this.ids = undefined;
        throw error;
      },
    );
    return this.ids;
  }
}

/** The fields to ask for with the issue. */
export function involvementFields(ids: ServiceManagementFieldIds): string[] {
  return ['reporter', ...(ids.participants ? [ids.participants] : []), ...(ids.organizations ? [ids.organizations] : [])];
}

/**
 * Whether the person reports the request or takes part in it, and the organizations it is shared with. A
 * site without Jira Service Management has neither field: nobody is then a customer of any organization.
 */
export function involvementOf(issue: JiraIssue, ids: ServiceManagementFieldIds, accountId: string): RequestInvolvement {
  const fields = issue.fields as Record<string, unknown>;
  const reporter = reporterValue.safeParse(fields.reporter);
  const participants = ids.participants ? usersValue.safeParse(fields[ids.participants]) : undefined;
  const organizations = ids.organizations ? organizationsValue.safeParse(fields[ids.organizations]) : undefined;
  const isReporter = reporter.success && reporter.data?.accountId === accountId;
  const isParticipant = participants?.success === true && (participants.data ?? []).some((u) => u.accountId === accountId);
  return {
    involved: isReporter || isParticipant,
    organizationIds: organizations?.success === true ? (organizations.data ?? []).map((o) => String(o.id)) : [],
  };
}
