import type { DataSource } from 'typeorm';
import type { CohortDirectory } from '../../domain/conferences/ports';
import type { StaffDirectory } from '../../domain/ports';
import type { StaffMember } from '../../domain/staff';
import { byName } from '../../domain/names';
import { workPsychologistOf } from '../../domain/work-psychologist/partnership';
import { SqlRoleHolders } from './role-holders';

/** A DEA's cohort and a team leader's DEAs, from the staff directory tables. */
export class SqlCohortDirectory implements CohortDirectory {
  private readonly people: SqlRoleHolders;

  constructor(
    dataSource: DataSource,
    private readonly directory: StaffDirectory,
  ) {
    this.people = new SqlRoleHolders(dataSource, directory);
  }

  async cohortOf(deaId: string): Promise<StaffMember[]> {
    return this.people.cohortOf(deaId);
  }

  async deasFor(teamLeaderId: string): Promise<StaffMember[]> {
    const led = await this.directory.findByTeamLeader(teamLeaderId);
    const deaIds = new Set([...led.filter((p) => p.roles.includes('dea')).map((p) => p.id), ...led.flatMap((p) => (p.deaId ? [p.deaId] : []))]);
    const deas = await this.directory.findByIds([...deaIds]);
    return deas.filter((d) => d.roles.includes('dea')).sort(byName);
  }

  /** The DEA's partner, by the rule the partnership itself uses, so the one invited is the one the DEA works with. */
  async workPsychologistFor(dea: StaffMember): Promise<StaffMember | null> {
    return dea.jobcentreId ? workPsychologistOf(dea, await this.people.holdersInDistrictOf('work_psychologist', dea.jobcentreId)) : null;
  }
}

