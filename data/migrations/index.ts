import { Foundation1763870000000 } from './1763870000000-Foundation';
import { SupportRequests1763880000000 } from './1763880000000-SupportRequests';

/** In order. A migration, once released, is never edited: add a new one. */
export const MIGRATIONS = [Foundation1763870000000, SupportRequests1763880000000];
