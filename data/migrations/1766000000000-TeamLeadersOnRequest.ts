import { TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf } from '../schema/dialect';

/** The team leaders kept beside each request, and whose team leader each is. */
const LEADERS = [
  { column: 'deaTeamLeaderId', of: 'deaId' },
  { column: 'requesterTeamLeaderId', of: 'requesterId' },
] as const;

/** What each quality checks index replaces (CoachChecksIndex1765900000000, MeetingBookedFlag1765100000000). */
const REPLACED = [
  { name: 'IDX_support_request_checks', columnNames: ['deaId', 'meetingBooked', 'status', 'channel', 'updatedAt', 'number', 'id'] },
  { name: 'IDX_support_request_coach_checks', columnNames: ['requesterId', 'meetingBooked', 'status', 'channel', 'updatedAt', 'number', 'deaId', 'id'] },
] as const;

/**
 * The team leader of the request's DEA and of the work coach who asked, kept on the request by the
 * database itself whatever writes the request or the staff directory. A team leader's quality checks
 * list then reads their meetings newest first from one index each and stops at the page's end,
 * instead of reading and sorting every meeting of every DEA they lead (20,000 in a district) to show
 * 25. The team leader who may check a meeting is read as `QualityService.mayCheck` reads it: the
 * DEA's, and for QAS 2 the work coach's.
 */
export class TeamLeadersOnRequest1766000000000 implements MigrationInterface {
  name = 'TeamLeadersOnRequest1766000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const mssql = dialectOf(queryRunner.connection.options.type) === 'mssql';
    for (const { column } of LEADERS) {
      // TypeORM adds a column to a SQLite table by copying the table, which its triggers and its
      // expression index do not survive; SQLite's own ALTER keeps them.
      if (mssql) await queryRunner.addColumn('support_request', new TableColumn({ name: column, type: 'varchar', length: '36', isNullable: true }));
      else await queryRunner.query(`ALTER TABLE "support_request" ADD COLUMN "${column}" varchar(36)`);
    }
    // The triggers come first, so that a request or a person written while the columns are filled in
    // is kept by them (on SQL Server, a change to staff waits for this migration and then runs them).
    if (mssql) {
      // A locking read of staff: under read committed snapshot (Azure SQL's default) a plain read would
      // take a team leader from before a change not yet committed, whose own trigger cannot see this request.
      const leaders =
        'UPDATE r SET deaTeamLeaderId = d.teamLeaderId, requesterTeamLeaderId = w.teamLeaderId FROM support_request r ' +
        'LEFT JOIN staff d WITH (READCOMMITTEDLOCK) ON d.id = r.deaId LEFT JOIN staff w WITH (READCOMMITTEDLOCK) ON w.id = r.requesterId';
      // Silent about their own rows: the caller's statement must report only its own count (optimistic
      // versions read it). UPDATE() is true for every column on an insert. The request's own trigger
      // does nothing when the staff trigger writes the leaders, which names neither person.
      await queryRunner.query(
        'CREATE TRIGGER TRG_support_request_team_leaders ON support_request AFTER INSERT, UPDATE AS BEGIN SET NOCOUNT ON; ' +
          `IF UPDATE(deaId) OR UPDATE(requesterId) ${leaders} WHERE r.id IN (SELECT id FROM inserted); END`,
      );
      // EXCEPT compares NULLs as equal: only a leader that changed is written.
      const follow = (column: string, of: string) => `UPDATE r SET ${column} = i.teamLeaderId FROM support_request r INNER JOIN inserted i ON i.id = r.${of} WHERE EXISTS (SELECT r.${column} EXCEPT SELECT i.teamLeaderId);`;
      await queryRunner.query(
        'CREATE TRIGGER TRG_staff_team_leader ON staff AFTER UPDATE AS BEGIN SET NOCOUNT ON; IF UPDATE(teamLeaderId) BEGIN ' +
          LEADERS.map(({ column, of }) => follow(column, of)).join(' ') +
          ' END END',
      );
      await queryRunner.query(`${leaders} WHERE d.teamLeaderId IS NOT NULL OR w.teamLeaderId IS NOT NULL`);
    } else {
      // Each subquery names its own staff row: a bare "deaId" inside it would be the staff's own column.
      const leaders = (request: string, where: string) =>
        `UPDATE support_request SET ${LEADERS.map(({ column, of }) => `"${column}" = (SELECT s.teamLeaderId FROM staff s WHERE s.id = ${request}.${of})`).join(', ')} WHERE ${where};`;
      await queryRunner.query(`CREATE TRIGGER TRG_support_request_team_leaders_insert AFTER INSERT ON support_request BEGIN ${leaders('NEW', 'id = NEW.id')} END`);
      await queryRunner.query(`CREATE TRIGGER TRG_support_request_team_leaders_update AFTER UPDATE OF deaId, requesterId ON support_request BEGIN ${leaders('NEW', 'id = NEW.id')} END`);
      await queryRunner.query(
        'CREATE TRIGGER TRG_staff_team_leader AFTER UPDATE OF teamLeaderId ON staff WHEN NEW.teamLeaderId IS NOT OLD.teamLeaderId BEGIN ' +
          LEADERS.map(({ column, of }) => `UPDATE support_request SET "${column}" = NEW.teamLeaderId WHERE ${of} = NEW.id;`).join(' ') +
          ' END',
      );
      await queryRunner.query(leaders('support_request', '1 = 1'));
    }
    // Newest first within a team leader's meetings; status and channel are read from the index to filter.
    await queryRunner.createIndex('support_request', new TableIndex({ name: 'IDX_support_request_leader_checks', columnNames: ['deaTeamLeaderId', 'meetingBooked', 'updatedAt', 'number', 'status', 'channel', 'id'] }));
    // The DEA's team leader too, so that leaving out the meetings listed under the first reads no row.
    await queryRunner.createIndex(
      'support_request',
      new TableIndex({ name: 'IDX_support_request_coach_leader_checks', columnNames: ['requesterTeamLeaderId', 'meetingBooked', 'updatedAt', 'number', 'status', 'channel', 'deaTeamLeaderId', 'id'] }),
    );
    for (const { name } of REPLACED) await queryRunner.dropIndex('support_request', name);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const mssql = dialectOf(queryRunner.connection.options.type) === 'mssql';
    for (const index of REPLACED) await queryRunner.createIndex('support_request', new TableIndex({ name: index.name, columnNames: [...index.columnNames] }));
    for (const name of ['IDX_support_request_coach_leader_checks', 'IDX_support_request_leader_checks']) await queryRunner.dropIndex('support_request', name);
    const triggers = mssql ? ['TRG_staff_team_leader', 'TRG_support_request_team_leaders'] : ['TRG_staff_team_leader', 'TRG_support_request_team_leaders_update', 'TRG_support_request_team_leaders_insert'];
    for (const trigger of triggers) await queryRunner.query(`DROP TRIGGER ${trigger}`);
    for (const { column } of [...LEADERS].reverse()) {
      if (mssql) await queryRunner.dropColumn('support_request', column);
      else await queryRunner.query(`ALTER TABLE "support_request" DROP COLUMN "${column}"`);
    }
  }
}
