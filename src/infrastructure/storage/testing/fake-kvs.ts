/**
 * An in-memory KVS behind `global.__forge_fetch__`, the seam the real `@forge/kvs` client calls, so the
 * errors the stores see are the client's own. Keys are checked as the storage reference documents
 * (at most 500 characters matching `/^(?!\s+$)[a-zA-Z0-9:._\s-#]+$/`). A refused create-only write answers
 * 400 with a plain body: Forge documents no error code for it, and the client reports it as `UNKNOWN_ERROR`.
 */
export interface FakeKvs {
  readonly store: Map<string, unknown>;
  /** The `limit` of every query, to check the page size. */
  readonly queryLimits: number[];
  /** Makes a write fail: refused before it applies, or applied with its answer lost. */
  setFault: ((key: string) => 'lose-after-apply' | 'refuse' | undefined) | undefined;
  reset(): void;
}

const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const MAX_KEY = 500;

const text = (status: number, body: string) => new Response(body || null, { status });
const jsonAnswer = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
const keyError = (key: string) =>
  key.length > MAX_KEY
    ? new Response(JSON.stringify({ code: 'KEY_TOO_LONG', message: 'key too long' }), { status: 400 })
    : !KEY_PATTERN.test(key)
      ? new Response(JSON.stringify({ code: 'INVALID_KEY', message: 'invalid key' }), { status: 400 })
      : undefined;

/** Installs the fake for the current test file (beforeAll/afterAll) and returns it; `reset` it before each test. */
export function installFakeKvs(): FakeKvs {
  const fake: FakeKvs = {
    store: new Map(),
    queryLimits: [],
    setFault: undefined,
    reset() {
      fake.store.clear();
      fake.queryLimits.length = 0;
      fake.setFault = undefined;
    },
  };
  const { store, queryLimits } = fake;

  async function fakeFetch(_proxy: unknown, path: string, init?: RequestInit): Promise<Response> {
    await Promise.resolve();
    const body = JSON.parse(init?.body as string) as {
      key: string;
      value?: unknown;
      options?: { keyPolicy?: string };
      limit?: number;
      after?: string;
      where?: { values: [string] }[];
    };
    switch (path) {
      case '/api/v1/get':
        return (
          keyError(body.key) ??
          (store.has(body.key)
            ? jsonAnswer({ key: body.key, value: store.get(body.key) })
            : new Response(JSON.stringify({ code: 'KEY_NOT_FOUND', message: 'not found' }), { status: 404 }))
        );
      case '/api/v1/set': {
        const invalid = keyError(body.key);
        if (invalid) return invalid;
        const fault = fake.setFault?.(body.key);
        if (body.options?.keyPolicy === 'FAIL_IF_EXISTS' && store.has(body.key)) return text(400, 'refused');
        if (fault === 'refuse') return text(503, 'unavailable');
        store.set(body.key, body.value);
        return fault === 'lose-after-apply' ? text(504, 'gateway timeout') : text(204, '');
      }
      case '/api/v1/delete':
        store.delete(body.key);
        return text(204, '');
      case '/api/v1/query': {
        const limit = body.limit ?? 10;
        queryLimits.push(limit);
        if (limit > 20) return text(400, 'limit');
        const prefix = body.where?.[0]?.values[0] ?? '';
        const keys = [...store.keys()].filter((k) => k.startsWith(prefix) && (!body.after || k > body.after)).sort();
        const page = keys.slice(0, limit);
        return jsonAnswer({
          data: page.map((key) => ({ key, value: store.get(key) })),
          ...(keys.length > limit ? { cursor: page[page.length - 1] } : {}),
        });
      }
      default:
        return text(501, path);
    }
  }

  const g = globalThis as unknown as { __forge_fetch__?: unknown };
  let previous: unknown;
  beforeAll(() => {
    previous = g.__forge_fetch__;
    g.__forge_fetch__ = fakeFetch;
  });
  afterAll(() => {
    g.__forge_fetch__ = previous;
  });
  return fake;
}
