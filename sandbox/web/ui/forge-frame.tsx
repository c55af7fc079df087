/**
 * Mounts one Custom UI module in an iframe, as Jira does, and answers the page-side bridge calls its
 * injected shim sends by postMessage (flags, router, events between frames, resize).
 * The frame is registered with the server first; the server keeps its context (accountId, issue, ...).
 */
import { useEffect, useRef, useState } from 'react';
import { api } from './api';
import { useLocale } from './i18n';

const HOST = 'forge-sandbox-host';
const FRAME = 'forge-sandbox-frame';

/**
 * The iframe as Forge frames every Custom UI app ("Custom UI iframe", developer.atlassian.com/platform/forge/custom-ui/iframe,
 * last updated Nov 11, 2024): these sandbox flags and feature policies, nothing more. No `allow-popups` and no top
 * navigation, so a frame's `target="_blank"` link or `window.open` does nothing; links out go through `router.open`.
 */
export const FORGE_CUSTOM_UI_IFRAME = {
  sandbox: 'allow-downloads allow-forms allow-modals allow-pointer-lock allow-same-origin allow-scripts',
  allow: 'camera; clipboard-write; display-capture; fullscreen; microphone',
} as const;

export interface FlagOptions {
  id: string;
  title?: string;
  description?: string;
  type?: 'info' | 'success' | 'warning' | 'error';
  appearance?: string;
  isAutoDismiss?: boolean;
}

/** What the page around the frames does for them. */
export interface FrameHostHandlers {
  showFlag(flag: FlagOptions): void;
  closeFlag(id: string): void;
  /** Navigate inside the sandbox (a Jira-like URL or a NavigationLocation); false if not understood. */
  navigate(location: { url?: string; target?: string; issueKey?: string; projectKey?: string; type?: string }): boolean;
  /** `view.refresh()`: the host reloads its data (the issue view refetches the issue). */
  refresh(): void;
  /** Asks the user before a frame's link leaves the site, as Jira does; true to open it. */
  confirmExternalLink(url: string): Promise<boolean>;
}

interface MountedFrame {
  token: string;
  issueKey?: string;
  iframe: HTMLIFrameElement;
  setHeight(height: number): void;
  /** The frame registered a `workflowRules.onConfigure` callback. */
  configurable?: boolean;
  /** A submittable view (a custom field's edit view on a transition screen): `view.submit(value)` hands the value here. */
  onSubmit?: (value: unknown) => void;
}

const mounted = new Map<string, MountedFrame>();
const configureRequests = new Map<
  number,
  { resolve(value: string): void; reject(error: Error): void; timer: ReturnType<typeof setTimeout> }
>();
let configureSeq = 0;

/**
 * Asks a mounted workflow rule configuration view for its configuration, as Jira does when the admin
 * saves the rule: the frame runs the callback it gave `workflowRules.onConfigure` and returns its string.
 */
export function requestWorkflowRuleConfiguration(token: string, timeoutMs = 10_000): Promise<string> {
  const frame = mounted.get(token);
  if (!frame?.iframe.contentWindow) return Promise.reject(new Error('The configuration view is not loaded.'));
  if (!frame.configurable) return Promise.reject(new Error('The configuration view has not registered workflowRules.onConfigure().'));
  const id = ++configureSeq;
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      configureRequests.delete(id);
      reject(new Error('The configuration view did not answer.'));
    }, timeoutMs);
    configureRequests.set(id, { resolve, reject, timer });
    frame.iframe.contentWindow?.postMessage({ source: HOST, type: 'configure', id }, '*');
  });
}
let handlers: FrameHostHandlers | undefined;

export type ColorMode = 'light' | 'dark';
const THEME_KEY = 'sandbox-theme';
/** The site's colour mode (Jira's theme setting; the sandbox keeps it in the browser). */
let colorMode: ColorMode = localStorage.getItem(THEME_KEY) === 'dark' ? 'dark' : 'light';

export function currentColorMode(): ColorMode {
  return colorMode;
}

/** Switches the page's theme; frames that called `view.theme.enable()` follow, as in Jira. */
export function setColorMode(mode: ColorMode): void {
  colorMode = mode;
  localStorage.setItem(THEME_KEY, mode);
  document.documentElement.setAttribute('data-color-mode', mode);
  for (const frame of mounted.values()) frame.iframe.contentWindow?.postMessage({ source: HOST, type: 'theme', colorMode: mode }, '*');
}

/** What Jira's issue view sends its modules when the issue changed (`JIRA_ISSUE_CHANGED` of @forge/bridge `events`). */
export interface IssueChangedPayload {
  issueId: string;
  projectId: string;
  changes: { changeType: 'updated' | 'commented'; atlassianId: string }[];
}

