import type {
  AnswerBasis, AnswersFile, AxisResult, Cell, CellResult, ChallengeResult, Diagnosis, Flag, IndustryTypeId,
  KnowledgeBase, Level, Need, NeedResult, Questionnaire, Reason, Stage,
} from './types.ts';
import { NEEDS, ORGANIZATIONS, VALUE_FORMS } from './types.ts';
import { CELLS, cellKey, round1, sameCell, stageLevel, stageOf, thresholdOf } from './cells.ts';
import { Explainer } from './explain.ts';
import {
  answerOf, chosenOptions, type ConditionContext, indexQuestionnaire, isAnswered, isVisible, resolveIndustryType,
} from './questionnaire.ts';
import { matchCases, matchPolicies, rankPriorities, buildRoadmap } from './recommend.ts';

export interface DiagnoseOptions {
  /** Roadmap record ids the user plans to take (what-if): each lifts its cell to that step's stage. */
  plannedSteps?: readonly string[];
}

export interface DiagnosisInput {
  questionnaire: Questionnaire;
  knowledgeBase: KnowledgeBase;
  answers: Pick<AnswersFile, 'profile' | 'answers'>;
}

interface CellTally {
  weighted: number;
  weights: number;
  basis: AnswerBasis[];
  visible: number;
  answered: number;
  unknown: number;
  notApplicable: number;
}

/**
 * Turns answers into a diagnosis. Pure and deterministic: the same input gives the same result,
 * and every number in it names the answers and the rule it came from.
 */
