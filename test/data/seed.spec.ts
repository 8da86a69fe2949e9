import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applySeed } from '../../data/seed/apply-seed';
import { parseSeedFile, SeedFileError, type SeedFile } from '../../data/seed/seed-file';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

const demoText = readFileSync(join(__dirname, '..', '..', 'data', 'seed', 'demo-staff.json'), 'utf8');
const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof SeedFileError) return error.problems;
    throw error;
  }
  throw new Error('expected a SeedFileError');
}

describe('the demo staff directory', () => {
  let db: TempDatabase;
  beforeAll(async () => {
    db = await openTempDatabase();
  });
  afterAll(async () => db.close());

  it('holds the Annex 5 jobcentres, a cohort of 1 DEA, 1 WCTL and 30 work coaches, the 5 initial HCPs (one per initial cluster), an activity manager per district, a contact per initial jobcentre and coaches there', async () => {
    const file = parseSeedFile(demoText);
    const count = (role: string) => file.staff.filter((s) => s.roles.includes(role)).length;
    expect(count('dea')).toBe(1);
    expect(count('work_coach_team_leader')).toBe(1);
    expect(count('work_coach')).toBe(42);
    expect(file.staff.filter((s) => s.roles.includes('work_coach') && s.dea).length).toBe(30);
    expect(count('hcp')).toBe(5);
    const clusterOf = new Map(file.jobcentres.map((j) => [j.name, j.cluster]));
    const districtOf = new Map(file.jobcentres.map((j) => [j.name, j.district]));
    const hcpClusters = file.staff.filter((s) => s.roles.includes('hcp')).map((s) => clusterOf.get(s.jobcentre!));
    expect(new Set(hcpClusters)).toEqual(new Set(['Hastings and Bexhill', 'Gatwick Diamond', 'SA 2', 'SA 5', 'SA 8']));
    expect(new Set(file.staff.filter((s) => s.roles.includes('hcp_activity_manager')).map((s) => districtOf.get(s.jobcentre!)))).toEqual(new Set(['Surrey and Sussex', 'Cumbria and Lancashire']));
    const initial = file.jobcentres.filter((j) => hcpClusters.includes(j.cluster)).map((j) => j.name);
    for (const office of initial) {
      expect(file.staff.filter((s) => s.roles.includes('jobcentre_contact') && s.jobcentre === office)).toHaveLength(1);
      expect(file.staff.some((s) => s.roles.includes('work_coach') && s.jobcentre === office)).toBe(true);
    }
    expect(count('employer_adviser')).toBe(1);
    expect(count('performance_manager')).toBe(1);
    expect(file.jobcentres.map((j) => j.name)).toEqual(expect.arrayContaining(['Hastings', 'Crawley', 'Carlisle', 'Clitheroe', 'Staines', 'Rawtenstall']));
    expect(new Set(file.jobcentres.map((j) => j.district))).toEqual(new Set(['Surrey and Sussex', 'Cumbria and Lancashire']));
  });

  it('loads, links every work coach to the DEA and team leader, and loads again as an update', async () => {
    const first = await applySeed(db.dataSource, parseSeedFile(demoText));
    expect(first).toEqual({ jobcentresAdded: 43, jobcentresUpdated: 0, staffAdded: 72, staffUpdated: 0 });
    const again = await applySeed(db.dataSource, parseSeedFile(demoText));
    expect(again).toEqual({ jobcentresAdded: 0, jobcentresUpdated: 43, staffAdded: 0, staffUpdated: 72 });

    const directory = new SqlStaffDirectory(db.dataSource);
    const coach = await directory.findByAadObjectId(guid(1));
    const dea = await directory.findByAadObjectId(guid(2));
    const wctl = await directory.findByAadObjectId(guid(3));
    expect(coach?.roles).toEqual(['work_coach']);
    expect(coach?.deaId).toBe(dea?.id);
    expect(coach?.teamLeaderId).toBe(wctl?.id);
    expect(dea?.teamLeaderId).toBe(wctl?.id);
    expect(await directory.findByAadObjectId(guid(1).toUpperCase())).toEqual(coach);
  });
});

