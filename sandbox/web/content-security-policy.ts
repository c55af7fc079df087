/**
 * The Content-Security-Policy header Forge serves Custom UI documents with, computed by Atlassian's own
 * `@forge/csp` (the package the Forge CLI's tunnel uses for the same job) from the app's manifest
 * `permissions.content` / `permissions.external` and the resource's index.html.
 *
 * What that gives, as on Forge (production environment):
 * - `script-src 'self'` plus the Forge CDN, plus `sha256-…` hashes of the inline scripts the app's own
 *   index.html ships (Forge hashes those at deploy/serve time), plus `'unsafe-inline'` / `'unsafe-eval'` /
 *   `'unsafe-hashes'` / hashes only when `permissions.content.scripts` lists them. Scripts the app adds
 *   at run time (inline `<script>`, `eval`, `new Function`, `on…=` attributes) are blocked.
 * - `style-src 'self'` and the site, plus `'unsafe-inline'` only with `permissions.content.styles`.
 * - `connect-src`, `img-src`, `font-src`, `frame-src`, `media-src`: 'self', the site and Atlassian's
 *   hosts, plus what `permissions.external` declares (`fetch.client`, `images`, `fonts`, `frames`, …).
 * - `default-src 'self'`, `form-action 'self'`, `frame-ancestors`, and the `sandbox` directive.
 *
 * Sandbox differences, unavoidable or on purpose: 'self' is the frames' origin (the sandbox's next port) and the
 * "site" the page's origin, as on Forge the frame comes from the Forge CDN, another origin than the Jira site;
 * but both are on the same host, so Chromium keeps the frames in the page's process where Forge's CDN, another
 * site, gets a process of its own (see the README, "The panel's load"); the violation reports go to the sandbox
 * (`report-uri /__csp-report`, logged) instead of Atlassian's collector.
 */
import { CSPInjectionService, CSPProcessingService } from '@forge/csp';
import { load } from 'cheerio';
import type { Permissions } from '@forge/manifest';

export const CSP_REPORT_PATH = '/__csp-report';

/** The manifest's `permissions` block (only `content` and `external` matter here). */
export function manifestPermissions(manifest: unknown): Permissions {
  const permissions = (manifest as { permissions?: unknown } | null)?.permissions;
  return permissions && typeof permissions === 'object' ? permissions : {};
}

/**
 * The policy for one Custom UI document.
 * @param appHtml the resource's index.html as the app ships it (before the sandbox adds its bridge script)
 * @param siteOrigin the Jira site the frame is embedded in (the sandbox's own origin)
 */
export function customUiCsp(appHtml: string, permissions: Permissions, siteOrigin: string): string {
  const details = new CSPProcessingService({ info: () => undefined }, load).getCspDetails(appHtml, permissions);
  const directives = new CSPInjectionService().getInjectableCSP({ existingCSPDetails: details, microsEnv: 'prod', hostname: siteOrigin });
  return directives.map((d) => (d.startsWith('report-uri ') ? `report-uri ${CSP_REPORT_PATH}` : d)).join('; ');
}
