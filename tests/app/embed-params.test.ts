import { describe, expect, it } from 'vitest';
import { applyPrimary, checkTheme, contrastWithWhite, validLogo, validName, validPrimary } from '../../src/embed/theme.ts';
import { parseEmbedParams } from '../../src/embed/params.ts';
import { planPrefill } from '../../src/embed/prefill.ts';
import { loadKnowledgeBase } from '../../src/knowledge/node.ts';

const APP = 'https://aimm.example.cn';
const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGD4DwABBAEAwS2OUAAAAABJRU5ErkJggg==';

describe('frame URL parameters', () => {
  it('reads embedId, theme.* and prefill.*; an embedId outside [A-Za-z0-9_-]{1,64} is dropped', () => {
    const p = parseEmbedParams('?embed=1&embedId=frame_1-a&theme.primary=%23004c97&theme.name=Portal&prefill.sector=C3841&prefill.province=33&prefill.company=ACME');
    expect(p).toEqual({ embedId: 'frame_1-a', theme: { primary: '#004c97', name: 'Portal' }, prefill: { sector: 'C3841', province: '33', company: 'ACME' } });
    for (const bad of ['a b', '<x>', 'x'.repeat(65), '', 'é']) expect(parseEmbedParams(`?embedId=${encodeURIComponent(bad)}`).embedId).toBeNull();
  });
});

describe('theme values from a host', () => {
  it('a primary colour is taken only as #rrggbb with contrast ≥ 4.5:1 against white', () => {
    expect(validPrimary('#004c97')).toBe('#004c97');
    expect(validPrimary('#0B57D0')).toBe('#0b57d0');
    expect(contrastWithWhite('#767676')).toBeGreaterThanOrEqual(4.5);
    expect(validPrimary('#777777')).toBeNull(); // 4.48:1, just too light
    for (const hostile of ['#ffff00', 'red', '#004c97;background:url(x)', 'red;background:url(x)', '#004c97 !important', 'url(javascript:alert(1))', 'expression(alert(1))', '#04c', '#004c97\n', 'var(--x)', '']) {
      expect(validPrimary(hostile), hostile).toBeNull();
    }
  });

  it('a logo is a PNG/JPEG data URL or an http(s) URL on the app\'s origin or an allowed one, nothing else', () => {
    expect(validLogo(PNG, [APP])).toBe(PNG);
    expect(validLogo(`${APP}/logo.png`, [APP])).toBe(`${APP}/logo.png`);
    expect(validLogo('https://cdn.portal.gov.cn/l.png', [APP, 'https://cdn.portal.gov.cn'])).toBe('https://cdn.portal.gov.cn/l.png');
    for (const hostile of [
      'javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=', 'data:text/html;base64,PGI+', `data:image/png;base64,${'A'.repeat(10)}"><script>`,
      'https://evil.example/logo.png', `${APP}.evil.example/logo.png`, `https://user:pw@aimm.example.cn/logo.png`, 'ftp://aimm.example.cn/l.png', '/relative.png', 'x'.repeat(500_000),
    ]) {
      expect(validLogo(hostile, [APP]), hostile.slice(0, 40)).toBeNull();
    }
  });

  it('a portal name is plain text of at most 60 characters, without control or direction-override characters', () => {
    expect(validName('  浙江省中小企业服务门户 ')).toBe('浙江省中小企业服务门户');
    expect(validName('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>'); // shown as text, never parsed
    expect(validName('名'.repeat(60))).toBe('名'.repeat(60));
    for (const hostile of ['名'.repeat(61), 'x'.repeat(1000), 'a\u202eevil', 'line\nbreak', '', '   ']) expect(validName(hostile), hostile.slice(0, 20)).toBeNull();
  });

  it('checkTheme keeps what passes and names what did not', () => {
    const { theme, rejected } = checkTheme({ primary: 'red;background:url(x)', logo: 'https://evil.example/x.png', name: 'Portal' }, APP, []);
    expect(theme).toEqual({ name: 'Portal' });
    expect(rejected.sort()).toEqual(['logo', 'primary']);
  });

  it('the colour is set only as the published custom properties, through the CSSOM', () => {
    const set: Record<string, string> = {};
    const style = { setProperty: (k: string, v: string) => void (set[k] = v), removeProperty: (k: string) => { delete set[k]; return ''; } };
    applyPrimary({ style }, '#004c97');
    expect(Object.keys(set).sort()).toEqual(['--c-primary', '--c-primary-dark']);
    expect(set['--c-primary']).toBe('#004c97');
    expect(set['--c-primary-dark']).toMatch(/^#[0-9a-f]{6}$/);
    applyPrimary({ style }, undefined);
    expect(set).toEqual({});
  });
});

describe('prefill', () => {
  const kb = loadKnowledgeBase();
  const province = kb.regions.find((r) => r.parent === undefined)?.id as string;
  const city = kb.regions.find((r) => r.parent !== undefined)?.id;
  const sector = kb.sectors.find((s) => s.id.length === 5)?.id as string;

  it('sets sector, province and company where they are not answered yet', () => {
    const plan = planPrefill({ sector, province, company: 'ACME 有限公司' }, { profile: {}, company: '' }, kb);
    expect(plan.profile).toEqual({ sector, province });
    expect(plan.company).toBe('ACME 有限公司');
    expect(plan.skipped).toEqual([]);
  });

  it('never overwrites an answer the user gave', () => {
    const plan = planPrefill({ sector, province, company: 'Host Inc' }, { profile: { sector: 'C39', province: '44' }, company: 'Mine Ltd' }, kb);
    expect(plan.profile).toEqual({});
    expect(plan.company).toBeNull();
    expect(plan.skipped.map((s) => `${s.field}:${s.why}`).sort()).toEqual(['company:answered', 'province:answered', 'sector:answered']);
  });

  it('takes only codes the knowledge base has (a province, not a city), and a company name without markup tricks', () => {
    const plan = planPrefill({ sector: 'C9999', province: city ?? '99', company: 'x'.repeat(201) }, { profile: {}, company: '' }, kb);
    expect(plan.profile).toEqual({});
    expect(plan.company).toBeNull();
    expect(plan.skipped.every((s) => s.why === 'invalid')).toBe(true);
    expect(planPrefill({ sector: '<script>', province: "33' OR 1=1" }, { profile: {}, company: '' }, kb).profile).toEqual({});
  });
});
