import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applySeed } from '../../data/seed/apply-seed';
import { parseSeedFile } from '../../data/seed/seed-file';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlWorkingPatterns } from '../../data/stores/working-patterns';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

describe('working patterns read together', () => {
  let db: TempDatabase;
  beforeAll(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, parseSeedFile(readFileSync(join(__dirname, '..', '..', 'data', 'seed', 'demo-staff.json'), 'utf8')));
  });
  afterAll(async () => db.close());

  it('gives each person, in their order, what reading them one at a time gives, in one statement', async () => {
    const staff = (await db.dataSource.query('SELECT id FROM staff ORDER BY name')) as { id: string }[];
    const people = await new SqlStaffDirectory(db.dataSource).findByIds(staff.map((s) => s.id));
    await db.dataSource.query(`UPDATE staff SET workingHours = '{"tue":"09:00-15:00","wed":"09:00-15:00"}' WHERE id = ?`, [people[1]!.id]);
    await db.dataSource.query("UPDATE jobcentre SET bankHolidayRegion = 'scotland' WHERE id = ?", [people[2]!.jobcentreId]);
    const everyone = [...people.reverse(), { ...people[0]!, id: 'not-in-the-directory', jobcentreId: null }];
    const patterns = new SqlWorkingPatterns(db.dataSource);
    const one = await Promise.all(everyone.map((p) => patterns.of(p)));
    expect(one.some((p) => p.region === 'scotland')).toBe(true);
    expect(one.some((p) => p.hours.monday === undefined)).toBe(true);
    let statements = 0;
    const original = db.dataSource.logger;
    Object.assign(db.dataSource, { logger: { ...original, logQuery: () => void statements++ } });
    try {
      expect(await patterns.ofAll(everyone)).toEqual(one);
    } finally {
      Object.assign(db.dataSource, { logger: original });
    }
    expect(statements).toBe(1);
  });
});
