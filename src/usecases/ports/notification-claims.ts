/**
 * A claim on sending one notification, kept in Forge storage. Attempts are numbered; each attempt is
 * created with FAIL_IF_EXISTS, so of two runs that race for the same attempt exactly one holds it.
 */
export interface NotificationClaim {
  readonly attempt: number;
  readonly holder: string;
  /** Epoch ms after which the holder is certainly gone (longer than any function may run). */
  readonly leaseUntil: number;
  readonly notified: boolean;
  /** Recipients (`user:…`, `group:…`) an attempt reached: a later attempt sends only to the others. */
  readonly reached?: readonly string[];
  /** Claims of versions that also commented (notifications are no longer comments): read, not written. */
  readonly commented?: boolean;
  /** The step the holder started and has not finished: unknown outcome if the holder died. */
  readonly inFlight?: 'notify' | 'comment';
  /** The holder got an error answer: the unfinished steps certainly did not happen. */
  readonly failed?: boolean;
  readonly done: boolean;
}

export interface NotificationClaims {
  latest(issueId: string, ref: string): Promise<NotificationClaim | undefined>;
  /** @returns false when another run created this attempt first. */
  create(issueId: string, ref: string, claim: NotificationClaim): Promise<boolean>;
  /** Only the holder of an attempt updates it. */
  update(issueId: string, ref: string, claim: NotificationClaim): Promise<void>;
}
