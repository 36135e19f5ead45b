/**
 * The frame's side of the embed protocol: learns the parent's origin (location.ancestorOrigins, else an allowed
 * hello), sends messages only to that exact origin and only when the deployment allows it — never to "*" — and
 * takes commands only from window.parent, from an allowed origin, in the schema's shape. Everything else is
 * ignored and counted. The window is passed in, so tests drive it with a fake parent.
 */
import { envelope, parseCommand, type AppPayload, type HostCommand } from './protocol.ts';

export interface BridgeWindow {
  readonly parent: { postMessage(message: unknown, targetOrigin: string): void } | null;
  readonly self?: unknown;
  readonly location: { readonly ancestorOrigins?: { readonly length: number; readonly [index: number]: string } | undefined };
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

export interface BridgeOptions {
  win: BridgeWindow;
  allowedOrigins: readonly string[];
  /** From the frame URL; a hello may bring it when the URL did not. */
  embedId: string | null;
  /** The ready message's payload, built when it is sent (language and capabilities as they are then). */
  readyPayload: () => AppPayload;
  /** An accepted command other than hello. */
  onCommand: (command: Exclude<HostCommand, { type: 'hello' }>) => void;
  /** The number of ignored messages changed. */
  onIgnored?: (count: number) => void;
  /** The parent's origin is known and allowed (called once, right after the first ready). */
  onConnect?: (origin: string, bridge: Bridge) => void;
}

export interface Bridge {
  /** Sends to the parent; false (and nothing sent) while the parent's origin is unknown or not allowed. */
  send(payload: AppPayload): boolean;
  readonly parentOrigin: string | null;
  /** True when the parent's origin is known and on the allow-list: messages go out, commands are obeyed. */
  readonly connected: boolean;
  readonly ignored: number;
  readonly embedId: string | null;
  destroy(): void;
}

export function createBridge(options: BridgeOptions): Bridge {
  const { win, allowedOrigins } = options;
  const parent = win.parent && win.parent !== (win.self ?? win) ? win.parent : null;
  const ancestor = win.location.ancestorOrigins && win.location.ancestorOrigins.length > 0 ? win.location.ancestorOrigins[0] ?? null : null;
  // Where the browser tells the parent's origin, it is the only one ever trusted; a hello cannot change it.
  let parentOrigin: string | null = ancestor;
  let embedId = options.embedId;
  let ignored = 0;
  const allowed = (origin: string | null): origin is string => origin !== null && allowedOrigins.includes(origin);

  const ignore = (): void => {
    ignored++;
    options.onIgnored?.(ignored);
  };

  function send(payload: AppPayload): boolean {
    if (!parent || !allowed(parentOrigin)) return false;
    parent.postMessage(envelope(payload, embedId), parentOrigin);
    return true;
  }

  function onMessage(event: MessageEvent): void {
    // Only the parent, only from an allowed origin, only the parent's own origin once known.
    if (!parent || event.source !== parent || !allowed(event.origin) || (ancestor !== null && event.origin !== ancestor)) {
      ignore();
      return;
    }
    const command = parseCommand(event.data);
    if (!command) {
      ignore();
      return;
    }
    if (command.embedId !== undefined && embedId !== null && command.embedId !== embedId) {
      ignore();
      return;
    }
    if (command.type === 'hello') {
      if (embedId === null) embedId = command.embedId;
      const first = parentOrigin === null;
      parentOrigin ??= event.origin;
      send(options.readyPayload());
      if (first) options.onConnect?.(parentOrigin, bridge);
      return;
    }
    options.onCommand(command);
  }

  const bridge: Bridge = {
    send,
    get parentOrigin() {
      return parentOrigin;
    },
    get connected() {
      return parent !== null && allowed(parentOrigin);
    },
    get ignored() {
      return ignored;
    },
    get embedId() {
      return embedId;
    },
    destroy() {
      win.removeEventListener('message', onMessage);
    },
  };
  win.addEventListener('message', onMessage);
  if (parent && allowed(parentOrigin)) {
    send(options.readyPayload());
    options.onConnect?.(parentOrigin, bridge);
  }
  return bridge;
}

/**
 * Reports the document's height whenever it changes: a ResizeObserver on <html> and <body>, debounced to one
 * measurement per animation frame, sent only when the whole-pixel height differs from the last one sent.
 */
export function watchHeight(
  doc: Document,
  report: (height: number) => void,
  raf: (cb: () => void) => unknown = (cb) => requestAnimationFrame(cb),
): () => void {
  let last = -1;
  let pending = false;
  const measure = (): void => {
    pending = false;
    const height = Math.ceil(doc.documentElement.getBoundingClientRect().height);
    if (height !== last && height >= 0) {
      last = height;
      report(height);
    }
  };
  const schedule = (): void => {
    if (pending) return;
    pending = true;
    raf(measure);
  };
  if (typeof ResizeObserver !== 'function') {
    schedule();
    return () => undefined;
  }
  const observer = new ResizeObserver(schedule);
  observer.observe(doc.documentElement);
  if (doc.body) observer.observe(doc.body);
  schedule();
  return () => observer.disconnect();
}
