import { SqlReportPeople } from '../../data/reports/report-people';
import { SqlReportReadModel } from '../../data/reports/sql-report-read-model';
import { applySeed } from '../../data/seed/apply-seed';
import { SqlCohortDirectory } from '../../data/stores/cohorts';
import { SqlHcpRoles } from '../../data/stores/hcp-activity';
import { SqlRoleHolders } from '../../data/stores/role-holders';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import type { StaffMember } from '../../domain/staff';
import { openTempDatabase, type TempDatabase } from '../../testkit/temp-database';

/**
 * Lists of people from the directory come in English order, and a DEA's group conferences invite the
 * work psychologist the DEA works with. The tests run in Welsh (jest.config.js), where Ryan comes
 * before Rhys and Lynch before Lloyd.
 */
describe('people in English order, and the work psychologist a group conference invites', () => {
  let db: TempDatabase;
  let directory: SqlStaffDirectory;
  let dea: StaffMember;
  let jobcentreId: string;
  const aad = (n: number) => `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`;

  beforeAll(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, {
      jobcentres: [
        { name: 'Cardiff', cluster: 'South East Wales', district: 'South East Wales', bankHolidays: 'england-and-wales' },
        { name: 'Newport', cluster: 'South East Wales', district: 'South East Wales', bankHolidays: 'england-and-wales' },
        { name: 'Swansea', cluster: 'South West Wales', district: 'South West Wales', bankHolidays: 'england-and-wales' },
      ],
      staff: [
        { aadObjectId: aad(1), name: 'Dana Morgan', email: 'dana.morgan@example.gov.uk', roles: ['dea'], jobcentre: 'Cardiff' },
        { aadObjectId: aad(2), name: 'Lynch Hart', email: 'lynch.hart@example.gov.uk', roles: ['work_coach'], jobcentre: 'Cardiff', dea: 'dana.morgan@example.gov.uk' },
        { aadObjectId: aad(3), name: 'Lloyd Evans', email: 'lloyd.evans@example.gov.uk', roles: ['work_coach'], jobcentre: 'Cardiff', dea: 'dana.morgan@example.gov.uk' },
        // The district's work psychologists are both at Newport, not at the DEA's own office.
        { aadObjectId: aad(4), name: 'Ryan Cole', email: 'ryan.cole@example.gov.uk', roles: ['work_psychologist'], jobcentre: 'Newport' },
        { aadObjectId: aad(5), name: 'Rhys Morgan', email: 'rhys.morgan@example.gov.uk', roles: ['work_psychologist'], jobcentre: 'Newport' },
        // Another district's, first of all by name.
        { aadObjectId: aad(6), name: 'Aaron Price', email: 'aaron.price@example.gov.uk', roles: ['work_psychologist'], jobcentre: 'Swansea' },
        // Names as a directory may give them, surname first: SQLite orders "de …" after every capital.
        { aadObjectId: aad(7), name: 'Evans, Rhian', email: 'rhian.evans@example.gov.uk', roles: ['hcp'], jobcentre: 'Cardiff' },
        { aadObjectId: aad(8), name: 'de Souza, Ana', email: 'ana.desouza@example.gov.uk', roles: ['hcp'], jobcentre: 'Newport' },
        { aadObjectId: aad(9), name: 'Ellis, Mark', email: 'mark.ellis@example.gov.uk', roles: ['hcp_activity_manager'], jobcentre: 'Cardiff' },
        { aadObjectId: aad(10), name: 'de Winter, Sam', email: 'sam.dewinter@example.gov.uk', roles: ['hcp_activity_manager'], jobcentre: 'Newport' },
        { aadObjectId: aad(11), name: 'Tom Baker', email: 'tom.baker@example.gov.uk', roles: ['work_coach_team_leader'], jobcentre: 'Cardiff' },
        { aadObjectId: aad(12), name: 'Evans, Dai', email: 'dai.evans@example.gov.uk', roles: ['dea'], jobcentre: 'Cardiff', teamLeader: 'tom.baker@example.gov.uk' },
        { aadObjectId: aad(13), name: 'de Vries, Anna', email: 'anna.devries@example.gov.uk', roles: ['dea'], jobcentre: 'Cardiff', teamLeader: 'tom.baker@example.gov.uk' },
      ],
    });
    directory = new SqlStaffDirectory(db.dataSource);
    dea = (await directory.findByAadObjectId(aad(1)))!;
    jobcentreId = dea.jobcentreId!;
  });
  afterAll(async () => db.close());

  it('lists a DEA’s cohort in English order', async () => {
    const cohort = await new SqlCohortDirectory(db.dataSource, directory).cohortOf(dea.id);
    expect(cohort.map((p) => p.name)).toEqual(['Lloyd Evans', 'Lynch Hart']);
  });

  it('lists the holders of a role in a district in English order', async () => {
    const wps = await new SqlRoleHolders(db.dataSource, directory).holdersInDistrictOf('work_psychologist', jobcentreId);
    expect(wps.map((p) => p.name)).toEqual(['Rhys Morgan', 'Ryan Cole']);
  });

  it('invites to a DEA’s group conferences the work psychologist of the DEA’s district that the partnership names, not one from another district', async () => {
    const invited = await new SqlCohortDirectory(db.dataSource, directory).workPsychologistFor(dea);
    expect(invited?.name).toBe('Rhys Morgan');
  });

  it('puts surnames with a small first letter in English order, not after every capital as SQLite would: reports, managers, a team leader’s DEAs', async () => {
    const hcps = await new SqlReportReadModel(db.dataSource).hcps('South East Wales');
    expect(hcps.map((h) => h.name)).toEqual(['de Souza, Ana', 'Evans, Rhian']);
    const managers = await new SqlHcpRoles(db.dataSource, directory).managersInDistrict('South East Wales');
    expect(managers.map((m) => m.name)).toEqual(['de Winter, Sam', 'Ellis, Mark']);
    const tom = (await directory.findByAadObjectId(aad(11)))!;
    expect((await new SqlReportPeople(db.dataSource).deasLedBy(tom.id)).map((d) => d.name)).toEqual(['de Vries, Anna', 'Evans, Dai']);
  });
});
