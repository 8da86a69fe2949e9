import { isUniqueViolation } from '../unique-violation';
import { randomUUID } from 'node:crypto';
import { repositoryOf } from '../transactions';
import type { DataSource, Repository } from 'typeorm';
import { conflict } from '../../domain/errors';
import type { NextStep } from '../../domain/outcomes/next-steps';
import type { MeetingRecord, MeetingRecordKind, MeetingRecordStore } from '../../domain/outcomes/ports';
import type { MeetingRecordRow } from '../schema/interventions';

export class SqlMeetingRecordStore implements MeetingRecordStore {
  private get rows(): Repository<MeetingRecordRow> {
    return repositoryOf<MeetingRecordRow>(this.dataSource, 'MeetingRecord');
  }

  constructor(private readonly dataSource: DataSource) {}

  async add(record: Omit<MeetingRecord, 'id'>): Promise<MeetingRecord> {
    const id = randomUUID();
    try {
      await this.rows.insert({ id, requestId: record.requestId, kind: record.kind, authorId: record.authorId, at: record.at, body: record.text, nextSteps: record.nextSteps.join(','), sentToId: record.sentToId });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(record.kind === 'outcome' ? 'The outcome has already been recorded.' : 'The summary has already been sent.');
      throw error;
    }
    return { ...record, id };
  }

  async forRequest(requestId: string): Promise<MeetingRecord[]> {
    return (await this.rows.find({ where: { requestId }, order: { at: 'ASC' } })).map(toRecord);
  }

  async find(id: string): Promise<MeetingRecord | null> {
    const row = await this.rows.findOne({ where: { id: id.toLowerCase() } });
    return row ? toRecord(row) : null;
  }
}

function toRecord(row: MeetingRecordRow): MeetingRecord {
  return {
    id: row.id.toLowerCase(),
    requestId: row.requestId.toLowerCase(),
    kind: row.kind as MeetingRecordKind,
    authorId: row.authorId.toLowerCase(),
    at: row.at,
    text: row.body,
    nextSteps: row.nextSteps.split(',').filter(Boolean) as NextStep[],
    sentToId: row.sentToId?.toLowerCase() ?? null,
  };
}
