// @vitest-environment happy-dom
/**
 * The report screen on a real store: the real knowledge base, the full questionnaire and the example answers
 * in docs/examples, rendered in both languages. Expected numbers come from the engine itself, never written here.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import {
  diagnose, indexQuestionnaire, sameCell, STAGES,
  type AnswerMap, type AnswersFile, type KnowledgeBase, type Locale, type Questionnaire,
} from '../../src/engine/index.ts';
// The browser loaders: under happy-dom, URL is the DOM's, which node.ts's file paths do not accept.
import { loadKnowledgeBase, loadQuestionnaire } from '../../src/knowledge/browser.ts';
import exampleJson from '../../docs/examples/electronics-assembler.json';
import { useAssessmentStore } from '../../src/stores/assessment.ts';
import { BRANDING_KEY, MAX_LOGO_BYTES, decodeLogo, useBrandingStore } from '../../src/stores/branding.ts';
import { exchangeFileName } from '../../src/persistence/exchange.ts';
import { reportFileName } from '../../src/export/docx.ts';
import { unzip, wordText } from '../export/ooxml.ts';
import { isEmbedded } from '../../src/components/report/embedded.ts';
import { useReportText } from '../../src/composables/useReportText.ts';
import { defineComponent } from 'vue';
import { useView } from '../../src/composables/useView.ts';
import ReportView from '../../src/views/ReportView.vue';
import { fixToday, freshPinia, makeI18n, REPORT_DATE } from './harness.ts';

let kb: KnowledgeBase;
let questionnaire: Questionnaire;
const example = exampleJson as unknown as AnswersFile;
/** The report date decides which programmes are open: the screen dates its report today, so "today" is fixed. */
const DATE = REPORT_DATE;
beforeAll(async () => {
  [kb, questionnaire] = await Promise.all([loadKnowledgeBase(), loadQuestionnaire('full')]);
});
beforeEach(() => fixToday());

interface Setup {
  depth?: 'quick' | 'full';
  locale?: Locale;
  profile?: AnswerMap;
  answers?: AnswerMap;
  company?: string;
}

let wrapper: VueWrapper | null = null;
let opened: ReturnType<typeof useAssessmentStore> | null = null;
afterEach(async () => {
  // A save still waiting for its debounce would run in the next test: write it now.
  await opened?.flush();
  opened = null;
  wrapper?.unmount();
  wrapper = null;
  localStorage.clear();
  vi.useRealTimers();
});

async function mountReport(setup: Setup = {}) {
  const pinia = freshPinia();
  const store = useAssessmentStore();
  opened = store;
  // Opened as a user opens it: this loads the engine, the questionnaire and the knowledge base.
  expect(await store.start(setup.depth ?? 'full')).toBe(true);
  store.profile = { ...(setup.profile ?? example.profile) };
  store.answers = { ...(setup.answers ?? example.answers) };
  store.setMeta({ company: setup.company ?? example.meta?.company ?? '' });
  const i18n = makeI18n(setup.locale ?? 'zh-CN');
  const mounted = mount(ReportView, { global: { plugins: [pinia, i18n] }, attachTo: document.body });
  wrapper = mounted;
  // The report's messages load on mount (a dynamic import the first time).
  // The report draws in steps (summary first): aria-busy goes false once every section is there.
  await vi.waitFor(() => expect(mounted.find('article.report[aria-busy="false"]').exists()).toBe(true), { timeout: 10_000 });
  await flushPromises();
  return { wrapper: mounted, store };
}

/** A report message as the given language says it (the JSON files are compiled, so ask vue-i18n). */
type Translate = { t(key: string): string };
const messages = { 'zh-CN': makeI18n('zh-CN').global as unknown as Translate, en: makeI18n('en').global as unknown as Translate };
const msg = (key: string, locale: Locale = 'zh-CN') => messages[locale].t(key);

const baseline = () => diagnose({ questionnaire, knowledgeBase: kb, answers: { profile: example.profile, answers: example.answers } }, { date: DATE });
const num = (n: number | null, locale: Locale = 'zh-CN') =>
  n === null ? '—' : new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
const optionText = (questionId: string, optionId: string, locale: Locale) =>
  indexQuestionnaire(questionnaire).byId.get(questionId)?.options.get(optionId)?.text[locale] ?? '';
const stageText = (id: string, locale: Locale) => kb.cube.stages.find((s) => s.id === id)?.name[locale] ?? '';

