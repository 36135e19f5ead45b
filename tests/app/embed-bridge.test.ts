// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { createBridge, watchHeight, type BridgeWindow } from '../../src/embed/bridge.ts';
import { completedPayload, type AppPayload } from '../../src/embed/protocol.ts';
import { validateAppMessage } from '../../src/schemas/generated/embed-message.validator.js';

const PORTAL = 'https://portal.example.gov.cn';
const OTHER = 'https://evil.example';

/** A frame's window with a fake parent whose postMessage is a spy; `deliver` plays a message event. */
function frame(options: { ancestor?: string | null } = {}) {
  const postMessage = vi.fn<(message: unknown, targetOrigin: string) => void>();
  const parent = { postMessage };
  const listeners: ((e: MessageEvent) => void)[] = [];
  const win: BridgeWindow = {
    parent,
    self: {},
    location: { ancestorOrigins: options.ancestor ? { length: 1, 0: options.ancestor } : undefined },
    addEventListener: (_t, l) => void listeners.push(l),
    removeEventListener: (_t, l) => void listeners.splice(listeners.indexOf(l), 1),
  };
  const deliver = (data: unknown, origin = PORTAL, source: unknown = parent) => {
    for (const l of [...listeners]) l({ data, origin, source } as unknown as MessageEvent);
  };
  return { win, parent, postMessage, deliver, listeners };
}

const ready = (): AppPayload => ({ type: 'ready', lang: 'zh-CN', depthOptions: ['quick', 'full'], capabilities: { downloads: null, popups: null, storage: 'persistent' } });
const cmd = (type: string, extra: Record<string, unknown> = {}) => ({ source: 'aimm-host', version: 1, type, ...extra });

function start(f: ReturnType<typeof frame>, allowed = [PORTAL], embedId: string | null = 'f1') {
  const onCommand = vi.fn();
  const onIgnored = vi.fn();
  const bridge = createBridge({ win: f.win, allowedOrigins: allowed, embedId, readyPayload: ready, onCommand, onIgnored });
  return { bridge, onCommand, onIgnored };
}

/** Every message ever posted went to the portal's exact origin, never "*", and matches the protocol schema. */
function expectOnlyToPortal(postMessage: ReturnType<typeof frame>['postMessage']) {
  for (const [message, target] of postMessage.mock.calls) {
    expect(target).toBe(PORTAL);
    expect(target).not.toBe('*');
    expect(validateAppMessage(message), JSON.stringify(validateAppMessage.errors)).toBe(true);
  }
}

