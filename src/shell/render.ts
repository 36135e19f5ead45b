import { createSSRApp } from 'vue';
import { createPinia } from 'pinia';
import { renderToString } from 'vue/server-renderer';
import App from '../App.vue';
import { i18n } from '../i18n/index.ts';
import { useAssessmentStore } from '../stores/assessment.ts';

/**
 * The landing page as the app first draws it, in Chinese, rendered at build time (scripts/shell.ts) into
 * index.html: the page paints before any script has run. Its buttons show as busy (the store's `loading`)
 * until the app has started and taken the markup over (src/start.ts).
 */
export async function renderShell(): Promise<string> {
  const pinia = createPinia();
  const app = createSSRApp(App).use(pinia).use(i18n);
  useAssessmentStore(pinia).loading = true;
  return renderToString(app);
}
