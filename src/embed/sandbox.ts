/**
 * What a frame's sandbox lets the report do. Sandbox flags cannot be read, so each feature is tried when the
 * user asks for it and a failure is seen: print() returning without a beforeprint event was blocked (no
 * allow-modals); window.open() returning null was blocked (no allow-popups). A blocked download cannot be seen
 * at all: inside a frame the report always offers the copyable text beside the file.
 */
import { reactive } from 'vue';
import { isEmbedded } from '../components/report/embedded.ts';

export const frameLimits = reactive({
  /** false once a print was seen to be blocked; null until tried. */
  print: null as boolean | null,
  /** false once opening a window was seen to be blocked; null until tried. */
  popups: null as boolean | null,
});

type PrintWindow = Pick<Window, 'print' | 'addEventListener' | 'removeEventListener'>;

/**
 * Prints; false when the browser ignored the call (a sandbox without allow-modals). Only a frame is judged:
 * a top-level window cannot be sandboxed that way, and a browser that fires no beforeprint must not be told off.
 */
export function tryPrint(win: PrintWindow = window, framed: boolean = isEmbedded()): boolean {
  if (typeof win.print !== 'function') return (frameLimits.print = false);
  let started = false;
  const mark = (): void => {
    started = true;
  };
  win.addEventListener('beforeprint', mark);
  try {
    win.print();
  } catch {
    // A browser that throws instead of ignoring: the same for the user.
  } finally {
    win.removeEventListener('beforeprint', mark);
  }
  if (framed) frameLimits.print = started;
  return started || !framed;
}

/** Opens a URL in a new window; false when it was blocked (a sandbox without allow-popups). */
export function tryOpen(href: string, win: Pick<Window, 'open'> = window): boolean {
  let opened: Window | null;
  try {
    opened = win.open(href, '_blank');
  } catch {
    opened = null;
  }
  if (opened) {
    try {
      opened.opener = null;
    } catch {
      // Cross-origin or already closed: nothing to cut.
    }
  }
  frameLimits.popups = opened !== null;
  return opened !== null;
}
