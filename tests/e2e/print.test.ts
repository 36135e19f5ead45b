import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { appUnderTest } from './app-under-test.ts';
import { renderedFonts, watchConsole } from './helpers.ts';

/**
 * The report a consultant hands over, printed to PDF as the browser's print dialog would (print.css, A4):
 * a full diagnosis in at most 12 pages and a quick scan in at most 6, every page but the last at least half
 * full, no blank page, the running header and footer (client, consultant, date, "page n of m") on every page,
 * and each language drawn with its own fonts. Kept PDFs: set AIMM_PRINT_OUT to a folder.
 */
const out = process.env['AIMM_PRINT_OUT'] ?? mkdtempSync(join(tmpdir(), 'aimm-print-'));
const app = appUnderTest();

const root = new URL('../../', import.meta.url);
const read = (path: string): unknown => JSON.parse(readFileSync(new URL(path, root), 'utf8'));

/**
 * Companies whose reports differ in shape: a mixed diagnosis (rungs 0 to 3 with a "don't know"), a large and
 * advanced plant (long priorities, many programmes), and one whose claims the evidence does not back (many
 * challenges and flags).
 */
type Persona = { profile: Record<string, unknown>; answers: Record<string, unknown> };
const PERSONAS = [
  { file: 'guangdong-custom-furniture', company: '佛山木作家居有限公司', mixed: true },
  { file: 'jiangsu-li-cell', company: '常州恒锂电芯科技有限公司', mixed: true },
  { file: 'hubei-ai-claims', company: '武汉智衡机械有限公司', mixed: false },
] as const;
const BRANDING = { name: 'Li Wei 李伟', organization: 'Pearl River Digital Consulting' };

/** A company's quick scan: the answers to the questions the quick questionnaire asks. */
function quickFile(persona: Persona, company: string): object {
  const quick = read('questionnaires/quick.json') as { id: string; version: string; sections: { questions: { id: string }[] }[] };
  const asked = new Set(quick.sections.flatMap((s) => s.questions.map((q) => q.id)));
  const only = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([k]) => asked.has(k)));
  return { questionnaire: { id: quick.id, version: quick.version }, profile: only(persona.profile), answers: only(persona.answers), meta: { company } };
}
function filesOf(name: string, company: string): { full: object; quick: object } {
  const persona = read(`tests/personas/${name}.json`) as Persona;
  return { full: { ...persona, meta: { company } }, quick: quickFile(persona, company) };
}
const MAX_PAGES = { full: 12, quick: 6 } as const;

const WORDS = {
  en: { prepared: `Prepared by ${BRANDING.name} · ${BRANDING.organization}`, date: /Report of \w+ \d+, \d{4}/, page: (n: number, m: number) => `Page ${n} of ${m}`, kicker: /prepared by Li Wei/ },
  'zh-CN': { prepared: `由 ${BRANDING.name} · ${BRANDING.organization} 编制`, date: /报告日期：\d{4}年\d+月\d+日/, page: (n: number, m: number) => `第 ${n} 页，共 ${m} 页`, kicker: /由 Li Wei 李伟 · Pearl River Digital Consulting 编制/ },
} as const;

/** Puts the diagnosis in as a consultant would: their branding set once, the company's answers file imported. */
async function openReport(page: Page, lang: 'en' | 'zh-CN', file: object, name: string): Promise<void> {
  await page.goto(`${app.server.url}/?lang=${lang}#/workspace`);
  await page.evaluate((b) => {
    // The organisation's logo: a PNG drawn here, as a consultant would upload one.
    const canvas = document.createElement('canvas');
    canvas.width = 240;
    canvas.height = 80;
    const g = canvas.getContext('2d');
    if (g) {
      g.fillStyle = '#0b3d91';
      g.fillRect(0, 0, 240, 80);
    }
    localStorage.setItem('aimm:branding', JSON.stringify({ ...b, logoDataUrl: canvas.toDataURL('image/png') }));
  }, BRANDING);
  await page.reload();
  await page.locator('#workspace-title').waitFor();
  const path = join(out, `${name}.aimm-answers.json`);
  writeFileSync(path, JSON.stringify(file));
  await page.locator('input[type="file"]').setInputFiles(path);
  await page.locator('[data-test="imported"]').waitFor();
  await page.locator('[data-test="diagnosis"] .btn-primary').first().click();
  await page.locator('.report h1').first().waitFor();
  await page.locator('[data-test="radar"] canvas').waitFor();
  await page.waitForTimeout(500);
}

/** A page rendered in grey at 30 dpi: its rows, each the darkest pixel in it (0 black … 255 white). */
function darkestPerRow(pgm: Buffer): { width: number; height: number; rows: number[] } {
  // Binary PGM: "P5", width, height, maxval, each separated by white space, then one byte a pixel.
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  if (!header) throw new Error('not a binary PGM');
  const [whole, w, h] = header;
  const width = Number(w);
  const height = Number(h);
  const start = Buffer.byteLength(whole ?? '', 'latin1');
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    let min = 255;
    for (let x = 0; x < width; x++) min = Math.min(min, pgm[start + y * width + x] ?? 255);
    rows.push(min);
  }
  return { width, height, rows };
}

/**
 * How far down each page's text area the printing reaches, 0 … 1. The text area is the page less the @page
 * margins (17 mm top, 15 mm bottom, where the running header and footer are): the share is the lowest inked
 * row's distance from the area's top over its height. Measured on pixels, not on extracted text, because a
 * page holding the cube or the chart carries little text yet is full, and a page of one big card is full.
 */
