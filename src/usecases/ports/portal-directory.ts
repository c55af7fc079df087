/**
 * Each project's customer portal id, learnt from the portal module's Forge context (`extension.portal.id`)
 * when a client opens the escalation on the portal: the platform REST API does not name it, and the Jira
 * Service Management API is not used (no spec here). Notifications link customers to
 * `/servicedesk/customer/portal/<portalId>/<issueKey>` once it is known.
 */
export interface PortalDirectory {
  portalIdOf(projectKey: string): Promise<number | undefined>;
  remember(projectKey: string, portalId: number): Promise<void>;
}
