import type { EscalationEvent } from '../escalation/escalation-event';
import { replayEscalation } from '../escalation/replay-escalation';
import type { Locale } from '../process/process-template';
import { buildEscalationReport } from './build-escalation-report';
import { renderStorage } from './render-storage';
import type { HistoryEntry, IssueComment, ReportInput } from './report-input';
import { paginatePieces, paginateReport } from './report-pages';
import { ReportHistoryDigest, reportJsonPieces, storagePieces, streamEscalationReport } from './report-stream';
import { NASTY } from './testing/hostile-text';
import { PLAIN_TEXTS, reportFixture, type FixtureTexts } from './testing/report-fixture';

const HOUR = 3_600_000;

/** Every text hostile: markup, control characters, lone surrogates, astral characters, bidirectional overrides. */
const HOSTILE_TEXTS = Object.fromEntries(
  Object.keys(PLAIN_TEXTS).map((key, i) => [key, `${NASTY[i % NASTY.length]}${NASTY[(i + 13) % NASTY.length]}\ud83d`]),
) as unknown as FixtureTexts;

/**
 * The fixture's escalation grown to a few thousand events: status updates between its records (some at the
 * same instant as a status change, one recorded out of order), a changelog of status and other changes
 * (several items to an entry, some before the start) and more comments than the discussion shows (long ones,
 * umlauts, an emoji, hostile text).
 */
function longInput(locale: Locale, texts = PLAIN_TEXTS): ReportInput {
  const base = reportFixture(texts, locale);
  const events: Omit<EscalationEvent, 'seq'>[] = [];
  base.log.forEach((event, i) => {
    const { seq: _seq, ...rest } = event;
    events.push(rest);
    const from = Date.parse(event.at);
    const to = Date.parse(base.log[i + 1]?.at ?? event.at) + HOUR;
    for (let k = 0; k < 120; k++) {
      // Whole minutes, so log events and status changes meet at the same instant now and then.
      const at = new Date(from + Math.floor(((to - from) * k) / 120 / 60_000) * 60_000).toISOString();
      events.push({
        type: 'status-update-posted',
        at: k === 7 ? new Date(from - HOUR).toISOString() : at,
        actor: k % 3 === 0 ? base.log[0]!.actor : { accountId: 'klaus', party: 'client' },
        text: `${k % 2 ? texts.note : 'Größe 🚀'} ${i}/${k}`,
      } as Omit<EscalationEvent, 'seq'>);
    }
  });
  const log = events.map((e, i) => ({ ...e, seq: i + 1 }) as EscalationEvent);
  const start = Date.parse(log[0]!.at);
  const changelog: HistoryEntry[] = Array.from({ length: 2_500 }, (_, i) => ({
    id: String(i),
    at: new Date(start - 2 * HOUR + Math.floor((i * 100 * HOUR) / 2_500 / 60_000) * 60_000).toISOString(),
    ...(i % 11 === 0 ? {} : { authorId: i % 2 ? 'sam' : 'klaus' }),
    items:
      i % 5 === 0
        ? [
            { field: 'status', from: 'Open', to: i % 10 ? texts.name : null },
            { field: 'labels', from: null, to: `l${i}` },
            { field: 'status', from: 'Escalated', to: 'Open' },
          ]
        : [{ field: i % 3 ? 'labels' : 'status', from: `a${i}`, to: `b${i}` }],
  }));
  const comments: IssueComment[] = Array.from({ length: 1_200 }, (_, i) => ({
    id: String(10_000 + i),
    at: new Date(start + Math.floor((i * 97 * HOUR) / 1_200)).toISOString(),
    ...(i % 13 === 0 ? {} : { authorId: i % 2 ? 'sam' : 'klaus' }),
    text: i % 50 === 0 ? `${'ä'.repeat(999)}🚀 ${i}` : i % 51 === 0 ? 'x'.repeat(1_001) : `${texts.comment} ${i}`,
  }));
  return { ...base, log, state: replayEscalation(log)!, changelog, comments };
}

/** The same report streamed, its history handed over in pages of the given sizes. */
function streamed(input: ReportInput, changelogPage: number, commentPage: number) {
  const { changelog, comments, ...rest } = input;
  const history = new ReportHistoryDigest(input.state);
  for (let i = 0; i < changelog.length; i += changelogPage) history.addChangelog(changelog.slice(i, i + changelogPage));
  for (let i = 0; i < comments.length; i += commentPage) history.addComments(comments.slice(i, i + commentPage));
  return streamEscalationReport({ ...rest, history });
}

describe('streamEscalationReport', () => {
  it.each([
    ['en', PLAIN_TEXTS, 1_000, 100],
    ['de', HOSTILE_TEXTS, 7, 1],
  ] as const)(
    'gives the one-shot report of a long escalation (%s): head, pages, storage text and JSON alike',
    (locale, texts, changelogPage, commentPage) => {
      const input = longInput(locale, texts);
      expect(input.log.length).toBeGreaterThan(3_000);
      const report = buildEscalationReport(input);
      const stream = streamed(input, changelogPage, commentPage);

      const { sections, ...head } = report;
      expect(stream.head).toEqual(head);
      expect([...reportJsonPieces(stream)].join('')).toBe(JSON.stringify(report));
      expect([...storagePieces(stream)].join('')).toBe(renderStorage(report));
      for (const maxBytes of [200 * 1024, 20_000, 3_000]) {
        const pages = [...paginatePieces(stream.pieces(), maxBytes)];
        expect(pages).toEqual(paginateReport({ sections }, maxBytes));
        expect(JSON.stringify(pages)).toBe(JSON.stringify(paginateReport({ sections }, maxBytes)));
      }
      // What the comparison covers: a timeline cut over many pages, the discussion cut to its latest comments.
      expect(paginateReport({ sections }, 20_000).length).toBeGreaterThan(20);
      expect(JSON.stringify(sections)).toContain(`${input.words.moreComments.split(' ')[0]}`);
    },
  );

  it('gives the one-shot report of the fixture as it is (a short history, a stay without rows)', () => {
    const input: ReportInput = { ...reportFixture(), changelog: [], comments: [] };
    const report = buildEscalationReport(input);
    const stream = streamed(input, 10, 10);
    expect([...reportJsonPieces(stream)].join('')).toBe(JSON.stringify(report));
    expect([...storagePieces(stream)].join('')).toBe(renderStorage(report));
    expect([...paginatePieces(stream.pieces(), 200 * 1024)]).toEqual(paginateReport(report, 200 * 1024));
  });
});
