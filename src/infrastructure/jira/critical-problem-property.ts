import { criticalProblemSchema, type CriticalProblem } from '../../domain/sweep/critical-priority';

/** The issue property that records a critical problem while no escalation runs. */
export const CRITICAL_PROBLEM_PROPERTY_KEY = 'critical-problem';

/**
 * The recorded critical problem among an issue's properties (as `GET issue` or a search returns them).
 * Anyone who may edit the issue may rewrite the property: a value that does not fit is left out.
 */
export function criticalProblemOf(properties: Readonly<Record<string, unknown>> | undefined): CriticalProblem | undefined {
  const parsed = criticalProblemSchema.safeParse(properties?.[CRITICAL_PROBLEM_PROPERTY_KEY]);
  return parsed.success ? parsed.data : undefined;
}
