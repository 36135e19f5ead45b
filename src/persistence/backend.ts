/**
 * Where records live. IndexedDB through a thin hand-written wrapper (about 1 KB: the app needs five calls,
 * each with its own error handling, and `durability: 'strict'` on every answer write); memory when the browser
 * refuses storage. Nothing else in the app touches storage (the locale and branding keep using safeStorage).
 */
export interface AsideItem {
  key: number;
  /** When it was set aside (ms). */
  at: number;
  reason: 'unreadable' | 'future' | 'partial' | 'legacy';
  /** The text as it was found (JSON, or the raw string), to download. */
  text: string;
}

export interface Backend {
  readonly kind: 'indexeddb' | 'memory';
  /** Survives a reload: IndexedDB; a memory backend only when a test makes it stand in for one. */
  readonly durable: boolean;
  /** Every stored value with its key, unread: the repository checks each. */
  readAll(): Promise<{ key: string; value: unknown }[]>;
  get(key: string): Promise<unknown>;
  /**
   * Reads a value, lets `change` compute the next one, writes it: in one transaction (strict durability),
   * so two tabs never interleave. `change` returning undefined writes nothing.
   */
  update(key: string, change: (current: unknown) => unknown): Promise<unknown>;
  /** Writes several values at once: all or none (an import). */
  putAll(values: { key: string; value: unknown }[]): Promise<void>;
  remove(keys: string[]): Promise<void>;
  /** Keeps a value aside and, in the same transaction, removes it from the diagnoses. */
  setAside(item: Omit<AsideItem, 'key'>, removeKey?: string): Promise<void>;
  aside(): Promise<AsideItem[]>;
  removeAside(key: number): Promise<void>;
}

/** A copy as IndexedDB would hand it back; a value too deep to copy is handed over as it is. */
function copy(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return value;
  }
}

export class MemoryBackend implements Backend {
  readonly kind = 'memory' as const;
  constructor(readonly durable = false) {}
  private values = new Map<string, unknown>();
  private asideItems: AsideItem[] = [];
  private next = 1;
  async readAll() {
    return [...this.values].map(([key, value]) => ({ key, value: copy(value) }));
  }
  async get(key: string) {
    return copy(this.values.get(key));
  }
  async update(key: string, change: (current: unknown) => unknown) {
    const next = change(structuredClone(this.values.get(key)));
    if (next !== undefined) this.values.set(key, structuredClone(next));
    return next;
  }
  async putAll(values: { key: string; value: unknown }[]) {
    const copies = values.map((v) => [v.key, structuredClone(v.value)] as const);
    for (const [k, v] of copies) this.values.set(k, v);
  }
  async remove(keys: string[]) {
    for (const k of keys) this.values.delete(k);
  }
  async setAside(item: Omit<AsideItem, 'key'>, removeKey?: string) {
    this.asideItems.push({ ...item, key: this.next++ });
    if (removeKey !== undefined) this.values.delete(removeKey);
  }
  async aside() {
    return this.asideItems.map((i) => ({ ...i }));
  }
  async removeAside(key: number) {
    this.asideItems = this.asideItems.filter((i) => i.key !== key);
  }
  /** Test hook and raw access for a tool that corrupts data on purpose. */
  rawSet(key: string, value: unknown): void {
    this.values.set(key, value);
  }
}

const DB_NAME = 'aimm';
const DB_VERSION = 1;
const DIAGNOSES = 'diagnoses';
const ASIDE = 'aside';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

export class IndexedDbBackend implements Backend {
  readonly kind = 'indexeddb' as const;
  readonly durable = true;
  constructor(private readonly db: IDBDatabase) {}

  private tx(stores: string[], mode: IDBTransactionMode): IDBTransaction {
    // Strict durability: the answer is on disk when the write reports success, even if the browser is killed next.
    return mode === 'readwrite' ? this.db.transaction(stores, mode, { durability: 'strict' }) : this.db.transaction(stores, mode);
  }

