/**
 * The host side of the AIMM embed protocol v1: creates the frame, shakes hands, routes the app's messages to
 * callbacks, sends commands, and falls back to a link when the frame never gets ready. No dependencies, no
 * eval, no markup from strings: it runs under a portal's strict CSP (styles are set through CSSOM).
 */
import type {
  AimmApi, AimmDiagnosis, AimmDiagnosisOptions, AimmLanguage, AimmMessage, AimmPrefill, AimmTheme,
} from './types.ts';

const EMBED_ID = /^[A-Za-z0-9_-]{1,64}$/;
const HELLO_EVERY_MS = 250;

const TEXTS = {
  'zh-CN': {
    title: 'AI+制造成熟度诊断',
    silent: '诊断还没有回应本页面。如果下方没有出现诊断，请在新标签页中打开。',
    blocked: '本页面的安全设置不允许诊断在这里运行，请在新标签页中打开。',
    open: '在新标签页中打开诊断',
  },
  en: {
    title: 'AI + manufacturing maturity diagnosis',
    silent: 'The diagnosis has not answered this page. If it does not appear below, open it in a new tab.',
    blocked: 'This page’s security settings do not let the diagnosis run here: open it in a new tab instead.',
    open: 'Open the diagnosis in a new tab',
  },
} as const;

function pageLanguage(doc: Document): AimmLanguage {
  return /^en\b/i.test(doc.documentElement.lang) ? 'en' : 'zh-CN';
}

