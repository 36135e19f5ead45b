import {
  answerOf, isAnswered, packOf, POLICY_GROUPS, thresholdOf, visibleQuestions,
  type AnswerMap, type Case, type CellResult, type Diagnosis, type EnablerId, type KnowledgeBase, type Phase, type Policy,
  type PolicyGroup, type PolicyMatch, type Questionnaire, type RoadmapStep, type Rules, type Section, type SizeClass,
} from '../../engine/index.ts';
import type { AnswerLine, createReportText } from '../../composables/reportText.ts';
import type { RadarSeries } from './radar.ts';

/**
 * What the report's sections say, computed once for every place that shows them: the screen's components and the
 * Word export. Each takes the report's text helpers (`createReportText`, or `useReportText` on the screen).
 */
export type ReportText = Pick<
  ReturnType<typeof createReportText>,
  't' | 'text' | 'num' | 'pct' | 'list' | 'cellName' | 'stageName' | 'organizationName' | 'valueName' | 'lineFor' | 'answerLines'
> & { language(): 'zh-CN' | 'en' };

/** Sentences run on in Chinese and are spaced in English. */
export function joinSentences(rt: ReportText, sentences: string[]): string {
  return sentences.join(rt.language() === 'en' ? ' ' : '');
}

export function industryTypeOf(d: Diagnosis, kb: KnowledgeBase) {
  const typeId = d.industryType.id;
  return typeId ? kb.industryTypes.find((x) => x.id === typeId) ?? null : null;
}

type Scored = CellResult & { score: number };

/** The summary's sentences: the overall verdict, strongest and weakest cell, and where to start. */
export function summarySentences(rt: ReportText, d: Diagnosis, kb: KnowledgeBase | undefined): string[] {
  const { t, num, text, cellName, stageName } = rt;
  const out: string[] = [];
  const scored = d.cells.filter((c): c is Scored => c.score !== null);
  if (d.status === 'insufficient') {
    out.push(t('report.summary.insufficient', { scored: scored.length }));
  } else if (d.status === 'uncertain') {
    out.push(t('report.summary.uncertain'));
    return out;
  } else {
    const type = kb ? industryTypeOf(d, kb) : null;
    out.push(
      type
        ? t('report.summary.overallTyped', { score: num(d.overall.score), stage: stageName(d.overall.stage), weighted: num(d.overall.weightedScore), type: text(type.name) })
        : t('report.summary.overallDefault', { score: num(d.overall.score), stage: stageName(d.overall.stage), weighted: num(d.overall.weightedScore) }),
    );
  }
  // A cell whose claims were capped by its foundation is never called the strongest: it is the one to check.
  const credible = scored.filter((c) => c.capped === 0);
  if (credible.length >= 2) {
    // Ties keep the cube's reading order, like the engine's own ranking.
    const strong = credible.reduce((a, b) => (b.score > a.score ? b : a));
    const weak = scored.reduce((a, b) => (b.score < a.score ? b : a));
    out.push(
      strong.score === weak.score
        ? t('report.summary.even', { score: num(strong.score) })
        : t('report.summary.strongWeak', { strong: cellName(strong), strongScore: num(strong.score), weak: cellName(weak), weakScore: num(weak.score) }),
    );
  }
  const capped = scored.find((c) => c.capped > 0);
  if (capped) out.push(t('report.summary.strongCapped', { cell: cellName(capped) }));
  const first = d.roadmap[0];
  if (first?.enabler) {
    const name = text(kb?.enablers.find((e) => e.id === first.enabler)?.name);
    out.push(t('report.summary.topFoundation', { enabler: name, to: stageName(first.toStage) }));
  } else if (first?.cell) {
    out.push(t('report.summary.topStep', { step: text(first.title), cell: cellName(first.cell), to: stageName(first.toStage) }));
  } else if (d.status === 'ok') {
    out.push(t('report.summary.noPriority'));
  }
  if (d.flags.length) out.push(t('report.summary.flags', { n: d.flags.length }));
  return out;
}

