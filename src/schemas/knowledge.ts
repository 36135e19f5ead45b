import type { Cell, KnowledgeBase, KnowledgeFile, Questionnaire } from '../engine/index.ts';
import { CELLS, cellKey } from '../engine/index.ts';
import { validateKnowledgeFile } from './generated/knowledge.validator.js';
import { duplicateIds, fromAjv, type Validation, type ValidationIssue } from './issues.ts';

/** Schema check of one knowledge file, then the checks within that file a schema cannot express. */
export function checkKnowledgeFile(data: unknown): Validation<KnowledgeFile> {
  if (!validateKnowledgeFile(data)) return { ok: false, issues: fromAjv(validateKnowledgeFile.errors) };
  const file = data as KnowledgeFile;
  const issues = withinFile(file);
  return issues.length ? { ok: false, issues } : { ok: true, value: file };
}

function everyCellOnce(cells: readonly Cell[], path: string, what: string): ValidationIssue[] {
  const keys = cells.map(cellKey);
  const missing = CELLS.map(cellKey).filter((k) => !keys.includes(k));
  const twice = keys.filter((k, i) => keys.indexOf(k) !== i);
  return [
    ...missing.map((k) => ({ path, message: { 'zh-CN': `${what}缺少单元格 ${k}`, en: `${what}lacks cell ${k}` } })),
    ...twice.map((k) => ({ path, message: { 'zh-CN': `${what}中单元格 ${k} 出现了两次`, en: `${what}names cell ${k} twice` } })),
  ];
}

function withinFile(file: KnowledgeFile): ValidationIssue[] {
  switch (file.kind) {
    case 'cube':
      return [...duplicateIds(file.cells, 'cells'), ...everyCellOnce(file.cells, 'cells', 'the cube ')];
    case 'industry-types':
      return [
        ...duplicateIds(file.records, 'records'),
        ...file.records.flatMap((r, i) => [
          ...everyCellOnce(r.weights, `records[${i}].weights`, `${r.id} weights: `),
          ...everyCellOnce(r.targets, `records[${i}].targets`, `${r.id} targets: `),
        ]),
      ];
    case 'rules': {
      const t = file.stageThresholds;
      const issues: ValidationIssue[] = everyCellOnce(file.defaultTargets, 'defaultTargets', 'default targets: ');
      if (!(t.digital < t.networked && t.networked < t.intelligent)) {
        issues.push({ path: 'stageThresholds', message: { 'zh-CN': '阈值必须逐级升高：digital < networked < intelligent', en: 'thresholds must rise: digital < networked < intelligent' } });
      }
      file.sizeClasses.forEach((c, i) => {
        const previous = file.sizeClasses[i - 1];
        if (previous && (c.minEmployees > previous.minEmployees || c.minRevenue > previous.minRevenue)) {
          issues.push({ path: `sizeClasses[${i}]`, message: { 'zh-CN': '规模类别须从大到小排列', en: 'size classes must run from the largest down' } });
        }
      });
      return issues;
    }
    case 'scenarios':
    case 'enablers':
      return duplicateIds(file.records, 'records');
    case 'yardsticks': {
      const issues = duplicateIds(file.records, 'records');
      file.records.forEach((r, i) => {
        r.levels.forEach((l, k) => {
          const previous = r.levels[k - 1];
          if (previous && l.minScore <= previous.minScore) issues.push({ path: `records[${i}].levels[${k}].minScore`, message: { 'zh-CN': '等级的起点分须逐级升高', en: 'levels must start at rising scores' } });
        });
      });
      return issues;
    }
    case 'roles':
      return duplicateIds(file.records, 'records');
    case 'cases':
    case 'policies':
    case 'sectors':
    case 'regions':
    case 'challenges':
    case 'impacts':
    case 'fields':
    case 'pain-points':
      return duplicateIds(file.records, 'records');
  }
}

