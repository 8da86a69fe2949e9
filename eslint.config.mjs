import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The dependency rule of the design: bot → dialogs → cards → domain ← data. Only bot/ knows every
 * folder; domain/ knows no other folder and no SDK; benchmarks stand apart from the tests.
 */
const layer = (folder, forbiddenFolders, forbiddenPackages = []) => ({
  files: [`${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbiddenFolders.map((name) => ({
            regex: `^(\\.\\./)+${name}(/|$)`,
            message: `${folder}/ may not import ${name}/ (dependency rule: bot → dialogs → cards → domain ← data).`,
          })),
          ...(forbiddenPackages.length
            ? [{ regex: `^(${forbiddenPackages.join('|')})(/|$)`, message: `${folder}/ may not use this SDK: keep it behind a port in an adapter.` }]
            : []),
        ],
      },
    ],
  },
});

const LOCALE_COMPARE = {
  selector: "CallExpression[callee.property.name='localeCompare']",
  message: "localeCompare follows the server's locale (a Welsh one orders Lloyd after Lynch): use compareNames, byName or compareCodes from domain/names.ts.",
};

const SDKS = ['botbuilder', 'botbuilder-dialogs', 'typeorm', 'restify', 'mssql', 'better-sqlite3', '@microsoft/.+', '@azure/.+', 'adaptivecards-templating', 'pino'];

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'node_modules/**', 'var/**', 'test-results/**', 'manifest/make-icons.js', 'test/support/summary-reporter.js', 'test/support/test-sequencer.js', 'playground/**', 'test/e2e/**', '*.config.js', '*.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      'no-restricted-syntax': ['error', LOCALE_COMPARE],
    },
  },
  ...['bot', 'dialogs', 'cards'].map((folder) => ({
    files: [`${folder}/**/*.ts`],
    rules: {
      'no-restricted-syntax': [
        'error',
        LOCALE_COMPARE,
        ...[
          "CallExpression[callee.name='hasRole']",
          "CallExpression[callee.name='isTeamLeader']",
          "CallExpression[callee.property.name='includes'][callee.object.property.name='roles']",
        ].map((selector) => ({ selector, message: `Rules live in domain/: ${folder}/ asks the journey's policy (what may this person do, which view is theirs) rather than checking a role itself.` })),
      ],
    },
  })),
  layer('domain', ['bot', 'dialogs', 'cards', 'data', 'manifest', 'test', 'bench'], SDKS),
  layer('cards', ['bot', 'dialogs', 'data', 'manifest', 'test', 'bench'], SDKS.filter((p) => p !== 'adaptivecards-templating')),
  layer('dialogs', ['bot', 'data', 'manifest', 'test', 'bench'], ['typeorm', 'restify', 'mssql', 'better-sqlite3', '@microsoft/.+', '@azure/.+']),
  layer('data', ['bot', 'dialogs', 'cards', 'manifest', 'test', 'bench']),
  layer('manifest', ['dialogs', 'cards', 'data', 'test', 'bench']),
  layer('bench', ['test']),
  layer('testkit', ['dialogs', 'cards', 'manifest', 'test', 'bench']),
);