export function diagnose(input: DiagnosisInput, options: DiagnoseOptions = {}): Diagnosis {
  const { questionnaire, knowledgeBase: kb, answers } = input;
  const rules = kb.rules;
  const explain = new Explainer(kb);
  const index = indexQuestionnaire(questionnaire);
  const industry = resolveIndustryType(answers, kb);
  const type = industry.id === null ? undefined : kb.industryTypes.find((t) => t.id === industry.id);
  const ctx: ConditionContext = { index, answers, industryType: industry.id };

  const tallies = new Map<string, CellTally>(
    CELLS.map((c) => [cellKey(c), { weighted: 0, weights: 0, basis: [], visible: 0, answered: 0, unknown: 0, notApplicable: 0 }]),
  );
  const needSources = new Map<Need, { answers: Set<string>; cells: Cell[] }>();
  const addNeed = (need: Need, questionId: string | null, cell: Cell | null): void => {
    let entry = needSources.get(need);
    if (!entry) needSources.set(need, (entry = { answers: new Set(), cells: [] }));
    if (questionId !== null) entry.answers.add(questionId);
    if (cell && !entry.cells.some((c) => sameCell(c, cell))) entry.cells.push(cell);
  };
  const challengeAnswers = new Map<string, Set<string>>();
  const painPoints = new Set<string>();
  let visibleCount = 0;
  let answeredCount = 0;

  for (const entry of index.questions) {
    if (!isVisible(entry, ctx)) continue;
    visibleCount++;
    const value = answerOf(entry, answers);
    const answered = isAnswered(entry, value);
    if (answered) answeredCount++;
    const chosen = answered ? chosenOptions(entry, value) : [];
    for (const option of chosen) {
      for (const need of option.needs ?? []) addNeed(need, entry.question.id, null);
      for (const challenge of option.challenges ?? []) {
        const set = challengeAnswers.get(challenge) ?? new Set<string>();
        set.add(entry.question.id);
        challengeAnswers.set(challenge, set);
      }
      if (option.painPoint !== undefined) painPoints.add(option.painPoint);
    }
    const cell = entry.section.kind === 'maturity' ? entry.question.cell : undefined;
    if (!cell) continue;
    const tally = tallies.get(cellKey(cell));
    if (!tally) continue;
    tally.visible++;
    const option = chosen[0];
    if (!option) continue;
    if (option.special === 'na') {
      tally.notApplicable++;
      tally.basis.push({ questionId: entry.question.id, optionId: option.id, level: null, special: 'na' });
      continue;
    }
    // "Don't know" scores as nothing yet; it still counts in the denominator.
    const level: Level = option.special === 'unknown' ? 0 : option.level ?? 0;
    const weight = entry.question.weight ?? 1;
    tally.answered++;
    tally.weighted += weight * level;
    tally.weights += weight;
    if (option.special === 'unknown') tally.unknown++;
    tally.basis.push(
      option.special === 'unknown'
        ? { questionId: entry.question.id, optionId: option.id, level: 0, special: 'unknown' }
        : { questionId: entry.question.id, optionId: option.id, level },
    );
  }

  const planned = new Set(options.plannedSteps ?? []);
  const plannedRecords = kb.roadmap.filter((r) => planned.has(r.id));

  const weightOf = (cell: Cell): number => type?.weights.find((w) => sameCell(w, cell))?.weight ?? 1;
  const targetOf = (cell: Cell): Stage =>
    (type?.targets ?? rules.defaultTargets).find((t) => sameCell(t, cell))?.stage ?? 'networked';

  const cells: CellResult[] = CELLS.map((cell) => {
    const tally = tallies.get(cellKey(cell)) as CellTally;
    const measured = tally.weights > 0 ? (100 * tally.weighted) / (3 * tally.weights) : null;
    const lift = plannedRecords
      .filter((r) => sameCell(r, cell))
      .reduce((max, r) => Math.max(max, thresholdOf(r.stage, rules)), -1);
    const projected = lift >= 0 && (measured === null || lift > measured);
    const score = projected ? lift : measured === null ? null : round1(measured);
    const answersUsed = tally.basis.map((b) => b.questionId);
    const name = explain.cell(cell);
    const reason: Reason =
      score === null
        ? {
            rule: 'cell-no-answers',
            answers: answersUsed,
            text: {
              'zh-CN': `「${name['zh-CN']}」没有可计分的回答，暂不评分。`,
              en: `"${name.en}" has no scorable answer yet, so it is not scored.`,
            },
          }
        : projected
          ? {
              rule: 'cell-planned-step',
              answers: answersUsed,
              text: {
                'zh-CN': `按计划完成路线图步骤后，「${name['zh-CN']}」预计达到${explain.stage(stageOf(score, rules))['zh-CN']}（${score} 分）。`,
                en: `Once the planned roadmap step is done, "${name.en}" is projected to reach ${explain.stage(stageOf(score, rules)).en} (${score}).`,
              },
            }
          : {
              rule: 'cell-mean-level',
              answers: answersUsed,
              text: {
                'zh-CN': `${tally.answered} 个回答的平均阶梯 ${round1((score * 3) / 100)}（0–3）折算为 ${score} 分${tally.unknown > 0 ? `，其中 ${tally.unknown} 个“不清楚”按 0 计` : ''}${tally.notApplicable > 0 ? `；${tally.notApplicable} 个“不适用”不计入` : ''}。`,
                en: `${tally.answered} answer(s) average rung ${round1((score * 3) / 100)} of 3, i.e. ${score} of 100${tally.unknown > 0 ? `; ${tally.unknown} "don't know" count as 0` : ''}${tally.notApplicable > 0 ? `; ${tally.notApplicable} "not applicable" left out` : ''}.`,
              },
            };
    return {
      ...cell,
      score,
      stage: score === null ? null : stageOf(score, rules),
      weight: weightOf(cell),
      target: targetOf(cell),
      answered: tally.answered,
      visible: tally.visible,
      unknown: tally.unknown,
      notApplicable: tally.notApplicable,
      projected,
      basis: tally.basis,
      reason,
    };
  });

  const scored = cells.filter((c): c is CellResult & { score: number; stage: Stage } => c.score !== null);
  const scorableQuestions = cells.reduce((n, c) => n + c.visible - c.notApplicable, 0);
  const answeredScorable = cells.reduce((n, c) => n + c.answered, 0);
  const unknownCount = cells.reduce((n, c) => n + c.unknown, 0);
  const coverageRatio = scorableQuestions === 0 ? 0 : answeredScorable / scorableQuestions;
  const confidence = scorableQuestions === 0 ? 0 : (answeredScorable - unknownCount) / scorableQuestions;
  const sufficient =
    (coverageRatio >= rules.minCoverage || plannedRecords.length > 0) && scored.length >= rules.minScoredCells;

  const mean = (xs: number[]): number | null => (xs.length === 0 ? null : round1(xs.reduce((a, b) => a + b, 0) / xs.length));
  const axis = (pick: (c: CellResult) => boolean, id: string): AxisResult => {
    const score = mean(scored.filter(pick).map((c) => c.score));
    return { id, score, stage: score === null ? null : stageOf(score, rules) };
  };

  const flags = findFlags(cells, input, explain);

  const overallScore = sufficient ? mean(scored.map((c) => c.score)) : null;
  const weightSum = scored.reduce((n, c) => n + c.weight, 0);
  const weightedScore =
    sufficient && weightSum > 0 ? round1(scored.reduce((n, c) => n + c.weight * c.score, 0) / weightSum) : null;
  const allAnswers = cells.flatMap((c) => c.basis.map((b) => b.questionId));
  const overallReason: Reason = sufficient
    ? {
        rule: 'overall-mean',
        answers: allAnswers,
        text: {
          'zh-CN': `总分是 ${scored.length} 个已评分单元格的平均分；加权指数按${type ? `「${type.name['zh-CN']}」` : '默认'}的权重计算。`,
          en: `The overall score is the mean of ${scored.length} scored cells; the weighted index uses the ${type ? `"${type.name.en}"` : 'default'} weights.`,
        },
      }
    : {
        rule: 'overall-insufficient',
        answers: allAnswers,
        text: {
          'zh-CN': `回答还不够：已答 ${Math.round(coverageRatio * 100)}% 的成熟度题、${scored.length} 个单元格有分，至少需要 ${Math.round(rules.minCoverage * 100)}% 和 ${rules.minScoredCells} 个。`,
          en: `Not enough answers yet: ${Math.round(coverageRatio * 100)}% of maturity questions answered and ${scored.length} cells scored; at least ${Math.round(rules.minCoverage * 100)}% and ${rules.minScoredCells} are needed.`,
        },
      };

  const challenges: ChallengeResult[] = kb.challenges
    .filter((c) => challengeAnswers.has(c.id))
    .map((c) => ({ id: c.id, answers: [...(challengeAnswers.get(c.id) ?? [])].sort() }));
  for (const challenge of kb.challenges) {
    const from = challengeAnswers.get(challenge.id);
    if (!from) continue;
    for (const need of challenge.needs ?? []) for (const q of from) addNeed(need, q, null);
  }

  const orderedPainPoints = kb.painPoints.filter((p) => painPoints.has(p.id)).map((p) => p.id);
  const priorities = sufficient
    ? rankPriorities(cells, { kb, explain, painPoints: orderedPainPoints, typeName: type?.name ?? null })
    : [];
  const roadmap = buildRoadmap(priorities, { kb, explain });
  for (const step of [...roadmap, ...plannedRecords]) {
    const toStage = 'toStage' in step ? step.toStage : step.stage;
    for (const need of [...step.needs, ...rules.gapNeeds[toStage]]) addNeed(need, null, step);
  }

  const needs: NeedResult[] = NEEDS.filter((n) => needSources.has(n)).map((n) => {
    const src = needSources.get(n) as { answers: Set<string>; cells: Cell[] };
    return { id: n, answers: [...src.answers].sort(), cells: src.cells };
  });

  const context = {
    kb,
    explain,
    industryType: industry.id as IndustryTypeId | null,
    priorities,
    needs,
    profile: answers.profile,
  };

  return {
    status: sufficient ? 'ok' : 'insufficient',
    questionnaire: { id: questionnaire.id, version: questionnaire.version },
    knowledgeBase: { version: kb.version },
    industryType: industry,
    progress: { answered: answeredCount, visible: visibleCount },
    coverage: {
      answered: answeredScorable,
      scorable: scorableQuestions,
      unknown: unknownCount,
      notApplicable: cells.reduce((n, c) => n + c.notApplicable, 0),
      ratio: round3(coverageRatio),
    },
    confidence: round3(confidence),
    overall: {
      score: overallScore,
      stage: overallScore === null ? null : stageOf(overallScore, rules),
      weightedScore,
      reason: overallReason,
    },
    cells,
    axes: {
      organization: ORGANIZATIONS.map((o) => axis((c) => c.organization === o, o)),
      value: VALUE_FORMS.map((v) => axis((c) => c.value === v, v)),
    },
    flags,
    priorities,
    roadmap,
    needs,
    challenges,
    painPoints: orderedPainPoints,
    cases: sufficient ? matchCases(context) : [],
    policies: matchPolicies(context),
    plannedSteps: plannedRecords.map((r) => r.id),
  };
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Contradictions the report should show rather than average away. */
function findFlags(cells: CellResult[], input: DiagnosisInput, explain: Explainer): Flag[] {
  const { rules } = input.knowledgeBase;
  const index = indexQuestionnaire(input.questionnaire);
  const flags: Flag[] = [];
  for (const cell of cells) {
    const levels = cell.basis.filter((b) => b.level !== null);
    const high = levels.filter((b) => (b.level ?? 0) >= rules.foundationRule.highLevel && b.special === undefined);
    const weakFoundation = levels.filter(
      (b) => index.byId.get(b.questionId)?.question.foundation === true && (b.level ?? 0) <= rules.foundationRule.foundationMaxLevel,
    );
    if (high.length > 0 && weakFoundation.length > 0) {
      const name = explain.cell(cell);
      flags.push({
        organization: cell.organization,
        value: cell.value,
        rule: 'foundation',
        reason: {
          rule: 'foundation',
          answers: [...high, ...weakFoundation].map((b) => b.questionId),
          text: {
            'zh-CN': `「${name['zh-CN']}」有回答达到${explain.stage('intelligent')['zh-CN']}，但它所依赖的数据基础仍停留在最低一级——没有数据的智能难以成立，请核实。`,
            en: `"${name.en}" claims ${explain.stage('intelligent').en} practice while the data foundation it rests on is at the lowest rung — AI without data rarely holds; please check.`,
          },
        },
      });
    }
  }
  for (const p of rules.cellPrerequisites) {
    const cell = cells.find((c) => sameCell(c, p.cell));
    const required = cells.find((c) => sameCell(c, p.requires));
    if (!cell?.stage || !required?.stage || cell.projected) continue;
    if (stageLevel(cell.stage) >= stageLevel('networked') && stageLevel(required.stage) < stageLevel(p.minStage)) {
      const a = explain.cell(cell);
      const b = explain.cell(required);
      flags.push({
        organization: cell.organization,
        value: cell.value,
        rule: 'prerequisite',
        reason: {
          rule: 'prerequisite',
          answers: [...cell.basis, ...required.basis].map((x) => x.questionId),
          text: {
            'zh-CN': `「${a['zh-CN']}」已到${explain.stage(cell.stage)['zh-CN']}，而它的前提「${b['zh-CN']}」尚未到${explain.stage(p.minStage)['zh-CN']}，结果可能偏高。`,
            en: `"${a.en}" is at ${explain.stage(cell.stage).en} while its prerequisite "${b.en}" has not reached ${explain.stage(p.minStage).en}; the result may be optimistic.`,
          },
        },
      });
    }
  }
  return flags;
}
