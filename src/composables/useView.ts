import { ref } from 'vue';

/** The app's screens. A hash in the address (#/report) keeps them linkable inside any iframe or static host. */
export type View = 'landing' | 'questions' | 'review' | 'report';
const VIEWS: readonly View[] = ['landing', 'questions', 'review', 'report'];

function fromHash(hash: string): View {
  const name = hash.replace(/^#\/?/, '').split('?')[0] ?? '';
  return (VIEWS as readonly string[]).includes(name) ? (name as View) : 'landing';
}

const current = ref<View>(fromHash(globalThis.location?.hash ?? ''));
if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    current.value = fromHash(window.location.hash);
  });
}

export function useView() {
  function go(view: View): void {
    current.value = view;
    if (typeof window !== 'undefined') {
      const hash = view === 'landing' ? '#/' : `#/${view}`;
      if (window.location.hash !== hash) window.history.pushState(null, '', hash);
      window.scrollTo?.({ top: 0 });
    }
  }
  return { view: current, go };
}
