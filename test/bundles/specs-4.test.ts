import { loadSpecsOf } from '../support/spec-bundles';

// The specs that start the bot or open a database, loaded together (test/support/spec-bundles.ts).
loadSpecsOf(__filename);
