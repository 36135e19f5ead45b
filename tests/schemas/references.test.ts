/**
 * The recommendation data holds together: scenarios name real questions, options, cases and sectors and cover
 * every cell and enabler; cases and programmes cite sources a reader can find; programmes carry machine-readable
 * eligibility across the country.
 */
import { describe, expect, it } from 'vitest';
import { CELLS, ENABLERS, STAGES, cellKey, sameCell } from '../../src/engine/index.ts';
import { loadKnowledgeBase } from '../../src/knowledge/node.ts';
import { loadQuestionnaire } from '../engine/scenario.ts';

const kb = loadKnowledgeBase();
const full = loadQuestionnaire('full');
const questions = new Map(full.sections.flatMap((s) => s.questions.map((q) => [q.id, { q, kind: s.kind }] as const)));
const SEED = /^\d{3}_[0-9a-f]+\.txt$/;
/** "URL, publisher, date": a web address and a year. */
const PUBLIC = /(?=.*https?:\/\/\S+)(?=.*\b(19|20)\d{2}\b)/;

describe('scenario catalogue', () => {
  it('holds at least 60 scenarios with unique ids', () => {
    expect(kb.scenarios.length).toBeGreaterThanOrEqual(60);
    expect(new Set(kb.scenarios.map((s) => s.id)).size).toBe(kb.scenarios.length);
  });

  it('covers every cell at every rung and every enabler at its first two', () => {
    for (const cell of CELLS) {
      for (const stage of STAGES.slice(1)) {
        expect(kb.scenarios.some((s) => s.cell && sameCell(s.cell, cell) && s.stage === stage), `${cellKey(cell)} → ${stage}`).toBe(true);
      }
    }
    for (const enabler of ENABLERS) {
      for (const stage of ['digital', 'networked'] as const) expect(kb.scenarios.some((s) => s.enabler === enabler && s.stage === stage), `${enabler} → ${stage}`).toBe(true);
    }
  });

  it.each(kb.scenarios.map((s) => [s.id, s] as const))('%s names real questions, options, pain points, cases and sectors', (_id, s) => {
    for (const t of s.triggers) {
      if ('question' in t) {
        const found = questions.get(t.question);
        expect(found, t.question).toBeDefined();
        // A practice trigger sits in the scenario's own cell or enabler.
        if (s.cell) expect(found?.q.cell && sameCell(found.q.cell, s.cell), `${t.question} is not in the scenario's cell`).toBe(true);
        if (s.enabler) expect(found?.q.enabler, `${t.question} is not in the scenario's enabler`).toBe(s.enabler);
        expect(found?.q.options?.some((o) => o.level === t.maxLevel)).toBe(true);
      } else if ('outcome' in t) {
        const found = questions.get(t.outcome);
        expect(found?.kind, t.outcome).toBe('outcome');
        for (const o of t.in) expect(found?.q.options?.some((x) => x.id === o), `${t.outcome}: ${o}`).toBe(true);
      } else expect(kb.painPoints.some((p) => p.id === t.painPoint), t.painPoint).toBe(true);
    }
    for (const r of s.requires) {
      expect(questions.get(r.question), r.question).toBeDefined();
      expect(questions.get(r.question)?.q.options?.some((o) => o.level === r.minLevel)).toBe(true);
    }
    for (const c of s.cases) expect(kb.cases.some((x) => x.id === c), c).toBe(true);
    for (const code of s.fits?.sectors ?? []) expect(kb.sectors.some((x) => x.id === code), code).toBe(true);
    expect(s.title['zh-CN'] && s.title.en && s.solution['zh-CN'] && s.kpi['zh-CN']).toBeTruthy();
    // No invented improvement figures: percentages belong in cited cases.
    expect(`${s.title['zh-CN']}${s.solution['zh-CN']}`).not.toMatch(/\d+\s*%/);
  });

  it('has sector variants for the practices that differ by sector', () => {
    const variants = kb.scenarios.filter((s) => s.fits?.sectors).flatMap((s) => s.fits?.sectors ?? []);
    for (const prefix of ['C27', 'C13', 'C17', 'C33', 'C38', 'C21']) expect(variants.some((v) => v.startsWith(prefix)), prefix).toBe(true);
  });
});

