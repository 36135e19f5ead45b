import type { AnswersFile, KnowledgeBase, Questionnaire } from '../engine/index.ts';
import { indexQuestionnaire } from '../engine/index.ts';
import { validateAnswers } from './generated/answers.validator.js';
import { fromAjv, type Validation, type ValidationIssue } from './issues.ts';

function shortText(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = '…';
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** `1.2.10` > `1.2.9`: versions compared number by number. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * Checks an answers file (an import, a saved draft, a CLI input). With a questionnaire, also that it was made
 * for that questionnaire (not a later version of it) and names only its questions and options, with values the
 * question allows: numbers in range, no more choices than allowed; with the knowledge base, sector, province and
 * industry type codes that exist. Every problem is listed, not only the first.
 */
export function checkAnswers(data: unknown, questionnaire?: Questionnaire, knowledge?: Pick<KnowledgeBase, 'sectors' | 'regions' | 'industryTypes'>): Validation<AnswersFile> {
  let valid: boolean;
  try {
    valid = validateAnswers(data);
  } catch {
    // Only a value nested past any sense (thousands of levels) gets here.
    return { ok: false, issues: [{ path: '', message: { 'zh-CN': '文件结构嵌套过深，无法读取', en: 'the file is nested too deeply to be read' } }] };
  }
  if (!valid) return { ok: false, issues: fromAjv(validateAnswers.errors) };
  const answers = data as AnswersFile;
  if (!questionnaire) return { ok: true, value: answers };
  const issues: ValidationIssue[] = [];
  if (answers.questionnaire.id !== questionnaire.id) {
    issues.push({
      path: 'questionnaire.id',
      message: { 'zh-CN': `这些回答属于问卷 "${answers.questionnaire.id}"，不是 "${questionnaire.id}"`, en: `these answers belong to questionnaire "${answers.questionnaire.id}", not "${questionnaire.id}"` },
    });
    return { ok: false, issues };
  }
  if (compareVersions(answers.questionnaire.version, questionnaire.version) > 0) {
    issues.push({
      path: 'questionnaire.version',
      message: { 'zh-CN': `答卷来自更新的问卷版本 ${answers.questionnaire.version}（本工具为 ${questionnaire.version}），请先更新本工具`, en: `the answers come from a newer questionnaire version, ${answers.questionnaire.version} (this app has ${questionnaire.version}): update the app first` },
    });
  }
  const index = indexQuestionnaire(questionnaire);
  for (const [group, map] of [['profile', answers.profile], ['answers', answers.answers]] as const) {
    for (const [id, value] of Object.entries(map)) {
      const entry = index.byId.get(id);
      const path = `${group}.${id}`;
      if (!entry || entry.inProfile !== (group === 'profile')) {
        issues.push({ path, message: { 'zh-CN': `问卷中没有这道题${entry ? `（它属于 ${entry.inProfile ? 'profile' : 'answers'}）` : ''}`, en: `no such question in this questionnaire${entry ? ` (it belongs in ${entry.inProfile ? 'profile' : 'answers'})` : ''}` } });
        continue;
      }
      const type = entry.question.type;
      if (type === 'single' || type === 'multi') {
        const ids = Array.isArray(value) ? value : [value];
        if ((type === 'single') === Array.isArray(value)) {
          issues.push({ path, message: type === 'single' ? { 'zh-CN': '单选题应给一个选项编号', en: 'a single-choice question takes one option id' } : { 'zh-CN': '多选题应给选项编号列表', en: 'a multiple-choice question takes a list of option ids' } });
          continue;
        }
        for (const v of ids) {
          if (typeof v !== 'string' || !entry.options.has(v)) issues.push({ path, message: { 'zh-CN': `没有选项 "${String(v).slice(0, 64)}"`, en: `has no option "${String(v).slice(0, 64)}"` } });
        }
        const max = entry.question.maxSelect;
        if (type === 'multi' && max !== undefined && ids.length > max) {
          issues.push({ path, message: { 'zh-CN': `最多选 ${max} 项（实际 ${ids.length} 项）`, en: `allows at most ${max} choices (got ${ids.length})` } });
        }
      } else if (type === 'number') {
        if (typeof value !== 'number' || !Number.isFinite(value)) {
          issues.push({ path, message: { 'zh-CN': `应为数字（实际为 ${shortText(value)}）`, en: `must be a number (got ${shortText(value)})` } });
        } else {
          const { min, max } = entry.question;
          if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
            issues.push({ path, message: { 'zh-CN': `应在 ${min ?? '−∞'}–${max ?? '∞'} 之间（实际为 ${value}）`, en: `must be ${min ?? '−∞'}–${max ?? '∞'} (got ${value})` } });
          }
        }
      } else if (typeof value !== 'string') {
        issues.push({ path, message: { 'zh-CN': '应为文本', en: 'must be a text' } });
      } else if (type === 'city') {
        // The question's own option ("another city") or a city code. A city of another province than the one
        // answered is not an error (the province may have been changed since): the engine reads a city only with
        // its own province, and the form asks again.
        if (value !== '' && !entry.options.has(value) && knowledge && !knowledge.regions.some((x) => x.id === value && x.parent !== undefined)) {
          issues.push({ path, message: { 'zh-CN': `未知的城市代码 "${value.slice(0, 64)}"`, en: `unknown city code "${value.slice(0, 64)}"` } });
        }
      } else if (knowledge && value !== '') {
        const known =
          type === 'sector' ? knowledge.sectors.some((x) => x.id === value)
            : type === 'region' ? knowledge.regions.some((x) => x.id === value && x.parent === undefined)
              : type === 'industry-type' ? knowledge.industryTypes.some((x) => x.id === value)
                : true;
        if (!known) {
          const what = type === 'sector' ? { zh: '行业代码', en: 'sector code' } : type === 'region' ? { zh: '地区代码', en: 'province code' } : { zh: '行业类型', en: 'industry type' };
          issues.push({ path, message: { 'zh-CN': `未知的${what.zh} "${value.slice(0, 64)}"`, en: `unknown ${what.en} "${value.slice(0, 64)}"` } });
        }
      }
    }
  }
  return issues.length ? { ok: false, issues } : { ok: true, value: answers };
}

/**
 * Answers given to another version of the same questionnaire: every answer whose question and option still
 * exist carries over; the others are set aside and listed (never silently dropped).
 */
export function carryOver(file: AnswersFile, questionnaire: Questionnaire): { file: AnswersFile; setAside: ValidationIssue[] } {
  const kept = { profile: {} as AnswersFile['profile'], answers: {} as AnswersFile['answers'] };
  let setAside: ValidationIssue[] = [];
  const header = { id: questionnaire.id, version: questionnaire.version };
  for (const group of ['profile', 'answers'] as const) {
    for (const [id, value] of Object.entries(file[group])) {
      const one = checkAnswers({ questionnaire: header, profile: {}, answers: {}, [group]: { [id]: value } }, questionnaire);
      if (one.ok) kept[group][id] = value;
      else setAside = setAside.concat(one.issues);
    }
  }
  return { file: { ...file, questionnaire: header, ...kept }, setAside };
}
