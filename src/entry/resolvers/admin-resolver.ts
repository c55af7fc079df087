import Resolver from '@forge/resolver';
import type { Request } from '@forge/resolver';
import { createAdminDeps } from '../../infrastructure/admin-app-deps';
import { RESOLVER_BUDGET_MS } from '../invocation-budgets';
import { adminPayloads, type AdminResults } from '../../shared/admin-contract';
import type { AdminDeps, AdminRequester } from '../../usecases/admin-deps';
import {
  decideTemplateDraft,
  discardTemplateDraft,
  getProcessTemplate,
  getTemplateVersion,
  saveTemplateDraft,
} from '../../usecases/process-template-use-cases';
import { approveReview, exportReview, getReviews, saveReview } from '../../usecases/process-review-use-cases';
import { decideArbitrationBody, getArbitrationBodies, proposeArbitrationBody } from '../../usecases/arbitration-body-use-cases';
import { getProjectSettings, saveProjectSettings, searchUsers } from '../../usecases/project-settings-use-cases';
import { exportAnalyticsCsv, getAnalytics } from '../../usecases/revision-analytics-use-cases';
import { defineContractResolvers } from './define-resolvers';

/**
 * Admin pages have no issue: identity is the context's account; a project settings page's project comes
 * from its context (`extension.project.key`), never from the payload.
 */
export function adminRequesterOf(request: Request): AdminRequester | undefined {
  const accountId: unknown = request.context?.accountId;
  if (typeof accountId !== 'string') return undefined;
  const extension = request.context?.extension as { type?: string; project?: { key?: unknown } } | undefined;
  const projectKey = extension?.type === 'jira:projectSettingsPage' ? extension.project?.key : undefined;
  return typeof projectKey === 'string' ? { accountId, projectKey } : { accountId };
}

/** The resolvers of the administration, project settings and analytics pages; deps made per invocation. */
export function createAdminResolver(makeDeps: () => AdminDeps = () => createAdminDeps(RESOLVER_BUDGET_MS)) {
  return defineContractResolvers<typeof adminPayloads, AdminRequester, AdminResults>(
    new Resolver(),
    { payloads: adminPayloads, identify: adminRequesterOf, missingContext: 'This function must be called by a signed-in user.' },
    {
      getProjectSettings: (payload, requester) => getProjectSettings(makeDeps(), requester, payload),
      saveProjectSettings: (payload, requester) => saveProjectSettings(makeDeps(), requester, payload),
      searchUsers: (payload, requester) => searchUsers(makeDeps(), requester, payload),
      getArbitrationBodies: (payload, requester) => getArbitrationBodies(makeDeps(), requester, payload),
      proposeArbitrationBody: (payload, requester) => proposeArbitrationBody(makeDeps(), requester, payload),
      decideArbitrationBody: (payload, requester) => decideArbitrationBody(makeDeps(), requester, payload),
      getProcessTemplate: (payload, requester) => getProcessTemplate(makeDeps(), requester, payload),
      getTemplateVersion: (payload, requester) => getTemplateVersion(makeDeps(), requester, payload),
      saveTemplateDraft: (payload, requester) => saveTemplateDraft(makeDeps(), requester, payload),
      discardTemplateDraft: (payload, requester) => discardTemplateDraft(makeDeps(), requester, payload),
      decideTemplateDraft: (payload, requester) => decideTemplateDraft(makeDeps(), requester, payload),
      getAnalytics: (payload, requester) => getAnalytics(makeDeps(), requester, payload),
      exportAnalyticsCsv: (payload, requester) => exportAnalyticsCsv(makeDeps(), requester, payload),
      getReviews: (payload, requester) => getReviews(makeDeps(), requester, payload),
      saveReview: (payload, requester) => saveReview(makeDeps(), requester, payload),
      approveReview: (payload, requester) => approveReview(makeDeps(), requester, payload),
      exportReview: (payload, requester) => exportReview(makeDeps(), requester, payload),
    },
  ).getDefinitions();
}
