/**
 * The report as an editable Word document (.docx): the same sections, in the same words, as the screen report.
 * Pure apart from the `docx` library: it runs in Node (tests) and in the browser, where it is loaded only when the
 * user asks for the file. Texts come from the report's messages and the engine's reasons, through the same helpers
 * the report's components use (`createReportText`, `components/report/sections.ts`); nothing is drawn as a picture
 * except the radar, which also gets a description in words.
 */
import {
  AlignmentType, BorderStyle, Document, ExternalHyperlink, Footer, Header, HeadingLevel, ImageRun, LevelFormat, LineRuleType,
  PageNumber, Packer, Paragraph, ShadingType, Table, TableCell, TableOfContents, TableRow, TextRun, WidthType,
  type IParagraphOptions, type ParagraphChild,
} from 'docx';
import { ORGANIZATIONS, PHASES, sameCell, VALUE_FORMS, type AnswerMap, type Diagnosis, type KnowledgeBase, type Locale, type Questionnaire } from '../engine/index.ts';
import { createReportText, type AnswerLine, type Translate } from '../composables/reportText.ts';
import {
  answerGroups, answerTag, caseMeta, caseRecords, caseTitle, cellFullName, challengeRecords, enablerName, findOutItems,
  heldBack, indicativeLines, industryTexts, industryTypeOf, joinSentences, methodParagraphs, phaseName, policyGroups,
  policyMeta, POLICY_GROUP_INTRO, POLICY_GROUP_TITLE, POLICY_STATUS, radarDescription, stepTexts, summarySentences,
} from '../components/report/sections.ts';

/** A picture's bytes and its size in pixels (the document keeps its proportions). */
export interface ImageInput {
  data: Uint8Array;
  type: 'png' | 'jpg';
  width: number;
  height: number;
}

export interface ReportDocumentInput {
  /** The report's messages (vue-i18n's `t`, with the report's messages loaded). */
  t: Translate;
  lang: Locale;
  /** The measured diagnosis. */
  diagnosis: Diagnosis;
  knowledge: KnowledgeBase;
  questionnaire: Questionnaire;
  profile: AnswerMap;
  answers: AnswerMap;
  company: string;
  /** When the answers were completed; `printed` (the day the file is made) is shown too when it differs. */
  answeredOn: Date;
  printed?: Date | undefined;
  /** The consultant's name, organisation and logo, when set. */
  branding?: { name: string; organization: string; logo?: ImageInput | null | undefined } | undefined;
  /** The radar chart as a picture; without one, its description and the cell table stand alone. */
  radar?: ImageInput | null | undefined;
}

/** A4 with 2 cm margins, in twentieths of a point. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** The fonts Word and WPS have on Chinese systems; LibreOffice substitutes its own CJK font. */
const LATIN_FONT = 'Arial';
const CJK_FONT = 'Microsoft YaHei';
const FONTS = { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, eastAsia: CJK_FONT };
const MUTED = '5A6472';
const ACCENT = '0B3D91';
const BORDER = 'C3CAD5';
/** Half-points. */
const SIZE = { body: 21, small: 18, title: 44, company: 30, h1: 32, h2: 26, h3: 22 };

