import { Router } from '../http/router';
import { confluenceError, json } from '../http/responses';
import type { Db } from '../db/open-database';
import type { Principal, ProductResponse } from '../sandbox-api';
import { APP_ACCOUNT_ID } from '../jira/issue-repo';
import { SITE_URL } from '../jira/jira-format';

interface PageRow {
  id: number;
  space_id: number;
  parent_id: number | null;
  title: string;
  status: string;
  author: string | null;
  created: number;
}

interface VersionRow {
  page_id: number;
  number: number;
  title: string;
  body: string;
  author: string | null;
  created: number;
  message: string | null;
}

function actor(p: Principal): string {
  return p.kind === 'user' ? p.accountId : APP_ACCOUNT_ID;
}

function bad(detail: string): never {
  throw new ConfluenceFailure(confluenceError(400, 'INVALID_REQUEST_PARAMETER', 'Bad Request', detail));
}

class ConfluenceFailure extends Error {
  constructor(readonly response: ProductResponse) {
    super(response.body);
  }
}

/** Confluence Cloud REST v2: spaces and pages (storage format, versioned). */
/**
 * @param siteUrl where the site is: Atlassian's address by default; the sandbox's own web server once it runs,
 *   so `_links.base` + `_links.webui` (the page's address the app links to) opens the sandbox's Confluence viewer.
 */
