/**
 * The entry. When index.html holds the pre-rendered landing page (scripts/shell.ts) and its start-up guard has
 * not hidden it, the app starts after that page has painted and takes it over (hydration) instead of drawing it
 * again; otherwise it draws itself. The app's chunks and styles are preloaded by index.html (vite.config.ts), so
 * waiting for the paint costs no request.
 */
const container = document.getElementById('app') as HTMLElement;
const shell = container.firstElementChild !== null && document.documentElement.getAttribute('data-shell') !== 'off';

let started = false;
function start(): void {
  if (started) return;
  started = true;
  void import('./start.ts').then((m) => m.startApp(container, shell));
}

if (!shell || document.visibilityState === 'hidden' || typeof PerformanceObserver !== 'function') start();
else {
  // Once the first paint is on screen (the observer reports it after it was presented); a timer for browsers
  // that report no paint timing.
  new PerformanceObserver((list, observer) => {
    if (list.getEntriesByName('first-contentful-paint').length === 0) return;
    observer.disconnect();
    setTimeout(start, 0);
  }).observe({ type: 'paint', buffered: true });
  setTimeout(start, 300);
}