/** `aimm-<company>-<date>.docx`, with only characters every file system accepts. */
export function reportFileName(company: string, date: Date = new Date()): string {
  const safe = company.trim().replace(/[\\/:*?"<>|\s]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40);
  return `aimm${safe ? `-${safe}` : ''}-${date.toISOString().slice(0, 10)}.docx`;
}

interface RunStyle {
  bold?: boolean;
  italics?: boolean;
  muted?: boolean;
  small?: boolean;
  size?: number;
  color?: string;
}

function run(text: string, style: RunStyle = {}): TextRun {
  const color = style.color ?? (style.muted ? MUTED : undefined);
  const size = style.size ?? (style.small ? SIZE.small : undefined);
  return new TextRun({
    text,
    ...(style.bold ? { bold: true } : {}),
    ...(style.italics ? { italics: true } : {}),
    ...(color ? { color } : {}),
    ...(size ? { size } : {}),
  });
}

function para(children: string | ParagraphChild[], style: RunStyle = {}, options: Omit<IParagraphOptions, 'children' | 'text'> = {}): Paragraph {
  return new Paragraph({ ...options, children: typeof children === 'string' ? [run(children, style)] : children });
}

function heading(level: 1 | 2 | 3, text: string): Paragraph {
  const levels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const;
  return new Paragraph({ heading: levels[level], children: [new TextRun(text)] });
}

function bullet(children: string | ParagraphChild[], style: RunStyle = {}): Paragraph {
  return para(children, style, { numbering: { reference: 'bullets', level: 0 } });
}

/** A section's muted introduction, kept on the page of what it introduces. */
function intro(text: string): Paragraph {
  return para(text, { muted: true }, { keepNext: true });
}

/** "Label: value" with the label bold, as the screen's definition lists read. */
function labelled(label: string, value: string): Paragraph {
  return para([run(label, { bold: true }), run(value)]);
}

function cell(children: Paragraph[], width: number, header = false): TableCell {
  return new TableCell({
    children,
    width: { size: width, type: WidthType.DXA },
    margins: { top: 60, bottom: 60, left: 100, right: 100 },
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: 'E6EFFF', color: 'auto' } } : {}),
  });
}

/** A table as wide as the text, with its first row repeated on every page and no row split across pages. */
function table(rows: string[][], fractions: number[], options: { header?: boolean; rowHeaders?: boolean } = {}): Table {
  // Short tables stay on one page (each row kept with the next); longer ones break between rows only.
  const together = rows.length <= 12;
  const total = fractions.reduce((a, b) => a + b, 0);
  const widths = fractions.map((f) => Math.floor((f / total) * TEXT_WIDTH));
  const border = { style: BorderStyle.SINGLE, size: 4, color: BORDER };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: rows.map((cells, r) => {
      const isHeader = options.header !== false && r === 0;
      return new TableRow({
        tableHeader: isHeader,
        cantSplit: true,
        children: cells.map((text, c) => cell([
          para(text, { bold: isHeader || (options.rowHeaders === true && c === 0) }, { keepNext: together && r < rows.length - 1, spacing: { after: 0 } }),
        ], widths[c] ?? 0, isHeader)),
      });
    }),
  });
}

/** An image scaled to fit `maxWidth` × `maxHeight` points, keeping its proportions. */
function image(input: ImageInput, maxWidth: number, maxHeight: number, alt: { title: string; description: string }): ImageRun {
  const scale = Math.min(maxWidth / input.width, maxHeight / input.height, 1e9);
  const width = Math.max(1, Math.round(input.width * scale));
  const height = Math.max(1, Math.round(input.height * scale));
  return new ImageRun({
    type: input.type,
    data: input.data,
    transformation: { width, height },
    altText: { name: alt.title, title: alt.title, description: alt.description },
  });
}

