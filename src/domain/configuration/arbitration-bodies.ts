import { z } from 'zod';

/**
 * The project's list of arbitration bodies for level 4 (external arbitration): the contractor party
 * proposes a body, the client party approves or rejects it. Only approved bodies are offered when an
 * arbitrator is proposed in an escalation. An entry is never deleted: a rejected body stays in the list
 * with who rejected it and why, and may be proposed again as a new entry.
 */
export const ARBITRATION_BODY_STATUSES = ['proposed', 'approved', 'rejected'] as const;
export type ArbitrationBodyStatus = (typeof ARBITRATION_BODY_STATUSES)[number];

export const arbitrationBodyIdSchema = z.string().regex(/^ab-\d{1,6}$/, 'a conciliation body id (ab-1, ab-2, …)');
export const arbitrationBodyInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  /** Contact, address or web site: how to reach the body. */
  details: z.string().trim().max(1000).optional(),
});
export type ArbitrationBodyInput = z.infer<typeof arbitrationBodyInputSchema>;

export const arbitrationBodySchema = arbitrationBodyInputSchema.extend({
  id: arbitrationBodyIdSchema,
  status: z.enum(ARBITRATION_BODY_STATUSES),
  proposedBy: z.string().min(1),
  proposedAt: z.string().datetime({ offset: true }),
  decidedBy: z.string().min(1).optional(),
  decidedAt: z.string().datetime({ offset: true }).optional(),
  comment: z.string().max(5000).optional(),
});
export type ArbitrationBody = z.infer<typeof arbitrationBodySchema>;

export const MAX_ARBITRATION_BODIES = 50;
export const arbitrationBodiesSchema = z.array(arbitrationBodySchema).max(MAX_ARBITRATION_BODIES);

export type ArbitrationBodyRejection = 'duplicate' | 'too-many' | 'not-found' | 'already-decided' | 'own-proposal' | 'comment-required';

/** A proposal or decision the list's rules do not allow; `reason` says which rule. */
export class ArbitrationBodyError extends Error {
  constructor(
    readonly reason: ArbitrationBodyRejection,
    message: string,
  ) {
    super(message);
    this.name = 'ArbitrationBodyError';
  }
}

const sameName = (a: string, b: string) => a.trim().toLocaleLowerCase('de') === b.trim().toLocaleLowerCase('de');

function nextId(list: readonly ArbitrationBody[]): string {
  const highest = list.reduce((max, b) => Math.max(max, Number(b.id.slice(3))), 0);
  return `ab-${highest + 1}`;
}

/**
 * Adds a proposed body. A name already proposed or approved (case-insensitive) is refused; a rejected one
 * may be proposed again.
 *
 * @example
 * proposeArbitrationBody([], { name: 'DIS', by: 'sam', at: '2026-11-23T09:00:00.000Z' })
 * // [{ id: 'ab-1', name: 'DIS', status: 'proposed', proposedBy: 'sam', proposedAt: '2026-11-23T09:00:00.000Z' }]
 */
export function proposeArbitrationBody(
  list: readonly ArbitrationBody[],
  input: ArbitrationBodyInput & { by: string; at: string },
): ArbitrationBody[] {
  const { name, details } = arbitrationBodyInputSchema.parse({ name: input.name, details: input.details });
  if (list.some((b) => b.status !== 'rejected' && sameName(b.name, name))) {
    throw new ArbitrationBodyError('duplicate', `"${name}" is already on the list of conciliation bodies.`);
  }
  if (list.length >= MAX_ARBITRATION_BODIES)
    throw new ArbitrationBodyError('too-many', `The list holds at most ${MAX_ARBITRATION_BODIES} conciliation bodies.`);
  // Keys in the schema's order, so a stored (parsed) entry and a new one compare equal in the audit's diff.
  const body: ArbitrationBody = {
    name,
    ...(details ? { details } : {}),
    id: nextId(list),
    status: 'proposed',
    proposedBy: input.by,
    proposedAt: input.at,
  };
  return [...list, body];
}

/**
 * The client party's decision on a proposed body: approved or rejected (a rejection needs a comment).
 * A decided entry stays decided; nobody decides on their own proposal.
 */
export function decideArbitrationBody(
  list: readonly ArbitrationBody[],
  input: { id: string; decision: 'approve' | 'reject'; comment?: string; by: string; at: string },
): ArbitrationBody[] {
  const body = list.find((b) => b.id === input.id);
  if (!body) throw new ArbitrationBodyError('not-found', `There is no conciliation body ${input.id}.`);
  if (body.status !== 'proposed') throw new ArbitrationBodyError('already-decided', `"${body.name}" was already ${body.status}.`);
  if (body.proposedBy === input.by)
    throw new ArbitrationBodyError('own-proposal', 'The person who proposed a conciliation body cannot also decide on it.');
  const comment = input.comment?.trim();
  if (input.decision === 'reject' && !comment) throw new ArbitrationBodyError('comment-required', 'A rejection needs a comment.');
  const decided: ArbitrationBody = {
    ...body,
    status: input.decision === 'approve' ? 'approved' : 'rejected',
    decidedBy: input.by,
    decidedAt: input.at,
    ...(comment ? { comment } : {}),
  };
  return list.map((b) => (b.id === body.id ? decided : b));
}

/** The bodies both parties agreed on, in the order they were proposed. */
export function approvedArbitrationBodies(list: readonly ArbitrationBody[] | undefined): ArbitrationBody[] {
  return (list ?? []).filter((b) => b.status === 'approved');
}
