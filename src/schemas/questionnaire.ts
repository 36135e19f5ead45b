import type { Condition, Question, Questionnaire } from '../engine/index.ts';
import { CELLS, cellKey } from '../engine/index.ts';
import { validateQuestionnaire } from './generated/questionnaire.validator.js';
import { duplicateIds, fromAjv, joinPath, type Validation, type ValidationIssue } from './issues.ts';

/** Minimum questions per cell by depth (../shared/model.md: the quick scan samples every cell, the full asks three). */
const MIN_PER_CELL = { quick: 1, full: 3 } as const;
const PROFILE_ONLY_TYPES = new Set(['sector', 'region', 'city', 'industry-type']);

/** Schema check, then the checks a schema cannot express (ids, references, the ladder in every maturity question). */
export function checkQuestionnaire(data: unknown): Validation<Questionnaire> {
  if (!validateQuestionnaire(data)) return { ok: false, issues: fromAjv(validateQuestionnaire.errors) };
  const q = data as Questionnaire;
  const issues = crossCheck(q);
  return issues.length ? { ok: false, issues } : { ok: true, value: q };
}

function crossCheck(q: Questionnaire): ValidationIssue[] {
  const issues: ValidationIssue[] = [...duplicateIds(q.sections, 'sections')];
  const all: { question: Question; path: string }[] = [];
  const firstPath = new Map<string, string>();
  q.sections.forEach((section, s) => {
    section.questions.forEach((question, i) => {
      const path = `sections[${s}].questions[${i}]`;
      const earlier = firstPath.get(question.id);
      if (earlier !== undefined) {
        issues.push({ path: `${path}.id`, message: { 'zh-CN': `题目编号 "${question.id}" 重复（已用于 ${earlier}）`, en: `duplicate question id "${question.id}" (already used at ${earlier})` } });
      } else firstPath.set(question.id, path);
      all.push({ question, path });
      issues.push(...duplicateIds(question.options ?? [], `${path}.options`));
      const laddered = section.kind === 'maturity' || section.kind === 'enabler';
      if (laddered) issues.push(...checkLadder(question, path, section.kind === 'maturity'));
      else {
        (question.options ?? []).forEach((o, k) => {
          if (o.level !== undefined) issues.push({ path: `${path}.options[${k}].level`, message: { 'zh-CN': '只有成熟度题和基础能力题的选项有阶梯等级', en: 'only options of maturity and enabler questions carry a level' } });
        });
      }
      if (question.cell && section.kind !== 'maturity') issues.push({ path: `${path}.cell`, message: { 'zh-CN': '只有成熟度题可以属于单元格', en: 'only maturity questions belong to a cell' } });
      if (question.enabler && section.kind !== 'enabler') issues.push({ path: `${path}.enabler`, message: { 'zh-CN': '只有基础能力部分的题目可以指明基础能力', en: 'only questions of an enabler section name an enabler' } });
      if (section.kind === 'outcome' && question.type !== 'single') issues.push({ path: `${path}.type`, message: { 'zh-CN': '经营数据题必须是单选（按区间作答）', en: 'an outcome question must be "single" (answered in bands)' } });
      (question.options ?? []).forEach((o, k) => {
        if (o.outcomeEffect && section.kind !== 'outcome') issues.push({ path: `${path}.options[${k}].outcomeEffect`, message: { 'zh-CN': '只有经营数据题的选项可以调整优先级', en: 'only options of outcome questions carry an outcomeEffect' } });
        if (o.range && (o.range.min ?? 0) > (o.range.max ?? Infinity)) issues.push({ path: `${path}.options[${k}].range`, message: { 'zh-CN': '区间下限大于上限', en: 'the range starts above its end' } });
      });
      if (PROFILE_ONLY_TYPES.has(question.type) && section.kind !== 'profile') {
        issues.push({ path: `${path}.type`, message: { 'zh-CN': `"${question.type}" 类型只能放在企业概况部分`, en: `type "${question.type}" belongs in the profile section` } });
      }
      if (question.maxSelect !== undefined && question.type !== 'multi') {
        issues.push({ path: `${path}.maxSelect`, message: { 'zh-CN': '只有多选题可以设置 maxSelect', en: 'maxSelect applies to multi questions only' } });
      }
      if (question.min !== undefined && question.max !== undefined && question.min > question.max) {
        issues.push({ path: `${path}.min`, message: { 'zh-CN': `最小值 ${question.min} 大于最大值 ${question.max}`, en: `min ${question.min} is above max ${question.max}` } });
      }
    });
  });
  const byId = new Map(all.map((x) => [x.question.id, x.question]));
  for (const { question, path } of all) {
    if (question.visibleIf) issues.push(...checkCondition(question.visibleIf, `${path}.visibleIf`, question.id, byId));
    (question.standsOn ?? []).forEach((id, k) => {
      const target = byId.get(id);
      if (!target || (!target.cell && !target.enabler)) issues.push({ path: `${path}.standsOn[${k}]`, message: { 'zh-CN': `standsOn 引用的 "${id}" 不是成熟度题或基础能力题`, en: `standsOn names "${id}", which is not a maturity or enabler question` } });
      if (id === question.id) issues.push({ path: `${path}.standsOn[${k}]`, message: { 'zh-CN': '题目不能以自己为基础', en: 'a question cannot stand on itself' } });
    });
  }
  const counts = new Map(CELLS.map((c) => [cellKey(c), 0]));
  for (const section of q.sections) {
    if (section.kind !== 'maturity') continue;
    for (const question of section.questions) {
      if (question.cell && question.visibleIf === undefined) counts.set(cellKey(question.cell), (counts.get(cellKey(question.cell)) ?? 0) + 1);
    }
  }
  for (const [cell, n] of counts) {
    if (n < MIN_PER_CELL[q.depth]) {
      issues.push({ path: 'sections', message: { 'zh-CN': `单元格 ${cell} 只有 ${n} 道必答成熟度题，${q.depth === 'full' ? '完整诊断' : '快速扫描'}至少需要 ${MIN_PER_CELL[q.depth]} 道`, en: `cell ${cell} has ${n} unconditional maturity question(s); a ${q.depth} questionnaire needs at least ${MIN_PER_CELL[q.depth]}` } });
    }
  }
  return issues;
}