/** Where the overall score falls on the yardsticks users know; indicative only, and said so. */
export function indicativeLines(rt: ReportText, d: Diagnosis, kb: KnowledgeBase | undefined): string[] {
  if (!kb || d.status !== 'ok') return [];
  const out: string[] = [];
  for (const i of d.indicative) {
    const yardstick = kb.yardsticks.find((y) => y.id === i.yardstick);
    const level = yardstick?.levels.find((l) => l.id === i.level);
    if (yardstick && level) out.push(rt.t('report.indicative.line', { name: rt.text(yardstick.name), level: rt.text(level.name) }));
  }
  return out;
}

/** The questions to settle first, and who in the company would know. */
export function findOutItems(rt: ReportText, d: Diagnosis, kb: KnowledgeBase) {
  const lines = new Map(rt.answerLines(d.findOutFirst.map((f) => f.questionId)).map((l) => [l.id, l]));
  return d.findOutFirst.map((f) => ({
    id: f.questionId,
    question: lines.get(f.questionId)?.question ?? f.questionId,
    who: f.askWho ? rt.text(kb.roles.find((r) => r.id === f.askWho)?.name) : '',
  }));
}

export function enablerName(rt: ReportText, kb: KnowledgeBase, enabler: EnablerId | null | undefined): string {
  return rt.text(kb.enablers.find((e) => e.id === enabler)?.name);
}

/** Each enabler that holds priorities back, and the cells it holds. */
export function heldBack(rt: ReportText, d: Diagnosis) {
  return d.enablers
    .map((e) => ({ enabler: e.id, cells: d.priorities.filter((p) => p.blockedBy.includes(e.id)).map((p) => rt.cellName(p)) }))
    .filter((h) => h.cells.length > 0);
}

/** Where the industry type came from (the sector, the user's choice, or nowhere), its reason and blend. */
export function industryTexts(rt: ReportText, d: Diagnosis, kb: KnowledgeBase) {
  const { t, text } = rt;
  const sectorId = d.industryType.sector;
  const sector = sectorId ? kb.sectors.find((s) => s.id === sectorId) ?? null : null;
  const src = d.industryType.source;
  const sectorText = sector ? `${text(sector.name)} (${sector.id})` : '';
  const source = src === 'sector'
    ? t('report.industry.fromSector', { sector: sectorText })
    : src === 'profile'
      ? sectorText ? t('report.industry.fromProfileWithSector', { sector: sectorText }) : t('report.industry.fromProfile')
      : t('report.industry.fromNone');
  const parts = d.industryType.blend;
  const blend = parts
    ? t('report.industry.blend', {
      parts: parts.map((b) => `${text(kb.industryTypes.find((x) => x.id === b.industryType)?.name)} ${Math.round(b.share * 100)}%`).join(rt.language() === 'en' ? ', ' : '、'),
    })
    : '';
  return { source, reason: src === 'sector' ? text(d.industryType.reason) : '', blend };
}

/** A cell as the tables name it: "Factory · Product: its name". */
export function cellFullName(rt: ReportText, cell: CellResult): string {
  return `${rt.organizationName(cell.organization)} · ${rt.valueName(cell.value)}: ${rt.cellName(cell)}`;
}

/**
 * The radar's axes, full names, lines and grid: measured scores and the targets, and the projection when `projected`
 * (a diagnosis with planned steps) differs from the measured one.
 */
export function radarData(rt: ReportText, d: Diagnosis, rules: Rules, projected: Diagnosis | null = null) {
  const series: RadarSeries[] = [
    { kind: 'current', label: rt.t('report.radar.current'), data: d.cells.map((c) => c.score) },
    { kind: 'target', label: rt.t('report.radar.target'), data: d.cells.map((c) => thresholdOf(c.target, rules)) },
  ];
  if (projected && projected !== d && projected.cells.some((c) => c.projected)) {
    series.push({ kind: 'projected', label: rt.t('report.radar.projected'), data: projected.cells.map((c) => c.score) });
  }
  const s = rules.stageThresholds;
  return {
    labels: d.cells.map((c) => [rt.organizationName(c.organization), rt.valueName(c.value)]),
    names: d.cells.map((c) => cellFullName(rt, c)),
    series,
    ticks: [0, s.digital, s.networked, s.intelligent, 100],
  };
}

