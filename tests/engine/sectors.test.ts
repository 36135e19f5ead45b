import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveIndustryType, searchSectors } from '../../src/engine/index.ts';
import { knowledgeBase } from './scenario.ts';

const phrases = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'sector-phrases.json'), 'utf8')) as { phrase: string; expect: string }[];
const kb = knowledgeBase();
const first = (q: string): string | undefined => searchSectors(kb.sectors, q)[0]?.sector.id;

describe('sector search finds the class from the words owners type', () => {
  it(`has at least 80 everyday phrases (${phrases.length})`, () => {
    expect(phrases.length).toBeGreaterThanOrEqual(80);
  });

  it.each(phrases)('"$phrase" → $expect', ({ phrase, expect: id }) => {
    expect(first(phrase)).toBe(id);
  });

  it('a code lists that sector and everything under it, the code itself first', () => {
    const ids = searchSectors(kb.sectors, 'C38').map((m) => m.sector.id);
    expect(ids[0]).toBe('C38');
    expect(ids).toContain('C3841');
    expect(ids.every((id) => id.startsWith('C38'))).toBe(true);
    expect(first('3841')).toBe('C3841');
  });

  it('English words typed in another order still find the class', () => {
    expect(first('lithium cells')).toBe('C3841');
    expect(first('cells lithium')).toBe('C3841');
  });

  it('nothing matches gibberish, and an empty query lists every sector', () => {
    expect(searchSectors(kb.sectors, 'qqqzzz')).toEqual([]);
    expect(searchSectors(kb.sectors, '  ')).toHaveLength(kb.sectors.length);
  });
});

describe('industry type from the real class', () => {
  const typeOf = (sector: string) => resolveIndustryType({ profile: { sector } }, kb);

  it('batteries, dyeing, cars and API plants are no longer labour-intensive', () => {
    expect(typeOf('C3841').id).toBe('capital-intensive');
    expect(typeOf('C1713').id).toBe('capital-intensive');
    expect(typeOf('C36').id).toBe('capital-intensive');
    expect(typeOf('C2710').id).toBe('capital-intensive');
  });

  it('dyeing is no longer treated like garment sewing', () => {
    // Seed 004 files clothing under market-driven; sewing keeps a labour-intensive share in its blend.
    expect(typeOf('C181').blend?.map((b) => b.industryType)).toEqual(expect.arrayContaining(['market-driven', 'labor-intensive']));
    expect(typeOf('C1713').id).not.toBe(typeOf('C181').id);
  });

  it('a mixed class carries its blend and a reason; an explicit choice carries neither', () => {
    const lithium = typeOf('C3841');
    expect(lithium.source).toBe('sector');
    expect(lithium.blend?.map((b) => b.industryType)).toEqual(expect.arrayContaining(['capital-intensive', 'technology-led']));
    expect(lithium.reason?.['zh-CN']).toBeTruthy();
    const chosen = resolveIndustryType({ profile: { sector: 'C3841', industryType: 'labor-intensive' } }, kb);
    expect(chosen).toMatchObject({ id: 'labor-intensive', source: 'profile', blend: null, reason: null });
  });

  it('every group and class names a parent that exists, and every division has a reason for its type', () => {
    const ids = new Set(kb.sectors.map((s) => s.id));
    for (const s of kb.sectors) {
      if (s.id.length > 3) expect(ids.has(s.parent ?? ''), s.id).toBe(true);
      expect(s.typeReason?.en, s.id).toBeTruthy();
    }
  });
});