describe('report: cover and cube', () => {
  it('shows the company, the overall score and stage, and the facts on the cover', async () => {
    const { wrapper } = await mountReport();
    const d = baseline();
    const cover = wrapper.find('.report-cover');
    expect(wrapper.find('h1').text()).toBe(msg('report.title'));
    expect(cover.find('[data-test="company"]').text()).toBe(example.meta?.company);
    expect(cover.find('[data-test="overall"]').text()).toContain(num(d.overall.score));
    expect(cover.find('[data-test="overall"]').text()).toContain(stageText(d.overall.stage ?? 'none', 'zh-CN'));
    expect(cover.text()).toContain(questionnaire.title['zh-CN']);
    expect(cover.text()).toContain(`${d.questionnaire.id} ${d.questionnaire.version}`);
    expect(cover.text()).toContain(num(d.overall.weightedScore));
    expect(cover.text()).toContain(`${Math.round(d.coverage.ratio * 100)}%`);
    expect(cover.text()).toContain(`${Math.round(d.confidence * 100)}%`);
    expect(wrapper.findAll('h1')).toHaveLength(1);
  });

  it('edits the company name through the store', async () => {
    const { wrapper, store } = await mountReport();
    await wrapper.find('.cover-form input[type="text"]').setValue('新名称有限公司');
    expect(store.meta.company).toBe('新名称有限公司');
    expect(wrapper.find('[data-test="company"]').text()).toBe('新名称有限公司');
  });

  it('renders all nine cells with their stage, score and target, filled up to the stage reached', async () => {
    const { wrapper } = await mountReport();
    const d = baseline();
    const cells = wrapper.findAll('[data-cell]');
    expect(cells).toHaveLength(9);
    for (const c of d.cells) {
      const el = wrapper.find(`[data-cell="${c.organization}-${c.value}"]`);
      expect(el.find('.cell-stage').text()).toBe(stageText(c.stage ?? 'none', 'zh-CN'));
      expect(el.find('.score-btn').text()).toBe(num(c.score));
      expect(el.find('.cell-target').text()).toContain(stageText(c.target, 'zh-CN'));
      const level = ['none', 'digital', 'networked', 'intelligent'].indexOf(c.stage ?? 'none');
      expect(el.findAll('.block.filled')).toHaveLength(level);
      expect(el.findAll('.block')).toHaveLength(3);
      expect(el.find(`.block-${c.target}.target`).exists()).toBe(true);
    }
    // A table alternative for screen readers, with a row per cell.
    expect(wrapper.findAll('.cube-table tbody tr')).toHaveLength(9);
  });

  it('opens a cell score to show its reason and the answers behind it', async () => {
    const { wrapper } = await mountReport();
    const d = baseline();
    const cell = d.cells.find((c) => c.organization === 'factory' && c.value === 'product');
    const button = wrapper.find('[data-cell="factory-product"] .score-btn');
    expect(button.attributes('aria-expanded')).toBe('false');
    await button.trigger('click');
    expect(button.attributes('aria-expanded')).toBe('true');
    const detail = wrapper.find(`#${button.attributes('aria-controls')}`);
    expect(detail.text()).toContain(cell?.reason.text['zh-CN']);
    for (const b of cell?.basis ?? []) {
      expect(detail.text()).toContain(optionText(b.questionId, b.optionId, 'zh-CN'));
      expect(detail.text()).toContain(indexQuestionnaire(questionnaire).byId.get(b.questionId)?.question.text['zh-CN']);
    }
    await button.trigger('click');
    expect(button.attributes('aria-expanded')).toBe('false');
  });

  it('lets the overall score, the axis scores and every priority score be opened', async () => {
    const { wrapper } = await mountReport();
    const d = baseline();
    const overall = wrapper.find('[data-test="overall"] details');
    expect(overall.find('summary').text()).toContain(num(d.overall.score));
    expect(overall.text()).toContain(d.overall.reason.text['zh-CN']);
    expect(overall.text()).toContain(optionText('fm-programs', example.answers['fm-programs'] as string, 'zh-CN'));
    expect(wrapper.findAll('[data-axis] details')).toHaveLength(6);
    const priorities = wrapper.findAll('[data-priority]');
    expect(priorities).toHaveLength(d.priorities.length);
    d.priorities.forEach((p, i) => {
      const details = priorities[i]?.find('details');
      expect(details?.find('summary').text()).toContain(num(p.priorityScore));
      // The reasons are on the card; opened, the score shows the answers behind them.
      for (const r of p.reasons) expect(priorities[i]?.text()).toContain(r.text['zh-CN']);
      const answers = [...new Set(p.reasons.flatMap((r) => r.answers))];
      expect(details?.findAll('.answer-list li')).toHaveLength(answers.length);
    });
  });
});

