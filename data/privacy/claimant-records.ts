import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import type { ClaimantKey } from '../../domain/privacy/claimant-key';
import { formatNino } from '../../domain/requests/nino';
import { inTransaction } from '../transactions';
import { CLAIMANT_TABLES, REMOVED, type ClaimantDataKind, type ClaimantTable } from './claimant-data';

/** The cases held about one claimant, found by NINO (or picked by the retention job). */
export interface ClaimantCases {
  readonly claimantIds: readonly string[];
  readonly requestIds: readonly string[];
  readonly conversationIds: readonly string[];
  readonly retentionCaseIds: readonly string[];
  /** Human references, for the record of what was done (never the NINO). */
  readonly references: readonly string[];
  /** Text to look for in stored documents (bot state): the NINO as stored and as typed with spaces. */
  readonly searchTerms: readonly string[];
}

/** Rows of one table about the claimant, for the subject access document. */
export interface HeldRows {
  readonly table: ClaimantTable;
  readonly rows: readonly Record<string, unknown>[];
}

/** Statuses after which nothing more happens to a case. */
export const REQUEST_ENDED = ['closed', 'redirected', 'withdrawn'] as const;
export const ADVICE_ENDED = ['held', 'did_not_attend', 'declined', 'cancelled'] as const;
export const RETENTION_ENDED = ['closed'] as const;

const reference = (prefix: string, number: number) => `${prefix}${String(number).padStart(6, '0')}`;

/** SQL Server takes at most 2,100 parameters a statement: ids go in chunks well under it. */
const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function idsFor(cases: ClaimantCases, table: ClaimantTable): readonly string[] {
  switch (table.link.by) {
    case 'claimant':
      return cases.claimantIds;
    case 'request':
      return cases.requestIds;
    case 'conversation':
      return cases.conversationIds;
    case 'retention':
      return cases.retentionCaseIds;
    case 'reference':
      // Any case's reference: an HCP's case conference may be about a request, a conversation or a retention case.
      return cases.references;
    case 'search':
      return [];
  }
}

function replacementFor(kind: ClaimantDataKind, text: string): string {
  if (kind === 'nino') return REMOVED.nino;
  if (kind === 'surname' || kind === 'name') return REMOVED.surname;
  return text;
}