/** Tells the app's frames on an issue that the issue changed, as Jira's issue view does. */
export function sendIssueChanged(issueKey: string, payload: IssueChangedPayload): void {
  for (const frame of mounted.values()) {
    if (frame.issueKey !== issueKey) continue;
    frame.iframe.contentWindow?.postMessage({ source: HOST, type: 'event', event: 'JIRA_ISSUE_CHANGED', payload, isPublic: false }, '*');
  }
}

/** Sets every frame's clock to the sandbox's simulated time after a clock step. */
export function syncFrameClocks(now: string): void {
  for (const frame of mounted.values()) frame.iframe.contentWindow?.postMessage({ source: HOST, type: 'clock', now }, '*');
}

export function setFrameHostHandlers(h: FrameHostHandlers): void {
  handlers = h;
}

function reply(frame: MountedFrame, id: unknown, result: unknown, error?: string): void {
  frame.iframe.contentWindow?.postMessage({ source: HOST, type: 'reply', id, result, error }, '*');
}

/** Answers a frame's bridge call; what `callHost` throws becomes the rejection the frame is told about. */
function handleCall(name: string, payload: unknown, frame: MountedFrame): Promise<unknown> {
  return new Promise((resolve) => resolve(callHost(name, payload, frame)));
}

function callHost(name: string, payload: unknown, frame: MountedFrame): unknown {
  // Calls send an object of options, except changeWindowTitle (the title).
  const p = (payload ?? {}) as Record<string, unknown>;
  switch (name) {
    case 'showFlag':
      handlers?.showFlag(p as unknown as FlagOptions);
      return true;
    case 'closeFlag':
      handlers?.closeFlag(String(p.id));
      return true;
    case 'emit': {
      // Events go to every mounted frame of the app (the emitter included), as on a Jira page.
      for (const other of mounted.values()) {
        other.iframe.contentWindow?.postMessage(
          { source: HOST, type: 'event', event: p.event, payload: p.payload, isPublic: !!p.isPublic },
          '*',
        );
      }
      window.dispatchEvent(new CustomEvent('forge-sandbox-event', { detail: p }));
      return undefined;
    }
    case 'navigate':
      return navigateFor(p);
    case 'getUrl': {
      if (p.target === 'issue' && typeof p.issueKey === 'string') return issueAddress(p.issueKey);
      if (p.target === 'module' && typeof p.moduleKey === 'string') return `${location.origin}/#/apps/${p.moduleKey}`;
      throw new Error(`The sandbox has no URL for target ${String(p.target)}`);
    }
    case 'getTheme':
      // Asked by `view.theme.enable()` in the frame.
      return { colorMode };
    case 'reload':
      location.reload();
      return true;
    case 'refresh':
      handlers?.refresh();
      return true;
    case 'changeWindowTitle':
      // @forge/bridge sends the title itself, a string, as the payload.
      document.title = typeof payload === 'string' ? payload : '';
      return true;
    case 'submit':
      // A field's edit view on a transition screen: Jira keeps the value and sends it with the transition.
      if (!frame.onSubmit) return false;
      frame.onSubmit(payload);
      return true;
    case 'close':
    case 'onClose':
    case 'open':
      // Issue panels and pages are not modal views: the real bridge turns `false` into "not submittable" etc.
      return false;
    case 'openModal':
      throw new Error('The sandbox does not implement Modal from @forge/bridge yet.');
    default:
      throw new Error(`The sandbox does not implement the bridge call "${name}".`);
  }
}

/**
 * `router.navigate` / `router.open` of @forge/bridge (both send `navigate`, `open` with `type: 'new-tab'`), as the
 * router docs describe Jira: a link to another site is opened in a new tab only after the user agreed (declined:
 * the frame's promise is rejected); `open` opens a new window; `navigate` stays in the page. Only web addresses
 * are opened: a `blob:` or `data:` URL belongs to the frame's origin, which the host page cannot open for it.
 */
async function navigateFor(p: Record<string, unknown>): Promise<boolean> {
  const url = typeof p.url === 'string' ? webAddress(p.url) : undefined;
  if (url && url.origin !== location.origin) {
    if (!(await handlers?.confirmExternalLink(url.href))) throw new Error(`The user declined to open ${url.href}.`);
    window.open(url.href, '_blank', 'noopener');
    return true;
  }
  if (p.type === 'new-tab') {
    const address = url
      ? sandboxAddress(url)
      : p.target === 'issue' && typeof p.issueKey === 'string'
        ? issueAddress(p.issueKey)
        : undefined;
    if (!address) throw new Error(`The sandbox cannot open ${JSON.stringify(p)} in a new tab.`);
    window.open(address, '_blank', 'noopener');
    return true;
  }
  if (handlers?.navigate(p)) return true;
  throw new Error(`The sandbox cannot navigate to ${JSON.stringify(p)}`);
}