describe('the bridge to the host page', () => {
  it('with location.ancestorOrigins on the allow-list: ready at once, to that origin only, with the embedId', () => {
    const f = frame({ ancestor: PORTAL });
    const { bridge } = start(f);
    expect(bridge.connected).toBe(true);
    expect(f.postMessage).toHaveBeenCalledTimes(1);
    expect(f.postMessage.mock.calls[0]?.[0]).toMatchObject({ source: 'aimm', version: 1, embedId: 'f1', type: 'ready' });
    bridge.send({ type: 'progress', answered: 3, total: 23 });
    bridge.send({ type: 'resize', height: 1200 });
    expect(f.postMessage).toHaveBeenCalledTimes(3);
    expectOnlyToPortal(f.postMessage);
  });

  it('a parent not on the allow-list gets nothing and commands nothing; the diagnosis goes on', () => {
    const f = frame({ ancestor: OTHER });
    const { bridge, onCommand } = start(f);
    expect(bridge.connected).toBe(false);
    expect(bridge.send({ type: 'completed', depth: 'quick' })).toBe(false);
    f.deliver(cmd('hello', { embedId: 'f1' }), OTHER);
    f.deliver(cmd('restart'), OTHER);
    expect(f.postMessage).not.toHaveBeenCalled();
    expect(onCommand).not.toHaveBeenCalled();
    expect(bridge.ignored).toBe(2);
  });

  it('a hello from the allowed parent cannot change an origin the browser reported', () => {
    const f = frame({ ancestor: OTHER });
    const { bridge } = start(f, [PORTAL]);
    f.deliver(cmd('hello', { embedId: 'f1' }), PORTAL);
    expect(bridge.parentOrigin).toBe(OTHER);
    expect(f.postMessage).not.toHaveBeenCalled();
  });

  it('without ancestorOrigins: silent until an allowed hello, then ready to the hello\'s origin (and again on each hello)', () => {
    const f = frame();
    const { bridge } = start(f, [PORTAL], null);
    expect(bridge.send({ type: 'resize', height: 10 })).toBe(false);
    expect(f.postMessage).not.toHaveBeenCalled();
    f.deliver(cmd('hello', { embedId: 'from-hello' }));
    expect(bridge.parentOrigin).toBe(PORTAL);
    expect(bridge.embedId).toBe('from-hello');
    f.deliver(cmd('hello', { embedId: 'from-hello' }));
    expect(f.postMessage.mock.calls.map(([m]) => (m as { type: string }).type)).toEqual(['ready', 'ready']);
    expect(f.postMessage.mock.calls[0]?.[0]).toMatchObject({ embedId: 'from-hello' });
    expectOnlyToPortal(f.postMessage);
  });

  it('ignores and counts commands from a wrong origin, a wrong source, in a wrong shape or for another frame', () => {
    const f = frame({ ancestor: PORTAL });
    const { bridge, onCommand, onIgnored } = start(f);
    const sibling = { postMessage: vi.fn() };
    const hostile: [unknown, string, unknown][] = [
      [cmd('restart'), OTHER, f.parent], // another origin
      [cmd('restart'), PORTAL, sibling], // right origin, but another window (a sibling frame, a popup)
      [cmd('restart'), PORTAL, null],
      [cmd('setLanguage', { lang: '<img src=x onerror=alert(1)>' }), PORTAL, f.parent],
      [cmd('setLanguage', { lang: 'en', extra: 1 }), PORTAL, f.parent],
      [cmd('setTheme', { primary: 'red;background:url(x)' }), PORTAL, f.parent], // longer than #rrggbb
      [cmd('setTheme', { name: 'x'.repeat(61) }), PORTAL, f.parent],
      [cmd('prefill', { sector: 'C38"><script>' }), PORTAL, f.parent],
      [cmd('eval', { code: 'alert(1)' }), PORTAL, f.parent],
      [{ ...cmd('print'), version: 2 }, PORTAL, f.parent],
      [{ ...cmd('print'), source: 'aimm' }, PORTAL, f.parent],
      [cmd('print', { embedId: 'another-frame' }), PORTAL, f.parent],
      ['print', PORTAL, f.parent],
      [null, PORTAL, f.parent],
      [{ __proto__: { type: 'print' } }, PORTAL, f.parent],
    ];
    for (const [data, origin, source] of hostile) f.deliver(data, origin, source);
    expect(onCommand).not.toHaveBeenCalled();
    expect(bridge.ignored).toBe(hostile.length);
    expect(onIgnored).toHaveBeenLastCalledWith(hostile.length);
    // Only the first ready went out.
    expect(f.postMessage).toHaveBeenCalledTimes(1);
  });

  it('passes on well-formed commands from the parent', () => {
    const f = frame({ ancestor: PORTAL });
    const { onCommand, bridge } = start(f);
    const good = [cmd('setLanguage', { lang: 'en' }), cmd('setTheme', { primary: '#004c97', name: 'Portal' }), cmd('prefill', { sector: 'C3841', province: '33', company: 'ACME' }), cmd('restart'), cmd('print', { embedId: 'f1' })];
    for (const c of good) f.deliver(c);
    expect(onCommand.mock.calls.map(([c]) => (c as { type: string }).type)).toEqual(['setLanguage', 'setTheme', 'prefill', 'restart', 'print']);
    expect(bridge.ignored).toBe(0);
  });

  it('stops listening when destroyed', () => {
    const f = frame({ ancestor: PORTAL });
    const { bridge, onCommand } = start(f);
    bridge.destroy();
    f.deliver(cmd('restart'));
    expect(onCommand).not.toHaveBeenCalled();
    expect(f.listeners).toHaveLength(0);
  });

  it('outside a frame (parent is the window itself) it never posts', () => {
    const postMessage = vi.fn();
    const top = { postMessage };
    const win = { parent: top, self: top, location: { ancestorOrigins: { length: 1, 0: PORTAL } }, addEventListener: () => undefined, removeEventListener: () => undefined };
    const bridge = createBridge({ win: win as BridgeWindow, allowedOrigins: [PORTAL], embedId: null, readyPayload: ready, onCommand: vi.fn() });
    expect(bridge.connected).toBe(false);
    expect(postMessage).not.toHaveBeenCalled();
  });
});

