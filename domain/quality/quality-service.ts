import { MET_STATUSES, type Booking } from '../calendar/booking';
import { MEETING_STATUSES } from '../requests/state-machine';
import { conflict, invalid, notAllowed, notFound } from '../errors';
import type { Clock, StaffDirectory } from '../ports';
import { hasRole, type StaffMember } from '../staff';
import type { RequestNotifier, SupportRequestStore } from '../requests/ports';
import type { RequestStatus, SupportRequest } from '../requests/support-request';
import { checkQasResult, standardFor, type QualityCheck, type QualityCheckStore } from './qas';

/** Requests whose meeting a team leader may check: booked to attend it, or held to review it. */
export const CHECKABLE_STATUSES: readonly RequestStatus[] = MEETING_STATUSES;

/** What a team leader does with a meeting's QAS check: mark it for a check, then record the result. */
export type QualityStep = 'mark' | 'record';

/** What a team leader's QAS step is decided from, besides the request. */
export interface QualityFacts {
  /** They are a team leader who may run this check (`QualityService.mayCheck`). */
  readonly mayCheck: boolean;
  readonly check: QualityCheck | null;
  /** The meeting was booked (`meetingWasBooked`): a three way the claimant refused never had one. */
  readonly hadMeeting: boolean;
}

/** Whether the request's current booking is a meeting that was booked: one held while its move was still being written took place too. */
export function meetingWasBooked(booking: Pick<Booking, 'status'> | null): boolean {
  return booking !== null && MET_STATUSES.includes(booking.status);
}

/**
 * What this person may do with the request's QAS check now, or null: the card's button, its "Your
 * action" line and the click all follow it. There is something to check only while the meeting is
 * booked or after it; a meeting is marked only if it was booked.
 */
export function qualityStep(request: Pick<SupportRequest, 'status' | 'channel'>, facts: QualityFacts | undefined): QualityStep | null {
  if (!facts?.mayCheck || !standardFor(request.channel) || !CHECKABLE_STATUSES.includes(request.status)) return null;
  // Marked, then the meeting did not take place (its booking ended): nothing to record a result of.
  if (!facts.hadMeeting) return null;
  if (!facts.check) return 'mark';
  return facts.check.result ? null : 'record';
}

/** Why a team leader has no meeting to check on this request, as the click's refusal says it. */
function noMeetingToCheck(request: Pick<SupportRequest, 'status'>): string {
  if (request.status === 'closed') return 'This request closed without its meeting taking place, so there is nothing to check.';
  if (request.status === 'accepted') return 'There is no meeting to check now: it is to be booked again. Check it once it is booked.';
  return 'A meeting can be marked for a check once it is booked.';
}

/**
 * A Work Coach Team Leader marks a meeting for a QAS check and records the result. QAS 1 is for the
 * DEA's own team leader (seed §69); QAS 2 for the DEA's or the work coach's team leader.
 */
export class QualityService {
  constructor(
    private readonly deps: {
      requests: SupportRequestStore;
      store: QualityCheckStore;
      directory: StaffDirectory;
      notifier: RequestNotifier;
      clock: Clock;
      /** Whether the request's meeting was booked: a three way the claimant refused never had one. */
      hadMeeting: (requestId: string) => Promise<boolean>;
    },
  ) {}

  async check(request: SupportRequest): Promise<QualityCheck | null> {
    return this.deps.store.forRequest(request.id);
  }

  /** Whether this person may run the request's check. */
  /** `parties`: the request's participants when the caller has already read them. */
  async mayCheck(person: StaffMember, request: SupportRequest, parties?: { requester: StaffMember; adviser: StaffMember }): Promise<boolean> {
    const standard = standardFor(request.channel);
    if (!standard || !hasRole(person, 'work_coach_team_leader')) return false;
    const dea = parties?.adviser ?? (await this.deps.directory.findById(request.deaId));
    if (dea?.teamLeaderId === person.id) return true;
    if (standard === 'qas1') return false;
    const requester = parties?.requester ?? (await this.deps.directory.findById(request.requesterId));
    return requester?.teamLeaderId === person.id;
  }

  async mark(person: StaffMember, requestId: string, version: number): Promise<SupportRequest> {
    const request = await this.load(person, requestId, version);
    const existing = await this.deps.store.forRequest(request.id);
    if (existing) throw conflict('This meeting is already marked for a check.');
    if ((await this.stepFor(request, existing)) !== 'mark') throw invalid(noMeetingToCheck(request));
    const now = this.deps.clock.now();
    await this.deps.store.mark({ requestId: request.id, standard: standardFor(request.channel)!, checkerId: person.id, markedAt: now });
    return this.touch(request, person, 'qas:marked', now);
  }

  async record(person: StaffMember, requestId: string, version: number, input: { result?: unknown; notes?: unknown }): Promise<SupportRequest> {
    const request = await this.load(person, requestId, version);
    const check = await this.deps.store.forRequest(request.id);
    if (!check) throw invalid('Mark the meeting for a check first.');
    if (check.result) throw conflict('The result of this check has already been recorded.');
    // Marked, but the meeting since did not take place: it is checked once it is booked again, or not at all.
    if ((await this.stepFor(request, check)) !== 'record') throw invalid(noMeetingToCheck(request));
    const { result, notes } = checkQasResult(input.result, input.notes, { result: 'qasResult', notes: 'qasNotes' });
    const now = this.deps.clock.now();
    await this.deps.store.record(check.id, result, notes, now);
    return this.touch(request, person, 'qas:recorded', now);
  }

  private async load(person: StaffMember, requestId: string, version: number): Promise<SupportRequest> {
    const request = await this.deps.requests.findById(requestId);
    if (!request) throw notFound('That request does not exist.');
    if (!(await this.mayCheck(person, request))) throw notAllowed(standardFor(request.channel) === 'qas1' ? "Only the DEA's Work Coach Team Leader runs QAS 1 checks." : "Only the DEA's or the work coach's Work Coach Team Leader runs QAS checks.");
    if (request.version !== version) throw conflict('The request changed since this card was shown.');
    return request;
  }

  /** The step a team leader who may check has with this request, as their card shows it. */
  private async stepFor(request: SupportRequest, check: QualityCheck | null): Promise<QualityStep | null> {
    return qualityStep(request, { mayCheck: true, check, hadMeeting: await this.deps.hadMeeting(request.id) });
  }

  /** Moves the version on so every copy of the card shows the check. */
  private async touch(request: SupportRequest, person: StaffMember, action: string, at: Date): Promise<SupportRequest> {
    const changed = await this.deps.requests.touch({ requestId: request.id, expectedVersion: request.version, actorId: person.id, action, at });
    await this.deps.notifier.requestChanged(changed);
    return changed;
  }
}
