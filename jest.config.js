const { availableParallelism } = require('node:os');

// New York time unless TZ says otherwise; workers inherit it. The bot keeps London time by name, so a
// zone that is neither UTC nor London shows up any date read or written in the machine's own zone
// (`npm run test:dates` runs once more with TZ=Europe/London).
process.env.TZ ??= 'America/New_York';
// Welsh unless LC_ALL says otherwise, for the same reason: it orders Ll, Rh and Ch as letters of their
// own, so a list sorted by the machine's locale rather than in English (domain/names.ts) shows up.
process.env.LC_ALL ||= 'cy_GB.UTF-8';

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default is one worker fewer than the cores: on a 2-core machine that runs every file in one
  // process. The slow files spend seconds waiting (Graph Retry-After, a slow Graph, HTTP round trips),
  // so one worker more than the cores keeps them busy while one waits (on 2 cores: 58 s with two
  // workers, 48 s with three). At most 4, to bound memory on big machines: worker heaps level off near
  // 350 MB, so no workerIdleMemoryLimit (restarting a worker costs its module loads).
  maxWorkers: Math.min(4, availableParallelism() + 1),
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
  // A folder per run for the template databases the tests copy (test/support/template-database.ts).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  testSequencer: '<rootDir>/test/support/test-sequencer.js',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  // Type checking is `npm run typecheck`'s job: the tests are only transpiled, by swc, which is quick
  // enough that a fresh clone's first run costs little more than a warm one.
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
};
