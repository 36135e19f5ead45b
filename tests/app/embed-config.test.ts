import { describe, expect, it, vi } from 'vitest';
import { checkConfig, defaultConfig, loadConfig } from '../../src/embed/config.ts';

type FakeResponse = { ok: boolean; status: number; headers: { get: (n: string) => string | null }; text: () => Promise<string> };
const respond = (status: number, body: string, type = 'application/json'): FakeResponse => ({
  ok: status >= 200 && status < 300,
  status,
  headers: { get: (n: string) => (n.toLowerCase() === 'content-type' ? type : null) },
  text: () => Promise.resolve(body),
});
const serving = (r: FakeResponse | Error) => vi.fn((_url: string, _init?: RequestInit) => (r instanceof Error ? Promise.reject(r) : Promise.resolve(r)));

describe('runtime config aimm.config.json', () => {
  it('is fetched from the same origin, next to index.html, revalidated on every start', async () => {
    const fetchFn = serving(respond(404, ''));
    await loadConfig(fetchFn);
    expect(fetchFn).toHaveBeenCalledWith('./aimm.config.json', expect.objectContaining({ cache: 'no-cache', credentials: 'same-origin' }));
  });

  it('missing (404, a server\'s HTML fallback page, no network) gives the defaults: no origin allowed, no pack', async () => {
    for (const r of [respond(404, 'not found', 'text/plain'), respond(200, '<!doctype html><html></html>', 'text/html; charset=utf-8'), new TypeError('offline')]) {
      const state = await loadConfig(serving(r));
      expect(state.status).toBe('missing');
      expect(state.config).toEqual(defaultConfig());
      expect(state.config.embed.allowedOrigins).toEqual([]);
      expect(state.config.embed.shareResults).toBe(false);
    }
  });

  it('valid: the values given, defaults for the rest', async () => {
    const state = await loadConfig(serving(respond(200, JSON.stringify({ version: 1, embed: { allowedOrigins: ['https://portal.example.gov.cn', 'http://127.0.0.1:8081'], shareResults: true } }))));
    expect(state.status).toBe('loaded');
    expect(state.config.embed).toEqual({ allowedOrigins: ['https://portal.example.gov.cn', 'http://127.0.0.1:8081'], shareResults: true, shareAnswers: false, logoOrigins: [] });
    expect(state.config.programmePacks).toEqual([]);
  });

  it('not JSON: rejected as a whole with the parser\'s reason, defaults in force', async () => {
    const state = await loadConfig(serving(respond(200, '{ "version": 1, ')));
    expect(state.status).toBe('invalid');
    if (state.status !== 'invalid') return;
    expect(state.issues[0]?.message.en).toMatch(/^is not valid JSON/);
    expect(state.config).toEqual(defaultConfig());
  });

  it.each([
    ['a wildcard origin', { version: 1, embed: { allowedOrigins: ['*'] } }, 'embed.allowedOrigins[0]'],
    ['a pattern origin', { version: 1, embed: { allowedOrigins: ['https://*.gov.cn'] } }, 'embed.allowedOrigins[0]'],
    ['an origin with a path', { version: 1, embed: { allowedOrigins: ['https://portal.example.gov.cn/'] } }, 'embed.allowedOrigins[0]'],
    ['an upper-case origin (browsers report lower case)', { version: 1, embed: { allowedOrigins: ['https://Portal.example.gov.cn'] } }, 'embed.allowedOrigins[0]'],
    ['a default port', { version: 1, embed: { allowedOrigins: ['https://portal.example.gov.cn:443'] } }, 'embed.allowedOrigins[0]'],
    ['a javascript: origin', { version: 1, embed: { logoOrigins: ['javascript:alert(1)'] } }, 'embed.logoOrigins[0]'],
    ['a misspelt field', { version: 1, embed: { allowedOrigin: ['https://a.cn'] } }, 'embed.allowedOrigin'],
    ['a wrong version', { version: 2 }, 'version'],
    ['no version', { embed: {} }, 'version'],
    ['a pack on another site', { version: 1, programmePacks: [{ src: 'https://evil.example/pack.json', mode: 'add' }] }, 'programmePacks[0].src'],
    ['a protocol-relative pack', { version: 1, programmePacks: [{ src: '//evil.example/pack.json', mode: 'add' }] }, 'programmePacks[0].src'],
    ['a pack without mode', { version: 1, programmePacks: [{ src: 'packs/a.json' }] }, 'programmePacks[0].mode'],
    ['a string for a boolean', { version: 1, embed: { shareResults: 'yes' } }, 'embed.shareResults'],
  ])('invalid (%s): rejected with the JSON path of the problem', async (_what, data, path) => {
    const checked = await checkConfig(data);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.issues.map((i) => i.path)).toContain(path);
    for (const issue of checked.issues) expect(issue.message['zh-CN'].length).toBeGreaterThan(0);
  });

  it('an invalid file never half-applies: a good origin next to a bad one is not allowed either', async () => {
    const state = await loadConfig(serving(respond(200, JSON.stringify({ version: 1, embed: { allowedOrigins: ['https://portal.example.gov.cn', '*'] } }))));
    expect(state.status).toBe('invalid');
    expect(state.config.embed.allowedOrigins).toEqual([]);
  });

  it('the published example file is valid', async () => {
    const { readFileSync } = await import('node:fs');
    const example = JSON.parse(readFileSync(new URL('../../docs/examples/aimm.config.json', import.meta.url), 'utf8')) as unknown;
    expect((await checkConfig(example)).ok).toBe(true);
  });
});

describe('the config the build ships', () => {
  it('allows no origin and loads no pack (a deployment replaces it)', async () => {
    const { readFileSync } = await import('node:fs');
    const shipped = JSON.parse(readFileSync(new URL('../../public/aimm.config.json', import.meta.url), 'utf8')) as unknown;
    const checked = await checkConfig(shipped);
    expect(checked.ok && checked.config).toEqual(defaultConfig());
  });
});
