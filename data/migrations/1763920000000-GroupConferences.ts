import { Table, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { dialectOf, dialectTypes } from '../schema/dialect';
import { fk } from './table-helpers';

/** Group work coach conferences: plans, conferences, nominated cases, check lists, and job leases. */
export class GroupConferences1763920000000 implements MigrationInterface {
  name = 'GroupConferences1763920000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const t = dialectTypes(dialectOf(queryRunner.connection.options.type));

    await queryRunner.createTable(
      new Table({
        name: 'conference_plan',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'deaId', type: 'varchar', length: '36' },
          { name: 'wctlId', type: 'varchar', length: '36' },
          { name: 'durationMinutes', ...t.integer },
          { name: 'inviteWctl', ...t.boolean },
          { name: 'workPsychologistId', type: 'varchar', length: '36', isNullable: true },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'groups', ...t.longText },
          { name: 'warning', type: 'nvarchar', length: '400', isNullable: true },
          { name: 'cardActivityId', type: 'nvarchar', length: '200', isNullable: true },
          { name: 'cardReference', ...t.longText, isNullable: true },
          { name: 'version', ...t.integer },
          { name: 'createdAt', ...t.timestamp },
          { name: 'updatedAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_conference_plan_dea', columnNames: ['deaId', 'status'] })],
        foreignKeys: [fk('FK_conference_plan_dea', 'deaId', 'staff')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'group_conference',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'planId', type: 'varchar', length: '36' },
          { name: 'month', type: 'varchar', length: '7' },
          { name: 'groupIndex', ...t.integer },
          { name: 'startsAt', ...t.timestamp, isNullable: true },
          { name: 'endsAt', ...t.timestamp, isNullable: true },
          { name: 'coachIds', ...t.longText },
          { name: 'clashes', ...t.longText },
          { name: 'status', type: 'varchar', length: '20' },
          { name: 'eventId', type: 'nvarchar', length: '400', isNullable: true },
          { name: 'joinUrl', type: 'nvarchar', length: '400', isNullable: true },
          { name: 'lastError', type: 'nvarchar', length: '400', isNullable: true },
          { name: 'casesSentAt', ...t.timestamp, isNullable: true },
          { name: 'summary', ...t.longText, isNullable: true },
          { name: 'actions', ...t.longText, isNullable: true },
          { name: 'version', ...t.integer },
          { name: 'createdAt', ...t.timestamp },
          { name: 'updatedAt', ...t.timestamp },
        ],
        uniques: [new TableUnique({ name: 'UQ_group_conference_slot', columnNames: ['planId', 'month', 'groupIndex'] })],
        indices: [new TableIndex({ name: 'IDX_group_conference_start', columnNames: ['status', 'startsAt'] })],
        foreignKeys: [fk('FK_group_conference_plan', 'planId', 'conference_plan')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'conference_case',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'conferenceId', type: 'varchar', length: '36' },
          { name: 'nominatedById', type: 'varchar', length: '36' },
          { name: 'requestId', type: 'varchar', length: '36', isNullable: true },
          { name: 'reference', type: 'varchar', length: '20', isNullable: true },
          { name: 'note', type: 'nvarchar', length: '200', isNullable: true },
          { name: 'nextSteps', type: 'varchar', length: '400', isNullable: true },
          { name: 'followUps', type: 'varchar', length: '400', isNullable: true },
          { name: 'outcomeAt', ...t.timestamp, isNullable: true },
          { name: 'createdAt', ...t.timestamp },
        ],
        indices: [new TableIndex({ name: 'IDX_conference_case_conference', columnNames: ['conferenceId'] })],
        foreignKeys: [fk('FK_conference_case_conference', 'conferenceId', 'group_conference')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'conference_qas',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'planId', type: 'varchar', length: '36' },
          { name: 'conferenceId', type: 'varchar', length: '36' },
          { name: 'month', type: 'varchar', length: '7' },
          { name: 'checkedById', type: 'varchar', length: '36' },
          { name: 'result', type: 'varchar', length: '20' },
          { name: 'comments', type: 'nvarchar', length: '1000', isNullable: true },
          { name: 'createdAt', ...t.timestamp },
        ],
        uniques: [new TableUnique({ name: 'UQ_conference_qas_conference', columnNames: ['conferenceId'] })],
        indices: [new TableIndex({ name: 'IDX_conference_qas_plan', columnNames: ['planId'] })],
        foreignKeys: [fk('FK_conference_qas_plan', 'planId', 'conference_plan')],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'job_run',
        columns: [
          { name: 'id', type: 'varchar', length: '120', isPrimary: true },
          { name: 'leaseUntil', ...t.timestamp },
          { name: 'completedAt', ...t.timestamp, isNullable: true },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('job_run');
    await queryRunner.dropTable('conference_qas');
    await queryRunner.dropTable('conference_case');
    await queryRunner.dropTable('group_conference');
    await queryRunner.dropTable('conference_plan');
  }
}
