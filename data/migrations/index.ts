import { Foundation1763870000000 } from './1763870000000-Foundation';

/** In order. A migration, once released, is never edited: add a new one. */
export const MIGRATIONS = [Foundation1763870000000];