describe('report: what-if', () => {
  it('recomputes the overall score and marks the cell when a roadmap step is planned', async () => {
    const { wrapper } = await mountReport();
    const before = baseline();
    // A step on a cell (enabler steps are not planned in the what-if).
    const step = before.roadmap.find((s) => s.cell !== null);
    if (!step?.cell) throw new Error('the example should have a roadmap step on a cell');
    const stepCell = step.cell;
    const after = diagnose(
      { questionnaire, knowledgeBase: kb, answers: { profile: example.profile, answers: example.answers } },
      { plannedSteps: [step.id], date: DATE },
    );
    expect(after.overall.score).not.toBe(before.overall.score);
    expect(wrapper.find('[data-test="whatif"]').exists()).toBe(false);
    const cell = wrapper.find(`[data-cell="${stepCell.organization}-${stepCell.value}"]`);
    expect(cell.classes()).not.toContain('is-projected');

    // Beside the steps, a summary that speaks (politely) as soon as a step is ticked.
    const bar = wrapper.find('[data-test="whatif-bar"]');
    expect(bar.attributes('aria-live')).toBe('polite');
    expect(bar.text()).toBe(msg('report.priorities.whatIfHint'));
    expect(bar.element.closest('[data-test="priorities"]')).not.toBeNull();

    await wrapper.find(`input[data-step="${step.id}"]`).setValue(true);

    expect(bar.find('[data-test="whatif-bar-overall"]').text()).toContain(`${num(before.overall.score)} → ${num(after.overall.score)}`);
    expect(bar.text()).toContain(`${stageText(before.overall.stage ?? 'none', 'zh-CN')} → ${stageText(after.overall.stage ?? 'none', 'zh-CN')}`);
    const ids = (d: typeof before) => new Set(d.policies.map((p) => p.id));
    const changed = [...ids(after)].filter((p) => !ids(before).has(p)).length + [...ids(before)].filter((p) => !ids(after).has(p)).length;
    expect(bar.find('[data-test="whatif-bar-policies"]').text()).toContain(changed === 0 ? '没有变化' : String(changed));

    const panel = wrapper.find('[data-test="whatif"]');
    expect(panel.exists()).toBe(true);
    expect(panel.find('[data-test="whatif-overall"] .before').text()).toBe(num(before.overall.score));
    expect(panel.find('[data-test="whatif-overall"] .after').text()).toBe(num(after.overall.score));
    const projectedCell = after.cells.find((c) => sameCell(c, stepCell));
    expect(cell.classes()).toContain('is-projected');
    expect(cell.find('.cell-stage').text()).toBe(stageText(projectedCell?.stage ?? 'none', 'zh-CN'));
    expect(cell.find('.badge').exists()).toBe(true);
    // A step lifts one practice: the cell gains a block only when that takes it to a higher stage.
    const rose = STAGES.indexOf(projectedCell?.stage ?? 'none') > STAGES.indexOf(before.cells.find((c) => sameCell(c, stepCell))?.stage ?? 'none');
    expect(cell.find('.block.planned').exists()).toBe(rose);
    // The score button's name holds its visible text, "before → after" (axe: label-content-name-mismatch).
    const scoreButton = cell.find('.score-btn');
    expect(scoreButton.text()).toBe(`${num(before.cells.find((c) => sameCell(c, stepCell))?.score ?? null)} → ${num(projectedCell?.score ?? null)}`);
    expect(scoreButton.attributes('aria-label')).toContain(scoreButton.text());
    expect(wrapper.find('[data-test="planned-result"]').text()).toContain(num(projectedCell?.score ?? null));
    // The policies are those of the projected diagnosis.
    const titles = wrapper.findAll('[data-test="policies"] .policy h4').map((h) => h.text());
    after.policies.forEach((p, i) => expect(titles[i]).toContain(kb.policies.find((x) => x.id === p.id)?.title['zh-CN']));

    // Unticking (or clearing the plan) goes back to the measured report.
    await wrapper.find('[data-test="whatif"] button').trigger('click');
    expect(wrapper.find('[data-test="whatif"]').exists()).toBe(false);
    expect(cell.classes()).not.toContain('is-projected');
    expect((wrapper.find(`input[data-step="${step.id}"]`).element as HTMLInputElement).checked).toBe(false);
  });
});

