import { byName } from '../names';
import type { StaffMember } from '../staff';
import { workPsychologistOf } from '../work-psychologist/partnership';
import type { DistrictPeople } from '../work-psychologist/ports';

/**
 * The work psychologists a DEA may hand work to (an action from an outcome, a retention case): the
 * one the DEA works with, by the partnership's rule (`workPsychologistOf`: the DEA's own jobcentre's,
 * else the district's), so a DEA whose jobcentre has none still has theirs. When several work at the
 * DEA's own jobcentre the DEA chooses among them, as before. Empty when the district has none.
 */
export async function workPsychologistsFor(dea: Pick<StaffMember, 'jobcentreId'> | null, people: DistrictPeople): Promise<StaffMember[]> {
  if (!dea?.jobcentreId) return [];
  const district = await people.holdersInDistrictOf('work_psychologist', dea.jobcentreId);
  const own = district.filter((w) => w.jobcentreId === dea.jobcentreId);
  if (own.length > 1) return [...own].sort(byName);
  const theirs = workPsychologistOf(dea, district);
  return theirs ? [theirs] : [];
}
