import { z } from 'zod';
import { resolverPayloads, type ResolverResponse } from './resolver-contract';
import type { PortalView } from './portal-view';
import type { ReportDocument } from './report-view';

/**
 * The portal's resolvers (module `jiraServiceManagement:portalRequestDetail`): the client's actions only, each
 * with the issue panel's payload schema minus `onBehalf` (nobody acts for a party on the portal, and a payload
 * naming a party is refused as invalid). Identity, request and channel come from the Forge context.
 */
export const portalPayloads = {
  getPortalEscalation: z.object({}).strict(),
  acknowledgeNotice: resolverPayloads.acknowledgeNotice.omit({ onBehalf: true }).strict(),
  fulfilObligation: resolverPayloads.fulfilObligation.omit({ onBehalf: true }).strict(),
  decideActionPlan: resolverPayloads.decideActionPlan.omit({ onBehalf: true }).strict(),
  answerProposal: resolverPayloads.answerProposal.omit({ onBehalf: true }).strict(),
  decideArbitrator: resolverPayloads.decideArbitrator.omit({ onBehalf: true }).strict(),
  approveReport: resolverPayloads.approveReport.omit({ onBehalf: true }).strict(),
  requestReportChanges: resolverPayloads.requestReportChanges.omit({ onBehalf: true }).strict(),
  /** A submitted version to read before deciding (printable HTML or Markdown; the storage text stays in Jira). */
  getReportVersion: z
    .object({ reportVersion: resolverPayloads.getReportVersion.shape.reportVersion, format: z.enum(['markdown', 'html']) })
    .strict(),
} as const;

export type PortalKey = keyof typeof portalPayloads;
export type PortalPayload<K extends PortalKey> = z.input<(typeof portalPayloads)[K]>;
/** Every portal resolver answers with the portal's view after its action; a report version with its text. */
export type PortalResults = { [K in Exclude<PortalKey, 'getReportVersion'>]: PortalView } & { getReportVersion: ReportDocument };
export type PortalResponse<K extends PortalKey> = ResolverResponse<PortalResults[K]>;