/** The radar in words, for readers who cannot see it: each cell's score and target. */
export function radarDescription(rt: ReportText, d: Diagnosis, rules: Rules): string {
  return rt.t('report.radar.aria', {
    cells: rt.list(d.cells.map((c) => rt.t('report.radar.ariaCell', { cell: rt.cellName(c), score: rt.num(c.score), target: thresholdOf(c.target, rules) }))),
  });
}

export function phaseName(rt: ReportText, kb: KnowledgeBase, phase: Phase): string {
  return rt.text(kb.rules.phases[phase].name);
}

/** What a roadmap step works on (a cell or a foundation), from and to which stage, and how much effort. */
export function stepTexts(rt: ReportText, kb: KnowledgeBase, step: RoadmapStep) {
  return {
    target: step.cell ? rt.cellName(step.cell) : enablerName(rt, kb, step.enabler),
    move: rt.t('report.priorities.step', { from: rt.stageName(step.fromStage), to: rt.stageName(step.toStage) }),
    effort: rt.text(kb.rules.effortClasses[step.effort].name),
  };
}

/** A case named by its company and title: "company：title" ("company: title" in English). */
export function caseTitle(rt: ReportText, kb: KnowledgeBase, caseId: string): string {
  const c = kb.cases.find((x) => x.id === caseId);
  return c ? `${rt.text(c.company)}${rt.language() === 'en' ? ': ' : '：'}${rt.text(c.title)}` : '';
}

/** Each message key written out, so that the message checks can find it. */
export const CASE_SIZE: Record<SizeClass, string> = {
  micro: 'report.cases.size.micro',
  small: 'report.cases.size.small',
  medium: 'report.cases.size.medium',
  large: 'report.cases.size.large',
};

/** The matched cases with their records, in the engine's order. */
export function caseRecords(d: Diagnosis, kb: KnowledgeBase) {
  return d.cases.flatMap((match) => {
    const record = kb.cases.find((c) => c.id === match.id);
    return record ? [{ match, record }] : [];
  });
}

/** A case's stage, year and size band, as one line. */
export function caseMeta(rt: ReportText, record: Case): string {
  const parts = [rt.t('report.cases.stage', { stage: rt.stageName(record.stage) })];
  if (record.year) parts.push(String(record.year));
  if (record.sizeBand !== 'unknown') parts.push(rt.t(CASE_SIZE[record.sizeBand]));
  return parts.join(' · ');
}

export const POLICY_COUNTRY: Record<Policy['country'], string> = {
  CN: 'report.policies.countryCN',
  US: 'report.policies.countryUS',
  DE: 'report.policies.countryDE',
  JP: 'report.policies.countryJP',
};
export const POLICY_KIND: Record<Policy['kind'], string> = {
  recommendation: 'report.policies.kindRecommendation',
  lever: 'report.policies.kindLever',
  programme: 'report.policies.kindProgramme',
  subsidy: 'report.policies.kindSubsidy',
  recognition: 'report.policies.kindRecognition',
  loan: 'report.policies.kindLoan',
  strategy: 'report.policies.kindStrategy',
  offering: 'report.policies.kindOffering',
};
export const POLICY_GROUP_TITLE: Record<PolicyGroup, string> = {
  programme: 'report.policies.groupProgramme',
  offering: 'report.policies.groupOffering',
  background: 'report.policies.groupBackground',
};
export const POLICY_GROUP_INTRO: Record<PolicyGroup, string> = {
  programme: 'report.policies.introProgramme',
  offering: 'report.policies.introOffering',
  background: 'report.policies.introBackground',
};
export const POLICY_STATUS: Record<NonNullable<PolicyMatch['status']>, string> = {
  eligible: 'report.policies.statusEligible',
  conditional: 'report.policies.statusConditional',
  gap: 'report.policies.statusGap',
};

/** Programmes a company can apply for first, then providers' offerings, then background; `added` marks what a plan brings in. */
export function policyGroups(policies: PolicyMatch[], kb: KnowledgeBase, before: PolicyMatch[] | null = null) {
  return POLICY_GROUPS.map((group) => ({
    group,
    items: policies.flatMap((match) => {
      if (match.group !== group) return [];
      const record = kb.policies.find((p) => p.id === match.id);
      return record ? [{ match, record, added: before !== null && !before.some((b) => b.id === match.id), pack: packOf(kb, record.id) }] : [];
    }),
  })).filter((g) => g.items.length > 0);
}