describe('report: what-if summary in English', () => {
  it('counts the planned steps and the policies that change', async () => {
    const { wrapper } = await mountReport({ locale: 'en' });
    const before = baseline();
    const steps = before.roadmap.filter((s) => s.cell !== null).slice(0, 2);
    expect(steps).toHaveLength(2);
    const bar = wrapper.find('[data-test="whatif-bar"]');
    await wrapper.find(`input[data-step="${steps[0]?.id}"]`).setValue(true);
    expect(bar.text()).toContain('With your plan (1 step):');
    await wrapper.find(`input[data-step="${steps[1]?.id}"]`).setValue(true);
    expect(bar.text()).toContain('With your plan (2 steps):');
    expect(bar.find('[data-test="whatif-bar-policies"]').text()).toMatch(/^(no policy pointer changes|1 policy pointer changes|\d+ policy pointers change)\.$/);
    // "See all changes" takes focus to the full comparison.
    await bar.find('button').trigger('click');
    expect(document.activeElement).toBe(wrapper.find('[data-test="whatif"] h2').element);
    await wrapper.find('[data-test="whatif"] button').trigger('click');
    expect(bar.text()).toBe(msg('report.priorities.whatIfHint', 'en'));
  });
});

describe('report: states and safety', () => {
  it('shows the "not enough answers" panel, still shows what is known, and goes back to the review', async () => {
    const answers: AnswerMap = { 'fp-batch-record': 'l1', 'fm-programs': 'l2' };
    const { wrapper } = await mountReport({ answers });
    const d = diagnose({ questionnaire, knowledgeBase: kb, answers: { profile: example.profile, answers } }, { date: DATE });
    expect(d.status).toBe('insufficient');
    const panel = wrapper.find('[data-test="insufficient"]');
    expect(panel.exists()).toBe(true);
    expect(panel.text()).toContain(d.overall.reason.text['zh-CN']);
    expect(wrapper.findAll('[data-cell]')).toHaveLength(9);
    expect(wrapper.find('[data-cell="factory-manufacturing"] .score-btn').text()).toBe(num(d.cells[1]?.score ?? null));
    expect(d.cells[1]).toMatchObject({ organization: 'factory', value: 'manufacturing' });
    expect(wrapper.find('[data-test="answers"]').text()).toContain(optionText('fm-programs', 'l2', 'zh-CN'));
    await panel.find('button').trigger('click');
    expect(useView().view.value).toBe('review');
  });

  it('renders HTML in the company name as text', async () => {
    const evil = '<img src=x onerror="alert(1)"><b id="evil">Evil</b>';
    const { wrapper } = await mountReport({ company: evil });
    expect(wrapper.find('[data-test="company"]').text()).toBe(evil);
    expect(wrapper.find('#evil').exists()).toBe(false);
    expect(wrapper.find('img[src="x"]').exists()).toBe(false);
    expect(document.querySelector('#evil')).toBeNull();
  });

  it('prints with the browser print dialog', async () => {
    const print = vi.fn();
    vi.stubGlobal('print', print);
    const { wrapper } = await mountReport();
    await wrapper.find('[data-test="print"]').trigger('click');
    expect(print).toHaveBeenCalledTimes(1);
    vi.unstubAllGlobals();
  });

  it('keeps print in view and the other actions behind a "more actions" disclosure that Escape closes', async () => {
    const { wrapper } = await mountReport();
    const toolbar = wrapper.find('[data-test="report-toolbar"]');
    const toggle = toolbar.find('[data-test="more-actions"]');
    expect(toggle.element.tagName).toBe('BUTTON');
    expect(toggle.text()).toContain(msg('report.toolbar.more'));
    expect(toggle.attributes('aria-expanded')).toBe('false');
    // The toggle names the panel it opens, and the panel holds every action but print.
    const panel = toolbar.find(`#${toggle.attributes('aria-controls') ?? 'none'}`);
    expect(panel.exists()).toBe(true);
    for (const test of ['download', 'download-docx', 'reassess']) expect(panel.find(`[data-test="${test}"]`).exists(), test).toBe(true);
    expect(panel.text()).toContain(msg('report.toolbar.edit'));
    expect(panel.text()).toContain(msg('report.toolbar.workspace'));
    expect(panel.find('[data-test="print"]').exists()).toBe(false);
    expect(panel.classes()).not.toContain('open');
    await toggle.trigger('click');
    expect(toggle.attributes('aria-expanded')).toBe('true');
    expect(panel.classes()).toContain('open');
    (panel.find('[data-test="reassess"]').element as HTMLElement).focus();
    await panel.find('[data-test="reassess"]').trigger('keydown', { key: 'Escape' });
    expect(toggle.attributes('aria-expanded')).toBe('false');
    expect(panel.classes()).not.toContain('open');
    expect(document.activeElement).toBe(toggle.element);
  });

  it('downloads the answers as a JSON file beside the print button', async () => {
    let blob: Blob | null = null;
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((b: Blob | MediaSource) => {
      blob = b as Blob;
      return 'blob:aimm-test';
    });
    const revokeObjectURL = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    // A real click would have happy-dom navigate the test window to the blob URL.
    const clicked: { href: string; download: string }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download });
    });
    const { wrapper, store } = await mountReport({ company: '深圳示例电子有限公司' });
    const button = wrapper.find('[data-test="download"]');
    expect(button.text()).toBe(msg('report.toolbar.download'));
    // Beside the print button, in the same toolbar.
    expect(button.element.closest('[data-test="report-toolbar"]')?.querySelector('[data-test="print"]')).not.toBeNull();
    await button.trigger('click');
    await vi.waitFor(() => expect(createObjectURL).toHaveBeenCalledTimes(1));
    expect(blob).not.toBeNull();
    const saved = blob as unknown as Blob;
    expect(saved.type).toBe('application/json');
    // A .aimm.json file of this one diagnosis: its answers exactly as on screen.
    const exported = JSON.parse(await saved.text()) as { kind: string; formatVersion: number; diagnoses: { id: string; answers: AnswersFile }[] };
    expect(exported.kind).toBe('aimm-diagnosis');
    expect(exported.formatVersion).toBe(1);
    expect(exported.diagnoses).toHaveLength(1);
    const data = exported.diagnoses[0]?.answers;
    expect(exported.diagnoses[0]?.id).toBe(store.id);
    expect(data).toEqual(JSON.parse(JSON.stringify(store.file)));
    expect(data?.answers).toEqual(example.answers);
    expect(data?.profile).toEqual(example.profile);
    expect(data?.meta?.company).toBe('深圳示例电子有限公司');
    expect(clicked).toEqual([{ href: 'blob:aimm-test', download: exchangeFileName('深圳示例电子有限公司') }]);
    await vi.waitFor(() => expect(revokeObjectURL).toHaveBeenCalledWith('blob:aimm-test'));
    click.mockRestore();
    createObjectURL.mockRestore();
    revokeObjectURL.mockRestore();
  });

  it('downloads the report as a Word file in the screen\'s language, even where no chart can be drawn', async () => {
    let blob: Blob | null = null;
    const createObjectURL = vi.spyOn(URL, 'createObjectURL').mockImplementation((b: Blob | MediaSource) => {
      blob = b as Blob;
      return 'blob:aimm-docx';
    });
    const revokeObjectURL = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    const { wrapper } = await mountReport({ locale: 'en', company: 'Shenzhen Example Electronics' });
    const button = wrapper.find('[data-test="download-docx"]');
    expect(button.text()).toBe(msg('report.toolbar.docx', 'en'));
    expect(button.element.closest('[data-test="report-toolbar"]')?.querySelector('[data-test="print"]')).not.toBeNull();
    await button.trigger('click');
    await vi.waitFor(() => expect(createObjectURL).toHaveBeenCalledTimes(1), { timeout: 15000 });
    const saved = blob as unknown as Blob;
    expect(saved.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(clicked).toEqual([reportFileName('Shenzhen Example Electronics', new Date(`${DATE}T12:00:00`))]);
    const text = wordText(unzip(new Uint8Array(await saved.arrayBuffer())).get('word/document.xml')?.toString('utf8') ?? '');
    for (const key of ['report.summary.title', 'report.radar.title', 'report.priorities.title', 'report.answersAppendix.title']) {
      expect(text.split('\n')).toContain(msg(key, 'en'));
    }
    // No canvas here: the radar is described in words.
    expect(text).toContain(msg('report.radar.caption', 'en'));
    expect(wrapper.find('[role="alert"]').exists()).toBe(false);
    click.mockRestore();
    createObjectURL.mockRestore();
    revokeObjectURL.mockRestore();
  });

  it('inside a frame, offers to open the report in a window of its own, keeping the print button', async () => {
    expect(isEmbedded({ self: window, top: window } as unknown as Window)).toBe(false);
    expect(isEmbedded({ self: window, top: {} } as unknown as Window)).toBe(true);
    const throwing = { self: window, get top(): Window { throw new DOMException('Blocked', 'SecurityError'); } };
    expect(isEmbedded(throwing as unknown as Window)).toBe(true);

    // At the top: no note.
    const top = await mountReport({ locale: 'en' });
    expect(top.wrapper.find('[data-test="embed-note"]').exists()).toBe(false);
    top.wrapper.unmount();
    wrapper = null;

    const own = Object.getOwnPropertyDescriptor(window, 'top');
    Object.defineProperty(window, 'top', { value: {}, configurable: true, writable: true });
    try {
      const { wrapper } = await mountReport({ locale: 'en' });
      const note = wrapper.find('[data-test="embed-note"]');
      expect(note.exists()).toBe(true);
      expect(note.text()).toContain(msg('report.toolbar.embedded', 'en'));
      const link = note.find('a');
      expect(link.text()).toBe(msg('report.toolbar.openWindow', 'en'));
      expect(link.attributes('href')).toBe(window.location.href);
      expect(link.attributes('target')).toBe('_blank');
      expect(link.attributes('rel')).toBe('noopener');
      expect(wrapper.find('[data-test="print"]').exists()).toBe(true);
      expect(note.element.closest('.no-print')).not.toBeNull();
    } finally {
      if (own) Object.defineProperty(window, 'top', own);
    }
  });

  it('shows a radar canvas with a text alternative, and a data table, without a 2D context', async () => {
    const { wrapper } = await mountReport();
    const canvas = wrapper.find('[data-test="radar"] canvas');
    expect(canvas.attributes('role')).toBe('img');
    expect(canvas.attributes('aria-label')).toContain(kb.cube.cells[0]?.name['zh-CN']);
    expect(wrapper.findAll('[data-test="radar"] tbody tr')).toHaveLength(9);
  });
});

