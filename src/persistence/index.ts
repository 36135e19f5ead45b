/**
 * Persistence: the format of a stored diagnosis (with its version and migrations), the backends (IndexedDB,
 * memory) and the repository, the only code that reads or writes diagnoses. Loaded with the first screen
 * that needs it, not with the landing page's first paint.
 */
import { appStorage } from '../composables/safeStorage.ts';
import { MemoryBackend, openIndexedDb } from './backend.ts';
import { Repository, type Channel } from './repository.ts';

export * from './format.ts';
export * from './repository.ts';
export type { AsideItem, Backend } from './backend.ts';
export { MemoryBackend, IndexedDbBackend, openIndexedDb } from './backend.ts';

function broadcast(): Channel | null {
  if (typeof BroadcastChannel !== 'function') return null;
  try {
    const channel = new BroadcastChannel('aimm');
    return {
      post: (m) => {
        try {
          channel.postMessage(m);
        } catch {
          // Another tab will see the change on its next save anyway: the merge does not depend on the notice.
        }
      },
      listen: (handler) => channel.addEventListener('message', (e) => handler((e as MessageEvent).data)),
    };
  } catch {
    return null;
  }
}

let opening: Promise<Repository> | null = null;

/** The app's repository: IndexedDB when the browser allows it, memory for this visit otherwise. */
export function openRepository(): Promise<Repository> {
  opening ??= openIndexedDb().then((db) => new Repository(db ?? new MemoryBackend(), appStorage, broadcast()));
  return opening;
}

/** Tests: a repository on a backend of their choosing. */
export function useRepository(repository: Repository | null): void {
  opening = repository ? Promise.resolve(repository) : null;
}
