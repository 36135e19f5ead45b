/**
 * Hostile input, fuzzed (fast-check, seeded: the same cases every run): the importer, the share-link decoder,
 * the loader of stored records and the migration of today's draft get random JSON, truncated files, huge
 * strings, 10,000-deep nesting, `__proto__` / `constructor` keys, wrong types and binary. None may throw, pollute
 * a prototype, or change what is stored. Each entry point runs at least 10,000 cases; the counts are printed.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { diagnose, type AnswersFile, type Questionnaire } from '../../src/engine/index.ts';
import { loadKnowledgeBase } from '../../src/knowledge/node.ts';
import {
  checked, checkRecord, emptyRecord, edit, migrateLegacyDraft, MemoryBackend, openIndexedDb, Repository,
  type DiagnosisRecord,
} from '../../src/persistence/index.ts';
import { exportFile, parseImport, type ImportContext } from '../../src/persistence/exchange.ts';
import { decodeShare, encodeShare } from '../../src/persistence/share.ts';
import { checkAnswers } from '../../src/schemas/answers.ts';
import quick from '../../questionnaires/quick.json';
import full from '../../questionnaires/full.json';

const SEED = 20261201;
const RUNS = 10_000;
const counts: Record<string, number> = {};
afterAll(() => {
  console.log(`fuzz cases run (seed ${SEED}): ${Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ')}`);
});

const kb = loadKnowledgeBase();
const questionnaires = { quick: quick as unknown as Questionnaire, full: full as unknown as Questionnaire };
const example = JSON.parse(readFileSync('docs/examples/electronics-assembler.json', 'utf8')) as AnswersFile;

function deep(levels: number, key?: string): unknown {
  let v: unknown = 'x';
  for (let i = 0; i < levels; i++) v = key ? { [key]: v } : [v];
  return v;
}
const deepText = (levels: number): string => `${'['.repeat(levels)}"x"${']'.repeat(levels)}`;

/** Objects with the keys that poison prototypes when code merges or assigns naively. */
const poison = fc.constantFrom(
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"kind":"aimm-workspace","formatVersion":1,"diagnoses":[{"__proto__":{"polluted":true},"id":"a","depth":"quick","answers":{"questionnaire":{"id":"aimm-quick","version":"1.0.0"},"profile":{"__proto__":{"polluted":true}},"answers":{"constructor":"l1"}}}]}',
  '{"questionnaire":{"id":"aimm-quick","version":"1.0.0"},"profile":{"__proto__":"x"},"answers":{"prototype":"l1"},"meta":{"__proto__":{"company":"x"}}}',
);

const validExport = JSON.stringify(exportFile([
  { ...emptyRecord('full', example.questionnaire, 1_700_000_000_000), id: 'valid-one', file: example },
], 'aimm-workspace', 1_700_000_000_000));

/** Everything a file picker could hand us. */
const hostileText = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 3, arbitrary: fc.nat({ max: validExport.length }).map((n) => validExport.slice(0, n)) },
  { weight: 2, arbitrary: fc.tuple(fc.nat({ max: validExport.length - 1 }), fc.string({ maxLength: 3 })).map(([i, s]) => validExport.slice(0, i) + s + validExport.slice(i + 1)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((b) => String.fromCharCode(...b)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: poison },
  { weight: 1, arbitrary: fc.constantFrom(deepText(10_000), `{"kind":"aimm-workspace","formatVersion":1,"diagnoses":[${deepText(10_000)}]}`, `{"questionnaire":{"id":"aimm-quick","version":"1.0.0"},"profile":{},"answers":{"fm-equipment-data":${deepText(10_000)}}}`, `{"questionnaire":{"id":"aimm-quick","version":"1.0.0"},"profile":{},"answers":{},"meta":${'{"company":'.repeat(10_000)}"x"${'}'.repeat(10_000)}}`) },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(6 * 1024 * 1024), JSON.stringify({ questionnaire: { id: 'aimm-quick', version: '1.0.0' }, profile: {}, answers: { 'fm-equipment-data': 'x'.repeat(1_000_000) } })) },
);

function prototypesClean(): void {
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.keys(Object.prototype)).toEqual([]);
  expect(([] as unknown as Record<string, unknown>)['polluted']).toBeUndefined();
}

const summarize = () => ({ answered: 0, total: 0, status: null, score: null, stage: null });

