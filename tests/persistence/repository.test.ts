import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  checked, edit, emptyRecord, MemoryBackend, openIndexedDb, Repository, LEGACY_DRAFT_KEY,
  type Backend, type DiagnosisRecord, type LegacySource,
} from '../../src/persistence/index.ts';
import completeDraft from '../fixtures/legacy/complete-quick-draft.json';
import halfDraft from '../fixtures/legacy/half-full-draft.json';

function legacy(entries: Record<string, string> = {}): LegacySource & { map: Map<string, string> } {
  const map = new Map(Object.entries(entries));
  return { map, get: (k) => map.get(k) ?? null, remove: (k) => void map.delete(k) };
}

const Q = { id: 'aimm-quick', version: '1.0.0' };
function record(answers: Record<string, string> = {}, at = 1000): DiagnosisRecord {
  let r = emptyRecord('quick', Q, at);
  for (const [k, v] of Object.entries(answers)) r = edit(r, `answers.${k}`, v, at);
  return r;
}

async function freshDb(): Promise<Backend> {
  const backend = await openIndexedDb(new IDBFactory());
  if (!backend) throw new Error('fake IndexedDB did not open');
  return backend;
}

describe('IndexedDB repository', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await freshDb();
  });

  it('writes each answer in a transaction with strict durability and reads it back after a "reload"', async () => {
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction');
    const repo = new Repository(backend);
    const r = record({ 'fm-equipment-data': 'l2' });
    expect((await repo.save(checked(r))).ok).toBe(true);
    const writes = spy.mock.calls.filter((c) => c[1] === 'readwrite');
    expect(writes.length).toBeGreaterThan(0);
    for (const c of writes) expect(c[2]).toEqual({ durability: 'strict' });
    spy.mockRestore();
    const again = await new Repository(backend).load();
    expect(again.records.map((x) => x.file.answers)).toEqual([{ 'fm-equipment-data': 'l2' }]);
  });

  it('migrates a real draft of the single-draft version once, and removes the old key only after it is stored', async () => {
    const old = legacy({ [LEGACY_DRAFT_KEY]: JSON.stringify(completeDraft) });
    const first = await new Repository(backend, old).load();
    expect(first.migrated).toBe(true);
    expect(first.records).toHaveLength(1);
    const r = first.records[0] as DiagnosisRecord;
    expect(r.depth).toBe('quick');
    expect(r.file).toEqual(completeDraft.file);
    expect(r.position).toBe('rd-budget');
    expect(r.createdAt).toBe(completeDraft.savedAt);
    expect(old.map.has(LEGACY_DRAFT_KEY)).toBe(false);
    // Interrupted before the key was removed: the same draft is not migrated twice.
    old.map.set(LEGACY_DRAFT_KEY, JSON.stringify(completeDraft));
    const second = await new Repository(backend, old).load();
    expect(second.records).toHaveLength(1);
  });

  it('migrates a half-finished full draft with its position', async () => {
    const { records } = await new Repository(backend, legacy({ [LEGACY_DRAFT_KEY]: JSON.stringify(halfDraft) })).load();
    expect(records[0]?.depth).toBe('full');
    expect(records[0]?.file.answers).toEqual(halfDraft.file.answers);
    expect(records[0]?.position).toBe(halfDraft.position);
  });

  it('keeps the old draft in localStorage when storage is only memory (it is all there is)', async () => {
    const old = legacy({ [LEGACY_DRAFT_KEY]: JSON.stringify(completeDraft) });
    const { records } = await new Repository(new MemoryBackend(), old).load();
    expect(records).toHaveLength(1);
    expect(old.map.get(LEGACY_DRAFT_KEY)).toBe(JSON.stringify(completeDraft));
  });

  it('one small problem in meta costs that field, not the answers (§5)', async () => {
    const draft = structuredClone(completeDraft) as Record<string, unknown> & { file: { meta: Record<string, unknown> } };
    draft.file.meta = { company: '长'.repeat(300), unknownField: 'x' };
    const raw = JSON.stringify(draft);
    const { records, aside } = await new Repository(backend, legacy({ [LEGACY_DRAFT_KEY]: raw })).load();
    expect(records[0]?.file.answers).toEqual(completeDraft.file.answers);
    expect(records[0]?.file.meta?.company).toBe('长'.repeat(200));
    // The original, whole, is kept aside.
    expect(aside.map((a) => a.text)).toContain(raw);
  });

  it('sets an unreadable record aside (not lost), keeps the others as they were, and never overwrites an earlier copy', async () => {
    const good = checked(record({ 'fm-equipment-data': 'l1' }));
    await backend.putAll([
      { key: good.id, value: good },
      { key: 'junk-1', value: { hello: 'world' } },
      { key: 'junk-2', value: 'a plain string' },
    ]);
    const result = await new Repository(backend).load();
    expect(result.records).toEqual([good]);
    expect(result.setAside).toBe(2);
    expect(result.aside.map((a) => a.text).sort()).toEqual(['"a plain string"', '{"hello":"world"}']);
    expect(await backend.get('junk-1')).toBeUndefined();
    await backend.putAll([{ key: 'junk-3', value: [1, 2, 3] }]);
    const again = await new Repository(backend).load();
    expect(again.aside).toHaveLength(3);
  });

  it('leaves a record of a newer app version in place and offers it for download', async () => {
    const future = { ...record(), id: 'from-the-future', formatVersion: 99 };
    await backend.putAll([{ key: future.id, value: future }]);
    const result = await new Repository(backend).load();
    expect(result.records).toEqual([]);
    expect(result.aside.some((a) => a.reason === 'future' && a.text.includes('from-the-future'))).toBe(true);
    expect(await backend.get('from-the-future')).toEqual(future);
  });

  it('when storage is too short to keep a copy aside, the damaged record stays where it is and is still downloadable (§5)', async () => {
    await backend.putAll([{ key: 'junk', value: { big: 'x'.repeat(3_000_000) } }]);
    backend.setAside = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    const result = await new Repository(backend).load();
    expect(result.asideFailed).toBe(1);
    expect(result.setAside).toBe(0);
    expect(await backend.get('junk')).toBeDefined();
    expect(result.aside[0]?.text.length).toBeGreaterThan(3_000_000);
  });

  it('a failed write is reported as failed (quota), never as saved', async () => {
    const repo = new Repository(backend);
    backend.update = () => Promise.reject(new DOMException('full', 'QuotaExceededError'));
    expect(await repo.save(checked(record({ 'fm-equipment-data': 'l1' })))).toEqual({ ok: false, error: 'quota' });
  });
});

