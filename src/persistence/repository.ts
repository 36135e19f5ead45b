import type { AsideItem, Backend } from './backend.ts';
import {
  checkRecord, isRecord, mergeRecords, salvageFile, textOf, FORMAT_VERSION,
  type Checked, type DiagnosisRecord,
} from './format.ts';

/** Today's (format 0) keys in localStorage: a draft, and the copy of a damaged one. */
export const LEGACY_DRAFT_KEY = 'aimm:draft';
export const LEGACY_DAMAGED_KEY = 'aimm:draft:damaged';

export interface LegacySource {
  get(key: string): string | null;
  remove(key: string): void;
  /** Synchronous: the journal of changes not yet in IndexedDB (false when it could not be written). */
  set?(key: string, value: string): boolean;
}

/**
 * Changes waiting for their debounced IndexedDB write, kept synchronously in localStorage: a tab closed or
 * navigated away within that quarter second still finds them on the next start. Removed once written.
 */
export const JOURNAL_KEY = 'aimm:journal';

export interface Channel {
  post(message: unknown): void;
  listen(handler: (message: unknown) => void): void;
}

export interface LoadResult {
  records: Checked<DiagnosisRecord>[];
  aside: AsideItem[];
  /** Records that could not be read at all (now kept aside), partly read, or that could not even be kept aside. */
  setAside: number;
  partial: number;
  asideFailed: number;
  migrated: boolean;
}

export type SaveResult =
  | { ok: true; record: Checked<DiagnosisRecord>; theirs: string[] }
  | { ok: false; error: 'quota' | 'failed' };

/** FNV-1a: a migrated draft gets the same id however often the migration is interrupted and rerun. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** Today's localStorage draft (format 0) as a record; null when it cannot be read at all. */
export function migrateLegacyDraft(raw: string): { record: Checked<DiagnosisRecord>; partial: boolean } | null {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!isRecord(data) || data['format'] !== 'aimm-draft') return null;
  const depth = data['depth'];
  if (depth !== 'quick' && depth !== 'full') return null;
  const salvaged = salvageFile(data['file']);
  if (!salvaged) return null;
  const at = typeof data['savedAt'] === 'number' && Number.isFinite(data['savedAt']) && data['savedAt'] > 0 ? data['savedAt'] : Date.now();
  const stamps: Record<string, number> = {};
  for (const k of Object.keys(salvaged.file.profile)) stamps[`profile.${k}`] = at;
  for (const k of Object.keys(salvaged.file.answers)) stamps[`answers.${k}`] = at;
  for (const k of Object.keys(salvaged.file.meta ?? {})) stamps[`meta.${k}`] = at;
  const id = `legacy-${hash(raw)}`;
  const checked = checkRecord({
    format: 'aimm-record', formatVersion: FORMAT_VERSION, id, companyId: id, title: '', depth, file: salvaged.file, stamps,
    position: typeof data['position'] === 'string' ? data['position'] : null, createdAt: at, updatedAt: at,
    completedAt: null, deletedAt: null, previousId: null, knowledgeVersion: null, summary: {},
  });
  return checked.ok ? { record: checked.value, partial: salvaged.dropped.length > 0 } : null;
}

function isQuota(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'QuotaExceededError';
}

/**
 * The only code that reads or writes diagnoses. Each write is a read-merge-write in one transaction: a record
 * written by another tab meanwhile is merged answer by answer, never overwritten. Writes of one diagnosis
 * run one after the other.
 */
export class Repository {
  private queue = new Map<string, Promise<unknown>>();
  private listeners: ((id: string) => void)[] = [];
  /** Set aside during this visit but not storable (storage full): downloadable still. */
  private unsaved: AsideItem[] = [];

  constructor(readonly backend: Backend, private readonly legacy: LegacySource | null = null, private readonly channel: Channel | null = null) {
    channel?.listen((message) => {
      if (isRecord(message) && message['type'] === 'changed' && typeof message['id'] === 'string') {
        for (const l of this.listeners) l(message['id']);
      }
    });
  }