/** The report as a .docx file's bytes. */
export async function buildReportDocument(input: ReportDocumentInput): Promise<Uint8Array> {
  const doc = createReportDocument(input);
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

/** The report as a `docx` Document (for callers that pack it themselves, e.g. as a Blob). */
export function createReportDocument(input: ReportDocumentInput): Document {
  const { t, lang, diagnosis: d, knowledge: kb, questionnaire } = input;
  const rt = createReportText({
    t,
    lang: () => lang,
    context: () => ({ knowledge: kb, questionnaire, profile: input.profile, answers: input.answers, company: input.company, readOnly: true }),
  });
  const { text, num, pct, list, cellName, stageName, needName } = rt;
  const branding = input.branding ?? { name: '', organization: '' };
  const consultant = [branding.name, branding.organization].filter(Boolean);
  const company = input.company.trim();
  const type = industryTypeOf(d, kb);

  // ---------- cover ----------
  const cover: (Paragraph | Table)[] = [];
  if (branding.logo) {
    const alt = t('report.branding.logoAlt', { organization: branding.organization || branding.name });
    cover.push(para([image(branding.logo, 160, 60, { title: alt, description: alt })], {}, { spacing: { after: 200 } }));
  }
  // A consultant's report says who prepared it; without branding it is the company's own self-diagnosis.
  cover.push(para(consultant.length ? t('report.docx.kickerPrepared', { name: consultant.join(' · ') }) : t('report.cover.kicker'), { muted: true }, { spacing: { before: branding.logo ? 1200 : 1600 } }));
  cover.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(t('report.title'))] }));
  cover.push(para(company || t('report.cover.noCompany'), { bold: true, size: SIZE.company }, { spacing: { after: 400 } }));
  const facts: string[][] = [[t('report.cover.date'), rt.formatDate(input.answeredOn)]];
  if (input.printed && rt.formatDate(input.printed) !== rt.formatDate(input.answeredOn)) facts.push([t('report.cover.printed'), rt.formatDate(input.printed)]);
  facts.push(
    [t('report.cover.questionnaire'), `${text(questionnaire.title)} (${d.questionnaire.id} ${d.questionnaire.version})`],
    [t('report.cover.kbVersion'), d.knowledgeBase.version],
    [t('report.cover.industryType'), type ? text(type.name) : t('report.industry.unknown')],
    [t('report.cover.overall'), `${num(d.overall.score)} / 100 · ${d.overall.stage ? stageName(d.overall.stage) : t('report.cover.noScore')}`],
    [t('report.cover.weighted'), num(d.overall.weightedScore)],
    [t('report.cover.coverage'), t('report.cover.coverageValue', { pct: pct(d.coverage.ratio), answered: d.coverage.answered, scorable: d.coverage.scorable })],
    [t('report.cover.confidence'), pct(d.confidence)],
  );
  cover.push(table(facts, [1, 2], { header: false, rowHeaders: true }));
  cover.push(para(t('report.cover.confidenceNote'), { muted: true, small: true }, { spacing: { before: 120 } }));
  cover.push(para(t('report.docx.contents'), { bold: true, size: SIZE.h1, color: ACCENT }, { pageBreakBefore: true, spacing: { after: 200 } }));
  cover.push(new TableOfContents(t('report.docx.contents'), { hyperlink: true, headingStyleRange: '1-1' }) as unknown as Paragraph);

  // ---------- body ----------
  const body: (Paragraph | Table)[] = [];

  if (d.status === 'insufficient') {
    body.push(heading(1, t('report.insufficient.title')));
    body.push(para(text(d.overall.reason.text)));
    body.push(para(t('report.insufficient.progress', { answered: d.progress.answered, visible: d.progress.visible, coverage: pct(d.coverage.ratio) })));
    body.push(para(t('report.insufficient.known')));
  }

  body.push(heading(1, t('report.summary.title')));
  body.push(para(joinSentences(rt, summarySentences(rt, d, kb))));
  const indicative = indicativeLines(rt, d, kb);
  if (indicative.length) {
    body.push(heading(2, t('report.indicative.title')));
    for (const line of indicative) body.push(bullet(line));
  }

  if (d.status === 'uncertain') {
    body.push(heading(1, t('report.findOut.title')));
    body.push(para(text(d.overall.reason.text)));
    findOutItems(rt, d, kb).forEach((item, i) => {
      body.push(para(`${i + 1}. ${item.question}`));
      if (item.who) body.push(para(t('report.findOut.ask', { who: item.who }), { bold: true, small: true }, { indent: { left: 360 } }));
    });
  }

  if (d.flags.length) {
    body.push(heading(1, t('report.flags.title')));
    body.push(para(t('report.flags.intro')));
    for (const flag of d.flags) {
      body.push(para([run(cellName(flag), { bold: true }), run(` · ${flag.rule === 'foundation' ? t('report.flags.foundation') : t('report.flags.prerequisite')}`, { muted: true })]));
      body.push(para(text(flag.reason.text)));
      body.push(...answerList(rt.answerLines(flag.reason.answers)));
    }
  }

  // The nine cells.
  body.push(heading(1, t('report.cube.title')));
  body.push(table([
    [t('report.cube.colCell'), t('report.cube.colScore'), t('report.cube.colStage'), t('report.cube.colTarget'), t('report.cube.colWeight')],
    ...d.cells.map((c) => [cellFullName(rt, c), num(c.score), stageName(c.stage), stageName(c.target), `×${num(c.weight)}`]),
  ], [4.2, 1, 1.4, 1.4, 1], { rowHeaders: true }));
  body.push(para(t('report.cube.tableCaption'), { muted: true, small: true }, { spacing: { before: 80 } }));
  body.push(heading(2, t('report.docx.cellReasons')));
  for (const c of d.cells) {
    body.push(para([run(`${cellFullName(rt, c)} `, { bold: true }), run(t('report.cube.detailLine', { score: num(c.score), stage: stageName(c.stage), target: stageName(c.target), weight: num(c.weight) }), { muted: true })], {}, { keepNext: true }));
    body.push(para(text(c.reason.text)));
  }
  body.push(heading(2, t('report.cube.axesTitle')));
  for (const [kind, axes] of [['organization', d.axes.organization], ['value', d.axes.value]] as const) {
    body.push(para(kind === 'organization' ? t('report.cube.organizationAxis') : t('report.cube.valueAxis'), { bold: true }));
    for (const axis of axes) {
      const cells = d.cells.filter((c) => (kind === 'organization' ? c.organization : c.value) === axis.id && c.score !== null);
      const name = kind === 'organization' ? rt.organizationName(axis.id) : rt.valueName(axis.id);
      const note = cells.length
        ? t('report.cube.axisNote', { name, cells: list(cells.map((c) => `${cellName(c)} ${num(c.score)}`)), score: num(axis.score) })
        : t('report.cube.axisNone', { name });
      body.push(bullet([run(`${name} ${num(axis.score)} `, { bold: true }), run(`${stageName(axis.stage)} — `, { muted: true }), run(note)]));
    }
  }

  // The radar, as a picture with its description in words.
  body.push(heading(1, t('report.radar.title')));
  body.push(intro(t('report.radar.intro')));
  const description = radarDescription(rt, d, kb.rules);
  if (input.radar) {
    body.push(para([image(input.radar, 400, 400, { title: t('report.radar.caption'), description })], {}, { alignment: AlignmentType.CENTER, keepNext: true }));
  }
  body.push(para(t('report.radar.caption'), { muted: true, small: true }, { alignment: AlignmentType.CENTER }));
  body.push(para(description, { small: true }));

  // Industry type.
  const industry = industryTexts(rt, d, kb);
  body.push(heading(1, t('report.industry.title')));
  body.push(para(type ? text(type.name) : t('report.industry.unknown'), { bold: true, size: SIZE.h2 }));
  body.push(para(industry.source, { muted: true }));
  if (industry.reason) body.push(para(industry.reason));
  if (industry.blend) body.push(para(industry.blend));
  body.push(para(text(d.size.reason.text), { muted: true }));
  if (type) {
    body.push(labelled(sep(lang, t('report.industry.traits')), text(type.traits)));
    body.push(labelled(sep(lang, t('report.industry.typicalIndustries')), text(type.typicalIndustries)));
    body.push(labelled(sep(lang, t('report.industry.bottleneck')), text(type.bottleneck)));
    body.push(labelled(sep(lang, t('report.industry.aiRole')), text(type.aiRole)));
  }
  body.push(heading(2, t('report.industry.weightsTitle')));
  body.push(intro(t('report.industry.weightsNote')));
  const organizations = ORGANIZATIONS;
  const values = VALUE_FORMS;
  body.push(table([
    ['', ...values.map((v) => rt.valueName(v))],
    ...organizations.map((o) => [
      rt.organizationName(o),
      ...values.map((v) => {
        const c = d.cells.find((x) => sameCell(x, { organization: o, value: v }));
        return `×${num(c?.weight ?? 1)} · ${t('report.industry.targetShort', { stage: stageName(c?.target) })}`;
      }),
    ]),
  ], [1.2, 1, 1, 1], { rowHeaders: true }));
  body.push(para(type ? text(type.weightRationale) : t('report.industry.defaultWeights'), {}, { spacing: { before: 120 } }));

  // Foundations.
  const assessed = d.enablers.filter((e) => e.visible > 0);
  if (assessed.length) {
    body.push(heading(1, t('report.foundation.title')));
    body.push(intro(t('report.foundation.intro')));
    for (const e of assessed) {
      body.push(heading(2, enablerName(rt, kb, e.id)));
      body.push(para(e.score === null ? t('report.common.notScored') : t('report.foundation.stage', { stage: stageName(e.stage), score: num(e.score) }), { bold: true }));
      body.push(para(text(kb.enablers.find((x) => x.id === e.id)?.description), { muted: true }));
      body.push(para(text(e.reason.text)));
    }
    for (const h of heldBack(rt, d)) body.push(para(t('report.foundation.holds', { enabler: enablerName(rt, kb, h.enabler), cells: list(h.cells) })));
  }

  // Priorities.
  body.push(heading(1, t('report.priorities.title')));
  if (d.priorities.length) {
    body.push(intro(t('report.priorities.intro')));
    for (const p of d.priorities) {
      body.push(heading(2, `${p.rank}. ${cellName(p)}`));
      for (const r of p.reasons) body.push(bullet(text(r.text)));
      body.push(para([run(`${t('report.priorities.score')} `), run(num(p.priorityScore), { bold: true }), run(` ${t('report.priorities.scoreHint')}`, { muted: true })]));
      body.push(para(t('report.priorities.formula', { gap: num(p.factors.gap), weight: num(p.factors.weight), pain: num(p.factors.pain), prerequisites: num(p.factors.prerequisites), outcomes: num(p.factors.outcomes), score: num(p.priorityScore) }), { muted: true, small: true }));
      const steps = d.roadmap.filter((s) => s.cell !== null && sameCell(s.cell, p));
      if (steps.length) body.push(para(t('report.roadmap.forPriority', { steps: list(steps.map((s) => t('report.roadmap.stepInPhase', { step: text(s.title), phase: phaseName(rt, kb, s.phase) }))) })));
      else body.push(para(p.blockedBy.length ? t('report.capacity.blocked') : t('report.capacity.waiting'), { muted: true }));
    }
  } else {
    body.push(para(d.status === 'ok' ? t('report.priorities.none') : t('report.priorities.insufficient')));
  }

  // Roadmap, by phase.
  const phases = PHASES.map((phase) => ({ phase, steps: d.roadmap.filter((s) => s.phase === phase) })).filter((p) => p.steps.length > 0);
  if (phases.length) {
    body.push(heading(1, t('report.roadmap.title')));
    body.push(intro(t('report.roadmap.intro')));
    if (d.capacity.answers.length) body.push(para(t('report.capacity.limited', { n: d.capacity.steps })));
    for (const ph of phases) {
      body.push(heading(2, phaseName(rt, kb, ph.phase)));
      for (const step of ph.steps) {
        const s = stepTexts(rt, kb, step);
        body.push(heading(3, `${step.order}. ${text(step.title)}`));
        body.push(para(`${s.target} · ${s.move} · ${s.effort}${step.enabler ? ` · ${t('report.roadmap.foundation')}` : ''}`, { muted: true, small: true }));
        body.push(para(text(step.solution)));
        body.push(para([run(t('report.roadmap.kpi'), { bold: true }), run(text(step.kpi))]));
        body.push(para(text(step.reason.text), { muted: true }));
        if (step.after.length) body.push(para(t('report.roadmap.after', { steps: list(step.after.map((id) => text(d.roadmap.find((x) => x.id === id)?.title))) }), { small: true }));
        if (step.cases.length) body.push(para(t('report.roadmap.cases', { cases: list(step.cases.map((id) => caseTitle(rt, kb, id)).filter(Boolean)) }), { small: true }));
        if (step.needs.length) body.push(para(t('report.priorities.needs', { needs: list(step.needs.map(needName)) }), { muted: true, small: true }));
      }
    }
  }

  // Cases.
  body.push(heading(1, t('report.cases.title')));
  const cases = caseRecords(d, kb);
  if (!cases.length) body.push(para(d.status === 'ok' ? t('report.cases.none') : t('report.cases.insufficient'), { muted: true }));
  for (const { match, record } of cases) {
    body.push(heading(2, caseTitle(rt, kb, record.id)));
    body.push(para(caseMeta(rt, record), { muted: true, small: true }));
    if (record.provider === 'vendor') body.push(para(t('report.cases.vendor'), { italics: true }));
    body.push(para([run(t('report.cases.practice'), { bold: true }), run(text(record.practice))]));
    body.push(para(t('report.cases.results'), { bold: true }));
    for (const r of record.results) body.push(bullet(text(r)));
    body.push(para(t('report.cases.lesson'), { bold: true }));
    body.push(para(text(record.lesson)));
    body.push(para(t('report.cases.story'), { bold: true }));
    body.push(para([run(`${t('report.cases.problem')} `, { bold: true }), run(text(record.problem))]));
    body.push(para([run(`${t('report.cases.solution')} `, { bold: true }), run(text(record.solution))]));
    body.push(para(text(match.reason.text), { italics: true }));
    body.push(para(t('report.common.source', { source: rt.sourceName(record.source) }), { muted: true, small: true }));
  }

  // Programmes, in their groups.
  body.push(heading(1, t('report.policies.title')));
  const groups = policyGroups(d.policies, kb);
  if (!groups.length) body.push(intro(t('report.policies.none')));
  for (const g of groups) {
    body.push(heading(2, t(POLICY_GROUP_TITLE[g.group])));
    body.push(intro(t(POLICY_GROUP_INTRO[g.group])));
    for (const { match, record } of g.items) {
      body.push(heading(3, text(record.title)));
      if (match.status) body.push(para(t(POLICY_STATUS[match.status]), { bold: true, color: ACCENT }));
      body.push(para(policyMeta(rt, record), { muted: true, small: true }));
      body.push(para(text(record.summary)));
      if (record.benefit) body.push(para([run(t('report.policies.benefit'), { bold: true }), run(text(record.benefit))]));
      if (record.validUntil || record.validFrom) body.push(para(t('report.policies.valid', { from: record.validFrom ?? '—', until: record.validUntil ?? t('report.policies.openEnded') }), { small: true }));
      body.push(para(text(match.reason.text), { italics: true }));
      if (record.url) {
        body.push(para([
          run(sep(lang, t('report.policies.link')), { small: true }),
          new ExternalHyperlink({ link: record.url, children: [new TextRun({ text: record.url, style: 'Hyperlink', size: SIZE.small })] }),
        ]));
      }
      body.push(para(t('report.common.source', { source: rt.sourceName(record.source) }), { muted: true, small: true }));
    }
  }
  body.push(para(t('report.policies.disclaimer'), { muted: true, small: true }, { spacing: { before: 120 } }));

  // Challenges and needs.
  body.push(heading(1, t('report.challenges.title')));
  const challenges = challengeRecords(d, kb);
  if (!challenges.length) body.push(intro(t('report.challenges.none')));
  for (const { result, record } of challenges) {
    body.push(heading(2, text(record.name)));
    for (const line of rt.answerLines(result.answers)) body.push(para(t('report.challenges.yourAnswer', { question: line.question, answer: line.answer }), { bold: true }));
    body.push(para(t('report.challenges.general'), { muted: true, small: true }));
    body.push(para(text(record.description)));
    for (const point of record.points) body.push(bullet(text(point)));
  }
  const told = d.needs.filter((n) => n.answers.length > 0);
  if (told.length) {
    body.push(heading(2, t('report.needs.title')));
    body.push(intro(t('report.needs.intro')));
    for (const n of told) {
      body.push(bullet([run(needName(n.id), { bold: true }), ...(n.cells.length ? [run(` — ${t('report.needs.fromCells', { cells: list(n.cells.map(cellName)) })}`)] : [])]));
    }
  }

  // Methodology.
  body.push(heading(1, t('report.method.title')));
  for (const part of methodParagraphs(rt, kb)) {
    body.push(heading(2, part.title));
    for (const p of part.paragraphs) body.push(para(p));
  }

  // The answers.
  const answerSections = answerGroups(rt, questionnaire, kb, input.profile, input.answers);
  const total = answerSections.reduce((n, g) => n + g.lines.length, 0);
  body.push(heading(1, t('report.answersAppendix.title')));
  body.push(para(t('report.answersAppendix.intro', { n: total }), { muted: true }));
  if (!answerSections.length) body.push(para(t('report.answers.none')));
  for (const g of answerSections) {
    body.push(heading(2, text(g.section.title)));
    body.push(...answerList(g.lines));
  }

  function answerList(lines: AnswerLine[]): Paragraph[] {
    if (!lines.length) return [para(t('report.answers.none'), { muted: true })];
    return lines.flatMap((line) => {
      const tag = answerTag(rt, line);
      return [
        para(line.question, { muted: true, small: true }, { keepNext: true, spacing: { before: 80, after: 0 } }),
        para([run(line.answer, { bold: true }), ...(tag ? [run(` ${tag}`, { muted: true, small: true })] : [])], {}, { indent: { left: 240 } }),
      ];
    });
  }

  // ---------- the document ----------
  const running = [company || t('report.title'), consultant.join(' · ')].filter(Boolean).join(' — ');
  const language = { value: lang === 'en' ? 'en-GB' : 'zh-CN', eastAsia: 'zh-CN' };
  const page = { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin, header: 567, footer: 567 } };
  const headingStyle = (size: number, before: number) => ({
    run: { font: FONTS, size, bold: true, color: ACCENT },
    paragraph: { spacing: { before, after: 120 }, keepNext: true, keepLines: true },
  });
  return new Document({
    creator: consultant.join(' · ') || 'AIMM',
    title: company ? `${t('report.title')} — ${company}` : t('report.title'),
    description: t('report.cover.kicker'),
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: FONTS, size: SIZE.body, language }, paragraph: { spacing: { after: 100, line: 300, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: FONTS, size: SIZE.title, bold: true, color: ACCENT }, paragraph: { spacing: { before: 120, after: 240 } } },
        heading1: headingStyle(SIZE.h1, 360),
        heading2: headingStyle(SIZE.h2, 240),
        heading3: headingStyle(SIZE.h3, 180),
        hyperlink: { run: { color: ACCENT, underline: {} } },
      },
    },
    numbering: {
      config: [{
        reference: 'bullets',
        levels: [{ level: 0, format: LevelFormat.BULLET, text: '•', alignment: AlignmentType.LEFT, style: { paragraph: { indent: { left: 360, hanging: 240 } } } }],
      }],
    },
    sections: [
      { properties: { page }, children: cover },
      {
        properties: { page },
        headers: { default: new Header({ children: [para(running, { muted: true, small: true }, { alignment: AlignmentType.RIGHT })] }) },
        footers: {
          default: new Footer({
            children: [new Paragraph({
              alignment: AlignmentType.CENTER,
              children: [new TextRun({ children: [PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES], color: MUTED, size: SIZE.small })],
            })],
          }),
        },
        children: body,
      },
    ],
  });
}

/** A label followed by the language's colon. */
function sep(lang: Locale, label: string): string {
  return lang === 'en' ? `${label}: ` : `${label}：`;
}