describe('a seed file with mistakes', () => {
  const base = (): SeedFile => ({
    jobcentres: [{ name: 'Crawley', cluster: 'Gatwick Diamond', district: 'Surrey and Sussex', bankHolidays: 'england-and-wales' }],
    staff: [
      { aadObjectId: guid(2), name: 'Dana Morgan', email: 'dana@example.org', roles: ['dea'], jobcentre: 'Crawley' },
      { aadObjectId: guid(1), name: 'Amira Shah', email: 'amira@example.org', roles: ['work_coach'], jobcentre: 'Crawley', dea: 'dana@example.org' },
    ],
  });

  it('names the entry with an unknown role', () => {
    const file = base();
    file.staff[1]!.roles = ['work_coach', 'wizard'];
    expect(problemsOf(() => parseSeedFile(JSON.stringify(file)))).toEqual([expect.stringContaining('staff[1] (Amira Shah): unknown role "wizard"')]);
  });

  it('names both entries sharing an aadObjectId', () => {
    const file = base();
    file.staff[1]!.aadObjectId = guid(2).toUpperCase();
    expect(problemsOf(() => parseSeedFile(JSON.stringify(file)))).toEqual([
      expect.stringMatching(/staff\[1\] \(Amira Shah\): aadObjectId .* is already used by staff\[0\] \(Dana Morgan\)/),
    ]);
  });

  it('names the entry with a bad email', () => {
    const file = base();
    file.staff[0]!.email = 'dana at example';
    expect(problemsOf(() => parseSeedFile(JSON.stringify(file)))).toEqual([expect.stringContaining('staff[0] (Dana Morgan) email: is not a valid email address')]);
  });

  it('takes working hours to midnight (24:00), and names a day whose hours start there or end before they start', () => {
    const file = base();
    file.staff[0]!.workingHours = { mon: '08:30-17:00', sat: '16:00-24:00' };
    expect(parseSeedFile(JSON.stringify(file)).staff[0]!.workingHours).toEqual({ mon: '08:30-17:00', sat: '16:00-24:00' });
    file.staff[0]!.workingHours = { mon: '24:00-24:00', tue: '17:00-08:30' };
    const problems = problemsOf(() => parseSeedFile(JSON.stringify(file)));
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining('workingHours.mon: must be like "08:30-17:00"'), expect.stringContaining('workingHours.tue: must end after it starts')]));
    expect(problems.every((p) => /workingHours\.(mon|tue)/.test(p))).toBe(true);
  });

  it('says when the file is not JSON', () => {
    expect(problemsOf(() => parseSeedFile('{ nope'))[0]).toMatch(/not valid JSON/);
  });

  describe('against the database', () => {
    let db: TempDatabase;
    beforeEach(async () => {
      db = await openTempDatabase();
    });
    afterEach(async () => db.close());

    it('changes nothing when a reference is wrong, and names the entry', async () => {
      const file = base();
      file.staff[1]!.dea = 'nobody@example.org';
      await expect(applySeed(db.dataSource, file)).rejects.toThrow(/staff\[1\] \(Amira Shah\): DEA nobody@example.org is not in the file or the directory/);
      expect(await new SqlStaffDirectory(db.dataSource).count()).toBe(0);
      expect(await db.dataSource.getRepository('Jobcentre').count()).toBe(0);
    });

    it('refuses a DEA reference to someone who is not a DEA', async () => {
      const file = base();
      file.staff[0]!.roles = ['work_coach'];
      await expect(applySeed(db.dataSource, file)).rejects.toThrow(/does not have the role dea/);
      expect(await new SqlStaffDirectory(db.dataSource).count()).toBe(0);
    });

    it('refuses an unknown jobcentre and changes nothing', async () => {
      const file = base();
      file.staff[0]!.jobcentre = 'Atlantis';
      await expect(applySeed(db.dataSource, file)).rejects.toThrow(/jobcentre "Atlantis" is neither in the file nor in the directory/);
      expect(await new SqlStaffDirectory(db.dataSource).count()).toBe(0);
    });

    it('updates a person in place: new roles replace the old ones', async () => {
      await applySeed(db.dataSource, base());
      const file = base();
      file.staff[1]!.roles = ['work_coach', 'service_delivery_coach'];
      file.staff[1]!.name = 'Amira Shah-Jones';
      await applySeed(db.dataSource, { jobcentres: [], staff: [file.staff[1]!] });
      const amira = await new SqlStaffDirectory(db.dataSource).findByAadObjectId(guid(1));
      expect(amira?.name).toBe('Amira Shah-Jones');
      expect([...(amira?.roles ?? [])].sort()).toEqual(['service_delivery_coach', 'work_coach']);
      expect(amira?.deaId).not.toBeNull();
    });
  });
});
