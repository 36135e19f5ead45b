import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runInNewContext } from 'node:vm';
import { build } from 'vite';
import ts from 'typescript';

const out = mkdtempSync(join(tmpdir(), 'aimm-embed-build-'));

let previous: ts.Program | undefined;
/** Type-checks a portal developer's file against dist/embed.d.ts; returns the compiler's messages. */
function typeCheck(consumer: string): string[] {
  const file = join(out, 'portal.ts');
  writeFileSync(file, consumer);
  const program = previous = ts.createProgram([file], {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: [], skipLibCheck: false, skipDefaultLibCheck: true,
  }, undefined, previous);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('the host script build (vite.embed.config.ts)', () => {
  it('emits a small self-contained embed.js that sets the global AIMM, and its types', async () => {
    await build({ configFile: 'vite.embed.config.ts', logLevel: 'silent', build: { outDir: out } });
    const code = readFileSync(join(out, 'embed.js'), 'utf8');
    expect(gzipSync(code, { level: 9 }).length).toBeLessThan(4 * 1024);
    expect(code).not.toMatch(/\beval\(|new Function|innerHTML|insertAdjacentHTML|document\.write|setAttribute\(\s*["'`]style/);
    expect(code).not.toMatch(/\bimport\b|\brequire\(/);
    // Run it in a bare context: it defines AIMM and initialises the page's containers once the document is parsed.
    const listeners: string[] = [];
    const context: Record<string, unknown> = {
      document: { readyState: 'loading', addEventListener: (name: string) => listeners.push(name) },
    };
    runInNewContext(code, context);
    const AIMM = context['AIMM'] as { version: number; createDiagnosis: unknown; init: unknown; get: unknown };
    expect(AIMM.version).toBe(1);
    expect(typeof AIMM.createDiagnosis).toBe('function');
    expect(typeof AIMM.init).toBe('function');
    expect(listeners).toEqual(['DOMContentLoaded']);
  }, 60000);

  it('types a portal developer’s correct use and rejects a wrong one', () => {
    const ok = typeCheck(`/// <reference path="./embed.d.ts" />
      import type { AimmCompletedMessage } from './embed';
      const d = AIMM.createDiagnosis('#aimm', {
        src: 'https://aimm.example.gov.cn/index.html', lang: 'en', prefill: { sector: 'C3841' }, theme: { primary: '#004c97' },
        onProgress: (m) => console.log(m.answered / m.total),
        onCompleted: (m: AimmCompletedMessage) => console.log(m.result, m.answers),
        onError: (e) => console.log(e.code === 'timeout'),
      });
      d.setLanguage('zh-CN'); d.print(); d.restart(); d.destroy();
      const frame: HTMLIFrameElement = d.iframe;
      void frame;
      document.addEventListener('aimm:completed', (e) => console.log(e.detail.depth, e.detail.result));
      document.querySelector('div')?.addEventListener('aimm:progress', (e) => console.log(e.detail.answered));
    `);
    expect(ok).toEqual([]);
    const wrong = typeCheck(`/// <reference path="./embed.d.ts" />
      AIMM.createDiagnosis('#aimm', { lang: 'en' });
      const d = AIMM.createDiagnosis('#aimm', { src: 'x', lang: 'fr', onHeightChanged: (m) => m.width });
      d.setLanguage('de');
      document.addEventListener('aimm:resize', (e) => e.detail.answered);
    `);
    expect(wrong.join('\n')).toMatch(/'src'/);
    expect(wrong.join('\n')).toMatch(/"fr"/);
    expect(wrong.join('\n')).toMatch(/width/);
    expect(wrong.join('\n')).toMatch(/"de"/);
    expect(wrong.join('\n')).toMatch(/'answered' does not exist on type 'AimmResizeMessage'/);
  }, 60000);
});
