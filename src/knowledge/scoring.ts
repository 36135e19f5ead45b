import type { AnswersFile, Diagnosis, KnowledgeBase, Questionnaire } from '../engine/index.ts';
import { diagnose, visibleQuestions, isAnswered, answerOf } from '../engine/index.ts';
import { loadKnowledgeBase, loadQuestionnaire, type Depth } from './browser.ts';
import type { Summary } from '../persistence/format.ts';
import { today } from '../composables/today.ts';

/**
 * The engine with both questionnaires and the knowledge base, for screens that score diagnoses other than the
 * open one: the workspace's list and exports, an import's checks, a comparison, a shared link.
 */
export interface Scoring {
  questionnaires: Record<Depth, Questionnaire>;
  knowledge: KnowledgeBase;
  diagnose: (file: AnswersFile, depth: Depth) => Diagnosis;
  summarize: (file: AnswersFile, depth: Depth) => Summary;
}

let loading: Promise<Scoring> | null = null;

export function loadScoring(): Promise<Scoring> {
  loading ??= Promise.all([loadQuestionnaire('quick'), loadQuestionnaire('full'), loadKnowledgeBase()]).then(([quick, full, knowledge]) => {
    const questionnaires = { quick, full };
    const run = (file: AnswersFile, depth: Depth): Diagnosis =>
      diagnose({ questionnaire: questionnaires[depth], knowledgeBase: knowledge, answers: { profile: file.profile, answers: file.answers } }, { date: today() });
    return {
      questionnaires,
      knowledge,
      diagnose: run,
      summarize(file, depth) {
        const answers = { profile: file.profile, answers: file.answers };
        const shown = visibleQuestions(questionnaires[depth], answers, knowledge);
        const d = run(file, depth);
        return {
          answered: shown.filter((q) => isAnswered(q, answerOf(q, answers))).length,
          total: shown.length,
          status: d.status,
          score: d.overall.score,
          stage: d.overall.stage,
        };
      },
    };
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
