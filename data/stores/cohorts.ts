import type { DataSource } from 'typeorm';
import type { CohortDirectory } from '../../domain/conferences/ports';
import type { StaffDirectory } from '../../domain/ports';
import type { StaffMember } from '../../domain/staff';
import type { StaffRoleRow, StaffRow } from '../schema/directory';

/** A DEA's cohort and a team leader's DEAs, from the staff directory tables. */
export class SqlCohortDirectory implements CohortDirectory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly directory: StaffDirectory,
  ) {}

  async cohortOf(deaId: string): Promise<StaffMember[]> {
    const rows = await this.dataSource.getRepository<StaffRow>('Staff').find({ where: { deaId: deaId.toLowerCase() }, select: { id: true } });
    const people = await this.directory.findByIds(rows.map((r) => r.id));
    return people.filter((p) => p.roles.includes('work_coach')).sort((a, b) => a.name.localeCompare(b.name));
  }

  async deasFor(teamLeaderId: string): Promise<StaffMember[]> {
    const led = await this.directory.findByTeamLeader(teamLeaderId);
    const deaIds = new Set([...led.filter((p) => p.roles.includes('dea')).map((p) => p.id), ...led.flatMap((p) => (p.deaId ? [p.deaId] : []))]);
    const deas = await this.directory.findByIds([...deaIds]);
    return deas.filter((d) => d.roles.includes('dea')).sort((a, b) => a.name.localeCompare(b.name));
  }

  async workPsychologistFor(dea: StaffMember): Promise<StaffMember | null> {
    const roleRows = await this.dataSource.getRepository<StaffRoleRow>('StaffRole').find({ where: { role: 'work_psychologist' } });
    const people = await this.directory.findByIds(roleRows.map((r) => r.staffId));
    if (!people.length) return null;
    return people.find((p) => p.jobcentreId !== null && p.jobcentreId === dea.jobcentreId) ?? people.sort((a, b) => a.name.localeCompare(b.name))[0]!;
  }
}

