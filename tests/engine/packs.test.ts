import { describe, expect, it } from 'vitest';
import { applyProgrammePack, diagnose, packOf, type Policy, type ProgrammePack } from '../../src/engine/index.ts';
import { loadKnowledgeBase, QUESTIONNAIRES_DIR } from '../../src/knowledge/node.ts';
import { checkProgrammePack } from '../../src/schemas/programme-pack.ts';
import { checkQuestionnaire } from '../../src/schemas/questionnaire.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const kb = loadKnowledgeBase();
const builtInProgrammes = kb.policies.filter((p) => p.group === 'programme');
const regional = builtInProgrammes.find((p) => p.eligibility?.regions?.length) as Policy;

/** A small pack made of existing seed records under new ids (so each fact keeps its source). */
function makePack(records: Policy[] = [regional, builtInProgrammes.find((p) => p !== regional) as Policy].map((r) => ({ ...r, id: `pack-${r.id}` }))): ProgrammePack {
  return {
    kind: 'programme-pack', id: 'test-portal', version: '1.0.0',
    name: { 'zh-CN': '测试门户项目包', en: 'Test portal pack' }, publisher: { 'zh-CN': '测试门户', en: 'Test portal' }, records,
  };
}

describe('applyProgrammePack (pure)', () => {
  it('add: the pack\'s records join the built-in ones, which stay; the report can name the pack', () => {
    const pack = makePack();
    const merged = applyProgrammePack(kb, pack, 'add');
    expect(merged.policies.length).toBe(kb.policies.length + 2);
    expect(merged.policies.filter((p) => p.id.startsWith('pack-')).map((p) => p.id)).toEqual(pack.records.map((r) => r.id));
    expect(packOf(merged, pack.records[0]?.id as string)?.publisher.en).toBe('Test portal');
    expect(packOf(merged, regional.id)).toBeNull();
    // The built-in knowledge base is not changed.
    expect(kb.packs).toBeUndefined();
    expect(kb.policies.some((p) => p.id.startsWith('pack-'))).toBe(false);
  });

  it('add: a record with a built-in id takes that record\'s place (once, not twice)', () => {
    const changed = { ...regional, title: { 'zh-CN': '门户版本', en: 'Portal version' } };
    const merged = applyProgrammePack(kb, makePack([changed]), 'add');
    const same = merged.policies.filter((p) => p.id === regional.id);
    expect(same).toHaveLength(1);
    expect(same[0]?.title.en).toBe('Portal version');
    expect(merged.policies.length).toBe(kb.policies.length);
  });

  it('replace: built-in programmes are dropped, offerings and background stay, the pack\'s programmes are used', () => {
    const pack = makePack();
    const merged = applyProgrammePack(kb, pack, 'replace');
    expect(merged.policies.filter((p) => p.group === 'programme').map((p) => p.id).sort()).toEqual(pack.records.map((r) => r.id).sort());
    expect(merged.policies.filter((p) => p.group !== 'programme')).toEqual(kb.policies.filter((p) => p.group !== 'programme'));
  });

  it('packs stack: a replace after an add keeps the earlier pack\'s records', () => {
    const a = makePack([{ ...regional, id: 'a-1' }]);
    const b = { ...makePack([{ ...regional, id: 'b-1' }]), id: 'second' };
    const merged = applyProgrammePack(applyProgrammePack(kb, a, 'add'), b, 'replace');
    expect(merged.policies.filter((p) => p.group === 'programme').map((p) => p.id).sort()).toEqual(['a-1', 'b-1']);
    expect(merged.packs?.map((p) => p.id)).toEqual(['test-portal', 'second']);
  });

  it('a diagnosis scored on the merged base offers the pack\'s programme to a company it fits', () => {
    const q = checkQuestionnaire(JSON.parse(readFileSync(join(QUESTIONNAIRES_DIR, 'quick.json'), 'utf8')));
    if (!q.ok) throw new Error('questionnaire');
    const region = regional.eligibility?.regions?.[0] as string;
    const province = region.slice(0, 2);
    const example = JSON.parse(readFileSync('docs/examples/electronics-assembler.json', 'utf8')) as { profile: Record<string, unknown>; answers: Record<string, unknown> };
    const answers = { profile: { ...example.profile, province }, answers: example.answers } as never;
    const date = regional.validFrom ?? '2026-01-01';
    const before = diagnose({ questionnaire: q.value, knowledgeBase: kb, answers }, { date });
    const after = diagnose({ questionnaire: q.value, knowledgeBase: applyProgrammePack(kb, makePack([{ ...regional, id: 'pack-only' }]), 'add'), answers }, { date });
    const offered = (d: typeof before) => d.policies.map((p) => p.id);
    expect(offered(before)).toContain(regional.id);
    expect(offered(after)).toContain('pack-only');
    expect(offered(before)).not.toContain('pack-only');
  });
});

