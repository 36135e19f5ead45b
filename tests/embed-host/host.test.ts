// @vitest-environment happy-dom
// @vitest-environment-options {"happyDOM":{"settings":{"disableIframePageLoading":true}}}
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref } from 'vue';
import { mount } from '@vue/test-utils';
import { createDiagnosis, init, api } from '../../src/embed-host/core.ts';
import AimmDiagnosis from '../../src/embed-host/vue/AimmDiagnosis.ts';
import type { AimmDiagnosis as Diagnosis, AimmDiagnosisOptions } from '../../src/embed-host/types.ts';

const APP = 'http://app.test:8080';
const SRC = `${APP}/aimm/index.html?debug=1`;

/** The frame's window as the host script sees it: records what the host posts to it. */
interface FakeWindow { postMessage: ReturnType<typeof vi.fn> }

function attachWindow(d: Diagnosis): FakeWindow {
  const win: FakeWindow = { postMessage: vi.fn() };
  Object.defineProperty(d.iframe, 'contentWindow', { value: win, configurable: true });
  return win;
}

function fromApp(d: Diagnosis, win: unknown, message: Record<string, unknown>, origin = APP): void {
  window.dispatchEvent(new MessageEvent('message', {
    data: { source: 'aimm', version: 1, embedId: d.embedId, ...message },
    origin,
    source: win as Window,
  }));
}

const ready = { type: 'ready', lang: 'zh-CN', depthOptions: ['quick', 'full'], capabilities: { downloads: null, popups: null, storage: 'memory' } };

let container: HTMLElement;
beforeEach(() => {
  vi.useFakeTimers();
  document.documentElement.lang = 'zh-CN';
  container = document.createElement('div');
  document.body.append(container);
});
afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

function create(extra: Partial<AimmDiagnosisOptions> = {}): { d: Diagnosis; win: FakeWindow; options: AimmDiagnosisOptions } {
  const options: AimmDiagnosisOptions = {
    src: SRC, onReady: vi.fn(), onStarted: vi.fn(), onProgress: vi.fn(), onQuestionChanged: vi.fn(), onHeightChanged: vi.fn(),
    onCompleted: vi.fn(), onError: vi.fn(), ...extra,
  };
  const d = createDiagnosis(container, options);
  const win = attachWindow(d);
  return { d, win, options };
}

