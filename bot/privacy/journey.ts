import { Privacy1764400000000 } from '../../data/migrations/1764400000000-Privacy';
import { accessLogSchema, privacyRecordSchema } from '../../data/schema/privacy';
import type { Journey } from '../core/journey';

/** Data protection: erasure, subject access, the audit of reads and retention of claimant data. */
export const privacyJourney: Journey = {
  name: 'privacy',
  capabilities: [],
  entities: [privacyRecordSchema, accessLogSchema],
  migrations: [Privacy1764400000000],
  build: () => ({}),
};