/** Checks across files: every id one record names exists in the file that defines it. */
export function checkKnowledgeBase(kb: KnowledgeBase): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const regions = new Set(kb.regions.map((r) => r.id));
  const types = new Set(kb.industryTypes.map((t) => t.id));
  const sectors = new Set(kb.sectors.map((s) => s.id));
  kb.policies.forEach((p, i) => {
    const path = `policies.records[${i}]`;
    for (const region of p.eligibility?.regions ?? []) {
      if (!regions.has(region)) issues.push({ path: `${path}.eligibility.regions`, message: { 'zh-CN': `政策 "${p.id}" 引用了不存在的地区 "${region}"`, en: `policy "${p.id}" names an unknown region "${region}"` } });
    }
    for (const sector of p.eligibility?.sectors ?? []) {
      if (sector !== 'C' && !sectors.has(sector)) issues.push({ path: `${path}.eligibility.sectors`, message: { 'zh-CN': `政策 "${p.id}" 引用了不存在的行业 "${sector}"`, en: `policy "${p.id}" names an unknown sector "${sector}"` } });
    }
    if (p.validFrom && p.validUntil && p.validFrom > p.validUntil) issues.push({ path: `${path}.validUntil`, message: { 'zh-CN': `政策 "${p.id}" 的截止日期早于开始日期`, en: `policy "${p.id}" ends before it starts` } });
    if (p.group === 'programme' && !p.url) issues.push({ path: `${path}.url`, message: { 'zh-CN': `可申报项目 "${p.id}" 缺少链接`, en: `programme "${p.id}" lacks a link` } });
  });
  kb.regions.forEach((r, i) => {
    if (r.parent !== undefined && (!regions.has(r.parent) || !r.id.startsWith(r.parent))) issues.push({ path: `regions.records[${i}].parent`, message: { 'zh-CN': `地区 ${r.id} 的上级 "${r.parent}" 不对`, en: `region ${r.id} names a wrong parent "${r.parent}"` } });
  });
  kb.sectors.forEach((s, i) => {
    const path = `sectors.records[${i}]`;
    if (!types.has(s.industryType)) issues.push({ path: `${path}.industryType`, message: { 'zh-CN': `行业 ${s.id} 的类型 "${s.industryType}" 未定义`, en: `sector ${s.id} names an undefined industry type "${s.industryType}"` } });
    if (s.parent !== undefined && (!sectors.has(s.parent) || !s.id.startsWith(s.parent) || s.id.length <= s.parent.length)) {
      issues.push({ path: `${path}.parent`, message: { 'zh-CN': `行业 ${s.id} 的上级 "${s.parent}" 不存在或编码不对应`, en: `sector ${s.id} names a parent "${s.parent}" that does not exist or whose code it does not extend` } });
    }
    if (s.id.length > 3 && s.parent === undefined) issues.push({ path: `${path}.parent`, message: { 'zh-CN': `行业 ${s.id} 缺少上级`, en: `sector ${s.id} lacks its parent` } });
    if (s.blend) {
      const total = s.blend.reduce((sum, b) => sum + b.share, 0);
      if (Math.abs(total - 1) > 0.001) issues.push({ path: `${path}.blend`, message: { 'zh-CN': `行业 ${s.id} 的类型占比合计应为 1（现为 ${total}）`, en: `sector ${s.id}: the shares of its blend must add up to 1 (they add up to ${total})` } });
      const top = [...s.blend].sort((a, b) => b.share - a.share)[0];
      if (top && top.industryType !== s.industryType) issues.push({ path: `${path}.industryType`, message: { 'zh-CN': `行业 ${s.id} 的主类型应为占比最大的 "${top.industryType}"`, en: `sector ${s.id}: its main type must be the largest share of its blend, "${top.industryType}"` } });
    }
  });
  kb.cases.forEach((c, i) => {
    for (const t of c.industryTypes) {
      if (!types.has(t)) issues.push({ path: `cases.records[${i}].industryTypes`, message: { 'zh-CN': `案例 "${c.id}" 的行业类型 "${t}" 未定义`, en: `case "${c.id}" names an undefined industry type "${t}"` } });
    }
  });
  return issues;
}

/** Checks that a questionnaire names only pain points and challenges the knowledge base defines. */
export function checkQuestionnaireAgainstKnowledge(q: Questionnaire, kb: KnowledgeBase): ValidationIssue[] {
  const painPoints = new Set(kb.painPoints.map((p) => p.id));
  const challenges = new Set(kb.challenges.map((c) => c.id));
  const issues: ValidationIssue[] = [];
  q.sections.forEach((section, s) => {
    section.questions.forEach((question, i) => {
      (question.options ?? []).forEach((o, k) => {
        const path = `sections[${s}].questions[${i}].options[${k}]`;
        if (o.painPoint !== undefined && !painPoints.has(o.painPoint)) {
          issues.push({ path: `${path}.painPoint`, message: { 'zh-CN': `未知的痛点 "${o.painPoint}"`, en: `unknown pain point "${o.painPoint}"` } });
        }
        for (const c of o.challenges ?? []) {
          if (!challenges.has(c)) issues.push({ path: `${path}.challenges`, message: { 'zh-CN': `未知的挑战 "${c}"`, en: `unknown challenge "${c}"` } });
        }
      });
    });
  });
  return issues;
}
