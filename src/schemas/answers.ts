import type { AnswersFile, Questionnaire } from '../engine/index.ts';
import { indexQuestionnaire } from '../engine/index.ts';
import { validateAnswers } from './generated/answers.validator.js';
import { fromAjv, type Validation, type ValidationIssue } from './issues.ts';

/**
 * Checks an answers file (an import, a saved draft, a CLI input). With a questionnaire, also that it was made
 * for that questionnaire and names only its questions and options.
 */
export function checkAnswers(data: unknown, questionnaire?: Questionnaire): Validation<AnswersFile> {
  if (!validateAnswers(data)) return { ok: false, issues: fromAjv(validateAnswers.errors) };
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
          if (typeof v !== 'string' || !entry.options.has(v)) issues.push({ path, message: { 'zh-CN': `没有选项 "${String(v)}"`, en: `has no option "${String(v)}"` } });
        }
      } else if (type === 'number' && typeof value !== 'number') {
        issues.push({ path, message: { 'zh-CN': `应为数字（实际为 ${JSON.stringify(value)}）`, en: `must be a number (got ${JSON.stringify(value)})` } });
      } else if (type !== 'number' && typeof value !== 'string') {
        issues.push({ path, message: { 'zh-CN': '应为文本', en: 'must be a text' } });
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
