import { onScopeDispose, ref, type Ref } from 'vue';

/** A media query as a ref; false where matchMedia is missing (tests, old webviews). */
export function useMediaQuery(query: string): Ref<boolean> {
  const mql = typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(query) : null;
  const matches = ref(mql?.matches ?? false);
  if (mql) {
    const update = (e: MediaQueryListEvent): void => {
      matches.value = e.matches;
    };
    mql.addEventListener('change', update);
    onScopeDispose(() => mql.removeEventListener('change', update));
  }
  return matches;
}
