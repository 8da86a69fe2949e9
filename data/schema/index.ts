import type { EntitySchema } from 'typeorm';
import type { SqlDialect } from './dialect';

/** A table the bot owns, described for a dialect. */
export type EntityFactory = (dialect: SqlDialect) => EntitySchema;
