import { computed, inject, provide, type ComputedRef, type InjectionKey } from 'vue';
import type { AnswerMap, AnswersFile, KnowledgeBase, Questionnaire } from '../engine/index.ts';

/**
 * What the report's components read: the knowledge base, the questionnaire and the answers behind the
 * diagnosis shown. The screen provides it (the open diagnosis, or a shared link's answers, read-only), so the
 * components and `useReportText` never reach into a store.
 */
export interface ReportContext {
  knowledge: KnowledgeBase;
  questionnaire: Questionnaire;
  profile: AnswerMap;
  answers: AnswerMap;
  company: string;
  /** A shared report: nothing on it can be changed. */
  readOnly: boolean;
  setCompany?: (company: string) => void;
}

const KEY: InjectionKey<ComputedRef<ReportContext | null>> = Symbol('report-context');

export function provideReportContext(context: () => ReportContext | null): ComputedRef<ReportContext | null> {
  const value = computed(context);
  provide(KEY, value);
  return value;
}

export function useReportContext(): ComputedRef<ReportContext | null> {
  return inject(KEY, computed(() => null));
}

/** A shared link's answers, as the read-only report shows them. */
export interface SharedReport {
  questionnaire: Questionnaire;
  knowledge: KnowledgeBase;
  file: AnswersFile;
  completedAt: number | null;
}
