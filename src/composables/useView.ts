import { ref } from 'vue';

/**
 * The app's screens. The address hash (#/questions/fm-automation, #/report) keeps them linkable inside any
 * iframe or static host, and makes the browser's Back and Forward step through them.
 */
export type View = 'landing' | 'questions' | 'review' | 'report';
const VIEWS: readonly View[] = ['landing', 'questions', 'review', 'report'];

interface Location {
  view: View;
  /** The question shown, on the questionnaire screen. */
  question: string | null;
}

/** Reads `#/view/question`; an address that names no screen (an in-page anchor such as #main) gives null. */
export function parseHash(hash: string): Location | null {
  const [name = '', question] = hash.replace(/^#\/?/, '').split('?')[0]?.split('/') ?? [];
  if (name === '') return { view: 'landing', question: null };
  if (!(VIEWS as readonly string[]).includes(name)) return null;
  return { view: name as View, question: name === 'questions' && question ? decodeURIComponent(question) : null };
}

function toHash(location: Location): string {
  if (location.view === 'landing') return '#/';
  return location.question ? `#/${location.view}/${encodeURIComponent(location.question)}` : `#/${location.view}`;
}

const start = parseHash(globalThis.location?.hash ?? '') ?? { view: 'landing', question: null };
const view = ref<View>(start.view);
const question = ref<string | null>(start.question);

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    const next = parseHash(window.location.hash);
    if (!next) return;
    view.value = next.view;
    question.value = next.question;
  });
}

export function useView() {
  /**
   * Shows a screen. `replace` keeps it out of the history (a redirect should not trap the Back button).
   */
  function go(next: View, options: { question?: string | null; replace?: boolean } = {}): void {
    const changed = next !== view.value;
    view.value = next;
    question.value = options.question ?? null;
    if (typeof window === 'undefined') return;
    const hash = toHash({ view: next, question: question.value });
    if (window.location.hash !== hash) {
      if (options.replace) window.history.replaceState(null, '', hash);
      else window.history.pushState(null, '', hash);
    }
    if (changed) window.scrollTo?.({ top: 0 });
  }
  return { view, question, go };
}