/** A link the router may open: relative to the site (`/browse/DEMO-1`) or an http(s) address; anything else throws. */
function webAddress(link: string): URL {
  let url: URL;
  try {
    url = new URL(link, location.origin);
  } catch {
    throw new Error(`Not a URL: ${link}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`Only web addresses can be opened, not ${url.protocol} URLs.`);
  return url;
}

/** A site address as the sandbox serves it: Jira's `/browse/KEY` is the sandbox's issue route; `/wiki/…` its Confluence viewer. */
function sandboxAddress(url: URL): string {
  const browse = /^\/browse\/([A-Z][A-Z0-9_]*-\d+)$/.exec(url.pathname);
  return browse ? issueAddress(browse[1]!) : url.href;
}

/** Where the sandbox shows an issue (Jira's `/browse/KEY`). */
function issueAddress(issueKey: string): string {
  return `${location.origin}/#/browse/${issueKey}`;
}

window.addEventListener('message', (event: MessageEvent) => {
  const m = event.data as {
    source?: string;
    token?: string;
    type?: string;
    id?: unknown;
    name?: string;
    payload?: unknown;
    height?: number;
    result?: unknown;
    error?: string;
  };
  if (!m || m.source !== FRAME || typeof m.token !== 'string') return;
  const frame = mounted.get(m.token);
  // Only the frame's own window may speak for its token.
  if (!frame || event.source !== frame.iframe.contentWindow) return;
  if (m.type === 'resize' && typeof m.height === 'number') frame.setHeight(m.height);
  else if (m.type === 'configurable') frame.configurable = true;
  else if (m.type === 'configuration' && typeof m.id === 'number') {
    const request = configureRequests.get(m.id);
    if (!request) return;
    configureRequests.delete(m.id);
    clearTimeout(request.timer);
    if (m.error) request.reject(new Error(m.error));
    else if (typeof m.result !== 'string')
      request.reject(
        new Error(`onConfigure must return a string (stringified JSON), got ${m.result === undefined ? 'nothing' : typeof m.result}.`),
      );
    else request.resolve(m.result);
  } else if (m.type === 'call' && typeof m.name === 'string') {
    handleCall(m.name, m.payload, frame).then(
      (result) => reply(frame, m.id, result),
      (error: unknown) => {
        console.warn('[sandbox] bridge call failed', m.name, error);
        reply(frame, m.id, undefined, error instanceof Error ? error.message : String(error));
      },
    );
  }
});

type FrameRequest = Parameters<typeof api.registerFrame>[0];

/** Frame registrations started before their frame mounts, by module and issue (see `preregisterIssueFrames`). */
const preregistered = new Map<string, ReturnType<typeof api.registerFrame>>();

/** The key of an issue panel's frame request (module and issue, nothing else), or undefined for any other frame. */
function issueFrameKey(request: FrameRequest): string | undefined {
  const { moduleKey, issueKey, ...rest } = request;
  return issueKey && Object.values(rest).every((v) => v === undefined) ? JSON.stringify([moduleKey, issueKey]) : undefined;
}

/**
 * Registers an issue's panel frames while the issue view still reads the issue, as Jira asks for its apps'
 * frames beside its own reads; the `ForgeFrame` that mounts next for a module and issue takes the answer.
 * Returns what forgets the ones no frame took (the issue view went away first).
 */
export function preregisterIssueFrames(moduleKeys: string[], issueKey: string): () => void {
  const started = moduleKeys.map((moduleKey) => {
    const key = issueFrameKey({ moduleKey, issueKey })!;
    const registration = api.registerFrame({ moduleKey, issueKey });
    registration.catch(() => undefined); // a refusal shows where the frame would have been, once it mounts
    preregistered.set(key, registration);
    return [key, registration] as const;
  });
  return () => {
    for (const [key, registration] of started) if (preregistered.get(key) === registration) preregistered.delete(key);
  };
}

/** A frame's registration: the one started early for it, if any (each is taken once), else a new one. */
const frameRegistrations = {
  registerFrame(request: FrameRequest): ReturnType<typeof api.registerFrame> {
    const key = issueFrameKey(request);
    const early = key === undefined ? undefined : preregistered.get(key);
    if (key !== undefined) preregistered.delete(key);
    return early ?? api.registerFrame(request);
  },
};

/** A workflow rule's configuration view to mount: `create` on a transition, or `edit` / `view` of a saved rule. */
export type WorkflowRuleFrame = { entryPoint: 'create'; transitionId: number } | { entryPoint: 'edit' | 'view'; ruleId: number };

/** A custom field's edit view on the screen of a transition of the issue. */
export interface FieldEditFrame {
  fieldKey: string;
  transitionId: string;
}

export function ForgeFrame(props: {
  moduleKey: string;
  title: string;
  issueKey?: string;
  projectKey?: string;
  workflowRule?: WorkflowRuleFrame;
  fieldEdit?: FieldEditFrame;
  /** A custom field's view in the issue view (the field of this key, on `issueKey`). */
  fieldView?: { fieldKey: string };
  /** The view is submittable: what it passes to `view.submit()`. */
  onSubmit?: (value: unknown) => void;
  minHeight?: number;
  /** Called with the frame's token once it is mounted (null when it goes away). */
  onMounted?: (token: string | null) => void;
}) {
  const { moduleKey, issueKey, projectKey, title, workflowRule, fieldEdit, fieldView, onMounted } = props;
  const ruleKey = workflowRule ? JSON.stringify(workflowRule) : '';
  const fieldEditKey = fieldEdit ? JSON.stringify(fieldEdit) : '';
  const fieldViewKey = fieldView?.fieldKey ?? '';
  const { t } = useLocale();
  const iframeRef = useRef<HTMLIFrameElement>(null);
  // What the frame registration answered, for the frame it was asked for: a new frame shows nothing stale.
  const frameKey = JSON.stringify([moduleKey, issueKey, projectKey, ruleKey, fieldEditKey, fieldViewKey]);
  const [registered, setRegistered] = useState<{ frameKey: string; src: { token: string; url: string } } | null>(null);
  const [failed, setFailed] = useState<{ frameKey: string; error: string } | null>(null);
  const src = registered?.frameKey === frameKey ? registered.src : null;
  const error = failed?.frameKey === frameKey ? failed.error : null;
  // onMounted is a notification: a new callback identity must not remount the frame, so the effect reads the latest.
  const onMountedRef = useRef(onMounted);
  const onSubmitRef = useRef(props.onSubmit);
  const submittable = props.onSubmit !== undefined;
  useEffect(() => {
    onMountedRef.current = onMounted;
    onSubmitRef.current = props.onSubmit;
  });
  const [height, setHeight] = useState(props.minHeight ?? 120);

  useEffect(() => {
    let cancelled = false;
    frameRegistrations
      .registerFrame({
        moduleKey,
        issueKey,
        projectKey,
        workflowRule: ruleKey ? (JSON.parse(ruleKey) as WorkflowRuleFrame) : undefined,
        fieldEdit: fieldEditKey && issueKey ? { ...(JSON.parse(fieldEditKey) as FieldEditFrame), issueKey } : undefined,
        fieldView: fieldViewKey && issueKey ? { fieldKey: fieldViewKey, issueKey } : undefined,
      })
      .then(
        (r) => !cancelled && setRegistered({ frameKey, src: r }),
        (e: unknown) => !cancelled && setFailed({ frameKey, error: e instanceof Error ? e.message : String(e) }),
      );
    return () => {
      cancelled = true;
    };
  }, [moduleKey, issueKey, projectKey, ruleKey, fieldEditKey, fieldViewKey, frameKey]);

  useEffect(() => {
    const iframe = iframeRef.current;
    if (!src || !iframe) return;
    mounted.set(src.token, {
      token: src.token,
      iframe,
      ...(issueKey ? { issueKey } : {}),
      ...(submittable ? { onSubmit: (value: unknown) => onSubmitRef.current?.(value) } : {}),
      setHeight: (h) => setHeight(Math.max(40, Math.min(h, 5000))),
    });
    onMountedRef.current?.(src.token);
    return () => {
      mounted.delete(src.token);
      onMountedRef.current?.(null);
    };
  }, [src, issueKey, submittable]);

  if (error) return <div className="frame-error">{`${t.error}: ${error}`}</div>;
  if (!src) return <div className="frame-loading">{t.loading}</div>;
  return (
    <iframe
      ref={iframeRef}
      className="forge-frame"
      title={title}
      src={src.url}
      sandbox={FORGE_CUSTOM_UI_IFRAME.sandbox}
      allow={FORGE_CUSTOM_UI_IFRAME.allow}
      data-module-key={moduleKey}
      style={{ height }}
    />
  );
}
