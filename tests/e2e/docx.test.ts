/**
 * "Download as Word" in the built app under the strict CSP: the file downloads with the company's name, holds the
 * radar drawn at print resolution and the consultant's logo, and LibreOffice (Debian's libreoffice-writer, installed
 * by scripts/ensure-browser.sh) converts it to PDF pages drawn with a CJK font in Chinese.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { appUnderTest } from './app-under-test.ts';
import { watchConsole } from './helpers.ts';
import { solidPng, unzip, wordText } from '../export/ooxml.ts';

const app = appUnderTest();
/** AIMM_DOCX_OUT=<dir> keeps the files and page images, to look at them. */
const out = process.env['AIMM_DOCX_OUT'] ?? mkdtempSync(join(tmpdir(), 'aimm-docx-'));
mkdirSync(out, { recursive: true });

const COMPANY = { 'zh-CN': '苏州精贴电子', en: 'Suzhou Fine Placement' } as const;
const HEADINGS = {
  'zh-CN': ['诊断摘要', '得分雷达图', '优先事项', '路线图', '参考案例'],
  en: ['Summary', 'Score radar', 'Priorities', 'Roadmap'],
} as const;

/** Imports a persona's answers with a company name, opens its report, and fills in the consultant's details. */
async function openReport(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
  const persona = JSON.parse(readFileSync(new URL('../personas/suzhou-smt.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const file = join(out, `answers-${lang}.json`);
  writeFileSync(file, JSON.stringify({ ...persona, meta: { company: COMPANY[lang] } }));
  await page.goto(`${app.server.url}/?lang=${lang}#/workspace`);
  await page.locator('#workspace-title').waitFor();
  await page.locator('input[type="file"]').setInputFiles(file);
  await page.locator('[data-test="imported"]').waitFor();
  await page.locator('[data-test="diagnosis"] .btn-primary').first().click();
  await page.waitForURL(/#\/d\/[^/]+\//);
  await page.goto(page.url().replace(/#\/d\/([^/]+)\/.*$/, '#/d/$1/report'));
  await page.locator('[data-test="download-docx"]').waitFor();
  await page.locator('details.branding > summary').click();
  await page.locator('input[autocomplete="name"]').fill(lang === 'en' ? 'Wang Li' : '王立');
  await page.locator('input[autocomplete="organization"]').nth(1).fill(lang === 'en' ? 'Delta Digital Centre' : '长三角数字化服务中心');
  const logo = join(out, 'logo.png');
  writeFileSync(logo, solidPng(120, 40, [180, 30, 30]));
  await page.locator('input[type="file"][accept="image/png,image/jpeg"]').setInputFiles(logo);
  await page.locator('.report-cover img.logo').waitFor();
}

/** The width and height a PNG's header gives. */
function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('the Word report, downloaded and opened', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`downloads a .docx that LibreOffice turns into pages (${lang})`, async () => {
      const page = await app.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      const problems = watchConsole(page);
      await openReport(page, lang);

      const download = page.waitForEvent('download');
      await page.locator('[data-test="download-docx"]').click();
      const file = await download;
      const name = file.suggestedFilename();
      expect(name).toMatch(new RegExp(`^aimm-${COMPANY[lang].replace(/ /g, '-')}-\\d{4}-\\d{2}-\\d{2}\\.docx$`));
      const docx = join(out, `report-${lang}.docx`);
      await file.saveAs(docx);
      expect(problems).toEqual([]);
      await page.close();

      const parts = unzip(readFileSync(docx));
      const text = wordText(parts.get('word/document.xml')?.toString('utf8') ?? '');
      expect(text).toContain(COMPANY[lang]);
      for (const h of HEADINGS[lang]) expect(text.split('\n')).toContain(h);
      // The radar drawn off screen at print resolution, and the logo as it was given.
      const sizes = [...parts].filter(([n]) => n.startsWith('word/media/')).map(([, b]) => pngSize(b));
      expect(sizes).toContainEqual({ width: 120, height: 40 });
      const radar = sizes.find((s) => s.width !== 120);
      expect(radar?.width).toBeGreaterThanOrEqual(1200);
      expect(radar?.width).toBe(radar?.height);

      const pdfDir = join(out, `pdf-${lang}`);
      execFileSync('soffice', [`-env:UserInstallation=file://${join(out, 'lo-profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', pdfDir, docx], { stdio: 'pipe', timeout: 120_000 });
      const pdf = join(pdfDir, `report-${lang}.pdf`);
      const fonts = execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
      if (lang === 'zh-CN') expect(fonts).toMatch(/CJK|YaHei|SimSun|Hei|Song|Ming|Kai/i);
      const pdfText = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      for (const h of HEADINGS[lang]) expect(pdfText).toContain(h);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))?.[1]);
      expect(pages).toBeGreaterThan(5);
      expect(pages).toBeLessThan(40);
      execFileSync('pdftoppm', ['-png', '-r', '50', pdf, join(pdfDir, 'page')]);
      const images = readdirSync(pdfDir).filter((n) => n.endsWith('.png'));
      expect(images).toHaveLength(pages);
      // A page with text on it is not blank: every page image holds more than an empty page's bytes.
      const empty = Math.min(...images.map((n) => statSync(join(pdfDir, n)).size));
      expect(empty).toBeGreaterThan(2000);
    });
  }
});