describe('cases', () => {
  it('holds at least 45 cases, most of them at the digital or networked stage', () => {
    expect(kb.cases.length).toBeGreaterThanOrEqual(45);
    expect(kb.cases.filter((c) => c.stage !== 'intelligent').length).toBeGreaterThan(kb.cases.length / 2);
  });

  it.each(kb.cases.map((c) => [c.id, c] as const))('%s cites a seed file or a public page with its date, and names real sectors', (_id, c) => {
    const parts = c.source.split(';').map((p) => p.trim());
    expect(parts.some((p) => SEED.test(p) || PUBLIC.test(p)), c.source).toBe(true);
    for (const code of c.sectors) if (code.startsWith('C')) expect(kb.sectors.some((s) => s.id === code), code).toBe(true);
  });
});

describe('programmes', () => {
  const programmes = kb.policies.filter((p) => p.group === 'programme');

  it('at least 40 programmes to apply for, national ones and at least twelve provinces or cities of their own', () => {
    expect(programmes.length).toBeGreaterThanOrEqual(40);
    expect(programmes.some((p) => !p.eligibility?.regions)).toBe(true);
    const places = new Set(programmes.flatMap((p) => p.eligibility?.regions ?? []));
    expect(places.size).toBeGreaterThanOrEqual(12);
  });

  it.each(programmes.map((p) => [p.id, p] as const))('%s has an issuer, a link, a dated source and consistent dates', (_id, p) => {
    expect(p.issuer?.['zh-CN']).toBeTruthy();
    expect(p.url).toMatch(/^https?:\/\//);
    expect(PUBLIC.test(p.source) || SEED.test(p.source), p.source).toBe(true);
    if (p.validFrom && p.validUntil) expect(p.validFrom <= p.validUntil).toBe(true);
  });

  it('offerings and background are never programmes, and the diagnosis tool itself is no policy', () => {
    for (const p of kb.policies.filter((x) => x.group !== 'programme')) expect(['offering', 'recommendation', 'lever', 'strategy']).toContain(p.kind);
    expect(kb.policies.some((p) => /镝博士/.test(p.title['zh-CN']))).toBe(false);
  });
});

describe('the city question', () => {
  it('in both questionnaires, is shown exactly for the provinces that have cities in the regions data', () => {
    const withCities = [...new Set(kb.regions.filter((r) => r.parent !== undefined).map((r) => r.parent as string))].sort();
    for (const name of ['full', 'quick'] as const) {
      const all = loadQuestionnaire(name).sections.flatMap((s) => s.questions);
      const city = all.filter((q) => q.type === 'city');
      expect(city, `${name}: one city question`).toHaveLength(1);
      const province = all.find((q) => q.type === 'region');
      const cond = city[0]?.visibleIf as { question: string; in: string[] } | undefined;
      expect(cond?.question, `${name}: the city follows the province`).toBe(province?.id);
      expect([...(cond?.in ?? [])].sort(), `${name}: provinces with city programmes`).toEqual(withCities);
      expect(city[0]?.required, `${name}: the city is optional`).toBeUndefined();
      // Its own options are not city codes, so "another city" can never be read as a city.
      for (const o of city[0]?.options ?? []) expect(kb.regions.some((r) => r.id === o.id), o.id).toBe(false);
    }
  });

  it('names only cities whose province is a province in the data', () => {
    const provinces = new Set(kb.regions.filter((r) => r.parent === undefined).map((r) => r.id));
    for (const r of kb.regions.filter((x) => x.parent !== undefined)) {
      expect(provinces.has(r.parent as string), r.id).toBe(true);
      expect(r.id.startsWith(r.parent as string), `${r.id} starts with its province code`).toBe(true);
    }
  });
});