/** Reads, anonymises and exports claimant data table by table, as CLAIMANT_TABLES declares it. */
export class ClaimantRecords {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every case of the claimant with this (normalised) NINO; and, for someone who claims no benefit,
   * the retention cases recorded without a NINO under this name and employer (capital letters and
   * spacing aside, the same on SQL Server's collation and on SQLite).
   */
  async casesOf(key: ClaimantKey): Promise<ClaimantCases> {
    const { nino, person } = key;
    const claimants = nino ? await this.dataSource.createQueryBuilder().select('c.id', 'id').from('Claimant', 'c').where('c.nino = :nino', { nino }).getRawMany<{ id: string }>() : [];
    const claimantIds = claimants.map((c) => c.id);
    const requests = claimantIds.length === 0 ? [] : await this.inChunks(claimantIds, (ids) => this.dataSource.createQueryBuilder().select('r.id', 'id').addSelect('r.number', 'number').from('SupportRequest', 'r').where('r.claimantId IN (:...ids)', { ids }).getRawMany<{ id: string; number: number }>());
    const conversations = nino ? await this.dataSource.createQueryBuilder().select('a.id', 'id').addSelect('a.number', 'number').from('AdviceConversation', 'a').where('a.nino = :nino', { nino }).getRawMany<{ id: string; number: number }>() : [];
    const byNino = nino ? await this.dataSource.createQueryBuilder().select('rc.id', 'id').addSelect('rc.number', 'number').from('RetentionCase', 'rc').where('rc.nino = :nino', { nino }).getRawMany<{ id: string; number: number }>() : [];
    const byPerson = person
      ? await this.dataSource
          .createQueryBuilder()
          .select('rc.id', 'id')
          .addSelect('rc.number', 'number')
          .from('RetentionCase', 'rc')
          .where('rc.nino IS NULL AND LOWER(rc.personName) = :name AND LOWER(rc.employer) = :employer', { name: person.name.toLowerCase(), employer: person.employer.toLowerCase() })
          .getRawMany<{ id: string; number: number }>()
      : [];
    const retentionCases = [...byNino, ...byPerson.filter((p) => !byNino.some((n) => n.id === p.id))];
    return {
      claimantIds,
      requestIds: requests.map((r) => r.id),
      conversationIds: conversations.map((c) => c.id),
      retentionCaseIds: retentionCases.map((c) => c.id),
      references: [...requests.map((r) => reference('DEA-', r.number)), ...conversations.map((c) => reference('SA-', c.number)), ...retentionCases.map((c) => reference('RET-', c.number))],
      // Drafts are searched by NINO only: a first name and an employer would match other people's.
      searchTerms: nino ? [nino, formatNino(nino)] : [],
    };
  }

  /**
   * Cases that ended before the cut-offs and still hold claimant details, oldest first, at most
   * `limit` of each kind (the job takes the rest on its next run). Retention cases are support
   * cases of the DEA model (and a claimant's DEA Support Intervention is a request), so they keep
   * the request period; they are taken whether or not the person claims a benefit.
   */
  async endedBefore(requestCutoff: Date, adviceCutoff: Date, limit: number): Promise<ClaimantCases> {
    const requests = await this.dataSource
      .createQueryBuilder()
      .select('r.id', 'id')
      .addSelect('r.number', 'number')
      .addSelect('r.claimantId', 'claimantId')
      .from('SupportRequest', 'r')
      .leftJoin('Claimant', 'c', 'c.id = r.claimantId')
      .where('r.status IN (:...ended)', { ended: REQUEST_ENDED })
      .andWhere('r.updatedAt < :cutoff', { cutoff: requestCutoff })
      // Not yet anonymised: a claimant still named, or free text still there.
      .andWhere('(c.nino IS NULL OR c.nino <> :removed) AND r.description NOT LIKE :removedText', { removed: REMOVED.nino, removedText: 'Removed%' })
      .orderBy('r.updatedAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string; number: number; claimantId: string | null }>();
    const conversations = await this.dataSource
      .createQueryBuilder()
      .select('a.id', 'id')
      .addSelect('a.number', 'number')
      .from('AdviceConversation', 'a')
      .where('a.status IN (:...ended)', { ended: ADVICE_ENDED })
      .andWhere('a.updatedAt < :cutoff', { cutoff: adviceCutoff })
      .andWhere('a.nino <> :removed', { removed: REMOVED.nino })
      .orderBy('a.updatedAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string; number: number }>();
    const retentionCases = await this.dataSource
      .createQueryBuilder()
      .select('rc.id', 'id')
      .addSelect('rc.number', 'number')
      .from('RetentionCase', 'rc')
      .where('rc.status IN (:...ended)', { ended: RETENTION_ENDED })
      .andWhere('rc.closedAt < :cutoff', { cutoff: requestCutoff })
      // The need is always written, so it marks whether the case has been anonymised.
      .andWhere('rc.need NOT LIKE :removedText', { removedText: 'Removed%' })
      .orderBy('rc.closedAt', 'ASC')
      .limit(limit)
      .getRawMany<{ id: string; number: number }>();
    return {
      claimantIds: requests.flatMap((r) => (r.claimantId ? [r.claimantId] : [])),
      requestIds: requests.map((r) => r.id),
      conversationIds: conversations.map((c) => c.id),
      retentionCaseIds: retentionCases.map((c) => c.id),
      references: [...requests.map((r) => reference('DEA-', r.number)), ...conversations.map((c) => reference('SA-', c.number)), ...retentionCases.map((c) => reference('RET-', c.number))],
      searchTerms: [],
    };
  }

  /** Everything held about these cases, table by table, as stored. */
  async held(cases: ClaimantCases): Promise<HeldRows[]> {
    const out: HeldRows[] = [];
    for (const table of CLAIMANT_TABLES) {
      const rows = table.link.by === 'search' ? await this.searched(table, cases.searchTerms) : await this.linked(table, idsFor(cases, table));
      out.push({ table, rows });
    }
    return out;
  }

  /**
   * Overwrites every declared column of every row of these cases with `text` (NINO and surname with
   * fixed placeholders), and deletes unfinished drafts that mention the NINO. Rows are kept, so
   * every count the reports make stays the same. Returns the rows changed per table.
   */
  async anonymise(cases: ClaimantCases, text: string): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    await inTransaction(this.dataSource, async (manager) => {
      for (const table of CLAIMANT_TABLES) {
        const columns = Object.entries(table.columns);
        if (columns.length === 0) continue;
        let changed = 0;
        if (table.link.by === 'search') {
          changed = await this.deleteSearched(manager, table, cases.searchTerms);
        } else {
          for (const ids of chunks(idsFor(cases, table))) {
            const qb = manager.createQueryBuilder().update(table.entity);
            const set: Record<string, () => string> = {};
            for (const [column, kind] of columns) {
              const c = qb.escape(column);
              // A blank optional field stays blank; anything written is replaced.
              set[column] = () => `CASE WHEN ${c} IS NULL THEN NULL ELSE :${column}Removed END`;
              qb.setParameter(`${column}Removed`, replacementFor(kind, text));
            }
            if (table.version) {
              const v = qb.escape(table.version);
              set[table.version] = () => `${v} + 1`;
            }
            const result = await qb.set(set as ObjectLiteral).where(`${qb.escape(table.link.column)} IN (:...ids)`, { ids }).execute();
            changed += result.affected ?? 0;
          }
        }
        counts[table.entity] = (counts[table.entity] ?? 0) + changed;
      }
    });
    await this.forgetOldPages();
    return counts;
  }

  /**
   * SQLite keeps overwritten values in free pages and the write-ahead log until they are reused:
   * a checkpoint and VACUUM rewrite the file so the old text is gone from the disk. (SQL Server
   * manages its own pages; its backups follow the database's backup retention.)
   */
  async forgetOldPages(): Promise<void> {
    if (this.dataSource.options.type === 'mssql') return;
    await this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
    await this.dataSource.query('VACUUM');
    await this.dataSource.query('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  private async linked(table: ClaimantTable, ids: readonly string[]): Promise<Record<string, unknown>[]> {
    if (ids.length === 0) return [];
    const rows = await this.inChunks(ids, (chunk) =>
      this.dataSource.getRepository<ObjectLiteral>(table.entity).createQueryBuilder('e').where(`e.${table.link.column} IN (:...ids)`, { ids: chunk }).getMany(),
    );
    return rows.map((row) => withoutInternal(row, table));
  }

  private async searched(table: ClaimantTable, terms: readonly string[]): Promise<Record<string, unknown>[]> {
    if (terms.length === 0) return [];
    const rows = await this.dataSource.getRepository<ObjectLiteral>(table.entity).createQueryBuilder('e').where(searchWhere('e', table.link.column, terms), searchParameters(terms)).getMany();
    return rows.map((row) => withoutInternal(row, table));
  }

  private async deleteSearched(manager: EntityManager, table: ClaimantTable, terms: readonly string[]): Promise<number> {
    if (terms.length === 0) return 0;
    const result = await manager.createQueryBuilder().delete().from(table.entity).where(searchWhere(null, table.link.column, terms), searchParameters(terms)).execute();
    return result.affected ?? 0;
  }

  private async inChunks<T>(ids: readonly string[], read: (ids: string[]) => Promise<T[]>): Promise<T[]> {
    const out: T[] = [];
    for (const chunk of chunks(ids)) out.push(...(await read(chunk)));
    return out;
  }
}

function searchWhere(alias: string | null, column: string, terms: readonly string[]): string {
  const c = alias ? `${alias}.${column}` : column;
  return terms.map((_, i) => `${c} LIKE :term${i}`).join(' OR ');
}

function searchParameters(terms: readonly string[]): Record<string, string> {
  return Object.fromEntries(terms.map((t, i) => [`term${i}`, `%${t}%`]));
}

function withoutInternal(row: ObjectLiteral, table: ClaimantTable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) if (!table.internal?.includes(key)) out[key] = value;
  return out;
}
