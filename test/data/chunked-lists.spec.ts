import { chunks, inChunks, MAX_LIST_PARAMETERS } from '../../data/chunks';
import { applySeed } from '../../data/seed/apply-seed';
import { ConversationReferences } from '../../data/stores/conversation-references';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlStorage } from '../../data/stores/sql-storage';
import { SqlCohortDirectory } from '../../data/stores/cohorts';
import { SqlHubStore } from '../../data/stores/partnerships';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

/**
 * Lists longer than one SQL Server statement may carry (2,100 parameters) are sent in chunks. SQLite
 * takes far longer lists, so these tests, on SQLite, show that the chunked answers are whole and in
 * order; test/data/mssql/statements.test.ts shows that no statement goes over the limit.
 */
describe('chunks', () => {
  it('splits a list into consecutive chunks of at most the size, losing nothing', () => {
    expect(chunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunks([], 2)).toEqual([]);
    expect(chunks(Array.from({ length: 2_500 }, (_, i) => i)).map((c) => c.length)).toEqual([MAX_LIST_PARAMETERS, MAX_LIST_PARAMETERS, 500]);
    expect(() => chunks([1], 0)).toThrow(RangeError);
  });

  it('runs one query per chunk and returns their rows in order', async () => {
    const asked: number[][] = [];
    const rows = await inChunks([1, 2, 3, 4, 5], async (chunk) => (asked.push(chunk), chunk.map((n) => n * 10)), 2);
    expect(asked).toEqual([[1, 2], [3, 4], [5]]);
    expect(rows).toEqual([10, 20, 30, 40, 50]);
  });
});

describe('long lists on a real database', () => {
  const PEOPLE = 2_300;
  const aad = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
  let db: TempDatabase;
  beforeAll(async () => {
    db = await openTempDatabase();
    // One DEA with a cohort of more people than one statement may name.
    await applySeed(db.dataSource, {
      jobcentres: [{ name: 'Crawley', cluster: 'Gatwick Diamond', district: 'Surrey and Sussex', bankHolidays: 'england-and-wales' }],
      staff: [
        { aadObjectId: aad(0), name: 'Dana Morgan', email: 'dana.morgan@example.gov.uk', roles: ['dea'], jobcentre: 'Crawley' },
        ...Array.from({ length: PEOPLE }, (_, i) => ({
          aadObjectId: aad(i + 1),
          name: `Coach ${String(i).padStart(4, '0')}`,
          email: `coach.${i}@example.gov.uk`,
          roles: ['work_coach'],
          jobcentre: 'Crawley',
          dea: 'Dana.Morgan@example.gov.uk',
        })),
      ],
    });
  }, 60_000);
  afterAll(async () => db.close());

  it('the seed links every one of them, and the directory finds them all by id', async () => {
    const directory = new SqlStaffDirectory(db.dataSource);
    const dea = (await directory.findByAadObjectId(aad(0)))!;
    const cohort = await new SqlCohortDirectory(db.dataSource, directory).cohortOf(dea.id);
    expect(cohort).toHaveLength(PEOPLE);
    expect(cohort.every((p) => p.roles.includes('work_coach') && p.deaId === dea.id)).toBe(true);
    const found = await directory.findByIds([...cohort.map((p) => p.id), ...cohort.map((p) => p.id.toUpperCase())]);
    expect(new Set(found.map((p) => p.id))).toEqual(new Set(cohort.map((p) => p.id)));
  });

  it("finds each person's latest personal chat across chunks", async () => {
    const references = new ConversationReferences(db.dataSource);
    const people = Array.from({ length: PEOPLE }, (_, i) => aad(i + 1));
    for (const [i, person] of people.entries()) {
      await references.remember({ conversation: { id: `a:${i}`, conversationType: 'personal', isGroup: false, name: '' } }, person);
    }
    const chats = await references.personalChatsOf(people);
    expect(chats.size).toBe(PEOPLE);
    expect(chats.get(people[PEOPLE - 1]!)?.conversation?.id).toBe(`a:${PEOPLE - 1}`);
  });

  it('the bot state reads and deletes more keys than one statement may carry', async () => {
    const storage = new SqlStorage(db.dataSource);
    const keys = Array.from({ length: PEOPLE }, (_, i) => `conversation/${i}`);
    await storage.write(Object.fromEntries(keys.map((k, i) => [k, { n: i }])));
    expect(Object.keys(await storage.read(keys))).toHaveLength(PEOPLE);
    await storage.delete(keys);
    expect(await storage.read(keys)).toEqual({});
  });

  it("finds the waiting Hub changes of more entries than one statement may name, the newest of each", async () => {
    const directory = new SqlStaffDirectory(db.dataSource);
    const dea = (await directory.findByAadObjectId(aad(0)))!;
    const hub = new SqlHubStore(db.dataSource);
    const at = new Date('2026-01-05T10:00:00Z');
    const content = { title: 'Access to Work', summary: 'Grants for support at work', link: null, kind: 'guidance' as const };
    const entries = [];
    for (let i = 0; i < MAX_LIST_PARAMETERS + 50; i++) {
      const entry = await hub.createEntry({ district: 'Surrey and Sussex', ...content, status: 'awaiting_publication', keeperId: dea.id }, at);
      await hub.createChange({ entryId: entry.id, action: 'add', content, requestedById: dea.id, contactId: dea.id }, at);
      entries.push(entry.id);
    }
    // The last entry has a second waiting change, made later: that is the one both answers give.
    const last = entries.at(-1)!;
    const newer = await hub.createChange({ entryId: last, action: 'change', content: { ...content, title: 'Access to Work grants' }, requestedById: dea.id, contactId: dea.id }, new Date(at.getTime() + 60_000));
    const pending = await hub.pendingChangesOf(entries);
    expect(pending.size).toBe(entries.length);
    expect(entries.every((id) => pending.get(id)?.entryId === id)).toBe(true);
    expect(pending.get(last)?.id).toBe(newer.id);
    expect((await hub.pendingChangeOf(last))?.id).toBe(newer.id);
    expect(await hub.pendingChangesOf([])).toEqual(new Map());
  }, 60_000);
});
