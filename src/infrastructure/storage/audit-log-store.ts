import { auditEntrySchema, type AuditTarget } from '../../domain/configuration/configuration-audit';
import type { AuditLogStore } from '../../usecases/ports/audit-log-store';
import { CorruptRecordError } from './escalation-event-store';
import { queryPrefix, setIfAbsent } from './kvs-prefix-query';

const prefix = (target: AuditTarget) => `audit:${target}:`;
const entryKey = (target: AuditTarget, seq: number) => `${prefix(target)}${String(seq).padStart(8, '0')}`;
const ATTEMPTS = 5;

/**
 * The audit trail of settings, one log per target (`project:DEMO`, `template`, `review`), one key per entry,
 * written create-only like the escalation log: an entry is never overwritten, and two admins saving at the
 * same moment cannot take the same sequence number (the loser reads again and takes the next).
 */
export const kvsAuditLogStore: AuditLogStore = {
  list(target) {
    return queryPrefix(prefix(target), (value, key) => {
      const parsed = auditEntrySchema.safeParse(value);
      if (!parsed.success) throw new CorruptRecordError(`Audit entry ${key} is not valid: ${parsed.error.message}`);
      return parsed.data;
    });
  },
  async append(entry) {
    for (let attempt = 1; ; attempt++) {
      const existing = await this.list(entry.target);
      const full = auditEntrySchema.parse({ ...entry, seq: existing.length + 1 });
      if ((await setIfAbsent(entryKey(entry.target, full.seq), full)) === 'created') return full;
      if (attempt >= ATTEMPTS) throw new Error(`Audit entry ${full.seq} of ${entry.target} stayed contested after ${ATTEMPTS} attempts`);
    }
  },
};