describe('AIMM.createDiagnosis', () => {
  it('frames the app in embed mode with the host’s language, prefill and theme as URL parameters', () => {
    const { d } = create({ lang: 'en', prefill: { sector: 'C3841', company: '甬江 & Co' }, theme: { primary: '#004c97', name: 'Portal' }, title: 'Diagnosis' });
    const url = new URL(d.iframe.src);
    expect(url.origin + url.pathname).toBe(`${APP}/aimm/index.html`);
    expect(url.searchParams.get('debug')).toBe('1');
    expect(url.searchParams.get('embed')).toBe('1');
    expect(url.searchParams.get('embedId')).toBe(d.embedId);
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.get('prefill.sector')).toBe('C3841');
    expect(url.searchParams.get('prefill.company')).toBe('甬江 & Co');
    expect(url.searchParams.get('theme.primary')).toBe('#004c97');
    expect(url.searchParams.get('theme.name')).toBe('Portal');
    expect(d.embedId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(d.iframe.title).toBe('Diagnosis');
    expect(d.iframe.style.width).toBe('100%');
    expect(d.iframe.getAttribute('sandbox')).toBeNull();
    expect(d.iframe.parentElement).toBe(container);
    // Two frames get two ids.
    expect(create().d.embedId).not.toBe(d.embedId);
  });

  it('titles the frame in the host page’s language and refuses a src that is not http(s)', () => {
    document.documentElement.lang = 'en-GB';
    expect(create().d.iframe.title).toMatch(/maturity diagnosis/);
    expect(() => createDiagnosis(container, { src: 'javascript:alert(1)' })).toThrow(/http/);
    expect(() => createDiagnosis(container, { src: SRC, embedId: 'a b' })).toThrow(/embedId/);
  });

  it('says hello on load and again until ready, then sends queued commands to the app’s origin only', () => {
    const { d, win, options } = create();
    d.setLanguage('en');
    d.print();
    d.iframe.dispatchEvent(new Event('load'));
    expect(win.postMessage).toHaveBeenCalledWith({ source: 'aimm-host', version: 1, type: 'hello', embedId: d.embedId }, APP);
    vi.advanceTimersByTime(1000);
    const hellos = win.postMessage.mock.calls.length;
    expect(hellos).toBeGreaterThanOrEqual(3);
    expect(win.postMessage.mock.calls.every((c) => c[0].type === 'hello' && c[1] === APP)).toBe(true);
    fromApp(d, win, ready);
    expect(options.onReady).toHaveBeenCalledWith(expect.objectContaining({ type: 'ready', lang: 'zh-CN' }));
    const after = win.postMessage.mock.calls.slice(hellos).map((c) => [c[0], c[1]]);
    expect(after).toEqual([
      [{ source: 'aimm-host', version: 1, type: 'setLanguage', lang: 'en' }, APP],
      [{ source: 'aimm-host', version: 1, type: 'print' }, APP],
    ]);
    vi.advanceTimersByTime(2000);
    expect(win.postMessage.mock.calls.length).toBe(hellos + 2);
    d.restart();
    d.prefill({ sector: 'C39' });
    expect(win.postMessage.mock.calls.slice(-2).map((c) => c[0].type)).toEqual(['restart', 'prefill']);
    vi.advanceTimersByTime(10000);
    expect(options.onError).not.toHaveBeenCalled();
  });

  it('acts only on messages from its own frame, from the app’s origin, with its embedId and protocol version', () => {
    const { d, win, options } = create();
    const other = { postMessage: vi.fn() };
    fromApp(d, other, ready);
    fromApp(d, win, ready, 'http://evil.test');
    fromApp(d, win, { ...ready, embedId: 'someone-else' });
    fromApp(d, win, { ...ready, version: 2 });
    fromApp(d, win, { ...ready, source: 'other' });
    fromApp(d, win, { type: 'unknown' });
    window.dispatchEvent(new MessageEvent('message', { data: 'ready', origin: APP, source: win as unknown as Window }));
    window.dispatchEvent(new MessageEvent('message', { data: { source: 'aimm', version: 1, embedId: d.embedId, ...ready }, origin: APP }));
    expect(options.onReady).not.toHaveBeenCalled();
    fromApp(d, win, ready);
    fromApp(d, win, ready);
    expect(options.onReady).toHaveBeenCalledTimes(1);
  });

  it('routes every message to its callback and to a DOM event, and sizes the frame from resize', () => {
    const { d, win, options } = create();
    const events: string[] = [];
    for (const t of ['ready', 'started', 'progress', 'question', 'resize', 'completed']) container.addEventListener(`aimm:${t}`, () => events.push(t));
    fromApp(d, win, ready);
    fromApp(d, win, { type: 'started', depth: 'quick', diagnosisId: 'd1' });
    fromApp(d, win, { type: 'progress', answered: 3, total: 20 });
    fromApp(d, win, { type: 'question', questionId: 'q1', index: 2, total: 20, section: 's1' });
    fromApp(d, win, { type: 'resize', height: 1234.4 });
    fromApp(d, win, { type: 'resize', height: 'tall' });
    fromApp(d, win, { type: 'completed', depth: 'quick', result: { overall: 1 } });
    expect(options.onStarted).toHaveBeenCalledWith(expect.objectContaining({ depth: 'quick', diagnosisId: 'd1' }));
    expect(options.onProgress).toHaveBeenCalledWith(expect.objectContaining({ answered: 3, total: 20 }));
    expect(options.onQuestionChanged).toHaveBeenCalledWith(expect.objectContaining({ questionId: 'q1', index: 2 }));
    expect(options.onHeightChanged).toHaveBeenCalledTimes(1);
    expect(d.iframe.style.height).toBe('1235px');
    expect(options.onCompleted).toHaveBeenCalledWith(expect.objectContaining({ result: { overall: 1 } }));
    expect(events).toEqual(['ready', 'started', 'progress', 'question', 'resize', 'completed']);
  });

  it('shows a readable fallback with a new-tab link and reports a timeout when the app never gets ready', () => {
    const { d, win, options } = create({ timeoutMs: 3000, lang: 'en', prefill: { sector: 'C3841' }, sandbox: 'allow-scripts' });
    expect(d.iframe.getAttribute('sandbox')).toBe('allow-scripts');
    d.iframe.dispatchEvent(new Event('load'));
    vi.advanceTimersByTime(2999);
    expect(container.querySelector('.aimm-fallback')).toBeNull();
    vi.advanceTimersByTime(1);
    const box = container.querySelector('.aimm-fallback') as HTMLElement;
    expect(box.textContent).toMatch(/security settings/);
    const link = box.querySelector('a') as HTMLAnchorElement;
    expect(link.textContent).toBe('Open the diagnosis in a new tab');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener');
    const url = new URL(link.href);
    expect(url.searchParams.get('embed')).toBeNull();
    expect(url.searchParams.get('prefill.sector')).toBe('C3841');
    expect(url.searchParams.get('lang')).toBe('en');
    expect(d.iframe.style.display).toBe('none');
    expect(options.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'timeout' }));
    // It stops knocking…
    const calls = win.postMessage.mock.calls.length;
    vi.advanceTimersByTime(5000);
    expect(win.postMessage.mock.calls.length).toBe(calls);
    // …and an app that answers late is shown after all.
    fromApp(d, win, ready);
    expect(container.querySelector('.aimm-fallback')).toBeNull();
    expect(d.iframe.style.display).toBe('block');
  });

  it('keeps a silent but unsandboxed frame under the notice, written in the page’s language', () => {
    const { d, options } = create({ timeoutMs: 10 });
    vi.advanceTimersByTime(10);
    const box = container.querySelector('.aimm-fallback') as HTMLElement;
    expect(box.textContent).toMatch(/如果下方没有出现诊断/);
    expect(box.textContent).toMatch(/在新标签页中打开诊断/);
    expect(box.nextElementSibling).toBe(d.iframe);
    expect(d.iframe.style.display).toBe('block');
    expect(options.onError).toHaveBeenCalledTimes(1);
  });

  it('destroy removes the frame, stops timers and ignores later messages and commands', () => {
    const { d, win, options } = create({ timeoutMs: 100 });
    d.iframe.dispatchEvent(new Event('load'));
    d.destroy();
    expect(container.querySelector('iframe')).toBeNull();
    vi.advanceTimersByTime(1000);
    expect(options.onError).not.toHaveBeenCalled();
    const calls = win.postMessage.mock.calls.length;
    fromApp(d, win, ready);
    d.print();
    expect(options.onReady).not.toHaveBeenCalled();
    expect(win.postMessage.mock.calls.length).toBe(calls);
  });
});