/** A programme's country, kind, issuer and document number, as one line. */
export function policyMeta(rt: ReportText, record: Policy): string {
  const parts = [rt.t(POLICY_COUNTRY[record.country]), rt.t(POLICY_KIND[record.kind])];
  if (record.issuer) parts.push(rt.text(record.issuer));
  if (record.documentNo) parts.push(record.documentNo);
  return parts.join(' · ');
}

/** The challenges the answers reveal, with their records. */
export function challengeRecords(d: Diagnosis, kb: KnowledgeBase) {
  return d.challenges.flatMap((c) => {
    const record = kb.challenges.find((r) => r.id === c.id);
    return record ? [{ result: c, record }] : [];
  });
}

/** The figures the methodology's sentences quote, from the knowledge base's rules. */
export function methodParams(rt: ReportText, kb: KnowledgeBase) {
  const r = kb.rules;
  const weights = kb.industryTypes.flatMap((x) => x.weights.map((w) => w.weight));
  return {
    digital: r.stageThresholds.digital,
    networked: r.stageThresholds.networked,
    intelligent: r.stageThresholds.intelligent,
    digitalName: rt.stageName('digital'),
    networkedName: rt.stageName('networked'),
    intelligentName: rt.stageName('intelligent'),
    noneName: rt.stageName('none'),
    coverage: `${Math.round(r.minCoverage * 100)}%`,
    cells: r.minScoredCells,
    boost: rt.num(r.painPointBoost),
    met: rt.num(r.prerequisiteFactor.met),
    unmet: rt.num(r.prerequisiteFactor.unmet),
    max: r.maxPriorities,
    minWeight: rt.num(weights.length ? Math.min(...weights) : 1),
    maxWeight: rt.num(weights.length ? Math.max(...weights) : 1),
    version: kb.version,
  };
}

/** The methodology as headed paragraphs, in the order the report prints them. */
export function methodParagraphs(rt: ReportText, kb: KnowledgeBase): { title: string; paragraphs: string[] }[] {
  const { t, text } = rt;
  const params = methodParams(rt, kb);
  return [
    { title: text(kb.cube.name), paragraphs: [text(kb.cube.description)] },
    { title: t('report.method.scoringTitle'), paragraphs: [t('report.method.scoring'), t('report.method.thresholds', params), t('report.method.special')] },
    { title: t('report.method.overallTitle'), paragraphs: [t('report.method.overall', params), t('report.method.coverage', params)] },
    { title: t('report.method.weightsTitle'), paragraphs: [t('report.method.weights', params)] },
    { title: t('report.method.priorityTitle'), paragraphs: [t('report.method.formula'), t('report.method.priority', params)] },
    { title: t('report.method.checksTitle'), paragraphs: [t('report.method.flags'), t('report.method.whatIf', params), t('report.method.sources', params)] },
  ];
}

/** Every visible, answered question, grouped by section in questionnaire order. */
export function answerGroups(rt: ReportText, questionnaire: Questionnaire, kb: KnowledgeBase, profile: AnswerMap, answers: AnswerMap) {
  const given = { profile, answers };
  const out: { section: Section; lines: AnswerLine[] }[] = [];
  for (const entry of visibleQuestions(questionnaire, given, kb)) {
    const value = answerOf(entry, given);
    if (!isAnswered(entry, value)) continue;
    const line = rt.lineFor(entry, value);
    if (!line) continue;
    let group = out.find((g) => g.section === entry.section);
    if (!group) out.push((group = { section: entry.section, lines: [] }));
    group.lines.push(line);
  }
  return out;
}

/** An answer's tag: not applicable, don't know, or its rung. */
export function answerTag(rt: ReportText, line: AnswerLine): string {
  if (line.special === 'na') return rt.t('report.answers.na');
  if (line.special === 'unknown') return rt.t('report.answers.unknown');
  return line.level !== null ? rt.t('report.answers.level', { level: line.level }) : '';
}
