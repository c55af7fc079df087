import { kvs } from './rate-limited-kvs';
import { z } from 'zod';
import type { EscalationReport } from '../../domain/report/report-model';
import type { ReportArchive } from '../../usecases/ports/report-ports';
import { CorruptRecordError } from './escalation-event-store';

/** 40,000 UTF-16 units stay under 240 KiB even if every one were written as a 6-byte JSON escape. */
export const CHUNK_CHARS = 40_000;

export const reportBlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('paragraph'), text: z.string() }),
  z.object({ kind: z.literal('heading'), text: z.string() }),
  z.object({ kind: z.literal('note'), text: z.string() }),
  z.object({ kind: z.literal('facts'), items: z.array(z.object({ label: z.string(), value: z.string() })) }),
  z.object({ kind: z.literal('list'), items: z.array(z.string()) }),
  z.object({ kind: z.literal('table'), columns: z.array(z.string()), rows: z.array(z.array(z.string())) }),
]);
export const escalationReportSchema = z
  .object({
    locale: z.enum(['de', 'en']),
    title: z.string(),
    issueKey: z.string(),
    generatedAt: z.string(),
    // Versions frozen before the subtitle existed get the plain one they were rendered with.
    subtitle: z.string().optional(),
    sections: z.array(z.object({ id: z.string(), title: z.string(), blocks: z.array(reportBlockSchema) })),
    obligations: z.array(
      z
        .object({
          obligationId: z.string(),
          section: z.string(),
          party: z.enum(['contractor', 'client']),
          text: z.string(),
          outcome: z.string(),
        })
        .passthrough(),
    ),
    figures: z.object({ highestLevel: z.number(), levels: z.array(z.unknown()), deadlines: z.array(z.unknown()) }).passthrough(),
  })
  .transform((report) => ({ ...report, subtitle: report.subtitle ?? `${report.issueKey} · ${report.generatedAt}` }));
const metaSchema = z.object({
  schemaVersion: z.literal(1),
  contentHash: z.string().regex(/^[a-f0-9]{64}$/),
  chunks: z.number().int().positive(),
  length: z.number().int(),
});
const contentSchema = z.object({ report: escalationReportSchema, storage: z.string() });

const prefix = (issueId: string, hash: string) => `report:${issueId}:${hash}`;

/**
 * Frozen report versions in Forge KVS, content-addressed per issue: `report:{issueId}:{sha256}:…`. A version
 * is written once and never changed (its hash is its name). Large reports are split into chunks under
 * KVS's 240 KiB value limit; the meta entry is written last, so a half-written version is never read.
 * Read back, every part is checked with zod and the storage text against its SHA-256; a version that is
 * missing or does not match its hash throws {@link CorruptRecordError}.
 */
export function kvsReportArchive(sha256: (text: string) => string): ReportArchive {
  return {
    async save(issueId, frozen) {
      const key = prefix(issueId, frozen.contentHash);
      if (await kvs.get(`${key}:meta`)) return; // content-addressed: already frozen
      const text = JSON.stringify({ report: frozen.report, storage: frozen.storage });
      const chunks = Math.max(1, Math.ceil(text.length / CHUNK_CHARS));
      for (let i = 0; i < chunks; i++)
        await kvs.set(`${key}:chunk:${String(i).padStart(4, '0')}`, text.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS));
      await kvs.set(`${key}:meta`, { schemaVersion: 1, contentHash: frozen.contentHash, chunks, length: text.length });
    },
    async saveParts(issueId, frozen) {
      const key = prefix(issueId, frozen.contentHash);
      if (await kvs.get(`${key}:meta`)) return; // content-addressed: already frozen
      // The text `save` writes, `{"report":…,"storage":"…"}`, cut into the same chunks as it is made.
      function* text(): Generator<string> {
        yield '{"report":';
        yield* frozen.reportJson();
        yield ',"storage":"';
        for (const part of frozen.storage()) yield JSON.stringify(part).slice(1, -1);
        yield '"}';
      }
      let buffer = '';
      let chunks = 0;
      let length = 0;
      const write = (chunk: string) => kvs.set(`${key}:chunk:${String(chunks++).padStart(4, '0')}`, chunk);
      for (const part of text()) {
        buffer += part;
        length += part.length;
        while (buffer.length >= CHUNK_CHARS) {
          await write(buffer.slice(0, CHUNK_CHARS));
          buffer = buffer.slice(CHUNK_CHARS);
        }
      }
      if (buffer.length > 0 || chunks === 0) await write(buffer);
      await kvs.set(`${key}:meta`, { schemaVersion: 1, contentHash: frozen.contentHash, chunks, length });
    },
    async load(issueId, contentHash) {
      const key = prefix(issueId, contentHash);
      const meta = metaSchema.safeParse(await kvs.get(`${key}:meta`));
      if (!meta.success) throw new CorruptRecordError(`Report ${contentHash} of issue ${issueId} is missing or unreadable`);
      const parts = await Promise.all(
        Array.from({ length: meta.data.chunks }, (_, i) => kvs.get<unknown>(`${key}:chunk:${String(i).padStart(4, '0')}`)),
      );
      if (parts.some((p) => typeof p !== 'string'))
        throw new CorruptRecordError(`Report ${contentHash} of issue ${issueId} has missing parts`);
      const text = (parts as string[]).join('');
      if (text.length !== meta.data.length) throw new CorruptRecordError(`Report ${contentHash} of issue ${issueId} has the wrong length`);
      const content = contentSchema.safeParse(JSON.parse(text));
      if (!content.success)
        throw new CorruptRecordError(`Report ${contentHash} of issue ${issueId} is not valid: ${content.error.message}`);
      if (sha256(content.data.storage) !== contentHash)
        throw new CorruptRecordError(`Report ${contentHash} of issue ${issueId} does not match its hash`);
      return { contentHash, report: content.data.report as unknown as EscalationReport, storage: content.data.storage };
    },
  };
}