describe('checkProgrammePack', () => {
  it('accepts a pack of seed-shaped records', () => {
    expect(checkProgrammePack(makePack(), kb)).toMatchObject({ ok: true });
  });

  it('rejects a wrong shape with JSON paths into the pack', () => {
    const bad = JSON.parse(JSON.stringify(makePack())) as Record<string, unknown> & { records: Record<string, unknown>[] };
    (bad.records[0] as Record<string, unknown>)['kind'] = 'grant';
    delete (bad.records[1] as Record<string, unknown>)['source'];
    delete bad['publisher'];
    const checked = checkProgrammePack(bad, kb);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues.map((i) => i.path).sort()).toEqual(['publisher', 'records[0].kind', 'records[1].source']);
  });

  it('rejects what the built-in data may not have either: unknown regions and sectors, duplicate ids, a programme without a link', () => {
    const records = makePack().records.map((r) => ({ ...r }));
    records[0] = { ...(records[0] as Policy), eligibility: { regions: ['99'], sectors: ['C9999'] } };
    const noLink = { ...(records[1] as Policy) };
    delete noLink.url;
    const checked = checkProgrammePack(makePack([records[0] as Policy, noLink, { ...(records[0] as Policy) }]), kb);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    const paths = checked.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['records[0].eligibility.regions', 'records[0].eligibility.sectors', 'records[1].url', 'records[2].id']));
  });

  it('rejects another kind of file', () => {
    expect(checkProgrammePack({ kind: 'policies', version: '1.0.0', records: kb.policies }, kb).ok).toBe(false);
  });
});

describe('the example pack docs/examples/pack-zhejiang.json', () => {
  const data = JSON.parse(readFileSync('docs/examples/pack-zhejiang.json', 'utf8')) as unknown;

  it('passes the checks the app runs before merging it', () => {
    const checked = checkProgrammePack(data, kb);
    expect(checked.ok ? [] : checked.issues).toEqual([]);
  });

  it('its programmes reach a Zhejiang manufacturer\'s report, and not one in another province', () => {
    const checked = checkProgrammePack(data, kb);
    if (!checked.ok) throw new Error('invalid pack');
    const pack = checked.value;
    const merged = applyProgrammePack(kb, pack, 'add');
    const q = checkQuestionnaire(JSON.parse(readFileSync(join(QUESTIONNAIRES_DIR, 'quick.json'), 'utf8')));
    if (!q.ok) throw new Error('questionnaire');
    const example = JSON.parse(readFileSync('docs/examples/electronics-assembler.json', 'utf8')) as { profile: Record<string, unknown>; answers: Record<string, unknown> };
    const ids = new Set(pack.records.map((r) => r.id));
    const offered = (province: string) =>
      diagnose({ questionnaire: q.value, knowledgeBase: merged, answers: { profile: { ...example.profile, province }, answers: example.answers } as never }, { date: '2025-06-01' })
        .policies.filter((p) => ids.has(p.id)).map((p) => p.id);
    expect(offered('33').length).toBeGreaterThan(0);
    expect(offered('44')).toEqual([]);
  });
});
