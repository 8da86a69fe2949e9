import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger as TypeOrmLogger } from 'typeorm';
import { applySeed } from '../../data/seed/apply-seed';
import { parseSeedFile } from '../../data/seed/seed-file';
import { ConversationReferences } from '../../data/stores/conversation-references';
import { directoryChanged, SqlStaffDirectory } from '../../data/stores/staff-directory';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

const COACH = '00000000-0000-4000-8000-000000000001';
const SEED = readFileSync(join(__dirname, '..', '..', 'data', 'seed', 'demo-staff.json'), 'utf8');

describe('what a turn no longer reads or writes', () => {
  let db: TempDatabase;
  let statements: string[];
  let parameters: unknown[][];
  beforeEach(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, parseSeedFile(SEED));
    statements = [];
    parameters = [];
    const counting: TypeOrmLogger = {
      logQuery: (query, values) => {
        statements.push(query);
        parameters.push(Array.isArray(values) ? values : []);
      },
      logQueryError: () => undefined,
      logQuerySlow: () => undefined,
      logSchemaBuild: () => undefined,
      logMigration: () => undefined,
      log: () => undefined,
    };
    Object.assign(db.dataSource, { logger: counting });
  });
  afterEach(() => db.close());

  it('keeps a sender a short while, with their jobcentre, and reads them again once the directory changes', async () => {
    const directory = new SqlStaffDirectory(db.dataSource);
    const first = await directory.findByAadObjectId(COACH.toUpperCase());
    expect(first).toMatchObject({ name: 'Amira Shah', roles: ['work_coach'] });
    expect(directory.knownJobcentreName(first!.jobcentreId!)).toBe('Crawley');
    expect(statements).toHaveLength(1);
    expect(await directory.findByAadObjectId(COACH)).toBe(first);
    expect(statements).toHaveLength(1);

    // Changed by the seed in this process: read again at once, with the change.
    await db.dataSource.query("UPDATE staff SET name = 'Amira Shah-Jones' WHERE aadObjectId = ?", [COACH]);
    directoryChanged();
    expect(directory.knownJobcentreName(first!.jobcentreId!)).toBeUndefined();
    expect((await directory.findByAadObjectId(COACH))?.name).toBe('Amira Shah-Jones');
    await applySeed(db.dataSource, parseSeedFile(SEED));
    statements.length = 0;
    expect((await directory.findByAadObjectId(COACH))?.name).toBe('Amira Shah');
    expect(statements).toHaveLength(1);

    // Someone not in the directory is looked for every time: they may be added at any moment.
    statements.length = 0;
    expect(await directory.findByAadObjectId('99999999-9999-4999-8999-999999999999')).toBeNull();
    expect(await directory.findByAadObjectId('99999999-9999-4999-8999-999999999999')).toBeNull();
    expect(statements).toHaveLength(2);
  });

  it('writes a conversation reference only when it changed, or a day after it was last written', async () => {
    const references = new ConversationReferences(db.dataSource);
    const chat = (activityId: string, serviceUrl = 'https://smba.example/') => ({
      activityId,
      serviceUrl,
      channelId: 'msteams',
      conversation: { id: 'a:personal-coach', conversationType: 'personal', isGroup: false, name: '' },
      user: { id: '29:coach', name: 'Amira' },
    });
    const at = new Date('2026-12-01T10:00:00Z');
    statements.length = 0;
    expect(await references.remember(chat('1'), COACH, at)).toBe(true);
    expect(await references.remember(chat('2'), COACH, new Date(at.getTime() + 60_000))).toBe(false);
    expect(statements).toHaveLength(1);
    expect(await references.remember(chat('3', 'https://smba-2.example/'), COACH, new Date(at.getTime() + 120_000))).toBe(true);
    expect((await references.personalChatOf(COACH))?.serviceUrl).toBe('https://smba-2.example/');
    expect(await references.remember(chat('4', 'https://smba-2.example/'), COACH, new Date(at.getTime() + 25 * 3_600_000))).toBe(true);
  });
  it("reads a person's Teams user id once: known from the chat this process wrote, or read once for all it does not know", async () => {
    const OTHER = '00000000-0000-4000-8000-000000000101';
    const NEVER_OPENED = '00000000-0000-4000-8000-000000000102';
    const chat = (aadObjectId: string, userId: string) => ({
      serviceUrl: 'https://smba.example/',
      channelId: 'msteams',
      conversation: { id: `a:personal-${aadObjectId}`, conversationType: 'personal', isGroup: false, name: '' },
      user: { id: userId, name: 'Someone' },
    });
    // Written by another instance: this one has not seen either person.
    await new ConversationReferences(db.dataSource).remember(chat(OTHER, '29:other'), OTHER);
    const references = new ConversationReferences(db.dataSource);
    await references.remember(chat(COACH, '29:coach'), COACH);
    statements.length = 0;
    parameters.length = 0;
    // The chat this process wrote: no read.
    expect(Object.fromEntries(await references.teamsUserIdsOf([COACH]))).toEqual({ [COACH]: '29:coach' });
    expect(statements).toEqual([]);
    const first = await references.teamsUserIdsOf([COACH, OTHER, NEVER_OPENED]);
    expect(Object.fromEntries(first)).toEqual({ [COACH]: '29:coach', [OTHER]: '29:other' });
    // One read, of the two it did not know.
    expect(statements).toHaveLength(1);
    expect([...parameters[0]!].sort()).toEqual([OTHER, NEVER_OPENED].sort());
    statements.length = 0;
    expect(Object.fromEntries(await references.teamsUserIdsOf([OTHER, COACH]))).toEqual({ [COACH]: '29:coach', [OTHER]: '29:other' });
    expect(statements).toEqual([]);
    // Someone who has not opened the app is looked for again: once they have, they are found.
    await new ConversationReferences(db.dataSource).remember(chat(NEVER_OPENED, '29:new'), NEVER_OPENED);
    expect((await references.teamsUserIdsOf([NEVER_OPENED, COACH])).get(NEVER_OPENED)).toBe('29:new');
  });
});
