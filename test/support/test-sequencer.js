const Sequencer = require('@jest/test-sequencer').default;

/**
 * Runs the spec bundles (test/bundles/specs-*.test.ts) first. With the timings of a previous run
 * Jest already starts the longest files first; without them (a fresh clone) it orders by file size,
 * and the bundles, a few lines each but the longest files by far, would start last and run alone.
 */
class BundlesFirst extends Sequencer {
  sort(tests) {
    const ordered = super.sort(tests);
    const bundle = (test) => /[\\/]test[\\/]bundles[\\/]specs-\d+\.test\.ts$/.test(test.path);
    return [...ordered.filter(bundle), ...ordered.filter((test) => !bundle(test))];
  }
}

module.exports = BundlesFirst;