function newEmbedId(): string {
  const bytes = new Uint8Array(9);
  crypto.getRandomValues(bytes);
  return `aimm-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const CALLBACKS = {
  ready: 'onReady', started: 'onStarted', progress: 'onProgress', question: 'onQuestionChanged',
  resize: 'onHeightChanged', completed: 'onCompleted',
} as const;

/** The frame's address: the app's URL with embed=1, embedId, lang, prefill.* and theme.* parameters. */
export function frameUrl(src: URL, embedId: string, options: AimmDiagnosisOptions, embed: boolean): string {
  const url = new URL(src.href);
  const q = url.searchParams;
  if (embed) {
    q.set('embed', '1');
    q.set('embedId', embedId);
  }
  if (options.lang) q.set('lang', options.lang);
  for (const [key, value] of Object.entries(options.prefill ?? {})) if (typeof value === 'string' && value) q.set(`prefill.${key}`, value);
  if (embed) for (const [key, value] of Object.entries(options.theme ?? {})) if (typeof value === 'string' && value) q.set(`theme.${key}`, value);
  return url.href;
}

function resolveContainer(container: HTMLElement | string): HTMLElement {
  const el = typeof container === 'string' ? document.querySelector<HTMLElement>(container) : container;
  if (!el) throw new TypeError(`AIMM: no container ${String(container)}`);
  return el;
}

export function createDiagnosis(container: HTMLElement | string, options: AimmDiagnosisOptions): AimmDiagnosis {
  const host = resolveContainer(container);
  const doc = host.ownerDocument;
  const win = doc.defaultView as Window;
  if (typeof options.src !== 'string' || !options.src.trim()) throw new TypeError('AIMM: src (data-src) is required');
  const src = new URL(options.src, doc.baseURI);
  if (src.protocol !== 'https:' && src.protocol !== 'http:') throw new TypeError('AIMM: src must be an http(s) URL');
  const origin = src.origin;
  const embedId = options.embedId ?? newEmbedId();
  if (!EMBED_ID.test(embedId)) throw new TypeError('AIMM: embedId must match [A-Za-z0-9_-]{1,64}');
  const lang = options.lang ?? pageLanguage(doc);
  const texts = TEXTS[lang] ?? TEXTS['zh-CN'];
  const timeoutMs = options.timeoutMs ?? 8000;

  const iframe = doc.createElement('iframe');
  iframe.title = options.title ?? texts.title;
  if (options.sandbox !== undefined) iframe.setAttribute('sandbox', options.sandbox);
  // The report's "copy as text" fallback (when downloads are blocked) writes to the clipboard.
  iframe.setAttribute('allow', 'clipboard-write');
  const s = iframe.style;
  s.display = 'block';
  s.width = '100%';
  s.border = '0';
  s.overflow = 'hidden';
  s.height = options.initialHeight ?? '600px';
  iframe.src = frameUrl(src, embedId, { ...options, lang }, true);

  let ready = false;
  let destroyed = false;
  let fallback: HTMLElement | null = null;
  let helloTimer: ReturnType<typeof setInterval> | undefined;
  const queue: Record<string, unknown>[] = [];

  const call = (name: keyof AimmDiagnosisOptions, arg: unknown): void => {
    const fn = options[name];
    if (typeof fn !== 'function') return;
    try {
      (fn as (a: unknown) => void)(arg);
    } catch (e) {
      console.error(e);
    }
  };

  const post = (command: Record<string, unknown>): void => {
    iframe.contentWindow?.postMessage({ source: 'aimm-host', version: 1, ...command }, origin);
  };
  const send = (command: Record<string, unknown>): void => {
    if (destroyed) return;
    if (ready) post(command);
    else queue.push(command);
  };
  const stopHello = (): void => {
    clearInterval(helloTimer);
    helloTimer = undefined;
  };
  const hello = (): void => post({ type: 'hello', embedId });

  const onLoad = (): void => {
    if (destroyed) return;
    // A frame that loads again (a reload inside it) shakes hands again.
    ready = false;
    stopHello();
    hello();
    helloTimer = setInterval(hello, HELLO_EVERY_MS);
  };

  const showFallback = (): void => {
    if (fallback || destroyed) return;
    stopHello();
    // A sandbox without scripts or without its own origin leaves the frame blank (module scripts do not load in an
    // opaque origin): hide it. Otherwise the frame may well work and only be silent (a portal not on the app's
    // allow-list gets no messages), so it stays, under the notice.
    const tokens = iframe.sandbox;
    const blocked = iframe.hasAttribute('sandbox') && !(tokens.contains('allow-scripts') && tokens.contains('allow-same-origin'));
    if (blocked) iframe.style.display = 'none';
    const box = doc.createElement('div');
    box.className = 'aimm-fallback';
    box.setAttribute('role', 'status');
    box.lang = lang;
    const p = doc.createElement('p');
    p.textContent = blocked ? texts.blocked : texts.silent;
    p.style.margin = '0 0 0.5em';
    const a = doc.createElement('a');
    a.href = frameUrl(src, embedId, { ...options, lang }, false);
    a.target = '_blank';
    a.rel = 'noopener';
    a.textContent = texts.open;
    box.append(p, a);
    box.style.padding = '1em';
    box.style.border = '1px solid currentColor';
    iframe.before(box);
    fallback = box;
    call('onError', { code: 'timeout', message: `AIMM: the diagnosis did not answer within ${timeoutMs} ms` });
  };
  const timeout = setTimeout(showFallback, timeoutMs);

  const onMessage = (event: MessageEvent): void => {
    if (destroyed || !event.source || event.source !== iframe.contentWindow || event.origin !== origin) return;
    const m: unknown = event.data;
    if (!isObject(m) || m['source'] !== 'aimm' || m['version'] !== 1 || m['embedId'] !== embedId) return;
    const type = m['type'];
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(CALLBACKS, type)) return;
    const message = m as unknown as AimmMessage;
    if (message.type === 'ready') {
      // The app says ready at start-up and to every hello: one onReady per load of the frame.
      if (ready) return;
      ready = true;
      stopHello();
      clearTimeout(timeout);
      // An app that answers late (after the fallback) is shown after all.
      if (fallback) {
        fallback.remove();
        fallback = null;
        iframe.style.display = 'block';
      }
      for (const command of queue.splice(0)) post(command);
    } else if (message.type === 'resize') {
      const height = message.height;
      if (typeof height !== 'number' || !Number.isFinite(height) || height < 0) return;
      iframe.style.height = `${Math.ceil(height)}px`;
    }
    call(CALLBACKS[message.type], message);
    host.dispatchEvent(new CustomEvent(`aimm:${message.type}`, { detail: message, bubbles: true }));
  };

  win.addEventListener('message', onMessage);
  iframe.addEventListener('load', onLoad);
  host.append(iframe);

  return {
    iframe,
    embedId,
    setLanguage: (l: AimmLanguage) => send({ type: 'setLanguage', lang: l }),
    setTheme: (theme: AimmTheme) => send({ type: 'setTheme', ...theme }),
    prefill: (fields: AimmPrefill) => send({ type: 'prefill', ...fields }),
    print: () => send({ type: 'print' }),
    restart: () => send({ type: 'restart' }),
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      stopHello();
      clearTimeout(timeout);
      win.removeEventListener('message', onMessage);
      iframe.removeEventListener('load', onLoad);
      iframe.remove();
      fallback?.remove();
      queue.length = 0;
    },
  };
}

const instances = new WeakMap<HTMLElement, AimmDiagnosis>();

/** Options from a declarative container's data-* attributes. */
export function optionsFromElement(el: HTMLElement): AimmDiagnosisOptions {
  const d = el.dataset;
  const options: AimmDiagnosisOptions = { src: d['src'] ?? '' };
  if (d['lang'] === 'zh-CN' || d['lang'] === 'en') options.lang = d['lang'];
  const prefill: AimmPrefill = {};
  const theme: AimmTheme = {};
  for (const key of ['sector', 'province', 'company'] as const) {
    const v = d[`prefill${key[0]?.toUpperCase()}${key.slice(1)}`];
    if (v) prefill[key] = v;
  }
  for (const key of ['primary', 'logo', 'name'] as const) {
    const v = d[`theme${key[0]?.toUpperCase()}${key.slice(1)}`];
    if (v) theme[key] = v;
  }
  if (Object.keys(prefill).length) options.prefill = prefill;
  if (Object.keys(theme).length) options.theme = theme;
  if (d['embedId']) options.embedId = d['embedId'];
  if (d['title']) options.title = d['title'];
  if (d['sandbox'] !== undefined) options.sandbox = d['sandbox'];
  if (d['height']) options.initialHeight = d['height'];
  const timeout = Number(d['timeout']);
  if (d['timeout'] && Number.isFinite(timeout) && timeout > 0) options.timeoutMs = timeout;
  return options;
}

export function init(root: ParentNode = document): AimmDiagnosis[] {
  const created: AimmDiagnosis[] = [];
  for (const el of root.querySelectorAll<HTMLElement>('[data-aimm-diagnosis]')) {
    // The marker also keeps a second copy of embed.js on the page from framing the same container twice.
    if (instances.has(el) || el.hasAttribute('data-aimm-initialised')) continue;
    try {
      const inner = createDiagnosis(el, optionsFromElement(el));
      const diagnosis: AimmDiagnosis = {
        ...inner,
        destroy: () => {
          instances.delete(el);
          el.removeAttribute('data-aimm-initialised');
          inner.destroy();
        },
      };
      instances.set(el, diagnosis);
      el.setAttribute('data-aimm-initialised', '');
      created.push(diagnosis);
    } catch (e) {
      console.error(e);
    }
  }
  return created;
}

export const api: AimmApi = {
  version: 1,
  createDiagnosis,
  init,
  get: (el: HTMLElement) => instances.get(el),
};
