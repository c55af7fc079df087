/**
 * Forge entry points, one export per manifest `handler: index.<name>`, grouped by module kind.
 */
import { createPanelResolver } from './entry/resolvers/escalation-panel-resolver';
import { createTransitionPostFunction, createTransitionValidator } from './entry/workflow/escalation-workflow-rules';

// Custom UI resolvers (issue panel, workflow rule configuration views)
export const resolver = createPanelResolver();

// Workflow rules
export const validateEscalationTransition = createTransitionValidator();
export const recordEscalationTransition = createTransitionPostFunction();