  async readAll() {
    const tx = this.tx([DIAGNOSES], 'readonly');
    const store = tx.objectStore(DIAGNOSES);
    const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
    return keys.map((key, i) => ({ key: String(key), value: values[i] as unknown }));
  }

  async get(key: string) {
    return request(this.tx([DIAGNOSES], 'readonly').objectStore(DIAGNOSES).get(key)) as Promise<unknown>;
  }

  async update(key: string, change: (current: unknown) => unknown) {
    const tx = this.tx([DIAGNOSES], 'readwrite');
    const finished = done(tx);
    const store = tx.objectStore(DIAGNOSES);
    let next: unknown;
    let failure: unknown = null;
    const got = store.get(key);
    got.onsuccess = () => {
      try {
        next = change(got.result as unknown);
        if (next !== undefined) store.put(next, key);
      } catch (e) {
        failure = e;
        tx.abort();
      }
    };
    try {
      await finished;
    } catch (e) {
      throw failure ?? e;
    }
    return next;
  }

  async putAll(values: { key: string; value: unknown }[]) {
    const tx = this.tx([DIAGNOSES], 'readwrite');
    const finished = done(tx);
    const store = tx.objectStore(DIAGNOSES);
    for (const v of values) store.put(v.value, v.key);
    await finished;
  }

  async remove(keys: string[]) {
    const tx = this.tx([DIAGNOSES], 'readwrite');
    const finished = done(tx);
    for (const k of keys) tx.objectStore(DIAGNOSES).delete(k);
    await finished;
  }

  async setAside(item: Omit<AsideItem, 'key'>, removeKey?: string) {
    const tx = this.tx([DIAGNOSES, ASIDE], 'readwrite');
    const finished = done(tx);
    tx.objectStore(ASIDE).add(item);
    if (removeKey !== undefined) tx.objectStore(DIAGNOSES).delete(removeKey);
    await finished;
  }

  async aside() {
    const tx = this.tx([ASIDE], 'readonly');
    const store = tx.objectStore(ASIDE);
    const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
    return keys.map((key, i) => {
      const v = values[i] as Partial<AsideItem> | undefined;
      return {
        key: Number(key),
        at: typeof v?.at === 'number' ? v.at : 0,
        reason: v?.reason ?? 'unreadable',
        text: typeof v?.text === 'string' ? v.text : '',
      } as AsideItem;
    });
  }

  async removeAside(key: number) {
    const tx = this.tx([ASIDE], 'readwrite');
    const finished = done(tx);
    tx.objectStore(ASIDE).delete(key);
    await finished;
  }
}

/** How long opening the database may take (another tab holding an old version open) before memory is used. */
const OPEN_TIMEOUT_MS = 4000;

/** IndexedDB when the browser lets us use it; otherwise null (private mode, a blocked frame, no support). */
export async function openIndexedDb(factory: IDBFactory | undefined = globalThis.indexedDB): Promise<IndexedDbBackend | null> {
  if (!factory) return null;
  try {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = factory.open(DB_NAME, DB_VERSION);
      const timer = setTimeout(() => reject(new Error('IndexedDB open timed out')), OPEN_TIMEOUT_MS);
      req.onupgradeneeded = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(DIAGNOSES)) db.createObjectStore(DIAGNOSES);
        if (!db.objectStoreNames.contains(ASIDE)) db.createObjectStore(ASIDE, { autoIncrement: true });
      };
      req.onsuccess = () => {
        clearTimeout(timer);
        resolve(req.result);
      };
      req.onerror = () => {
        clearTimeout(timer);
        reject(req.error ?? new Error('IndexedDB open failed'));
      };
      req.onblocked = () => undefined;
    });
    // A newer version of the app in another tab upgrades the database: let it.
    db.onversionchange = () => db.close();
    return new IndexedDbBackend(db);
  } catch {
    return null;
  }
}
