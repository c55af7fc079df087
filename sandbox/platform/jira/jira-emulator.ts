import { Router } from '../http/router';
import type { JiraContext } from './jira-context';
import { registerPeopleRoutes } from './people-routes';
import { registerIssueRoutes } from './issue-routes';
import { registerPropertyRoutes } from './property-routes';
import { registerAppFieldRoutes } from './app-field-routes';
import { registerSearchRoutes } from './search-routes';
import { registerChangelogRoutes } from './changelog-routes';
import { registerCommentRoutes } from './comment-routes';
import { registerWorkflowRoutes } from './workflow-routes';
import { registerTaskRoutes, runDueTasks } from './task-routes';

/** Jira Cloud REST v3, the part the app uses, on SQLite. */
export function createJiraRouter(ctx: JiraContext): Router {
  const router = new Router('Jira');
  registerPeopleRoutes(router, ctx);
  registerIssueRoutes(router, ctx);
  registerPropertyRoutes(router, ctx);
  registerAppFieldRoutes(router, ctx);
  registerSearchRoutes(router, ctx);
  registerChangelogRoutes(router, ctx);
  registerCommentRoutes(router, ctx);
  registerWorkflowRoutes(router, ctx);
  registerTaskRoutes(router, ctx);
  // Jira runs its asynchronous tasks on its own; here each runs before the next request is answered.
  const handle = router.handle.bind(router);
  router.handle = (req, match) => {
    runDueTasks(ctx);
    return handle(req, match);
  };
  return router;
}
