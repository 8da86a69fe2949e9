import { notFound } from '../errors';
import type { StaffDirectory } from '../ports';
import { isTeamLeader, type StaffMember } from '../staff';
import type { SupportRequest } from './support-request';

/**
 * The people of a case, by the part they play: the requester who asked, and the adviser who was
 * asked (the DEA; for Specialist Advice, the HCP). Diaries, who books and who records, the live
 * card's audience and who may see what are all read from these parts, never from job roles.
 */
export const PARTICIPANT_ROLES = ['requester', 'adviser'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/** Which of a case's fields names each part. */
type CaseIds = Pick<SupportRequest, 'requesterId' | 'deaId'>;

/**
 * The claimant's work coach, when someone else asked for them (a team leader, seed §39): they are
 * told the outcome and follow it up (seed §41), and may read the case, but act on it as nobody's part.
 */
export function claimantCoachOf(request: Pick<SupportRequest, 'requesterId' | 'claimantCoachId'>): string {
  return request.claimantCoachId ?? request.requesterId;
}

/** The staff id of whoever plays `role` in the case. */
export function participantId(request: CaseIds, role: ParticipantRole): string {
  return role === 'adviser' ? request.deaId : request.requesterId;
}

/** Whether this person sees the claimant's NINO and surname in full: a part in the case, or the claimant's own work coach. */
export function seesClaimantInFull(person: Pick<StaffMember, 'id'>, request: CaseIds & Pick<SupportRequest, 'claimantCoachId'>): boolean {
  return roleOf(request, person.id) !== null || request.claimantCoachId === person.id;
}

/** The part this person plays in the case, or null. */
export function roleOf(request: CaseIds, personId: string): ParticipantRole | null {
  if (personId === request.requesterId) return 'requester';
  if (personId === request.deaId) return 'adviser';
  return null;
}

/** The case's people as read from the directory, and those who may read it without a part. */
export interface CaseParticipants {
  readonly requester: StaffMember;
  readonly adviser: StaffMember;
  /** The claimant's work coach, when the requester is someone else (a team leader); told, not acting. */
  readonly claimantCoach: StaffMember | null;
  /**
   * Read-only: the team leaders of the requester and of the adviser (summaries, QAS, trends and the
   * agreement to further interventions are theirs).
   */
  readonly viewerIds: readonly string[];
}

/** Reads the case's participants in one directory read. */
export async function participantsOf(directory: StaffDirectory, request: SupportRequest): Promise<CaseParticipants> {
  const people = await directory.findByIds([request.requesterId, request.deaId, ...(request.claimantCoachId ? [request.claimantCoachId] : [])]);
  const requester = people.find((p) => p.id === request.requesterId);
  const adviser = people.find((p) => p.id === request.deaId);
  if (!requester || !adviser) throw notFound('Someone on this request is no longer in the staff directory.');
  // A coach who has left the directory is told nothing more; the case carries on between the others.
  const claimantCoach = request.claimantCoachId ? (people.find((p) => p.id === request.claimantCoachId) ?? null) : null;
  return { requester, adviser, claimantCoach, viewerIds: [requester.teamLeaderId, adviser.teamLeaderId].filter((id): id is string => id !== null) };
}

/** The person playing `role`, from participants already read. */
export function participant(participants: CaseParticipants, role: ParticipantRole): StaffMember {
  return role === 'adviser' ? participants.adviser : participants.requester;
}

/** Whether the person may read the case at all: a participant, the claimant's work coach a team leader named, or a viewer. */
export function mayRead(participants: CaseParticipants, personId: string): boolean {
  return personId === participants.requester.id || personId === participants.adviser.id || personId === participants.claimantCoach?.id || participants.viewerIds.includes(personId);
}

/** The people who act on the case, and so each get its live card refreshed for them. */
export function actors(participants: CaseParticipants): StaffMember[] {
  return [participants.requester, participants.adviser];
}

/** How a showing of the case to this person is recorded in the access log: their part, else why they may see it. */
export function relationshipTo(
  participants: Pick<CaseParticipants, 'requester' | 'adviser'> & Partial<Pick<CaseParticipants, 'claimantCoach'>>,
  viewer: Pick<StaffMember, 'id' | 'roles'>,
): 'requester' | 'adviser' | "claimant's work coach" | 'team leader' | 'colleague' {
  if (viewer.id === participants.requester.id) return 'requester';
  if (viewer.id === participants.adviser.id) return 'adviser';
  if (viewer.id === participants.claimantCoach?.id) return "claimant's work coach";
  return isTeamLeader(viewer) ? 'team leader' : 'colleague';
}
