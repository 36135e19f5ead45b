import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { AnswersFile, Questionnaire } from '../../src/engine/index.ts';
import { loadKnowledgeBase } from '../../src/knowledge/node.ts';
import { checked, emptyRecord } from '../../src/persistence/index.ts';
import { exportFile, parseImport, MAX_IMPORT_BYTES, type ImportContext } from '../../src/persistence/exchange.ts';
import { decodeShare, encodeShare } from '../../src/persistence/share.ts';
import { toCsv, toJsonLines, toRow } from '../../src/export/table.ts';
import { diagnose } from '../../src/engine/index.ts';
import { validateWorkspaceFile } from '../../src/schemas/generated/workspace.validator.js';
import quick from '../../questionnaires/quick.json';
import full from '../../questionnaires/full.json';

const kb = loadKnowledgeBase();
const questionnaires = { quick: quick as unknown as Questionnaire, full: full as unknown as Questionnaire };
const example = JSON.parse(readFileSync('docs/examples/electronics-assembler.json', 'utf8')) as AnswersFile;
const summarize = () => ({ answered: 0, total: 0, status: null, score: null, stage: null });
const ctx: ImportContext = { questionnaires, knowledge: kb, existing: [], summarize };
const record = checked({ ...emptyRecord('full', example.questionnaire, 1_700_000_000_000), id: 'one', companyId: 'co', file: example, completedAt: 1_700_000_100_000 });

const messages = (text: string, lang: 'zh-CN' | 'en' = 'en') => {
  const r = parseImport(text, ctx);
  if (r.ok) throw new Error('expected a refusal');
  return r.issues.map((i) => `${i.path}: ${i.message[lang]}`);
};

describe('.aimm.json files', () => {
  it('an export conforms to the published schema', () => {
    expect(validateWorkspaceFile(exportFile([record], 'aimm-workspace'))).toBe(true);
  });

  it('refuses each kind of bad file with its own reason, in both languages', () => {
    expect(messages(JSON.stringify({ kind: 'questionnaire', id: 'x' }))).toEqual(['kind: this is a questionnaire file, not a diagnoses file']);
    expect(messages(JSON.stringify({ kind: 'questionnaire', id: 'x' }), 'zh-CN')).toEqual(['kind: 这是一份问卷文件，不是诊断文件']);
    expect(messages(JSON.stringify([1, 2]))[0]).toContain('not an AIMM diagnoses file');
    expect(messages(JSON.stringify({ ...example, questionnaire: { id: 'someone-else', version: '1.0.0' } }))[0]).toMatch(/^questionnaire\.id: belongs to another questionnaire, "someone-else"/);
    expect(messages(JSON.stringify({ ...exportFile([record], 'aimm-workspace'), formatVersion: 7 }))[0]).toMatch(/newer version of the app \(format 7/);
    expect(messages('x'.repeat(MAX_IMPORT_BYTES + 1))[0]).toMatch(/too large/);
    expect(messages(JSON.stringify(exportFile([record], 'aimm-workspace')).slice(0, 200))[0]).toMatch(/not valid JSON/);
    expect(messages(JSON.stringify({ ...example, questionnaire: { id: 'aimm-full', version: '3.0.0' } }))[0]).toMatch(/newer questionnaire version/);
  });

  it('lists every problem of every diagnosis in a workspace file, not only the first', () => {
    const file = exportFile([record, { ...record, id: 'two' }], 'aimm-workspace');
    const d0 = file.diagnoses[0] as { answers: AnswersFile };
    const d1 = file.diagnoses[1] as { answers: AnswersFile; depth: string };
    d0.answers = { ...d0.answers, profile: { ...d0.answers.profile, employees: -5, province: '99' } };
    d1.answers = { ...d1.answers, answers: { ...d1.answers.answers, 'fm-programs': 'l9' } };
    const list = messages(JSON.stringify(file));
    expect(list).toContain('diagnoses[0].answers.profile.employees: must be 1–1000000 (got -5)');
    expect(list).toContain('diagnoses[0].answers.profile.province: unknown province code "99"');
    // A city's code is not a province, even though the data holds it for city programmes.
    const city = exportFile([{ ...record, file: { ...record.file, profile: { ...record.file.profile, province: '4419' } } }], 'aimm-workspace');
    expect(messages(JSON.stringify(city))).toContain('diagnoses[0].answers.profile.province: unknown province code "4419"');
    expect(list).toContain('diagnoses[1].answers.answers.fm-programs: has no option "l9"');
  });

  it('an id already in the workspace with the same answers is not imported twice; with other answers it gets a new id', () => {
    const text = JSON.stringify(exportFile([record], 'aimm-diagnosis'));
    const same = parseImport(text, { ...ctx, existing: [record] });
    expect(same.ok && [same.records.length, same.alreadyThere]).toEqual([0, 1]);
    const changed = parseImport(text, { ...ctx, existing: [{ ...record, file: { ...record.file, answers: {} } }] });
    expect(changed.ok && changed.records[0]?.id).not.toBe('one');
  });
});

describe('share links', () => {
  it('round trip: the same answers come back, compressed into a short fragment', async () => {
    const payload = await encodeShare({ depth: 'full', file: example, completedAt: 5 });
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(payload.length).toBeLessThan(1500);
    const back = await decodeShare(payload);
    expect(back.ok && back.value).toEqual({ depth: 'full', file: example, completedAt: 5 });
  });
});

describe('tables of many diagnoses', () => {
  it('CSV starts with a byte-order mark, quotes what needs it and defuses formulas; JSON Lines has one object a line', () => {
    const d = diagnose({ questionnaire: questionnaires.full, knowledgeBase: kb, answers: example });
    const row = toRow({ id: 'one', date: '2026-01-01T00:00:00.000Z', file: { ...example, meta: { company: '=HYPERLINK("x"), "Ltd"' } }, diagnosis: d });
    const csv = toCsv([row]);
    expect(csv.startsWith('\uFEFFsource,error,id,company,date,questionnaire')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x""), ""Ltd"""`);
    expect(csv).toContain(`,labor-intensive,${example.profile['sector'] as string},44,300,`);
    const line = JSON.parse(toJsonLines([row]).trim()) as Record<string, unknown>;
    expect(line['overallScore']).toBe(d.overall.score);
    expect(line['ecosystem-service.stage']).toBe(d.cells.find((c) => c.organization === 'ecosystem' && c.value === 'service')?.stage);
  });
});