  get persistent(): boolean {
    return this.backend.durable;
  }

  /** Another tab changed a diagnosis. */
  onExternalChange(listener: (id: string) => void): void {
    this.listeners.push(listener);
  }

  private async keepAside(item: Omit<AsideItem, 'key'>, removeKey?: string): Promise<boolean> {
    try {
      await this.backend.setAside(item, removeKey);
      return true;
    } catch {
      this.unsaved.push({ ...item, key: -1 - this.unsaved.length });
      return false;
    }
  }

  private readJournal(): Record<string, unknown> {
    const raw = this.legacy?.get(JOURNAL_KEY);
    if (!raw) return {};
    try {
      const data = JSON.parse(raw) as unknown;
      return isRecord(data) ? data : {};
    } catch {
      return {};
    }
  }

  /** Notes a change at once (synchronously), before its debounced write. */
  journal(record: Checked<DiagnosisRecord>): void {
    if (!this.legacy?.set) return;
    const entries = this.readJournal();
    entries[record.id] = record;
    this.legacy.set(JOURNAL_KEY, JSON.stringify(entries));
  }

  private clearJournal(id: string, upTo: number): void {
    if (!this.legacy?.set) return;
    const entries = this.readJournal();
    const entry = entries[id];
    if (!entry) return;
    const at = isRecord(entry) && typeof entry['updatedAt'] === 'number' ? entry['updatedAt'] : 0;
    if (at > upTo) return;
    delete entries[id];
    if (Object.keys(entries).length) this.legacy.set(JOURNAL_KEY, JSON.stringify(entries));
    else this.legacy.remove(JOURNAL_KEY);
  }

  /** Changes a closed tab had not written yet: merged into what is stored, answer by answer. */
  private async replayJournal(): Promise<void> {
    const entries = this.readJournal();
    for (const [id, value] of Object.entries(entries)) {
      const checked = checkRecord(value);
      if (!checked.ok || checked.value.id !== id) continue;
      await this.save(checked.value);
    }
  }

  /** Reads everything, migrating today's localStorage draft first; nothing unreadable is dropped. */
  async load(): Promise<LoadResult> {
    const result: LoadResult = { records: [], aside: [], setAside: 0, partial: 0, asideFailed: 0, migrated: false };
    await this.migrateLegacy(result);
    await this.replayJournal();
    let stored: { key: string; value: unknown }[];
    try {
      stored = await this.backend.readAll();
    } catch {
      stored = [];
    }
    for (const { key, value } of stored) {
      const checked = checkRecord(value);
      if (checked.ok && checked.value.id === key) {
        if (checked.dropped.length) {
          result.partial++;
          if (!(await this.keepAside({ at: Date.now(), reason: 'partial', text: textOf(value) }))) result.asideFailed++;
        }
        result.records.push(checked.value);
        continue;
      }
      const text = textOf(value);
      const reason = !checked.ok && checked.reason === 'future' ? 'future' : 'unreadable';
      // A record from a newer version of the app stays where it is: that version can still read it.
      if (reason === 'future') {
        this.unsaved.push({ key: -1 - this.unsaved.length, at: Date.now(), reason, text });
        result.setAside++;
        continue;
      }
      if (await this.keepAside({ at: Date.now(), reason, text }, key)) result.setAside++;
      else result.asideFailed++;
    }
    result.aside = await this.asideItems();
    return result;
  }

