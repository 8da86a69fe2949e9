import { randomUUID } from 'node:crypto';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { Role } from '../../domain/roles';
import type { JobcentreRow, StaffRoleRow, StaffRow } from '../schema/directory';
import { SeedFileError, type SeedFile } from './seed-file';
import { inTransaction } from '../transactions';
import { inChunks } from '../chunks';
import { directoryChanged } from '../stores/staff-directory';

export interface SeedResult {
  readonly jobcentresAdded: number;
  readonly jobcentresUpdated: number;
  readonly staffAdded: number;
  readonly staffUpdated: number;
}

const TEAM_LEADER_ROLES: readonly Role[] = ['work_coach_team_leader', 'service_delivery_team_leader'];

/**
 * Loads or updates jobcentres and staff in one transaction: either the whole file is applied, or,
 * when any entry is wrong, nothing changes and every problem is reported.
 */
export async function applySeed(dataSource: DataSource, file: SeedFile, now: Date = new Date()): Promise<SeedResult> {
  try {
    return await seedIn(dataSource, file, now);
  } finally {
    directoryChanged();
  }
}

async function seedIn(dataSource: DataSource, file: SeedFile, now: Date): Promise<SeedResult> {
  return inTransaction(dataSource, async (manager) => {
    const jobcentres = await upsertJobcentres(manager, file);
    const staff = await upsertStaff(manager, file, jobcentres.idsByName, now);
    await linkManagers(manager, file, staff.idsByAad);
    return {
      jobcentresAdded: jobcentres.added,
      jobcentresUpdated: jobcentres.updated,
      staffAdded: staff.added,
      staffUpdated: staff.updated,
    };
  });
}

async function upsertJobcentres(manager: EntityManager, file: SeedFile) {
  const repo = manager.getRepository<JobcentreRow>('Jobcentre');
  const existing = await repo.find();
  const idsByName = new Map(existing.map((j) => [j.name.toLowerCase(), j.id]));
  let added = 0;
  let updated = 0;
  for (const j of file.jobcentres) {
    const row = { name: j.name, cluster: j.cluster, district: j.district, bankHolidayRegion: j.bankHolidays };
    const id = idsByName.get(j.name.toLowerCase());
    if (id) {
      await repo.update({ id }, row);
      updated++;
    } else {
      const newId = randomUUID();
      await repo.insert({ id: newId, ...row });
      idsByName.set(j.name.toLowerCase(), newId);
      added++;
    }
  }
  return { idsByName, added, updated };
}

async function upsertStaff(manager: EntityManager, file: SeedFile, jobcentreIds: Map<string, string>, now: Date) {
  const repo = manager.getRepository<StaffRow>('Staff');
  const roles = manager.getRepository<StaffRoleRow>('StaffRole');
  const aads = file.staff.map((s) => s.aadObjectId.toLowerCase());
  const existing = await inChunks(aads, (chunk) => repo.find({ where: { aadObjectId: In(chunk) } }));
  const idsByAad = new Map(existing.map((s) => [s.aadObjectId.toLowerCase(), s.id]));
  const problems: string[] = [];
  let added = 0;
  let updated = 0;

  for (const [i, s] of file.staff.entries()) {
    const jobcentreId = s.jobcentre ? jobcentreIds.get(s.jobcentre.toLowerCase()) : null;
    if (s.jobcentre && !jobcentreId) {
      problems.push(`staff[${i}] (${s.name}): jobcentre "${s.jobcentre}" is neither in the file nor in the directory`);
      continue;
    }
    const aad = s.aadObjectId.toLowerCase();
    const fields = {
      name: s.name,
      email: s.email.toLowerCase(),
      jobcentreId: jobcentreId ?? null,
      workingHours: s.workingHours ? JSON.stringify(s.workingHours) : null,
      updatedAt: now,
    };
    let id = idsByAad.get(aad);
    if (id) {
      await repo.update({ id }, fields);
      await roles.delete({ staffId: id });
      updated++;
    } else {
      id = randomUUID();
      await repo.insert({ id, aadObjectId: aad, ...fields, deaId: null, teamLeaderId: null, createdAt: now });
      idsByAad.set(aad, id);
      added++;
    }
    const staffId = id;
    await roles.insert([...new Set(s.roles)].map((role) => ({ staffId, role })));
  }
  if (problems.length) throw new SeedFileError(problems);
  return { idsByAad, added, updated };
}

async function linkManagers(manager: EntityManager, file: SeedFile, idsByAad: Map<string, string>) {
  const repo = manager.getRepository<StaffRow>('Staff');
  const emails = [...new Set(file.staff.flatMap((s) => [s.dea, s.teamLeader]).filter((e): e is string => !!e))];
  const referenced = await inChunks([...new Set(emails.map((e) => e.toLowerCase()))], (chunk) => repo.find({ where: { email: In(chunk) } }));
  const byEmail = new Map(referenced.map((r) => [r.email.toLowerCase(), r]));
  const roleRows = await inChunks(
    referenced.map((r) => r.id),
    (chunk) => manager.getRepository<StaffRoleRow>('StaffRole').find({ where: { staffId: In(chunk) } }),
  );
  const rolesOf = (id: string) => roleRows.filter((r) => r.staffId === id).map((r) => r.role);

  const problems: string[] = [];
  for (const [i, s] of file.staff.entries()) {
    const label = `staff[${i}] (${s.name})`;
    const resolve = (email: string | undefined, what: string, allowed: readonly Role[]): string | null => {
      if (!email) return null;
      const person = byEmail.get(email.toLowerCase());
      if (!person) {
        problems.push(`${label}: ${what} ${email} is not in the file or the directory`);
        return null;
      }
      if (!rolesOf(person.id).some((r) => allowed.includes(r as Role))) {
        problems.push(`${label}: ${what} ${email} does not have the role ${allowed.join(' or ')}`);
        return null;
      }
      return person.id;
    };
    const deaId = resolve(s.dea, 'DEA', ['dea']);
    const teamLeaderId = resolve(s.teamLeader, 'team leader', TEAM_LEADER_ROLES);
    await repo.update({ id: idsByAad.get(s.aadObjectId.toLowerCase())! }, { deaId, teamLeaderId });
  }
  if (problems.length) throw new SeedFileError(problems);
}