describe('report: content', () => {
  it('shows the industry type card, cases, policies, challenges, needs and the appendices', async () => {
    const { wrapper } = await mountReport();
    const d = baseline();
    const type = kb.industryTypes.find((x) => x.id === d.industryType.id);
    const card = wrapper.find('[data-test="industry"]');
    for (const field of ['name', 'traits', 'typicalIndustries', 'bottleneck', 'aiRole', 'weightRationale'] as const) {
      expect(card.text()).toContain(type?.[field]['zh-CN']);
    }
    expect(card.text()).toContain(kb.sectors.find((s) => s.id === d.industryType.sector)?.name['zh-CN']);
    expect(card.findAll('tbody td')).toHaveLength(9);
    const cases = wrapper.find('[data-test="cases"]');
    for (const m of d.cases) {
      expect(cases.text()).toContain(kb.cases.find((c) => c.id === m.id)?.title['zh-CN']);
      expect(cases.text()).toContain(m.reason.text['zh-CN']);
    }
    const policies = wrapper.find('[data-test="policies"]');
    for (const m of d.policies) expect(policies.text()).toContain(m.reason.text['zh-CN']);
    const challenges = wrapper.find('[data-test="challenges"]');
    for (const c of d.challenges) expect(challenges.text()).toContain(kb.challenges.find((x) => x.id === c.id)?.name['zh-CN']);
    // Each challenge starts from the company's own answer, before the report's general account of it.
    expect(d.challenges.length).toBeGreaterThan(0);
    expect(challenges.findAll('[data-test="own-answer"]').length).toBeGreaterThanOrEqual(d.challenges.length);
    // Needs are listed only where the answers revealed them; needs the roadmap alone implies are not repeated.
    const told = d.needs.filter((n) => n.answers.length > 0);
    expect(challenges.findAll('.need-list > li')).toHaveLength(told.length);
    expect(wrapper.find('[data-test="method"]').text()).toContain(String(kb.rules.stageThresholds.networked));
    const answered = Object.keys(example.answers).length + Object.keys(example.profile).length;
    expect(wrapper.findAll('[data-test="answers"] li')).toHaveLength(answered);
    // One h1, then h2 per section.
    expect(wrapper.findAll('h2').length).toBeGreaterThanOrEqual(10);
  });

  it('names sources by title, never by seed file name', async () => {
    const { wrapper } = await mountReport();
    const d = baseline();
    expect(d.cases.length + d.policies.length).toBeGreaterThan(0);
    const text = `${wrapper.find('[data-test="cases"]').text()}\n${wrapper.find('[data-test="policies"]').text()}`;
    expect(text).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
    expect(text).toContain(msg('report.sources.industryReport'));

    // Every part of a joined source is named; standards and unknown parts stay as they are.
    const Probe = defineComponent({ setup: () => useReportText(), template: '<i></i>' });
    for (const locale of ['zh-CN', 'en'] as const) {
      const probe = mount(Probe, { global: { plugins: [freshPinia(), makeI18n(locale)] } });
      const { sourceName } = probe.vm as unknown as ReturnType<typeof useReportText>;
      const sep = locale === 'zh-CN' ? '；' : '; ';
      expect(sourceName('GB/T 4754-2017; 004_85ea87f431955e4c.txt')).toBe(`GB/T 4754-2017${sep}${msg('report.sources.industryReport', locale)}`);
      expect(sourceName('000_bba4e700382e2aaf.txt; 001_dacda4f28be941e5.txt; 002_40f1ea8328bf6964.txt; 003_553a682e3607349e.txt; model.md')).toBe(
        [
          msg('report.sources.lenovoSensetime', locale), msg('report.sources.chinaUnicom', locale),
          msg('report.sources.chongqingBaidu', locale), msg('report.sources.lectures', locale), 'model.md',
        ].join(sep),
      );
      expect(sourceName('GB/T 2260')).toBe('GB/T 2260');
      probe.unmount();
    }
  });

  it('says each priority once: the engine reasons, with a scale for the priority score', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const { wrapper } = await mountReport({ locale });
      const d = baseline();
      const cards = wrapper.findAll('[data-priority]');
      d.priorities.forEach((p, i) => {
        const card = cards[i];
        if (!card) throw new Error('missing card');
        // The reasons state the numbers, once: no summary line before them, no repeat in the explanation.
        const all = card.text();
        for (const r of p.reasons) expect(all.split(r.text[locale]).length - 1).toBe(1);
        // No summary line of its own repeating them (the cards hold a heading, the reasons, the score and the step).
        expect([...card.element.children].filter((e) => e.tagName === 'P')).toEqual([]);
        expect(card.find('details summary').text()).toContain(msg('report.priorities.scoreHint', locale));
      });
      wrapper.unmount();
    }
    wrapper = null;
  });

  it('calls the quick questionnaire a quick scan, as the start page does', async () => {
    const { wrapper } = await mountReport({ depth: 'quick' });
    const cover = wrapper.find('.report-cover');
    expect(cover.text()).toContain('快速扫描');
    expect(wrapper.text()).not.toContain('快速自测');
  });

  it('offers the full diagnosis after a quick scan, carrying the answers over', async () => {
    const { wrapper, store } = await mountReport({ depth: 'quick' });
    const answered = { ...store.answers };
    expect(Object.keys(answered).length).toBeGreaterThan(0);
    await wrapper.find('[data-test="deepen"] button').trigger('click');
    await vi.waitFor(() => expect(store.questionnaire?.id).toBe('aimm-full'));
    expect(store.answers).toMatchObject(answered);
    expect(useView().view.value).toBe('questions');
  });

  it('marks what paper leaves out or prints open', async () => {
    const { wrapper } = await mountReport({ company: '' });
    // No company: the placeholder is for the screen only.
    expect(wrapper.find('[data-test="company"]').classes()).toContain('no-print');
    // The empty cell detail is not printed; an open one is.
    const detail = wrapper.find('.cell-detail');
    expect(detail.classes()).toContain('is-empty');
    await wrapper.find('[data-cell="factory-product"] .score-btn').trigger('click');
    expect(detail.classes()).not.toContain('is-empty');
    // Cases print their story open; lists of answers left closed are not printed.
    const cases = wrapper.findAll('[data-test="cases"] .case');
    for (const c of cases) {
      expect(c.find('details.story').classes()).toContain('no-print');
      expect(c.find('.story-print').text()).toContain(msg('report.cases.problem'));
    }
    for (const d of wrapper.findAll('[data-test="challenges"] .challenge-list details')) expect(d.classes()).toContain('print-if-open');
  });

  it('shows contradictions prominently as "to check"', async () => {
    // Top rung on quality checks while the batch record (the cell's foundation) is at the lowest.
    const answers = { ...example.answers, 'fp-batch-record': 'l0', 'fp-quality-checks': 'l3' };
    const { wrapper } = await mountReport({ answers });
    const d = diagnose({ questionnaire, knowledgeBase: kb, answers: { profile: example.profile, answers } }, { date: DATE });
    expect(d.flags.length).toBeGreaterThan(0);
    const flags = wrapper.find('[data-test="flags"]');
    expect(flags.find('h2').text()).toContain(msg('report.flags.title'));
    for (const f of d.flags) expect(flags.text()).toContain(f.reason.text['zh-CN']);
    for (const details of flags.findAll('details')) expect(details.classes()).toContain('print-if-open');
  });

  it('speaks English with no Chinese from the report messages', async () => {
    const { wrapper } = await mountReport({ locale: 'en' });
    const d = baseline();
    const text = wrapper.text();
    expect(wrapper.find('h1').text()).toBe(msg('report.title', 'en'));
    expect(text).toContain(msg('report.cover.overall', 'en'));
    expect(text).toContain(msg('report.cube.title', 'en'));
    expect(text).toContain(d.overall.reason.text.en);
    expect(text).toContain(stageText(d.overall.stage ?? 'none', 'en'));
    for (const zh of [
      'report.title', 'report.cover.overall', 'report.cube.title', 'report.priorities.title',
      'report.method.title', 'report.toolbar.print', 'report.cube.legend', 'report.summary.title', 'report.flags.title',
    ].map((k) => msg(k))) {
      expect(text).not.toContain(zh);
    }
    // Labels of the UI itself carry no Chinese (data such as a Chinese company name may).
    const ui = wrapper.findAll('h2, label, button, th[scope="col"], summary, .legend, dt').map((e) => e.text()).join('\n');
    expect(ui.split('\n').filter((l) => /[\u4e00-\u9fff]/.test(l))).toEqual([]);
  });
});

