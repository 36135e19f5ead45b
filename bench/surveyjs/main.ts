/**
 * The quick scan in SurveyJS (Vue 3 UI, its default theme, Chinese UI texts), as a SurveyJS user would set it up:
 * the page `npm run bench:surveyjs` measures beside AIMM. survey.generated.json is written by convert.ts from
 * questionnaires/quick.json before each build. The theme is the fontless build of the default one: the plain one
 * loads Open Sans from another origin, which AIMM never does (and its CSP would block).
 */
import 'survey-core/survey-core.fontless.css';
import 'survey-core/i18n/simplified-chinese';
import { Model } from 'survey-core';
import { SurveyComponent, surveyPlugin } from 'survey-vue3-ui';
import { createApp, h } from 'vue';
import json from './survey.generated.json';

const model = new Model(json);
createApp({ render: () => h(SurveyComponent, { model }) }).use(surveyPlugin).mount('#app');
