import type { EscalationReport, ReportBlock, ReportPiece, ReportSection, ReportSectionId } from './report-model';

/** One page of a report: its sections in order, a section cut across pages appearing on each with its title. */
export interface ReportPage {
  readonly sections: readonly ReportSection[];
}

/** The report without its sections: what every page is shown under. */
export type ReportHead = Omit<EscalationReport, 'sections'>;

/**
 * UTF-8 bytes of a string, as storage and the bridge count them (a surrogate pair is one 4-byte character).
 *
 * @example
 * utf8Length('Größe') // 7
 */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const sizeOf = (value: unknown) => utf8Length(JSON.stringify(value));

/** A table or list too large for one page is cut into parts of whole rows (items); a table part keeps its columns. */
function splitBlock(block: ReportBlock, maxBytes: number): ReportBlock[] {
  if (sizeOf(block) <= maxBytes) return [block];
  if (block.kind !== 'table' && block.kind !== 'list') return [block];
  const rows: readonly unknown[] = block.kind === 'table' ? block.rows : block.items;
  const part = (from: number, to: number): ReportBlock =>
    block.kind === 'table' ? { ...block, rows: block.rows.slice(from, to) } : { ...block, items: block.items.slice(from, to) };
  const parts: ReportBlock[] = [];
  let from = 0;
  let bytes = sizeOf(part(0, 0));
  for (let i = 0; i < rows.length; i++) {
    const row = sizeOf(rows[i]) + 1;
    if (i > from && bytes + row > maxBytes) {
      parts.push(part(from, i));
      from = i;
      bytes = sizeOf(part(0, 0));
    }
    bytes += row;
  }
  parts.push(part(from, rows.length));
  return parts;
}

/**
 * Cuts a report into pages of at most `maxBytes` of JSON each (UTF-8), in reading order: whole blocks where
 * they fit, a long table or list in parts of whole rows. Every section appears, an empty one with its title.
 * A single row or paragraph larger than a page stays whole (the caller's limit must leave room for the
 * largest text a block may hold).
 *
 * @example
 * const pages = paginateReport(report, 200_000); // pages[0].sections[0].id === 'introduction'
 */
export function paginateReport(report: Pick<EscalationReport, 'sections'>, maxBytes: number): ReportPage[] {
  const pages: ReportSection[][] = [[]];
  let bytes = 2;
  const current = () => pages[pages.length - 1]!;
  for (const section of report.sections) {
    const header = sizeOf({ id: section.id, title: section.title, blocks: [] }) + 1;
    const blocks = section.blocks.flatMap((b) => splitBlock(b, maxBytes - header - 16));
    if (blocks.length === 0) {
      if (bytes + header > maxBytes && current().length > 0) {
        pages.push([]);
        bytes = 2;
      }
      current().push({ ...section, blocks: [] });
      bytes += header;
      continue;
    }
    for (const block of blocks) {
      const size = sizeOf(block) + 1;
      const last = current().at(-1);
      const open = last?.id === section.id;
      if (bytes + size + (open ? 0 : header) > maxBytes && current().length > 0) {
        pages.push([]);
        bytes = 2;
      }
      const page = current();
      const fragment = page.at(-1);
      if (fragment?.id === section.id) page[page.length - 1] = { ...fragment, blocks: [...fragment.blocks, block] };
      else {
        page.push({ id: section.id, title: section.title, blocks: [block] });
        bytes += header;
      }
      bytes += size;
    }
  }
  return pages.map((sections) => ({ sections }));
}

/**
 * {@link paginateReport} over a streamed report: the same pages, each handed on as soon as the next one starts,
 * so only one page (and the rows of a table not yet placed, at most a page's worth) is held at a time.
 */
export function* paginatePieces(pieces: Iterable<ReportPiece>, maxBytes: number): Generator<ReportPage> {
  let page: { id: ReportSectionId; title: string; blocks: ReportBlock[] }[] = [];
  let bytes = 2;
  let section: { id: ReportSectionId; title: string } | undefined;
  let header = 0;
  let placed = 0;

  function* place(block: ReportBlock): Generator<ReportPage> {
    const size = sizeOf(block) + 1;
    const open = page.at(-1)?.id === section!.id;
    if (bytes + size + (open ? 0 : header) > maxBytes && page.length > 0) {
      yield { sections: page };
      page = [];
      bytes = 2;
    }
    const fragment = page.at(-1);
    if (fragment?.id === section!.id) fragment.blocks.push(block);
    else {
      page.push({ id: section!.id, title: section!.title, blocks: [block] });
      bytes += header;
    }
    bytes += size;
    placed++;
  }
  function* close(): Generator<ReportPage> {
    if (!section || placed > 0) return;
    if (bytes + header > maxBytes && page.length > 0) {
      yield { sections: page };
      page = [];
      bytes = 2;
    }
    page.push({ id: section.id, title: section.title, blocks: [] });
    bytes += header;
  }

  // A streamed table: its rows are held until it is known to fit whole; past that it is cut as splitBlock cuts.
  let table: { columns: readonly string[]; base: number; rows: (readonly string[])[]; sizes: number[]; total: number; cutting: boolean } = {
    columns: [],
    base: 0,
    rows: [],
    sizes: [],
    total: 0,
    cutting: false,
  };
  let part: { rows: (readonly string[])[]; bytes: number } = { rows: [], bytes: 0 };
  const limit = () => maxBytes - header - 16;
  function* cut(row: readonly string[], size: number): Generator<ReportPage> {
    if (part.rows.length > 0 && part.bytes + size + 1 > limit()) {
      yield* place({ kind: 'table', columns: table.columns, rows: part.rows });
      part = { rows: [], bytes: table.base };
    }
    part.rows.push(row);
    part.bytes += size + 1;
  }

  for (const piece of pieces) {
    switch (piece.kind) {
      case 'section':
        yield* close();
        section = { id: piece.id, title: piece.title };
        header = sizeOf({ id: piece.id, title: piece.title, blocks: [] }) + 1;
        placed = 0;
        break;
      case 'block':
        for (const block of splitBlock(piece.block, limit())) yield* place(block);
        break;
      case 'table-start': {
        const base = sizeOf({ kind: 'table', columns: piece.columns, rows: [] });
        table = { columns: piece.columns, base, rows: [], sizes: [], total: base - 1, cutting: false };
        part = { rows: [], bytes: base };
        break;
      }
      case 'table-row': {
        const size = sizeOf(piece.row);
        if (table.cutting) {
          yield* cut(piece.row, size);
          break;
        }
        table.rows.push(piece.row);
        table.sizes.push(size);
        table.total += size + 1;
        if (table.total > limit()) {
          table.cutting = true;
          const held = table.rows;
          const sizes = table.sizes;
          table = { ...table, rows: [], sizes: [] };
          for (let i = 0; i < held.length; i++) yield* cut(held[i]!, sizes[i]!);
        }
        break;
      }
      case 'table-end':
        if (table.cutting) yield* place({ kind: 'table', columns: table.columns, rows: part.rows });
        else yield* place({ kind: 'table', columns: table.columns, rows: table.rows });
    }
  }
  yield* close();
  yield { sections: page };
}
