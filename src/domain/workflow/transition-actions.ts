/** What a workflow transition can do to an escalation (zod-free, for the configuration view's bundle). */
export const TRANSITION_ACTIONS = ['start', 'escalate', 'de-escalate', 'resolve', 'reopen', 'close'] as const;
export type TransitionAction = (typeof TRANSITION_ACTIONS)[number];