export function createConfluenceRouter(db: Db, now: () => number, siteUrl: () => string = () => SITE_URL): Router {
  const router = new Router('Confluence');
  const wrap =
    (h: Parameters<Router['add']>[2]): Parameters<Router['add']>[2] =>
    async (req) => {
      try {
        return await h(req);
      } catch (e) {
        if (e instanceof ConfluenceFailure) return e.response;
        throw e;
      }
    };

  const latest = (pageId: number): VersionRow =>
    db.prepare('SELECT * FROM conf_page_version WHERE page_id = ? ORDER BY number DESC LIMIT 1').get(pageId) as VersionRow;

  const pageJson = (p: PageRow, bodyFormat: string | null): Record<string, unknown> => {
    const v = latest(p.id);
    return {
      id: String(p.id),
      status: p.status,
      title: v.title,
      spaceId: String(p.space_id),
      parentId: p.parent_id === null ? null : String(p.parent_id),
      parentType: p.parent_id === null ? null : 'page',
      position: 0,
      authorId: p.author,
      ownerId: p.author,
      lastOwnerId: null,
      createdAt: new Date(p.created).toISOString(),
      version: {
        createdAt: new Date(v.created).toISOString(),
        message: v.message ?? '',
        number: v.number,
        minorEdit: false,
        authorId: v.author,
      },
      body: bodyFormat === 'storage' ? { storage: { representation: 'storage', value: v.body } } : {},
      _links: {
        webui: `/spaces/${spaceKey(p.space_id)}/pages/${p.id}`,
        editui: `/pages/resumedraft.action?draftId=${p.id}`,
        tinyui: `/x/${p.id}`,
        base: `${siteUrl()}/wiki`,
      },
    };
  };

  const spaceKey = (id: number): string =>
    (db.prepare('SELECT key FROM conf_space WHERE id = ?').get(id) as { key: string } | undefined)?.key ?? '';

  const findPage = (id: string): PageRow => {
    const p = /^\d+$/.test(id)
      ? (db.prepare("SELECT * FROM conf_page WHERE id = ? AND status != 'deleted'").get(Number(id)) as PageRow | undefined)
      : undefined;
    if (!p) throw new ConfluenceFailure(confluenceError(404, 'NOT_FOUND', 'Not Found', `Page ${id} not found`));
    return p;
  };

  router.add(
    'GET',
    '/wiki/api/v2/spaces',
    wrap((req) => {
      const keys = req.query
        .getAll('keys')
        .flatMap((k) => k.split(','))
        .filter(Boolean);
      const rows = (
        keys.length
          ? db.prepare(`SELECT * FROM conf_space WHERE key IN (${keys.map(() => '?').join(',')}) ORDER BY id`).all(...keys)
          : db.prepare('SELECT * FROM conf_space ORDER BY id').all()
      ) as { id: number; key: string; name: string; homepage_id: number | null }[];
      return json(200, {
        results: rows.map((s) => ({
          id: String(s.id),
          key: s.key,
          name: s.name,
          type: 'global',
          status: 'current',
          authorId: APP_ACCOUNT_ID,
          createdAt: new Date(0).toISOString(),
          homepageId: s.homepage_id === null ? null : String(s.homepage_id),
          description: null,
          icon: null,
          _links: { webui: `/spaces/${s.key}` },
        })),
        _links: {},
      });
    }),
  );

  router.add(
    'GET',
    '/wiki/api/v2/pages',
    wrap((req) => {
      const where: string[] = ["p.status != 'deleted'"];
      const args: unknown[] = [];
      const spaceIds = req.query
        .getAll('space-id')
        .flatMap((s) => s.split(','))
        .filter(Boolean);
      if (spaceIds.length) {
        where.push(`p.space_id IN (${spaceIds.map(() => '?').join(',')})`);
        args.push(...spaceIds.map(Number));
      }
      const title = req.query.get('title');
      const limit = Math.min(250, Math.max(1, Number(req.query.get('limit') ?? 25)));
      const rows = db.prepare(`SELECT p.* FROM conf_page p WHERE ${where.join(' AND ')} ORDER BY p.id`).all(...args) as PageRow[];
      const hits = rows.filter((p) => title === null || latest(p.id).title === title).slice(0, limit);
      return json(200, { results: hits.map((p) => pageJson(p, req.query.get('body-format'))), _links: {} });
    }),
  );

  router.add(
    'GET',
    '/wiki/api/v2/pages/{id}',
    wrap((req) => json(200, pageJson(findPage(req.params.id!), req.query.get('body-format')))),
  );

  router.add(
    'POST',
    '/wiki/api/v2/pages',
    wrap((req) => {
      let b: { spaceId?: string; status?: string; title?: string; parentId?: string; body?: { representation?: string; value?: string } };
      try {
        b = JSON.parse(req.body ?? '') as typeof b;
      } catch {
        bad('Request body is not valid JSON');
      }
      if (!b.spaceId || !db.prepare('SELECT 1 FROM conf_space WHERE id = ?').get(Number(b.spaceId)))
        bad(`spaceId ${b.spaceId} is not a valid space`);
      if (!b.title) bad('title is required for a page that is not a draft');
      if (b.body && b.body.representation !== 'storage' && b.body.representation !== 'atlas_doc_format')
        bad(`Unsupported representation ${b.body.representation}`);
      if (b.body?.representation === 'atlas_doc_format')
        bad('The sandbox stores storage format only: atlas_doc_format is unsupported by the sandbox');
      const spaceId = Number(b.spaceId);
      const dup = (db.prepare("SELECT id FROM conf_page WHERE space_id = ? AND status = 'current'").all(spaceId) as { id: number }[]).some(
        (p) => latest(p.id).title === b.title,
      );
      if (dup)
        throw new ConfluenceFailure(
          confluenceError(
            400,
            'INVALID_REQUEST_PARAMETER',
            'Bad Request',
            'A page with this title already exists: A page already exists with the same TITLE in this space',
          ),
        );
      const parentId = b.parentId
        ? findPage(b.parentId).id
        : (db.prepare('SELECT homepage_id FROM conf_space WHERE id = ?').get(spaceId) as { homepage_id: number | null }).homepage_id;
      const max = db.prepare('SELECT MAX(id) AS m FROM conf_page').get() as { m: number | null };
      const id = Math.max(65_536, max.m ?? 65_536) + 1;
      const t = now();
      db.transaction(() => {
        db.prepare('INSERT INTO conf_page (id, space_id, parent_id, title, status, author, created) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
          id,
          spaceId,
          parentId,
          b.title,
          b.status ?? 'current',
          actor(req.principal),
          t,
        );
        db.prepare('INSERT INTO conf_page_version (page_id, number, title, body, author, created) VALUES (?, 1, ?, ?, ?, ?)').run(
          id,
          b.title,
          b.body?.value ?? '',
          actor(req.principal),
          t,
        );
      })();
      return json(200, pageJson(findPage(String(id)), 'storage'));
    }),
  );

  router.add(
    'PUT',
    '/wiki/api/v2/pages/{id}',
    wrap((req) => {
      const p = findPage(req.params.id!);
      let b: {
        id?: string;
        status?: string;
        title?: string;
        body?: { representation?: string; value?: string };
        version?: { number?: number; message?: string };
      };
      try {
        b = JSON.parse(req.body ?? '') as typeof b;
      } catch {
        bad('Request body is not valid JSON');
      }
      if (String(b.id) !== String(p.id)) bad('id in the body must match the page id in the path');
      if (!b.title) bad('title is required');
      if (!b.status) bad('status is required');
      if (!b.body || b.body.representation !== 'storage')
        bad('body with representation storage is required (the sandbox stores storage format only)');
      const current = latest(p.id);
      if (b.version?.number !== current.number + 1) {
        throw new ConfluenceFailure(
          confluenceError(
            409,
            'CONFLICT',
            'Conflict',
            `Version must be incremented when updating a page. Current version is: ${current.number}`,
          ),
        );
      }
      db.transaction(() => {
        db.prepare(
          'INSERT INTO conf_page_version (page_id, number, title, body, author, created, message) VALUES (?, ?, ?, ?, ?, ?, ?)',
        ).run(p.id, current.number + 1, b.title, b.body!.value ?? '', actor(req.principal), now(), b.version?.message ?? null);
        db.prepare('UPDATE conf_page SET title = ?, status = ? WHERE id = ?').run(b.title, b.status, p.id);
      })();
      return json(200, pageJson(findPage(String(p.id)), 'storage'));
    }),
  );

  return router;
}
