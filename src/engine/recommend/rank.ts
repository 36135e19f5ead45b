export function byScoreThenId(a: { score: number; order: number }, b: { score: number; order: number }): boolean {
  return a.score > b.score || (a.score === b.score && a.order < b.order);
}

/**
 * The first `k` items of a stable sort (`before(a, b)`: a goes first), without sorting them all: only a few
 * candidates are kept, and a full sort with a comparator was a sizeable part of a diagnosis.
 */
export function best<T>(items: readonly T[], k: number, before: (a: T, b: T) => boolean): T[] {
  const kept: T[] = [];
  for (const item of items) {
    let at = kept.length;
    while (at > 0 && before(item, kept[at - 1] as T)) at--;
    if (at >= k) continue;
    // Make room at `at`, dropping the last item when k are kept already.
    if (kept.length < k) kept.push(item);
    for (let j = kept.length - 1; j > at; j--) kept[j] = kept[j - 1] as T;
    kept[at] = item;
  }
  return kept;
}
