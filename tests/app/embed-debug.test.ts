// @vitest-environment happy-dom
/**
 * The operator's notice (?debug=1) on a page whose aimm.config.json or programme pack is broken: the problem is
 * said in the page with its JSON path, on the console too, and the app goes on with the built-in data.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { defaultConfig, resetRuntimeConfig } from '../../src/embed/config.ts';
import DebugPanel from '../../src/embed/DebugPanel.vue';
import { loadKnowledgeBase } from '../../src/knowledge/browser.ts';
import { loadKnowledgeBase as loadNodeKnowledge } from '../../src/knowledge/node.ts';
import { makeI18n } from './harness.ts';

afterEach(() => {
  resetRuntimeConfig(null);
  vi.unstubAllGlobals();
});

describe('the operator notice', () => {
  it('lists why aimm.config.json was rejected', async () => {
    resetRuntimeConfig(Promise.resolve({ status: 'invalid', config: defaultConfig(), issues: [{ path: 'embed.allowedOrigins[0]', message: { 'zh-CN': '格式不对（实际为 "*"）', en: 'has the wrong format (got "*")' } }] }));
    const w = mount(DebugPanel, { global: { plugins: [makeI18n('en')] } });
    await flushPromises();
    await vi.waitFor(() => expect(w.find('[data-test="debug-config"]').exists()).toBe(true));
    expect(w.text()).toContain('aimm.config.json has errors, so none of it is used');
    expect(w.text()).toContain('embed.allowedOrigins[0]: has the wrong format (got "*")');
    w.unmount();
  });

  it('a broken pack is rejected with its paths, and the built-in programmes stay', async () => {
    const config = defaultConfig();
    config.programmePacks = [{ src: 'packs/broken.json', mode: 'replace' }, { src: 'https://elsewhere.example/p.json', mode: 'add' }];
    resetRuntimeConfig(Promise.resolve({ status: 'loaded', config }));
    const builtIn = loadNodeKnowledge();
    const broken = { kind: 'programme-pack', id: 'x', version: '1.0.0', name: { 'zh-CN': '包', en: 'Pack' }, publisher: { 'zh-CN': '某', en: 'Someone' }, records: [{ ...builtIn.policies.find((p) => p.group === 'programme'), eligibility: { regions: ['99'] } }] };
    const fetched: string[] = [];
    vi.stubGlobal('fetch', (url: string) => {
      fetched.push(url);
      return Promise.resolve({ ok: true, status: 200, text: () => Promise.resolve(JSON.stringify(broken)) });
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const w = mount(DebugPanel, { global: { plugins: [makeI18n('en')] } });
    await vi.waitFor(() => expect(w.findAll('[data-test="debug-pack"]')).toHaveLength(2), { timeout: 10_000 });
    expect(w.text()).toContain('Programme pack packs/broken.json was not used');
    expect(w.text()).toMatch(/records\[0\]\.eligibility\.regions: .*unknown region "99"/);
    expect(w.text()).toContain('not on this site');
    // Only the same-origin pack was requested.
    expect(fetched).toHaveLength(1);
    expect(new URL(fetched[0] as string).origin).toBe(location.origin);
    expect(error.mock.calls.map((c) => String(c[0]).split('\n')[0])).toEqual([
      'Programme pack packs/broken.json was rejected; the built-in programmes are used instead:',
      'Programme pack https://elsewhere.example/p.json was rejected; the built-in programmes are used instead:',
    ]);
    error.mockClear();
    const kb = await loadKnowledgeBase();
    expect(kb.packs).toBeUndefined();
    expect(kb.policies.map((p) => p.id)).toEqual(builtIn.policies.map((p) => p.id));
    w.unmount();
  });
});
