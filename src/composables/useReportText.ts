import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import type { Locale } from '../engine/index.ts';
import { useReportContext } from './reportContext.ts';
import { createReportText, type Translate } from './reportText.ts';

export { cellId, type AnswerLine } from './reportText.ts';

/**
 * Names, numbers and answers in the report's language (see `createReportText`), following the app's language
 * and the report context the screen provides.
 */
export function useReportText() {
  const { t, locale } = useI18n();
  const report = useReportContext();
  const lang = computed<Locale>(() => (locale.value === 'en' ? 'en' : 'zh-CN'));
  return { ...createReportText({ t: t as Translate, lang: () => lang.value, context: () => report.value }), t, lang };
}
