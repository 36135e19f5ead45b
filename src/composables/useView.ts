import { ref } from 'vue';
import { parseHash, toHash, type Location, type View } from './address.ts';

function readLocation(): Location {
  try {
    return parseHash(globalThis.location?.hash ?? '') ?? { view: 'landing', id: null, question: null, other: null };
  } catch {
    return { view: 'landing', id: null, question: null, other: null };
  }
}

const start = readLocation();
const view = ref<View>(start.view);
const id = ref<string | null>(start.id);
const question = ref<string | null>(start.question);
const other = ref<string | null>(start.other);

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    const next = parseHash(window.location.hash);
    if (!next) return;
    view.value = next.view;
    id.value = next.id;
    question.value = next.question;
    other.value = next.other;
  });
}

export function useView() {
  /**
   * Shows a screen. `replace` keeps it out of the history (a redirect should not trap the Back button).
   * A diagnosis screen without an `id` stays on the diagnosis shown.
   */
  function go(next: View, options: { id?: string | null; question?: string | null; other?: string | null; replace?: boolean } = {}): void {
    const changed = next !== view.value;
    if (options.id !== undefined) id.value = options.id;
    else if (next === 'landing' || next === 'workspace' || next === 'shared') id.value = null;
    view.value = next;
    question.value = options.question ?? null;
    other.value = options.other ?? null;
    if (typeof window === 'undefined') return;
    const hash = toHash({ view: next, id: id.value, question: question.value, other: other.value });
    if (window.location.hash !== hash) {
      if (options.replace) window.history.replaceState(null, '', hash);
      else window.history.pushState(null, '', hash);
    }
    if (changed) window.scrollTo?.({ top: 0 });
  }
  return { view, id, question, other, go };
}
