/** @type {import('jest').Config} */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
  setupFiles: ['<rootDir>/test/support/setup-env.ts'],
  testTimeout: 30000,
  // Each test file in a fresh worker process. Run one after another in a single process, a file
  // using the Graph stand-in stalled after a file that ran the bot's restify server; separate
  // processes keep every file as it runs alone.
  maxWorkers: 2,
  workerIdleMemoryLimit: '1KB',
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }] },
};
