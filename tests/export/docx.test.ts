/**
 * The Word report: a valid OOXML package (the parts Word needs, real heading styles, CJK fonts declared, the radar
 * as a picture) whose text holds every section of the report in the chosen language, and none of the other's.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnose, type AnswersFile, type Diagnosis, type Locale } from '../../src/engine/index.ts';
import { buildReportDocument, reportFileName } from '../../src/export/docx.ts';
import { caseRecords, policyGroups } from '../../src/components/report/sections.ts';
import { knowledgeBase, loadQuestionnaire } from '../engine/scenario.ts';
import { makeI18n } from '../app/harness.ts';
import { solidPng, unzip, wordText } from './ooxml.ts';

const REPORT_DATE = '2026-12-01';
const kb = knowledgeBase();
const questionnaire = loadQuestionnaire('full');

function persona(id: string): { file: AnswersFile; d: Diagnosis } {
  const file = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'personas', `${id}.json`), 'utf8')) as AnswersFile;
  return { file, d: diagnose({ questionnaire, knowledgeBase: kb, answers: file }, { date: REPORT_DATE }) };
}

type T = (key: string, named?: Record<string, unknown>) => string;
const translator = (lang: Locale): T => {
  const { t } = makeI18n(lang).global as unknown as { t: T };
  return (key, named) => t(key, named ?? {});
};

/** The section headings the report always has (and the one it has when it has enablers to show). */
const HEADINGS = [
  'report.docx.contents', 'report.summary.title', 'report.cube.title', 'report.radar.title', 'report.industry.title',
  'report.priorities.title', 'report.cases.title', 'report.policies.title', 'report.challenges.title',
  'report.method.title', 'report.answersAppendix.title',
];

async function build(id: string, lang: Locale, company: string, branding?: { name: string; organization: string }) {
  const { file, d } = persona(id);
  const t = translator(lang);
  const bytes = await buildReportDocument({
    t, lang, diagnosis: d, knowledge: kb, questionnaire, profile: file.profile, answers: file.answers, company,
    answeredOn: new Date(`${REPORT_DATE}T10:00:00Z`),
    branding: branding ? { ...branding, logo: { data: solidPng(40, 20, [200, 30, 30]), type: 'png', width: 40, height: 20 } } : undefined,
    radar: { data: solidPng(64, 64), type: 'png', width: 64, height: 64 },
  });
  // AIMM_DOCX_OUT=<dir> keeps the files, to open them in Word or LibreOffice and look.
  const out = process.env.AIMM_DOCX_OUT;
  if (out) {
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `${id}-${lang}${branding ? '-branded' : ''}.docx`), bytes);
  }
  const parts = unzip(bytes);
  const part = (name: string): string => {
    const p = parts.get(name);
    if (!p) throw new Error(`no ${name} in the package: ${[...parts.keys()].join(', ')}`);
    return p.toString('utf8');
  };
  return { d, t, bytes, parts, part, text: wordText(part('word/document.xml')) };
}

