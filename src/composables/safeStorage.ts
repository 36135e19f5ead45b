/**
 * localStorage that never throws: inside a blocked third-party iframe, or with storage disabled or full,
 * every access fails. Then the app keeps working from memory for this visit and says so.
 */
export interface SafeStorage {
  get(key: string): string | null;
  set(key: string, value: string): boolean;
  remove(key: string): void;
  /** False when the real storage cannot be used and values live only in memory. */
  readonly persistent: boolean;
}

export function createSafeStorage(getStorage: () => Storage | null = () => globalThis.localStorage ?? null): SafeStorage {
  const memory = new Map<string, string>();
  let storage: Storage | null = null;
  try {
    storage = getStorage();
    const probe = '__aimm_probe__';
    storage?.setItem(probe, probe);
    storage?.removeItem(probe);
  } catch {
    storage = null;
  }
  return {
    persistent: storage !== null,
    get(key) {
      try {
        return storage ? storage.getItem(key) : memory.get(key) ?? null;
      } catch {
        return memory.get(key) ?? null;
      }
    },
    set(key, value) {
      memory.set(key, value);
      try {
        storage?.setItem(key, value);
        return storage !== null;
      } catch {
        return false;
      }
    },
    remove(key) {
      memory.delete(key);
      try {
        storage?.removeItem(key);
      } catch {
        // Nothing more to do: the memory copy is gone, the stored one cannot be reached.
      }
    },
  };
}

export const appStorage = createSafeStorage();
