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
  let writable = false;
  try {
    storage = getStorage();
    const probe = '__aimm_probe__';
    storage?.setItem(probe, probe);
    storage?.removeItem(probe);
    writable = storage !== null;
  } catch {
    // A full storage refuses the probe yet still reads: what it holds stays visible.
    try {
      storage?.getItem('__aimm_probe__');
    } catch {
      storage = null;
    }
  }
  return {
    persistent: writable,
    get(key) {
      if (memory.has(key)) return memory.get(key) ?? null;
      try {
        return storage ? storage.getItem(key) : null;
      } catch {
        return null;
      }
    },
    set(key, value) {
      try {
        if (!storage) throw new Error('no storage');
        storage.setItem(key, value);
        memory.delete(key);
        return true;
      } catch {
        memory.set(key, value);
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