  private async migrateLegacy(result: LoadResult): Promise<void> {
    if (!this.legacy) return;
    const raw = this.legacy.get(LEGACY_DRAFT_KEY);
    const damaged = this.legacy.get(LEGACY_DAMAGED_KEY);
    let ok = true;
    if (raw !== null) {
      const migrated = migrateLegacyDraft(raw);
      if (migrated) {
        try {
          const existing = await this.backend.get(migrated.record.id);
          if (existing === undefined) await this.backend.putAll([{ key: migrated.record.id, value: migrated.record }]);
          result.migrated = true;
        } catch {
          ok = false;
        }
        if (ok && migrated.partial) ok = await this.keepAside({ at: Date.now(), reason: 'partial', text: raw });
      } else {
        ok = await this.keepAside({ at: Date.now(), reason: 'legacy', text: raw });
        if (ok) result.setAside++;
        else result.asideFailed++;
      }
    }
    if (damaged !== null) {
      const kept = await this.keepAside({ at: Date.now(), reason: 'legacy', text: damaged });
      if (kept) result.setAside++;
      else result.asideFailed++;
      ok = kept && ok;
    }
    // Today's keys go only once their contents are safely in IndexedDB; in memory they stay for next time.
    if (ok && this.persistent) {
      if (raw !== null) this.legacy.remove(LEGACY_DRAFT_KEY);
      if (damaged !== null) this.legacy.remove(LEGACY_DAMAGED_KEY);
    }
  }

  /** Keeps a text aside; when storage refuses it, it stays downloadable for this visit. */
  async setAside(item: Omit<AsideItem, 'key'>): Promise<boolean> {
    return this.keepAside(item);
  }

  async asideItems(): Promise<AsideItem[]> {
    let stored: AsideItem[];
    try {
      stored = await this.backend.aside();
    } catch {
      stored = [];
    }
    return [...stored, ...this.unsaved];
  }

  async removeAside(key: number): Promise<void> {
    this.unsaved = this.unsaved.filter((i) => i.key !== key);
    if (key >= 0) await this.backend.removeAside(key);
  }

  async get(id: string): Promise<Checked<DiagnosisRecord> | null> {
    try {
      const checked = checkRecord(await this.backend.get(id));
      return checked.ok ? checked.value : null;
    } catch {
      return null;
    }
  }

  private serial<T>(id: string, run: () => Promise<T>): Promise<T> {
    const previous = this.queue.get(id) ?? Promise.resolve();
    const next = previous.then(run, run);
    this.queue.set(id, next.catch(() => undefined));
    return next;
  }

  /**
   * Saves a diagnosis, merged with what another tab may have stored meanwhile. Only checked records come in;
   * the merged result is checked again before it is written.
   */
  save(record: Checked<DiagnosisRecord>): Promise<SaveResult> {
    return this.serial(record.id, async () => {
      let theirs: string[] = [];
      try {
        const written = await this.backend.update(record.id, (current) => {
          const stored = current === undefined ? null : checkRecord(current);
          if (!stored || !stored.ok) return record;
          const merged = mergeRecords(stored.value, record);
          theirs = merged.theirs;
          const again = checkRecord(merged.record);
          return again.ok ? again.value : record;
        });
        if (this.persistent) this.clearJournal(record.id, record.updatedAt);
        this.channel?.post({ type: 'changed', id: record.id });
        return { ok: true, record: written as Checked<DiagnosisRecord>, theirs };
      } catch (e) {
        return { ok: false, error: isQuota(e) ? 'quota' : 'failed' };
      }
    });
  }

  /** Adds records (an import, a duplicate): all of them or, on failure, none. */
  async insert(records: Checked<DiagnosisRecord>[]): Promise<boolean> {
    try {
      await this.backend.putAll(records.map((r) => ({ key: r.id, value: r })));
      for (const r of records) this.channel?.post({ type: 'changed', id: r.id });
      return true;
    } catch {
      return false;
    }
  }

  /** Removes diagnoses for good (emptying the trash). */
  async purge(ids: string[]): Promise<boolean> {
    try {
      await this.backend.remove(ids);
      for (const id of ids) this.channel?.post({ type: 'changed', id });
      return true;
    } catch {
      return false;
    }
  }
}
