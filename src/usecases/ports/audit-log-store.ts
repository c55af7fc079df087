import type { AuditEntry, AuditTarget, NewAuditEntry } from '../../domain/configuration/configuration-audit';

/**
 * The audit trail of settings, one log per target (`project:DEMO`, `template`, `review`): entries are never
 * overwritten, and two admins saving at the same moment cannot take the same sequence number.
 */
export interface AuditLogStore {
  list(target: AuditTarget): Promise<AuditEntry[]>;
  append(entry: NewAuditEntry): Promise<AuditEntry>;
}
