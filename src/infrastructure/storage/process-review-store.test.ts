import type { ProcessReview } from '../../domain/review/process-review';
import { kvsProcessReviewStore as reviews } from './process-review-store';
import { installFakeKvs } from './testing/fake-kvs';

const kvs = installFakeKvs();
beforeEach(() => kvs.reset());

const review = (id: string, findings: string): ProcessReview => ({
  id,
  content: {
    period: { from: '2025-01-01', to: '2026-01-01' },
    findings,
    contractorFeedback: '',
    clientFeedback: '',
    agreedChanges: '',
    training: '',
  },
  revision: 1,
  approvals: [],
  createdBy: 'sam',
  createdAt: '2026-01-05T09:00:00.000Z',
  updatedBy: 'sam',
  updatedAt: '2026-01-05T09:00:00.000Z',
  exports: [],
});

it("keeps each project's reviews apart from other projects' and from the site-wide ones of before", async () => {
  // A record as the site-wide layout wrote it.
  kvs.store.set('review:2025', review('2025', 'site-wide'));
  await reviews.save('DEMO', review('2026', 'DEMO'));
  await reviews.save('DEMO2', review('2026', 'DEMO2'));

  expect(await reviews.get('DEMO', '2026')).toMatchObject({ content: { findings: 'DEMO' } });
  expect(await reviews.get('DEMO', '2025')).toBeUndefined();
  expect((await reviews.list('DEMO')).map((r) => r.content.findings)).toEqual(['DEMO']);
  expect((await reviews.siteWide()).map((r) => r.content.findings)).toEqual(['site-wide']);
  expect([...kvs.store.keys()].sort()).toEqual(['project-review:DEMO2:2026', 'project-review:DEMO:2026', 'review:2025']);
});