describe('branding', () => {
  it('keeps the consultant name, organisation and logo locally and shows them on the cover', async () => {
    const { wrapper } = await mountReport();
    const branding = useBrandingStore();
    branding.set({ name: '王顾问', organization: '某咨询公司' });
    const png = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])], 'logo.png', { type: 'image/png' });
    // happy-dom does not decode images: a decoder that accepts stands in for the browser's.
    expect(await branding.setLogo(png, async () => true)).toBe('ok');
    await flushPromises();
    const cover = wrapper.find('.report-cover');
    expect(cover.text()).toContain('王顾问');
    expect(cover.text()).toContain('某咨询公司');
    expect(cover.find('img.logo').attributes('src')).toMatch(/^data:image\/png;base64,/);
    const stored = JSON.parse(localStorage.getItem(BRANDING_KEY) ?? '{}') as Record<string, string>;
    expect(stored['name']).toBe('王顾问');
    expect(stored['logoDataUrl']).toMatch(/^data:image\/png;base64,/);
  });

  it('refuses other file types and files over the size limit', async () => {
    await mountReport();
    const branding = useBrandingStore();
    expect(await branding.setLogo(new File(['GIF89a'], 'a.gif', { type: 'image/gif' }))).toBe('type');
    expect(await branding.setLogo(new File(['<svg/>'], 'a.svg', { type: 'image/svg+xml' }))).toBe('type');
    expect(await branding.setLogo(new File([new Uint8Array(MAX_LOGO_BYTES + 1)], 'big.png', { type: 'image/png' }))).toBe('size');
    expect(branding.logoDataUrl).toBe('');
  });

  it('refuses a file that only claims to be an image: wrong first bytes, or bytes that do not decode', async () => {
    await mountReport();
    const branding = useBrandingStore();
    const accept = vi.fn(async () => true);
    // A text file renamed .png: the browser gives it the type image/png from its name.
    expect(await branding.setLogo(new File(['just some notes, not a picture'], 'notes.png', { type: 'image/png' }), accept)).toBe('type');
    expect(await branding.setLogo(new File(['hello'], 'photo.jpg', { type: 'image/jpeg' }), accept)).toBe('type');
    expect(accept).not.toHaveBeenCalled();
    // The right first bytes, but the rest is no image: the decoder says so.
    const fake = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], 'fake.png', { type: 'image/png' });
    const reject = vi.fn(async () => false);
    expect(await branding.setLogo(fake, reject)).toBe('type');
    expect(reject).toHaveBeenCalledWith(fake, expect.stringMatching(/^data:image\/png;base64,/));
    expect(branding.logoDataUrl).toBe('');
    expect(localStorage.getItem(BRANDING_KEY)).toBeNull();
  });

  it('decodes with createImageBitmap where there is one, else with an <img>', async () => {
    const file = new Blob(['x'], { type: 'image/png' });
    const url = 'data:image/png;base64,eA==';
    const close = vi.fn();
    vi.stubGlobal('createImageBitmap', vi.fn(async () => ({ width: 16, height: 8, close })));
    expect(await decodeLogo(file, url)).toBe(true);
    expect(close).toHaveBeenCalled();
    vi.stubGlobal('createImageBitmap', vi.fn(async () => { throw new DOMException('The source image could not be decoded.', 'InvalidStateError'); }));
    expect(await decodeLogo(file, url)).toBe(false);
    // Without createImageBitmap: an image element loading the data URL says whether it decodes.
    vi.stubGlobal('createImageBitmap', undefined);
    for (const outcome of ['load', 'error'] as const) {
      class FakeImage {
        onload: (() => void) | null = null;
        onerror: (() => void) | null = null;
        naturalWidth = outcome === 'load' ? 10 : 0;
        naturalHeight = outcome === 'load' ? 10 : 0;
        set src(value: string) {
          expect(value).toBe(url);
          setTimeout(() => (outcome === 'load' ? this.onload?.() : this.onerror?.()), 0);
        }
      }
      vi.stubGlobal('Image', FakeImage);
      expect(await decodeLogo(file, url)).toBe(outcome === 'load');
    }
    vi.unstubAllGlobals();
  });

  it('says why a logo was refused in the form', async () => {
    const { wrapper } = await mountReport();
    const input = wrapper.find('input[type="file"]');
    const gif = new File(['GIF89a'], 'a.gif', { type: 'image/gif' });
    Object.defineProperty(input.element, 'files', { value: [gif], configurable: true });
    await input.trigger('change');
    await flushPromises();
    expect(wrapper.find('.branding [role="status"]').text()).toBe(msg('report.branding.errorType'));
  });
});
