import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

export default tseslint.config(
  // bench/surveyjs/dist/: the SurveyJS page npm run bench:surveyjs builds (minified third-party code).
  { ignores: ['dist/', 'node_modules/', 'coverage/', '.tmp/', 'src/schemas/generated/', 'bench/surveyjs/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      // Texts can come from portals' questionnaires: they are always rendered as text.
      'vue/no-v-html': 'error',
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // TypeScript already checks that every name exists (typescript-eslint's advice for TS and Vue files).
    files: ['**/*.ts', '**/*.vue'],
    rules: { 'no-undef': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The engine runs in Node and in the browser alike: no Vue, no Pinia, no DOM.
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vue', 'vue-*', '@vue/*', 'pinia', 'chart.js', 'chart.js/*'], message: 'src/engine is pure TypeScript: no Vue, Pinia or UI libraries.' },
          { group: ['../*', '!../engine/*'], message: 'src/engine imports nothing from the rest of the app.' },
          { group: ['node:*'], message: 'src/engine runs in the browser too: no Node built-ins.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'sessionStorage', 'navigator', 'location', 'HTMLElement'],
    },
  },
  {
    // The engine's sub-folders (recommend/) reach the engine one level up, and nothing above it.
    files: ['src/engine/*/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['vue', 'vue-*', '@vue/*', 'pinia', 'chart.js', 'chart.js/*'], message: 'src/engine is pure TypeScript: no Vue, Pinia or UI libraries.' },
          { group: ['../../*'], message: 'src/engine imports nothing from the rest of the app.' },
          { group: ['node:*'], message: 'src/engine runs in the browser too: no Node built-ins.' },
        ],
      }],
    },
  },
);
