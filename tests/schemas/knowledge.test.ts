/**
 * The knowledge base in seeds/: every file validates, the files agree with each other, every fact names its
 * source, and broken files are rejected with readable paths.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  assembleKnowledgeBase, assembleQuestionKnowledge, CELLS, cellKey, KNOWLEDGE_KINDS, KnowledgeBaseError, QUESTION_KINDS,
  type Cell, type KnowledgeBase, type KnowledgeFile, type Questionnaire,
} from '../../src/engine/index.ts';
import { loadKnowledgeBase, QUESTIONNAIRES_DIR, SEEDS_DIR } from '../../src/knowledge/node.ts';
import { formatIssue, type ValidationIssue } from '../../src/schemas/issues.ts';
import { checkKnowledgeBase, checkKnowledgeFile } from '../../src/schemas/knowledge.ts';

/** The source documents, beside the project (../shared/seeds from the repository root). */
const SHARED_SEEDS = fileURLToPath(new URL('../../../shared/seeds/', import.meta.url));

const seedNames = readdirSync(SEEDS_DIR).filter((n) => n.endsWith('.json')).sort();
const questionnaireNames = readdirSync(QUESTIONNAIRES_DIR).filter((n) => n.endsWith('.json')).sort();
const read = (dir: string, name: string): unknown => JSON.parse(readFileSync(join(dir, name), 'utf8')) as unknown;
const seed = <T = Record<string, unknown>>(name: string): T => read(SEEDS_DIR, name) as T;
const kb = loadKnowledgeBase();

function issuesOf(data: unknown): ValidationIssue[] {
  const checked = checkKnowledgeFile(data);
  return checked.ok ? [] : checked.issues;
}

type Json = Record<string, unknown> & { records: Record<string, unknown>[] };

/** Every object in a JSON value, with its path. */
function objects(value: unknown, path = ''): { path: string; obj: Record<string, unknown> }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => objects(v, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  const obj = value as Record<string, unknown>;
  return [{ path, obj }, ...Object.entries(obj).flatMap(([k, v]) => objects(v, path ? `${path}.${k}` : k))];
}