describe('two tabs on one diagnosis', () => {
  it('answers given in two tabs are both kept, and the later change of one answer wins', async () => {
    const backend = await freshDb();
    const tabA = new Repository(backend);
    const tabB = new Repository(backend);
    const base = checked(record({}, 1000));
    await tabA.save(base);
    const inA = edit(edit(base, 'answers.fm-equipment-data', 'l1', 2000), 'answers.em-planning', 'l1', 2100);
    const inB = edit(edit(base, 'answers.fs-maintenance', 'l3', 2050), 'answers.em-planning', 'l2', 2200);
    await tabA.save(checked(inA));
    const b = await tabB.save(checked(inB));
    expect(b.ok && b.record.file.answers).toEqual({ 'fm-equipment-data': 'l1', 'fs-maintenance': 'l3', 'em-planning': 'l2' });
    // Tab B is told what came from tab A.
    expect(b.ok && b.theirs).toEqual(['answers.fm-equipment-data']);
    // Tab A's next save takes tab B's answers in rather than overwriting them.
    const a = await tabA.save(checked(edit(inA, 'answers.ep-design-data', 'l0', 2300)));
    expect(a.ok && a.record.file.answers).toEqual({ 'fm-equipment-data': 'l1', 'fs-maintenance': 'l3', 'em-planning': 'l2', 'ep-design-data': 'l0' });
  });

  it('a diagnosis moved to the trash in one tab does not come back with the other tab\'s next answer', async () => {
    const backend = new MemoryBackend(true);
    const tabA = new Repository(backend);
    const tabB = new Repository(backend);
    const base = checked(record({}, 1000));
    await tabA.save(base);
    await tabA.save(checked(edit(base, 'deletedAt', 5000, 5000)));
    const b = await tabB.save(checked(edit(base, 'answers.fm-equipment-data', 'l1', 6000)));
    expect(b.ok && b.record.deletedAt).toBe(5000);
    expect(b.ok && b.record.file.answers).toEqual({ 'fm-equipment-data': 'l1' });
  });

  it('a removed answer stays removed when the other tab saves', async () => {
    const backend = new MemoryBackend(true);
    const tabA = new Repository(backend);
    const tabB = new Repository(backend);
    const base = checked(record({ 'fm-equipment-data': 'l1' }, 1000));
    await tabA.save(base);
    await tabA.save(checked(edit(base, 'answers.fm-equipment-data', null, 3000)));
    const b = await tabB.save(checked(edit(base, 'answers.em-planning', 'l2', 4000)));
    expect(b.ok && b.record.file.answers).toEqual({ 'em-planning': 'l2' });
  });

  it('tells the other tab through the channel after each write', async () => {
    const heard: string[] = [];
    const listeners: ((m: unknown) => void)[] = [];
    const channel = { post: (m: unknown) => listeners.forEach((l) => l(m)), listen: (l: (m: unknown) => void) => void listeners.push(l) };
    const backend = new MemoryBackend(true);
    const tabA = new Repository(backend, null, { post: channel.post, listen: () => undefined });
    const tabB = new Repository(backend, null, { post: () => undefined, listen: channel.listen });
    tabB.onExternalChange((id) => heard.push(id));
    const r = checked(record());
    await tabA.save(r);
    expect(heard).toEqual([r.id]);
  });
});

describe('the journal of changes not yet written', () => {
  it('a change noted just before the tab closed is there on the next start, merged with what was stored', async () => {
    const backend = await freshDb();
    const storage = new Map<string, string>();
    const sync = { get: (k: string) => storage.get(k) ?? null, remove: (k: string) => void storage.delete(k), set: (k: string, v: string) => (storage.set(k, v), true) };
    const tab = new Repository(backend, sync);
    const base = checked(record({ 'fm-equipment-data': 'l1' }, 1000));
    await tab.save(base);
    expect(storage.has('aimm:journal')).toBe(false);
    // The answer is journalled at once; the debounced IndexedDB write never happens (the tab is gone).
    tab.journal(checked(edit(base, 'answers.em-planning', 'l2', 2000)));
    const next = await new Repository(backend, sync).load();
    expect(next.records[0]?.file.answers).toEqual({ 'fm-equipment-data': 'l1', 'em-planning': 'l2' });
    expect(storage.has('aimm:journal')).toBe(false);
  });
});
