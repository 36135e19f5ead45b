/**
 * Scheduling helpers for work that must not delay what the user sees: prefetching the next screen's code and
 * data, drawing a report's lower sections, moving focus once the new screen is laid out.
 */

type IdleWindow = { requestIdleCallback?: (cb: () => void, options?: { timeout: number }) => number };

/** Runs `fn` when the browser is idle (at the latest after `timeout` ms); a timer where there is no idle callback. */
export function whenIdle(fn: () => void, timeout = 2000): void {
  const w = globalThis as unknown as IdleWindow;
  if (typeof w.requestIdleCallback === 'function') w.requestIdleCallback(fn, { timeout });
  else setTimeout(fn, 1);
}

/**
 * Runs `fn` after the next frame has been painted: a frame callback runs before the paint, a task queued from it
 * runs after. Focusing or measuring there finds the layout already done instead of forcing it.
 */
export function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    setTimeout(fn, 0);
    return;
  }
  requestAnimationFrame(() => setTimeout(fn, 0));
}

type Scheduler = { scheduler?: { yield?: () => Promise<void> } };

/**
 * Lets the browser paint and handle input before the caller goes on: start-up work split at these points runs
 * as several short tasks instead of one long one (a phone's main thread stays responsive while the app starts).
 */
export function nextTask(): Promise<void> {
  const s = (globalThis as unknown as Scheduler).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
