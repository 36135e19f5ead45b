import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Frame, Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core on the page (evaluated over the DevTools protocol, so the page's strict CSP does not block it). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  });
  return results;
}

/**
 * Answers every question on the current page as a person would: the sector by searching its code,
 * a province from the list, a number, two goals, and for each choice the option at `pick` (cycled).
 */
export async function answerPage(page: Page | Frame, pick: (n: number) => number, options: { keepAnswered?: boolean } = {}): Promise<void> {
  const fieldsets = page.locator('fieldset.question');
  // Counted again each time: an answer can show a question below it (the city after the province).
  for (let i = 0; i < (await fieldsets.count()); i++) {
    const f = fieldsets.nth(i);
    const search = f.locator('input[type="search"]');
    if (await search.count()) {
      // A portal's prefilled sector shows as the chosen line: kept when asked to.
      if (options.keepAnswered && (await f.locator('.chosen-line').count()) > 0) continue;
      await search.fill('39');
      await f.locator('input[type="radio"][value="C39"]').check();
      continue;
    }
    const select = f.locator('select');
    if (await select.count()) {
      if (options.keepAnswered && (await select.inputValue())) continue;
      // Guangdong for the province; for the city, the first one listed.
      const values = await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter((v) => v));
      await select.selectOption(values.includes('44') ? '44' : (values[0] ?? ''));
      continue;
    }
    const number = f.locator('input[type="number"]');
    if (await number.count()) {
      await number.fill('120');
      continue;
    }
    const boxes = f.locator('input[type="checkbox"]');
    if (await boxes.count()) {
      await boxes.nth(0).check();
      await boxes.nth(1).check();
      continue;
    }
    const radios = f.locator('input[type="radio"]');
    const n = await radios.count();
    if (n === 0) continue;
    if ((await f.locator('input[type="radio"]:checked').count()) > 0) continue;
    await radios.nth(pick(n) % n).check();
  }
}

/** Collects console errors and CSP violations, which must not happen. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return problems;
}

/**
 * The fonts Chromium really drew a node's text with (DevTools' CSS.getPlatformFontsForNode). Chromium's PDFs embed
 * CFF-based CJK fonts as unnamed Type 3 fonts, so `pdffonts` cannot tell a CJK font from empty boxes; this can.
 */
export async function renderedFonts(page: Page, selector: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
    const families = new Set<string>();
    for (const nodeId of nodeIds.slice(0, 20)) {
      const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
      for (const f of fonts) families.add(f.familyName);
    }
    return [...families];
  } finally {
    await cdp.detach();
  }
}