describe('the knowledge files', () => {
  it('there is one file of each kind', () => {
    const kinds = seedNames.map((n) => seed(n)['kind']);
    expect([...kinds].sort()).toEqual([...KNOWLEDGE_KINDS].sort());
  });

  it.each(seedNames)('%s validates', (name) => {
    expect(issuesOf(seed(name)).map((i) => formatIssue(i, 'en'))).toEqual([]);
  });

  it('the assembled knowledge base passes the cross-file checks', () => {
    expect(checkKnowledgeBase(kb).map((i) => formatIssue(i, 'en'))).toEqual([]);
    expect(kb.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('all files share one version', () => {
    expect(new Set(seedNames.map((n) => seed(n)['version']))).toEqual(new Set([kb.version]));
  });

  // The browser loads these files first, by name (src/knowledge/browser.ts), and the rest while the user answers.
  it('the questions\' part of the knowledge base is its own files, with the same records as the whole', () => {
    const files = QUESTION_KINDS.map((kind) => seed<KnowledgeFile>(`${kind}.json`));
    expect(files.map((f) => f.kind)).toEqual([...QUESTION_KINDS]);
    const part = assembleQuestionKnowledge(files);
    expect(part).toEqual({ version: kb.version, industryTypes: kb.industryTypes, sectors: kb.sectors, regions: kb.regions });
  });

  it('the questions\' part is refused with a file missing, given twice or of another version', () => {
    const files = QUESTION_KINDS.map((kind) => seed<KnowledgeFile>(`${kind}.json`));
    expect(() => assembleQuestionKnowledge(files.slice(1))).toThrow(KnowledgeBaseError);
    expect(() => assembleQuestionKnowledge([...files, files[0] as KnowledgeFile])).toThrow(/given twice/);
    expect(() => assembleQuestionKnowledge([...files.slice(1), { ...(files[0] as KnowledgeFile), version: '0.0.1' }])).toThrow(/disagree on the version/);
  });
});

describe('sources', () => {
  // Each record (and the cube's parts) says where its facts come from.
  const sourced = seedNames.flatMap((name) => {
    const file = seed<Json>(name);
    // Job titles (whom to ask) are vocabulary, not facts: they carry no source.
    if (file['kind'] === 'roles') return [];
    const parts: { where: string; source: unknown }[] = [];
    if (Array.isArray(file.records)) file.records.forEach((r, i) => parts.push({ where: `${name} records[${i}]`, source: r['source'] }));
    else parts.push({ where: name, source: file['source'] });
    if (file['kind'] === 'cube') {
      for (const { path, obj } of objects(file)) if (/^(stages|cells|axes\.\w+\.values)\[\d+\]$/.test(path)) parts.push({ where: `${name} ${path}`, source: obj['source'] });
    }
    return parts;
  });

  it('every record in every file has a non-empty source', () => {
    expect(sourced.length).toBeGreaterThan(100);
    const missing = sourced.filter((s) => typeof s.source !== 'string' || s.source.trim() === '').map((s) => s.where);
    expect(missing).toEqual([]);
  });

  it('every seed file a source names exists in ../shared/seeds', () => {
    expect(existsSync(SHARED_SEEDS)).toBe(true);
    const named = new Set<string>();
    // every "source" anywhere in seeds/, records or not
    for (const name of seedNames) {
      for (const { obj } of objects(seed(name))) {
        if (typeof obj['source'] === 'string') for (const m of obj['source'].matchAll(/\d{3}_[0-9a-f]{16}\.txt/g)) named.add(m[0]);
      }
    }
    expect(named.size).toBeGreaterThan(0);
    const absent = [...named].filter((n) => !existsSync(join(SHARED_SEEDS, n)));
    expect(absent).toEqual([]);
  });

  it('each of the five source documents is used somewhere', () => {
    const used = JSON.stringify(seedNames.map((n) => seed(n)));
    for (const file of readdirSync(SHARED_SEEDS).filter((n) => /^\d{3}_[0-9a-f]{16}\.txt$/.test(n))) expect(used).toContain(file);
  });
});

describe('texts in both languages', () => {
  const files = [
    ...seedNames.map((n) => ({ name: `seeds/${n}`, data: read(SEEDS_DIR, n) })),
    ...questionnaireNames.map((n) => ({ name: `questionnaires/${n}`, data: read(QUESTIONNAIRES_DIR, n) })),
  ];

  it.each(files.map((f) => [f.name, f.data] as const))('%s: every LocalizedText has non-empty zh-CN and en', (_name, data) => {
    const texts = objects(data).filter(({ obj }) => 'zh-CN' in obj || 'en' in obj);
    const filled = (v: unknown): boolean =>
      typeof v === 'string' ? v.trim() !== '' : Array.isArray(v) && v.length > 0 && v.every((w) => typeof w === 'string' && w.trim() !== '');
    // Texts are strings in both languages; lists per language (a sector's search keywords) are non-empty lists.
    const bad = texts
      .filter(({ obj }) => !filled(obj['zh-CN']) || !filled(obj['en']) || typeof obj['zh-CN'] !== typeof obj['en'])
      .map(({ path }) => path);
    expect(bad).toEqual([]);
  });

  it('there are texts to check', () => {
    expect(files.reduce((n, f) => n + objects(f.data).filter(({ obj }) => 'zh-CN' in obj).length, 0)).toBeGreaterThan(1000);
  });

  it('the Chinese texts are Chinese', () => {
    const cjk = /[\u4e00-\u9fff]/;
    const letters = /\p{L}/u;
    for (const { name, data } of files) {
      const texts = objects(data).filter(({ obj }) => typeof obj['zh-CN'] === 'string');
      // Figures and symbols only (an outcome band such as "90%–95%") read the same in both languages: not counted.
      const latinOnly = texts.filter(({ obj }) => !cjk.test(String(obj['zh-CN'])) && letters.test(String(obj['zh-CN'])));
      // a few proper names (Atomwise, IBM, Tools Group) are the same in both languages
      expect(latinOnly.length, `${name}: ${latinOnly.map((t) => t.path).join(', ')}`).toBeLessThanOrEqual(Math.max(5, texts.length * 0.02));
    }
    // …and a text in English letters where Chinese belongs is still caught.
    expect(letters.test('Under 3 million CNY') && !cjk.test('Under 3 million CNY')).toBe(true);
    expect(letters.test('90%–95%')).toBe(false);
  });
});

describe('references between files', () => {
  const cubeCells = new Set(kb.cube.cells.map(cellKey));
  const known = (cells: readonly Cell[]) => cells.map(cellKey).filter((k) => !cubeCells.has(k));

  it('the cube has the nine cells and four stages', () => {
    expect([...cubeCells].sort()).toEqual(CELLS.map(cellKey).sort());
    expect(kb.cube.stages.map((s) => [s.id, s.level])).toEqual([['none', 0], ['digital', 1], ['networked', 2], ['intelligent', 3]]);
  });

  it('cases, policies, pain points, scenarios, weights and rules name only cells of the cube', () => {
    expect(kb.cases.flatMap((c) => known(c.cells))).toEqual([]);
    expect(kb.policies.flatMap((p) => known(p.cells ?? []))).toEqual([]);
    expect(kb.painPoints.flatMap((p) => known(p.cells))).toEqual([]);
    expect(kb.scenarios.flatMap((x) => known(x.cell ? [x.cell] : []))).toEqual([]);
    expect(kb.industryTypes.flatMap((t) => [...known(t.weights), ...known(t.targets)])).toEqual([]);
    expect(kb.rules.cellPrerequisites.flatMap((p) => known([p.cell]))).toEqual([]);
    expect(kb.rules.enablerGates.flatMap((g) => known(g.cells))).toEqual([]);
    expect(known(kb.rules.defaultTargets)).toEqual([]);
    for (const p of kb.painPoints) expect(p.cells.length).toBeGreaterThan(0);
    for (const c of kb.cases) expect(c.cells.length).toBeGreaterThan(0);
  });

  it('sectors and cases name defined industry types; policies name defined regions and sectors', () => {
    const types = new Set(kb.industryTypes.map((t) => t.id));
    const regions = new Set(kb.regions.map((r) => r.id));
    const sectors = new Set(kb.sectors.map((s) => s.id));
    expect(kb.sectors.filter((s) => !types.has(s.industryType)).map((s) => s.id)).toEqual([]);
    expect(kb.sectors.flatMap((s) => (s.blend ?? []).filter((b) => !types.has(b.industryType)).map(() => s.id))).toEqual([]);
    expect(kb.cases.flatMap((c) => c.industryTypes.filter((t) => !types.has(t)))).toEqual([]);
    expect(kb.policies.flatMap((p) => (p.industryTypes ?? []).filter((t) => !types.has(t)))).toEqual([]);
    // Programmes name where they apply under eligibility (v2): there must be some, and all must be known.
    expect(kb.policies.some((p) => (p.eligibility?.regions ?? []).length > 0)).toBe(true);
    expect(kb.policies.flatMap((p) => (p.eligibility?.regions ?? []).filter((r) => !regions.has(r)))).toEqual([]);
    expect(kb.policies.flatMap((p) => (p.eligibility?.sectors ?? []).filter((c) => c !== 'C' && !sectors.has(c)))).toEqual([]);
  });

  it('every cell prerequisite names a question of the full questionnaire in another cell, at a rung it has', () => {
    const full = read(QUESTIONNAIRES_DIR, 'full.json') as Questionnaire;
    const questions = new Map(full.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
    expect(kb.rules.cellPrerequisites.length).toBeGreaterThan(0);
    for (const p of kb.rules.cellPrerequisites) {
      const q = questions.get(p.requires.question);
      expect(q, `prerequisite of ${cellKey(p.cell)} names ${p.requires.question}`).toBeDefined();
      // A cell cannot be its own prerequisite: the practice it stands on lies in another cell.
      expect(q?.cell && cellKey(q.cell), p.requires.question).not.toBe(cellKey(p.cell));
      expect(q?.options?.some((o) => o.level === p.requires.minLevel)).toBe(true);
    }
  });

  it.each(questionnaireNames)('questionnaires/%s names only defined pain points and challenges', (name) => {
    const q = read(QUESTIONNAIRES_DIR, name) as Questionnaire;
    const options = q.sections.flatMap((s) => s.questions.flatMap((x) => x.options ?? []));
    const painPoints = new Set(kb.painPoints.map((p) => p.id));
    const challenges = new Set(kb.challenges.map((c) => c.id));
    expect(options.flatMap((o) => (o.painPoint && !painPoints.has(o.painPoint) ? [o.painPoint] : []))).toEqual([]);
    expect(options.flatMap((o) => (o.challenges ?? []).filter((c) => !challenges.has(c)))).toEqual([]);
    // and every pain point the knowledge base defines can be chosen in the full questionnaire
    if (q.depth === 'full') expect(new Set(options.flatMap((o) => (o.painPoint ? [o.painPoint] : [])))).toEqual(painPoints);
  });

  it('every industry type weighs and targets all nine cells once', () => {
    for (const t of kb.industryTypes) {
      expect(t.weights.map(cellKey).sort()).toEqual(CELLS.map(cellKey).sort());
      expect(t.targets.map(cellKey).sort()).toEqual(CELLS.map(cellKey).sort());
    }
  });
});

describe('coverage of the knowledge base', () => {
  it('sectors cover every GB/T 4754-2017 manufacturing division C13..C43 (31 codes), with groups and classes under them', () => {
    const divisions = Array.from({ length: 31 }, (_, i) => `C${13 + i}`);
    expect(kb.sectors.filter((s) => s.id.length === 3).map((s) => s.id).sort()).toEqual(divisions);
    expect(new Set(kb.sectors.map((s) => s.id)).size).toBe(kb.sectors.length);
    const ids = new Set(kb.sectors.map((s) => s.id));
    // The rest are 3-digit groups (C384) and 4-digit classes (C3841), each under its own division or group.
    const below = kb.sectors.filter((s) => s.id.length > 3);
    expect(below.length).toBeGreaterThan(0);
    for (const s of below) {
      expect(s.id, s.id).toMatch(/^C\d{3,4}$/);
      expect(s.parent && ids.has(s.parent) && s.id.startsWith(s.parent) && s.id.length > s.parent.length, `${s.id} under ${String(s.parent)}`).toBe(true);
    }
    expect(kb.sectors.filter((s) => s.id.length === 3).every((s) => s.parent === undefined)).toBe(true);
  });

  it('regions has 34 provinces (provinces, municipalities, autonomous regions, SARs, Taiwan), and cities under them', () => {
    const provinces = kb.regions.filter((r) => r.parent === undefined);
    expect(provinces).toHaveLength(34);
    expect(new Set(provinces.map((r) => r.id)).size).toBe(34);
    for (const r of provinces) expect(r.id).toMatch(/^\d{2}$/);
    const ids = new Set(provinces.map((r) => r.id));
    const cities = kb.regions.filter((r) => r.parent !== undefined);
    expect(new Set(kb.regions.map((r) => r.id)).size).toBe(kb.regions.length);
    for (const c of cities) {
      expect(c.id).toMatch(/^\d{4}$/);
      expect(ids.has(c.parent ?? '') && c.id.startsWith(c.parent ?? '-'), `${c.id} under ${String(c.parent)}`).toBe(true);
    }
  });

  it('every scenario lifts exactly one thing: a cell or an enabler', () => {
    for (const x of kb.scenarios) expect(Boolean(x.cell) !== Boolean(x.enabler), x.id).toBe(true);
  });

  it('the four industry types are all there', () => {
    expect(kb.industryTypes.map((t) => t.id).sort()).toEqual(['capital-intensive', 'labor-intensive', 'market-driven', 'technology-led']);
  });

  it('the cases include those model.md names', () => {
    const companies = kb.cases.map((c) => `${c.company.en} ${c.company['zh-CN']}`);
    const count = (re: RegExp) => companies.filter((c) => re.test(c)).length;
    expect(count(/Atomwise/)).toBeGreaterThanOrEqual(1);
    expect(count(/adidas/i)).toBeGreaterThanOrEqual(1);
    expect(count(/\bIBM\b/)).toBeGreaterThanOrEqual(1);
    expect(count(/Tools Group/)).toBeGreaterThanOrEqual(1);
    expect(count(/Microsoft.*thyssenkrupp|thyssenkrupp.*Microsoft/)).toBeGreaterThanOrEqual(1);
    expect(count(/Tencent/)).toBeGreaterThanOrEqual(4);
    expect(count(/Lenovo|联想/)).toBeGreaterThanOrEqual(1);
    expect(count(/Baidu|百度/)).toBeGreaterThanOrEqual(3);
    expect(count(/格物/)).toBeGreaterThanOrEqual(1);
    expect(kb.cases.find((c) => /格物/.test(c.company['zh-CN']))?.company.en).toMatch(/Unicom/);
  });
});

describe('broken knowledge files are rejected with readable paths', () => {
  const formatted = (data: unknown) => issuesOf(data).map((i) => formatIssue(i, 'en'));

  it('a case naming an unknown cell organization', () => {
    const cases = seed<Json>('cases.json');
    const cells = cases.records[2]?.['cells'] as Cell[];
    Object.assign(cells[0] ?? {}, { organization: 'galaxy' });
    expect(formatted(cases)).toContain('records[2].cells[0].organization: must be one of factory, enterprise, ecosystem (got "galaxy")');
  });

  it('duplicate ids', () => {
    const policies = seed<Json>('policies.json');
    const first = policies.records[0]?.['id'];
    Object.assign(policies.records[3] ?? {}, { id: first });
    expect(formatted(policies)).toEqual([`records[3].id: duplicate id "${String(first)}" (first used at [0])`]);
  });

  it('a weight out of 0.5–2', () => {
    const types = seed<Json>('industry-types.json');
    const weights = types.records[1]?.['weights'] as Record<string, unknown>[];
    Object.assign(weights[4] ?? {}, { weight: 3 });
    expect(formatted(types)).toEqual(['records[1].weights[4].weight: must be 0.5–2 (got 3)']);
  });

  it('a scenario that names both a cell and an enabler, or neither', () => {
    const scenarios = seed<Json>('scenarios.json');
    const first = scenarios.records.find((r) => r['cell'] !== undefined) as Record<string, unknown>;
    const both = { ...scenarios, records: [{ ...first, enabler: 'data' }] };
    expect(formatted(both).length).toBeGreaterThan(0);
    const neither = { ...first };
    delete neither['cell'];
    expect(formatted({ ...scenarios, records: [neither] }).length).toBeGreaterThan(0);
    expect(formatted({ ...scenarios, records: [first] })).toEqual([]);
  });

  it('stage thresholds that do not rise', () => {
    const rules = seed<Json>('rules.json');
    rules['stageThresholds'] = { digital: 25, networked: 80, intelligent: 75 };
    expect(formatted(rules)).toEqual(['stageThresholds: thresholds must rise: digital < networked < intelligent']);
  });

  it('an unknown kind', () => {
    const file = { ...seed('regions.json'), kind: 'provinces' };
    expect(formatted(file)).toEqual(['kind: is not a known kind of file (got "provinces")']);
    expect(formatted({ version: '1.0.0', records: [] })[0]).toBe('kind: is required but missing');
  });

  it('an industry type that leaves a cell unweighted', () => {
    const types = seed<Json>('industry-types.json');
    const weights = types.records[0]?.['weights'] as Record<string, unknown>[];
    Object.assign(weights[1] ?? {}, { organization: 'factory', value: 'product' });
    const issues = formatted(types);
    expect(issues).toContain('records[0].weights: labor-intensive weights: lacks cell factory-manufacturing');
    expect(issues).toContain('records[0].weights: labor-intensive weights: names cell factory-product twice');
  });

  it('a prerequisite given as a cell (the 1.x form) and a cell without a default target', () => {
    const rules = seed<Json>('rules.json');
    // v2 prerequisites name a practice (a question at a rung); one on the cell itself is checked against the
    // questionnaire in "every cell prerequisite names a question … in another cell" above.
    const prereqs = rules['cellPrerequisites'] as { cell: Cell; requires: unknown }[];
    if (prereqs[0]) prereqs[0].requires = { ...prereqs[0].cell };
    const targets = rules['defaultTargets'] as Record<string, unknown>[];
    targets[8] = { ...targets[0] };
    expect(formatted(rules)).toEqual([
      'cellPrerequisites[0].requires.question: is required but missing',
      'cellPrerequisites[0].requires.minLevel: is required but missing',
      'cellPrerequisites[0].requires.organization: is not a known field (a typo?)',
      'cellPrerequisites[0].requires.value: is not a known field (a typo?)',
    ]);
    if (prereqs[0]) prereqs[0].requires = { question: 'fm-dispatch', minLevel: 4 };
    expect(formatted(rules)).toEqual([
      'cellPrerequisites[0].requires.minLevel: must be 0–3 (got 4)',
    ]);
    if (prereqs[0]) prereqs[0].requires = { question: 'fm-dispatch', minLevel: 1 };
    expect(formatted(rules)).toEqual([
      'defaultTargets: default targets: lacks cell ecosystem-service',
      'defaultTargets: default targets: names cell factory-product twice',
    ]);
    (rules['defaultTargets'] as unknown[]).pop();
    expect(formatted(rules)).toEqual(['defaultTargets: needs at least 9 item(s) (got 8)']);
  });

  it('a record without a source, and a misspelt field', () => {
    const sectors = seed<Json>('sectors.json');
    delete sectors.records[0]?.['source'];
    Object.assign(sectors.records[1] ?? {}, { industrytype: 'market-driven' });
    const issues = formatted(sectors);
    expect(issues).toContain('records[0].source: is required but missing');
    expect(issues).toContain('records[1].industrytype: is not a known field (a typo?)');
  });

  it('a sector code outside GB/T 4754 form', () => {
    const sectors = seed<Json>('sectors.json');
    Object.assign(sectors.records[0] ?? {}, { id: '13' });
    expect(formatted(sectors)).toEqual(['records[0].id: has the wrong format (got "13")']);
  });

  it('every issue has both languages', () => {
    const rules = seed<Json>('rules.json');
    rules['stageThresholds'] = { digital: 60, networked: 50, intelligent: 75 };
    for (const issue of issuesOf(rules)) {
      expect(issue.message['zh-CN']).not.toBe('');
      expect(issue.message.en).not.toBe('');
      expect(issue.message['zh-CN']).not.toBe(issue.message.en);
    }
  });
});

describe('checks across files', () => {
  function broken(change: (kb: KnowledgeBase) => void): string[] {
    const copy = structuredClone(kb);
    change(copy);
    return checkKnowledgeBase(copy).map((i) => formatIssue(i, 'en'));
  }

  it('a policy naming an unknown region', () => {
    const i = kb.policies.findIndex((p) => p.eligibility?.regions?.length);
    expect(i).toBeGreaterThanOrEqual(0);
    const id = kb.policies[i]?.id ?? '';
    expect(broken((k) => Object.assign(k.policies[i]?.eligibility ?? {}, { regions: ['99'] }))).toEqual([`policies.records[${i}].eligibility.regions: policy "${id}" names an unknown region "99"`]);
  });

  it('a programme that ends before it starts, or has no link', () => {
    const i = kb.policies.findIndex((p) => p.group === 'programme' && p.validFrom !== undefined);
    expect(i).toBeGreaterThanOrEqual(0);
    const id = kb.policies[i]?.id ?? '';
    expect(broken((k) => Object.assign(k.policies[i] ?? {}, { validUntil: '2000-01-01' }))).toEqual([`policies.records[${i}].validUntil: policy "${id}" ends before it starts`]);
    expect(broken((k) => { delete (k.policies[i] as { url?: string }).url; })).toEqual([`policies.records[${i}].url: programme "${id}" lacks a link`]);
  });

  it('a sector or case naming an undefined industry type', () => {
    const issues = broken((k) => {
      k.industryTypes = k.industryTypes.filter((t) => t.id !== 'market-driven');
    });
    expect(issues.some((i) => /^sectors\.records\[\d+\]\.industryType: sector C\d\d names an undefined industry type "market-driven"$/.test(i))).toBe(true);
    expect(issues.some((i) => /^cases\.records\[\d+\]\.industryTypes: case ".+" names an undefined industry type "market-driven"$/.test(i))).toBe(true);
  });

  it('assembling needs one file of each kind, all of one version', () => {
    const files = seedNames.map((n) => seed(n) as unknown as KnowledgeFile);
    expect(() => assembleKnowledgeBase(files.filter((f) => f.kind !== 'scenarios'))).toThrow(KnowledgeBaseError);
    expect(() => assembleKnowledgeBase(files.filter((f) => f.kind !== 'scenarios'))).toThrow(/missing knowledge files: scenarios/);
    expect(() => assembleKnowledgeBase([...files, files[0] as KnowledgeFile])).toThrow(/given twice/);
    const other = files.map((f) => (f.kind === 'cases' ? { ...f, version: '9.9.9' } : f));
    expect(() => assembleKnowledgeBase(other)).toThrow(/disagree on the version/);
    expect(assembleKnowledgeBase(files).version).toBe(kb.version);
  });
});
