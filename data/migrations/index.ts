import { Foundation1763870000000 } from './1763870000000-Foundation';
import { SupportRequests1763880000000 } from './1763880000000-SupportRequests';
import { Triage1763890000000 } from './1763890000000-Triage';
import { Calendar1763900000000 } from './1763900000000-Calendar';
import { Interventions1763910000000 } from './1763910000000-Interventions';
import { GroupConferences1763920000000 } from './1763920000000-GroupConferences';

/** In order. A migration, once released, is never edited: add a new one. */
export const MIGRATIONS = [
  Foundation1763870000000,
  SupportRequests1763880000000,
  Triage1763890000000,
  Calendar1763900000000,
  Interventions1763910000000,
  GroupConferences1763920000000,
];