describe('fuzzing', { timeout: 90_000 }, () => {
  it('the importer never throws, never pollutes a prototype, and never touches the workspace it was given', () => {
    const existing = [checked({ ...emptyRecord('full', example.questionnaire, 1), id: 'valid-one', file: example })];
    const before = JSON.stringify(existing);
    const ctx: ImportContext = { questionnaires, knowledge: kb, existing, summarize };
    let n = 0;
    fc.assert(fc.property(hostileText, (text) => {
      n++;
      const result = parseImport(text, ctx);
      if (result.ok) {
        for (const r of result.records) expect(checkRecord(r).ok).toBe(true);
      } else expect(result.issues.length).toBeGreaterThan(0);
      prototypesClean();
    }), { seed: SEED, numRuns: RUNS });
    expect(JSON.stringify(existing)).toBe(before);
    counts['importer'] = n;
  });

  it('an exported workspace imports back to the same answers and the same reports, exactly', () => {
    const record = checked({ ...emptyRecord('full', example.questionnaire, 1_700_000_000_000), id: 'round-trip', companyId: 'co-1', file: example, completedAt: 1_700_000_100_000, knowledgeVersion: kb.version });
    const text = JSON.stringify(exportFile([record], 'aimm-diagnosis'));
    const result = parseImport(text, { questionnaires, knowledge: kb, existing: [], summarize });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const back = result.records[0] as DiagnosisRecord;
    expect(back.file).toEqual(record.file);
    expect({ id: back.id, companyId: back.companyId, createdAt: back.createdAt, completedAt: back.completedAt }).toEqual({ id: record.id, companyId: record.companyId, createdAt: record.createdAt, completedAt: record.completedAt });
    const report = (f: AnswersFile) => diagnose({ questionnaire: questionnaires.full, knowledgeBase: kb, answers: f });
    expect(report(back.file)).toEqual(report(record.file));
    expect(JSON.stringify(exportFile([back], 'aimm-diagnosis', 5))).toBe(JSON.stringify(exportFile([record], 'aimm-diagnosis', 5)));
  });

  it('the share-link decoder never throws and refuses anything not ours', async () => {
    const good = await encodeShare({ depth: 'full', file: example, completedAt: 1 });
    const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const packed = async (text: string) => {
      const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
      return b64(new Uint8Array(await new Response(stream).arrayBuffer()));
    };
    const bomb = await packed('['.repeat(2_000_000));
    const deepLink = await packed(`{"v":1,"d":"quick","f":{"questionnaire":{"id":"aimm-quick","version":"1.0.0"},"profile":{},"answers":{"x":${deepText(10_000)}}}}`);
    const protoLink = await packed('{"v":1,"d":"quick","f":{"questionnaire":{"id":"aimm-quick","version":"1.0.0"},"profile":{"__proto__":{"polluted":true}},"answers":{"constructor":"l1"}}}');
    const payloads = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map(b64),
      fc.nat({ max: good.length }).map((n) => good.slice(0, n)),
      fc.tuple(fc.nat({ max: good.length - 1 }), fc.constantFrom('A', '-', '_', '%', '=')).map(([i, c]) => good.slice(0, i) + c + good.slice(i + 1)),
      fc.constantFrom(bomb, deepLink, protoLink, 'A'.repeat(20_000), good),
    );
    let n = 0;
    let accepted = 0;
    await fc.assert(fc.asyncProperty(payloads, async (p) => {
      n++;
      const r = await decodeShare(p);
      if (r.ok) {
        accepted++;
        // What it lets through is an answers file's shape, to be checked against the questionnaire next.
        expect(checkAnswers(r.value.file).ok || r.value.file.questionnaire.id !== '').toBe(true);
      }
      prototypesClean();
    }), { seed: SEED, numRuns: RUNS });
    expect(accepted).toBeGreaterThan(0);
    counts['share-link decoder'] = n;
  });

  const SPECIALS: (() => unknown)[] = [
    () => deep(10_000),
    () => deep(10_000, 'file'),
    () => ({ format: 'aimm-record', formatVersion: 1, id: 'deep', depth: 'quick', file: { questionnaire: { id: 'aimm-quick', version: '1.0.0' }, profile: {}, answers: { 'fm-equipment-data': deep(10_000), 'fs-maintenance': 'l2' } } }),
    () => {
      const c: Record<string, unknown> = { format: 'aimm-record' };
      c['self'] = c;
      return c;
    },
    () => JSON.parse('{"__proto__":{"polluted":true},"format":"aimm-record","formatVersion":1,"id":"p","depth":"quick","file":{"questionnaire":{"id":"aimm-quick","version":"1.0.0"},"profile":{"__proto__":{"polluted":true}},"answers":{}}}'),
  ];
  const materialize = (v: unknown): unknown =>
    v !== null && typeof v === 'object' && 'special' in v && typeof (v as { special: unknown }).special === 'number' && Object.keys(v).length === 1
      ? (SPECIALS[(v as { special: number }).special] as () => unknown)()
      : v;

  /** Values IndexedDB could hand back: anything structured clone keeps, deep, cyclic, binary, poisoned. */
  const stored = fc.oneof(
    { weight: 4, arbitrary: fc.anything({ maxDepth: 3, maxKeys: 4, withBigInt: true, withDate: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withObjectString: true, withBoxedValues: true }) },
    { weight: 2, arbitrary: fc.record({ format: fc.constant('aimm-record'), formatVersion: fc.oneof(fc.constant(1), fc.integer(), fc.double()), id: fc.oneof(fc.constant('r1'), fc.string()), depth: fc.constantFrom('quick', 'full', 'other'), file: fc.anything({ maxDepth: 3 }) }, { requiredKeys: [] }) },
    // Built inside the property (fast-check would otherwise try to print a 10,000-deep counterexample).
    { weight: 1, arbitrary: fc.integer({ min: 0, max: SPECIALS.length - 1 }).map((i) => ({ special: i })) },
  );

  it('the loader of stored records never throws, keeps every good record as it was, and sets the rest aside', async () => {
    const good = checked(edit(emptyRecord('quick', { id: 'aimm-quick', version: '1.0.0' }, 1000), 'answers.fm-equipment-data', 'l2', 1000));
    let n = 0;
    await fc.assert(fc.asyncProperty(stored, async (generated) => {
      const value = materialize(generated);
      n++;
      const backend = new MemoryBackend(true);
      await backend.putAll([{ key: good.id, value: good }]);
      backend.rawSet('junk', value);
      const result = await new Repository(backend).load();
      expect(result.records.find((r) => r.id === good.id)).toEqual(good);
      expect(await backend.get(good.id)).toEqual(good);
      // Nothing vanishes: the junk is readable now, or kept aside, or left where it was.
      const kept = result.records.some((r) => r.id === 'junk') || result.aside.length > 0 || (await backend.get('junk')) !== undefined;
      expect(kept).toBe(true);
      prototypesClean();
    }), { seed: SEED, numRuns: RUNS });
    counts['loader (memory backend)'] = n;
  });

  it('the same loader over IndexedDB (fake-indexeddb): good records kept as they were, nothing thrown', async () => {
    const good = checked(edit(emptyRecord('quick', { id: 'aimm-quick', version: '1.0.0' }, 1000), 'answers.fm-equipment-data', 'l2', 1000));
    const backend = await openIndexedDb(new IDBFactory());
    if (!backend) throw new Error('no IndexedDB');
    let n = 0;
    await fc.assert(fc.asyncProperty(stored, async (generated) => {
      const value = materialize(generated);
      n++;
      await backend.remove(['junk']);
      await backend.putAll([{ key: good.id, value: good }]);
      try {
        await backend.putAll([{ key: 'junk', value }]);
      } catch {
        return; // Not storable at all (structured clone refuses it): nothing to load.
      }
      const result = await new Repository(backend).load();
      expect(result.records.find((r) => r.id === good.id)).toEqual(good);
      expect(await backend.get(good.id)).toEqual(good);
      const kept = result.records.some((r) => r.id === 'junk') || result.aside.length > 0 || (await backend.get('junk')) !== undefined;
      expect(kept).toBe(true);
      for (const item of result.aside) await backend.removeAside(item.key);
      prototypesClean();
    }), { seed: SEED, numRuns: RUNS });
    counts['loader (IndexedDB)'] = n;
  });

  it('the migration of today\'s draft never throws, and keeps every well-formed answer of a damaged draft', async () => {
    const real = readFileSync('tests/fixtures/legacy/complete-quick-draft.json', 'utf8');
    const drafts = fc.oneof(
      fc.nat({ max: real.length }).map((n) => real.slice(0, n)),
      fc.tuple(fc.nat({ max: real.length - 1 }), fc.string({ maxLength: 2 })).map(([i, s]) => real.slice(0, i) + s + real.slice(i + 1)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.jsonValue().map((v) => JSON.stringify({ format: 'aimm-draft', depth: 'quick', file: v, position: v, savedAt: v })),
      fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })).map((answers) => JSON.stringify({ format: 'aimm-draft', depth: 'quick', file: { questionnaire: { id: 'aimm-quick', version: '1.0.0' }, profile: {}, answers: { ...answers, 'fm-equipment-data': 'l2' } } })),
      fc.string({ unit: 'binary', maxLength: 100 }),
      poison.map((p) => `{"format":"aimm-draft","depth":"quick","file":${p}}`),
      fc.constantFrom(`{"format":"aimm-draft","depth":"quick","file":{"questionnaire":{"id":"aimm-quick","version":"1.0.0"},"profile":{},"answers":{"x":${deepText(10_000)},"fm-equipment-data":"l2"}}}`),
    );
    let n = 0;
    await fc.assert(fc.asyncProperty(drafts, async (raw) => {
      n++;
      const migrated = migrateLegacyDraft(raw);
      if (migrated) {
        expect(checkRecord(migrated.record).ok).toBe(true);
        if (raw.includes('"fm-equipment-data":"l2"') && !raw.startsWith(real.slice(0, 40))) expect(migrated.record.file.answers['fm-equipment-data']).toBe('l2');
      }
      const map = new Map([['aimm:draft', raw]]);
      const result = await new Repository(new MemoryBackend(true), { get: (k) => map.get(k) ?? null, remove: (k) => void map.delete(k) }).load();
      // Either it became a diagnosis or it is kept aside, word for word.
      expect(result.records.length > 0 || result.aside.some((a) => a.text === raw)).toBe(true);
      prototypesClean();
    }), { seed: SEED, numRuns: RUNS });
    counts['migration'] = n;
  });
});
