const base = require('./jest.config.js');

/**
 * Crash tests (`npm run test:crash`): the compiled bot in child processes, killed with SIGKILL at
 * named points. They need `npm run build` first, so they are not part of the unit run.
 */
module.exports = {
  ...base,
  maxWorkers: 1,
  testMatch: ['**/test/crash/**/*.crash.ts'],
  testTimeout: 900000,
  // Child processes are ended by the tests; anything else left open must not hold the run.
  forceExit: true,
};
