import { BOOKING_RULES, bookerIdOf } from '../../domain/calendar/booking';
import { recorderIdOf, routeOf } from '../../domain/outcomes/outcome-routes';
import { actors, mayRead, participantId, participantsOf, roleOf } from '../../domain/requests/participants';
import type { StaffDirectory } from '../../domain/ports';
import type { StaffMember } from '../../domain/staff';

const member = (id: string, teamLeaderId: string | null = null): StaffMember =>
  ({ id, aadObjectId: `aad-${id}`, name: id, email: `${id}@example.gov.uk`, roles: [], jobcentreId: null, deaId: null, teamLeaderId }) as StaffMember;
const coach = member('coach', 'coach-leader');
const dea = member('dea', 'dea-leader');
const request = { requesterId: 'coach', deaId: 'dea' };
const directory = { findByIds: async (ids: readonly string[]) => [coach, dea].filter((p) => ids.includes(p.id)) } as unknown as StaffDirectory;

describe('participants of a case', () => {
  it('names each part: the requester who asked and the adviser who was asked', () => {
    expect(participantId(request, 'requester')).toBe('coach');
    expect(participantId(request, 'adviser')).toBe('dea');
    expect(roleOf(request, 'coach')).toBe('requester');
    expect(roleOf(request, 'dea')).toBe('adviser');
    expect(roleOf(request, 'coach-leader')).toBeNull();
  });

  it('lets the two team leaders read the case, and nobody else without a part', async () => {
    const parts = await participantsOf(directory, { ...request } as never);
    expect(parts.viewerIds).toEqual(['coach-leader', 'dea-leader']);
    expect(['coach', 'dea', 'coach-leader', 'dea-leader'].map((id) => mayRead(parts, id))).toEqual([true, true, true, true]);
    expect(mayRead(parts, 'someone-else')).toBe(false);
    expect(actors(parts).map((p) => p.id)).toEqual(['coach', 'dea']);
  });

  it('is not found when a participant has left the directory', async () => {
    await expect(participantsOf(directory, { requesterId: 'gone', deaId: 'dea' } as never)).rejects.toMatchObject({ kind: 'not_found' });
  });

  it('decides who books, whose diaries and who records by part, as the seed says', () => {
    expect(bookerIdOf({ ...request, channel: 'case_conference' })).toBe('dea');
    expect(bookerIdOf({ ...request, channel: 'three_way_intervention' })).toBe('coach');
    expect(BOOKING_RULES.claimant_support_intervention?.diaries).toEqual(['adviser']);
    expect(recorderIdOf(routeOf('case_conference')!, request)).toBe('coach');
    expect(recorderIdOf(routeOf('claimant_support_intervention')!, request)).toBe('dea');
  });
});