describe('the Word report', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    const other: Locale = lang === 'en' ? 'zh-CN' : 'en';

    it(`is a Word package with headings, fonts and the radar picture (${lang})`, async () => {
      const { part, parts } = await build('suzhou-smt', lang, '苏州精贴电子有限公司', { name: '王顾问', organization: '长三角数字化服务中心' });
      expect(part('[Content_Types].xml')).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
      expect(part('_rels/.rels')).toContain('word/document.xml');
      const styles = part('word/styles.xml');
      for (const id of ['Heading1', 'Heading2', 'Heading3', 'Title']) expect(styles).toContain(`w:styleId="${id}"`);
      // Chinese text gets a Chinese font, Latin text a Latin one, and Chinese is declared as the East Asian language.
      expect(styles).toMatch(/<w:rFonts [^>]*w:eastAsia="Microsoft YaHei"/);
      expect(styles).toMatch(/<w:rFonts [^>]*w:ascii="Arial"/);
      expect(styles).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
      expect(styles).toMatch(new RegExp(`<w:lang [^>]*w:val="${lang === 'en' ? 'en-GB' : 'zh-CN'}"`));
      const xml = part('word/document.xml');
      expect(xml).toMatch(/<w:pStyle w:val="Heading1"\/>/);
      expect(xml).toMatch(/<w:pStyle w:val="Heading2"\/>/);
      // A table of contents field built from the section headings, with its entries written in.
      expect(xml).toMatch(/TOC \\[^<]*\\o &quot;1-1&quot;/);
      expect(xml).toMatch(/<w:pStyle w:val="TOC1"\/>/);
      // The radar and the logo: two pictures, each with a description.
      const media = [...parts.keys()].filter((n) => n.startsWith('word/media/'));
      expect(media.length).toBe(2);
      expect(xml.match(/<wp:docPr [^>]*descr="[^"]+"/g)?.length).toBe(2);
      // Nothing but text in the document body: every section's words are runs of text that can be edited.
      expect(xml).not.toContain('<w:object');
    });

    it(`holds every section and the diagnosis's content in ${lang}, and nothing of ${other}'s headings`, async () => {
      const { d, t, text } = await build('suzhou-smt', lang, 'Suzhou Fine Placement Electronics');
      const lines = text.split('\n');
      for (const key of [...HEADINGS, 'report.roadmap.title', 'report.foundation.title']) expect(lines, key).toContain(t(key));
      expect(text).toContain('Suzhou Fine Placement Electronics');
      for (const c of kb.cube.cells) expect(text).toContain(c.name[lang]);
      expect(d.priorities.length).toBeGreaterThan(0);
      for (const p of d.priorities) {
        const name = kb.cube.cells.find((c) => c.organization === p.organization && c.value === p.value)?.name[lang] ?? '';
        expect(lines).toContain(`${p.rank}. ${name}`);
      }
      expect(d.roadmap.length).toBeGreaterThan(0);
      for (const s of d.roadmap) expect(lines).toContain(`${s.order}. ${s.title[lang]}`);
      const phases = new Set(d.roadmap.map((s) => s.phase));
      for (const phase of phases) expect(lines).toContain(kb.rules.phases[phase].name[lang]);
      const cases = caseRecords(d, kb);
      expect(cases.length).toBeGreaterThan(0);
      for (const { record } of cases) expect(lines).toContain(`${record.company[lang]}${lang === 'en' ? ': ' : '：'}${record.title[lang]}`);
      const groups = policyGroups(d.policies, kb);
      expect(groups.length).toBeGreaterThan(0);
      for (const g of groups) {
        for (const { record } of g.items) {
          expect(lines).toContain(record.title[lang]);
          if (record.url) expect(text).toContain(record.url);
        }
      }
      // The summary is the screen's summary sentence, and the overall score is on the cover.
      expect(text).toContain(d.overall.stage ? kb.cube.stages.find((s) => s.id === d.overall.stage)?.name[lang] : '');
      expect(text).toContain(`${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(d.overall.score ?? 0)} / 100`);

      const foreign = translator(other);
      for (const key of HEADINGS) expect(lines, `${other} heading ${key}`).not.toContain(foreign(key));
    });

    it(`says "prepared by" when branded and "self-diagnosis" otherwise (${lang})`, async () => {
      const branded = await build('suzhou-smt', lang, 'X', { name: 'Wang Li', organization: 'Delta Digital Centre' });
      expect(branded.text).toContain(branded.t('report.docx.kickerPrepared', { name: 'Wang Li · Delta Digital Centre' }));
      expect(branded.text).not.toContain(branded.t('report.cover.kicker'));
      expect(branded.part('word/header1.xml') + (branded.parts.get('word/header2.xml')?.toString() ?? '')).toContain('Wang Li');
      const plain = await build('suzhou-smt', lang, 'X');
      expect(plain.text).toContain(plain.t('report.cover.kicker'));
      expect(plain.text).not.toContain('Wang Li');
      expect([...plain.parts.keys()].filter((n) => n.startsWith('word/media/')).length).toBe(1);
    });

    it(`lists what to find out first when too much is "don't know" (${lang})`, async () => {
      const { d, t, text } = await build('anhui-dont-know', lang, '');
      expect(d.status).toBe('uncertain');
      const lines = text.split('\n');
      expect(lines).toContain(t('report.findOut.title'));
      expect(text).toContain(t('report.summary.uncertain'));
      expect(text).toContain(t('report.cover.noCompany'));
      expect(d.findOutFirst.length).toBeGreaterThan(0);
      const index = new Map(questionnaire.sections.flatMap((s) => s.questions).map((q) => [q.id, q]));
      for (const f of d.findOutFirst) expect(text).toContain(index.get(f.questionId)?.text[lang]);
      expect(d.priorities).toEqual([]);
      expect(lines).not.toContain(t('report.roadmap.title'));
    });
  }

  it('names the file after the company and the date, with characters every file system accepts', () => {
    const day = new Date('2026-12-01T10:00:00Z');
    expect(reportFileName('苏州 精贴/电子: "A"', day)).toBe('aimm-苏州-精贴-电子-A-2026-12-01.docx');
    expect(reportFileName('  ', day)).toBe('aimm-2026-12-01.docx');
  });
});
