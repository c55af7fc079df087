/**
 * Forge entry points, one export per manifest `handler: index.<name>`, grouped by module kind.
 */

// Custom UI resolvers
import { createPanelResolver } from './entry/resolvers/escalation-panel-resolver';

export const resolver = createPanelResolver();