describe('what completed carries', () => {
  const result = { overall: { score: 42 } } as never;
  const answers = { questionnaire: { id: 'aimm-quick', version: '2.0.0' }, profile: {}, answers: {} };
  it('only the depth unless the deployment shares results; answers only when it shares answers too', () => {
    expect(completedPayload('quick', result, answers, { shareResults: false, shareAnswers: true })).toEqual({ type: 'completed', depth: 'quick' });
    expect(completedPayload('quick', result, answers, { shareResults: true, shareAnswers: false })).toEqual({ type: 'completed', depth: 'quick', result: { overall: { score: 42 } } });
    expect(completedPayload('full', result, answers, { shareResults: true, shareAnswers: true })).toMatchObject({ depth: 'full', answers });
  });
});

describe('resize', () => {
  it('reports whole pixels, once per animation frame, only when the height changed', () => {
    let height = 100.4;
    vi.spyOn(document.documentElement, 'getBoundingClientRect').mockImplementation(() => ({ height }) as DOMRect);
    // A ResizeObserver the test triggers, and animation frames it runs.
    let observed: (() => void) | null = null;
    const targets: unknown[] = [];
    vi.stubGlobal('ResizeObserver', class {
      constructor(cb: () => void) {
        observed = cb;
      }
      observe(t: unknown) {
        targets.push(t);
      }
      disconnect() {
        observed = null;
      }
    });
    const frames: (() => void)[] = [];
    const runFrames = () => frames.splice(0).forEach((cb) => cb());
    const report = vi.fn();
    const stop = watchHeight(document, report, (cb) => frames.push(cb));
    expect(targets).toContain(document.documentElement);
    runFrames();
    expect(report.mock.calls).toEqual([[101]]);
    height = 100.9; // the same whole pixel: nothing sent
    (observed as unknown as () => void)();
    runFrames();
    expect(report.mock.calls).toEqual([[101]]);
    // A report section opens: several observations within one frame make one measurement.
    height = 2400;
    for (let i = 0; i < 5; i++) (observed as unknown as () => void)();
    expect(frames).toHaveLength(1);
    runFrames();
    // …and closes again: the frame shrinks too.
    height = 900;
    (observed as unknown as () => void)();
    runFrames();
    expect(report.mock.calls).toEqual([[101], [2400], [900]]);
    stop();
    expect(observed).toBeNull();
    vi.unstubAllGlobals();
  });
});

describe('sandbox detection', () => {
  it('a print that fires no beforeprint inside a frame counts as blocked; at the top it never does', async () => {
    const { tryPrint, frameLimits } = await import('../../src/embed/sandbox.ts');
    const events = new EventTarget();
    const blocked = { print: () => undefined, addEventListener: events.addEventListener.bind(events), removeEventListener: events.removeEventListener.bind(events) };
    const works = { ...blocked, print: () => void events.dispatchEvent(new Event('beforeprint')) };
    expect(tryPrint(blocked as never, false)).toBe(true);
    expect(frameLimits.print).toBeNull();
    expect(tryPrint(works as never, true)).toBe(true);
    expect(frameLimits.print).toBe(true);
    expect(tryPrint(blocked as never, true)).toBe(false);
    expect(frameLimits.print).toBe(false);
  });

  it('window.open returning null counts as blocked popups', async () => {
    const { tryOpen, frameLimits } = await import('../../src/embed/sandbox.ts');
    expect(tryOpen('https://a.example/', { open: () => null })).toBe(false);
    expect(frameLimits.popups).toBe(false);
    const opened = { opener: {} as unknown };
    expect(tryOpen('https://a.example/', { open: () => opened as Window })).toBe(true);
    expect(opened.opener).toBeNull();
  });
});