describe('declarative embedding', () => {
  it('initialises each [data-aimm-diagnosis] once from its data attributes', async () => {
    const el = document.createElement('div');
    el.dataset['aimmDiagnosis'] = '';
    el.dataset['src'] = SRC;
    el.dataset['lang'] = 'en';
    el.dataset['prefillSector'] = 'C3841';
    el.dataset['prefillProvince'] = '33';
    el.dataset['themePrimary'] = '#004c97';
    el.dataset['sandbox'] = 'allow-scripts allow-same-origin';
    el.dataset['timeout'] = '5000';
    document.body.append(el);
    const created = init();
    expect(created).toHaveLength(1);
    expect(init()).toHaveLength(0);
    // A second copy of the script on the page (its own WeakMap) leaves the container alone too.
    const copy = '../../src/embed-host/core.ts?copy';
    const { init: initAgain } = (await import(/* @vite-ignore */ copy)) as typeof import('../../src/embed-host/core.ts');
    expect(initAgain()).toHaveLength(0);
    expect(el.querySelectorAll('iframe')).toHaveLength(1);
    const d = api.get(el) as Diagnosis;
    const url = new URL(d.iframe.src);
    expect(url.searchParams.get('lang')).toBe('en');
    expect(url.searchParams.get('prefill.sector')).toBe('C3841');
    expect(url.searchParams.get('prefill.province')).toBe('33');
    expect(url.searchParams.get('theme.primary')).toBe('#004c97');
    expect(d.iframe.getAttribute('sandbox')).toBe('allow-scripts allow-same-origin');
    vi.advanceTimersByTime(4999);
    expect(el.querySelector('.aimm-fallback')).toBeNull();
    d.destroy();
    expect(api.get(el)).toBeUndefined();
    expect(el.querySelector('iframe')).toBeNull();
  });

  it('reports a container without a usable src on the console instead of throwing', () => {
    const el = document.createElement('div');
    el.setAttribute('data-aimm-diagnosis', '');
    document.body.append(el);
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(init()).toHaveLength(0);
    expect(error).toHaveBeenCalledTimes(1);
    error.mockRestore();
  });
});

describe('the Vue component', () => {
  it('passes props to the host script, re-emits the app’s messages and follows lang', async () => {
    const lang = ref<'zh-CN' | 'en'>('zh-CN');
    const onCompleted = vi.fn();
    const Parent = defineComponent({
      setup: () => () => h(AimmDiagnosis, { src: SRC, lang: lang.value, prefill: { sector: 'C3841' }, onCompleted }),
    });
    const wrapper = mount(Parent, { attachTo: container });
    const iframe = wrapper.find('iframe').element as HTMLIFrameElement;
    expect(new URL(iframe.src).searchParams.get('prefill.sector')).toBe('C3841');
    const embedId = new URL(iframe.src).searchParams.get('embedId') as string;
    const win = { postMessage: vi.fn() };
    Object.defineProperty(iframe, 'contentWindow', { value: win, configurable: true });
    const d = { embedId, iframe } as unknown as Diagnosis;
    fromApp(d, win, ready);
    fromApp(d, win, { type: 'completed', depth: 'quick' });
    expect(onCompleted).toHaveBeenCalledWith(expect.objectContaining({ type: 'completed', depth: 'quick' }));
    lang.value = 'en';
    await nextTick();
    await nextTick();
    expect(win.postMessage).toHaveBeenLastCalledWith({ source: 'aimm-host', version: 1, type: 'setLanguage', lang: 'en' }, APP);
    wrapper.unmount();
    expect(container.querySelector('iframe')).toBeNull();
  });
});