function fillPerPage(pdf: string, dir: string): number[] {
  execFileSync('pdftoppm', ['-gray', '-r', '30', pdf, join(dir, 'page')]);
  return readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.pgm')).sort((a, b) => Number(/(\d+)\.pgm$/.exec(a)?.[1]) - Number(/(\d+)\.pgm$/.exec(b)?.[1])).map((f) => {
    const { height, rows } = darkestPerRow(readFileSync(join(dir, f)));
    const mm = height / 297;
    const top = Math.ceil(17 * mm);
    const bottom = Math.floor(height - 15 * mm);
    let lowest = -1;
    for (let y = top; y < bottom; y++) if ((rows[y] ?? 255) < 200) lowest = y;
    return lowest < 0 ? 0 : (lowest - top + 1) / (bottom - top);
  });
}

const pageText = (pdf: string, n: number): string => execFileSync('pdftotext', ['-layout', '-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' });

describe.each(PERSONAS)('the printed report of $file', ({ file, company: COMPANY, mixed }) => {
  const FILES = filesOf(file, COMPANY);
  for (const depth of ['full', 'quick'] as const) {
    for (const lang of ['en', 'zh-CN'] as const) {
      it(`${depth} diagnosis in ${lang}: at most ${MAX_PAGES[depth]} full A4 pages, branded on every page`, async () => {
        const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 } });
        const problems = watchConsole(page);
        await openReport(page, lang, FILES[depth], `${file}-${depth}-${lang}`);
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        // A consultant's report says who prepared it, not "self-diagnosis".
        expect(await page.locator('[data-test="kicker"]').innerText()).toMatch(WORDS[lang].kicker);
        // Where the answers are mixed, the cube shows cells at two or more stages (colours print).
        if (mixed) {
          const stages = await page.locator('[data-test="cube"] [data-cell]').evaluateAll((cells) => cells.map((c) => [...c.classList].find((k) => k.startsWith('stage-'))));
          expect(new Set(stages).size, stages.join(' ')).toBeGreaterThanOrEqual(2);
        }

        const pdf = join(out, `report-${file}-${depth}-${lang}.pdf`);
        writeFileSync(pdf, await page.pdf({ printBackground: true, preferCSSPageSize: true }));
        const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
        expect(pages).toBeGreaterThan(1);
        expect(pages).toBeLessThanOrEqual(MAX_PAGES[depth]);

        // Every page carries the running header and footer, numbered "n of m" with m the real page count
        // (a blank page at the end, without margin boxes, fails here too).
        for (let n = 1; n <= pages; n++) {
          const text = pageText(pdf, n);
          expect(text, `page ${n}`).toContain(COMPANY);
          expect(text.replace(/\s+/g, ' '), `page ${n}`).toContain(WORDS[lang].prepared);
          expect(text, `page ${n}`).toMatch(WORDS[lang].date);
          expect(text, `page ${n}`).toContain(WORDS[lang].page(n, pages));
        }

        // The logo is in the running header: an image on every page.
        const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).split('\n').slice(2).map((l) => Number(l.trim().split(/\s+/)[0]));
        for (let n = 1; n <= pages; n++) expect(images, `an image on page ${n}`).toContain(n);

        // No heading stays behind at the foot of a page: none of the last three lines above the footer starts
        // with a section or subsection heading's text, unless its part ends there (the next page opens with a
        // heading of its own).
        const headings = (await page.locator('.report h2, .report h3').evaluateAll((hs) => hs.filter((h) => h.checkVisibility()).map((h) => (h.textContent ?? '').replace(/\s+/g, ' ').trim())))
          .filter((h) => h.length >= 4);
        const linesOf = (n: number): string[] => pageText(pdf, n).split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean);
        for (let n = 1; n < pages; n++) {
          const foot = linesOf(n).slice(-4, -1);
          const next = linesOf(n + 1)[1] ?? '';
          const partEnds = headings.some((h) => next.startsWith(h));
          const alone = partEnds ? [] : headings.filter((h) => foot.some((l) => l.startsWith(h)));
          expect(alone, `page ${n} ends with: ${foot.join(' | ')}`).toEqual([]);
        }

        // No page is blank, and every page but the last is at least half full.
        const fill = fillPerPage(pdf, mkdtempSync(join(out, `png-${file}-${depth}-${lang}-`)));
        expect(fill).toHaveLength(pages);
        const rounded = fill.map((f) => Math.round(f * 100) / 100);
        expect(Math.min(...fill), `fill per page: ${rounded.join(' ')}`).toBeGreaterThan(0);
        expect(Math.min(...fill.slice(0, -1)), `fill per page: ${rounded.join(' ')}`).toBeGreaterThanOrEqual(0.5);

        // Each language its own fonts, as drawn for print: a CJK font for Chinese; for English a Latin font,
        // so that its curly quotes are Latin glyphs and not full-width CJK marks.
        await page.emulateMedia({ media: 'print' });
        const summaryFonts = await renderedFonts(page, '[data-test="summary"] p');
        const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
        if (lang === 'zh-CN') {
          expect(summaryFonts.join(','), 'summary in Chinese').toMatch(/CJK/);
          expect((await renderedFonts(page, '.report h2')).join(','), 'headings in Chinese').toMatch(/CJK/);
        } else {
          expect(pageText(pdf, 1)).toMatch(/\u201c[^\u201d]+\u201d/);
          expect(summaryFonts[0] ?? '', `summary fonts: ${summaryFonts.join(', ')}`).not.toMatch(/CJK|Hei|Song|Ming|Gothic/i);
          expect(summaryFonts.join(','), 'the summary is Latin text only').not.toMatch(/CJK/);
          expect(fonts).toMatch(/Liberation ?Sans|Arial|Helvetica|DejaVu ?Sans/);
        }
        await page.emulateMedia({ media: null });
        expect(problems).toEqual([]);
        await page.close();
      });
    }
  }
});