/** Maturity and enabler questions climb the same ladder: one option per rung, one "not applicable", one "don't know". */
function checkLadder(question: Question, path: string, maturity: boolean): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (maturity && !question.cell) issues.push({ path: `${path}.cell`, message: { 'zh-CN': '成熟度题必须指明所属单元格', en: 'a maturity question must name its cell' } });
  if (!maturity && !question.enabler) issues.push({ path: `${path}.enabler`, message: { 'zh-CN': '基础能力题必须指明所属基础能力', en: 'an enabler question must name its enabler' } });
  if (question.type !== 'single') issues.push({ path: `${path}.type`, message: { 'zh-CN': '成熟度题必须是单选题', en: 'a maturity question must be "single"' } });
  const options = question.options ?? [];
  for (const level of [0, 1, 2, 3]) {
    const n = options.filter((o) => o.level === level).length;
    if (n !== 1) issues.push({ path: `${path}.options`, message: { 'zh-CN': `阶梯等级 ${level} 应恰好有一个选项（现有 ${n} 个）`, en: `needs exactly one option at level ${level} (has ${n})` } });
  }
  for (const special of ['na', 'unknown'] as const) {
    if (options.filter((o) => o.special === special).length !== 1) {
      issues.push({ path: `${path}.options`, message: special === 'na' ? { 'zh-CN': '需要恰好一个“不适用”选项', en: 'needs exactly one "not applicable" option' } : { 'zh-CN': '需要恰好一个“不清楚”选项', en: `needs exactly one "don't know" option` } });
    }
  }
  options.forEach((o, k) => {
    if (o.level === undefined && o.special === undefined) {
      issues.push({ path: `${path}.options[${k}]`, message: { 'zh-CN': '成熟度题的选项需要 level（0–3）或 special', en: 'a maturity option needs a level (0–3) or a special' } });
    }
  });
  return issues;
}

function checkCondition(c: Condition, path: string, self: string, byId: Map<string, Question>): ValidationIssue[] {
  if ('all' in c) return c.all.flatMap((x, i) => checkCondition(x, joinPath(joinPath(path, 'all'), i), self, byId));
  if ('any' in c) return c.any.flatMap((x, i) => checkCondition(x, joinPath(joinPath(path, 'any'), i), self, byId));
  if ('not' in c) return checkCondition(c.not, joinPath(path, 'not'), self, byId);
  if ('industryType' in c) return [];
  const target = byId.get(c.question);
  if (!target) {
    return [{ path: `${path}.question`, message: { 'zh-CN': `条件引用了不存在的题目 "${c.question}"`, en: `the condition names a question that does not exist: "${c.question}"` } }];
  }
  if (c.question === self) return [{ path: `${path}.question`, message: { 'zh-CN': '题目的显示条件不能引用它自己', en: 'a question cannot depend on itself' } }];
  if ('in' in c && target.options) {
    const known = new Set(target.options.map((o) => o.id));
    return c.in
      .filter((v) => !known.has(v))
      .map((v) => ({ path: `${path}.in`, message: { 'zh-CN': `题目 "${c.question}" 没有选项 "${v}"`, en: `question "${c.question}" has no option "${v}"` } }));
  }
  return [];
}
