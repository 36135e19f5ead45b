/**
 * The diagnosis engine's entry point: the app and the CLI import only from here.
 * Pure TypeScript — no Vue, no DOM — so it runs unchanged in the browser and in Node.
 */
export * from './types.ts';
export { diagnose, type DiagnosisInput, type DiagnoseOptions } from './diagnose.ts';
export { CELLS, cellKey, sameCell, stageLevel, stageOf, thresholdOf } from './cells.ts';
export {
  answerOf, chosenOptions, indexQuestionnaire, isAnswered, progressOf, resolveIndustryType, sectorOf, visibleQuestions,
  type IndexedQuestion, type Progress, type QuestionnaireIndex,
} from './questionnaire.ts';
export { assembleKnowledgeBase, assembleQuestionKnowledge, KnowledgeBaseError } from './knowledge.ts';
export { searchSectors, type SectorMatch } from './sectors.ts';
export { Explainer, NEED_NAMES } from './explain.ts';
export { applyProgrammePack, packOf, type PackMode, type PackOrigin, type ProgrammePack } from './packs.ts';
