import type { BookingView } from '../../cards/booking-forms';
import type { ConversationReferences } from '../../data/stores/conversation-references';
import { requestCard, type CardNote } from '../../cards/request-cards';
import type { AdaptiveCard } from '../../cards/render';
import type { InterventionView } from '../../cards/intervention-forms';
import type { QualityView } from '../../cards/quality-forms';
import { BOOKING_RULES, bookedByOf, hasSeveralBookers, type Booking } from '../../domain/calendar/booking';
import { allowedBooking } from '../../domain/calendar/booking-policy';
import type { BookingService } from '../../domain/calendar/booking-service';
import type { Clock, StaffDirectory } from '../../domain/ports';
import { isDomainError } from '../../domain/errors';
import { interventionRequesterKind, requiredInterventionStatements, suggestedConditionality } from '../../domain/interventions/consent';
import type { InterventionService } from '../../domain/interventions/intervention-service';
import { notificationLetter, sendsTheLetter, type NotificationLetter } from '../../domain/interventions/letter';
import type { OutcomeService } from '../../domain/outcomes/outcome-service';
import { meetingWasBooked, type QualityService } from '../../domain/quality/quality-service';
import { actors, participantsOf, relationshipTo, type CaseParticipants } from '../../domain/requests/participants';
import { PROPOSALS_WITHIN_MS, settleWithin } from '../core/time-box';
import type { AccessSink } from '../privacy/access-audit';
import { londonDate } from '../../domain/requests/calendar-date';
import type { SupportRequest } from '../../domain/requests/support-request';
import type { StaffMember } from '../../domain/staff';

export interface CardExtras {
  readonly note?: CardNote;
  readonly problems?: Record<string, string>;
  readonly values?: Record<string, string>;
  /** When the card must be ready (ms since the epoch): a click has already used part of Teams' 5 s. */
  readonly readyBy?: number;
  /** The request's people, when the caller has already read them. */
  readonly participants?: CaseParticipants;
}

export interface RequestCardServices {
  readonly bookings: BookingService;
  readonly interventions: InterventionService;
  readonly outcomes: OutcomeService;
  readonly quality: QualityService;
  /** The name of a jobcentre, for the place on a face-to-face appointment letter. */
  readonly jobcentreName: (id: string) => Promise<string | undefined>;
}

/**
 * The one place a request's card is put together from stored state, for whoever will see it: on a
 * click, on a refresh, and in every copy the notifier sends or updates.
 */
export class RequestCardRenderer {
  constructor(
    private readonly conversationReferences: ConversationReferences,
    private readonly directory: StaffDirectory,
    private readonly services: RequestCardServices,
    private readonly clock: Clock,
    private readonly access?: AccessSink,
  ) {}

  /**
   * `readyBy` is set when the card answers the viewer's own click or refresh: only then are common
   * free times read from the diaries, so copies updated in the background never wait on Graph.
   */
  async render(request: SupportRequest, viewer: StaffMember, { readyBy, participants: known, ...extras }: CardExtras = {}): Promise<AdaptiveCard> {
    const participants = known ?? (await participantsOf(this.directory, request));
    const { requester, adviser: dea } = participants;
    this.access?.saw(viewer, 'request', request.id, relationshipTo(participants, viewer), 'card');
    const intervention = await this.interventionView(request, requester, dea);
    // Read once: the booking view, the outcome and the letter all depend on it.
    const current = request.channel && BOOKING_RULES[request.channel] ? await this.services.bookings.current(request.id) : null;
    const booking = await this.bookingView(viewer, request, participants, current, intervention?.state.blockedBy ?? null, readyBy);
    return requestCard(request, participants, viewer, {
      today: londonDate(this.clock.now()),
      booking,
      intervention,
      outcome: (await this.services.outcomes.state(request, current)) ?? undefined,
      quality: await this.qualityView(viewer, request, participants, current),
      // The claimant's own work coach and jobcentre, when a team leader asked for them.
      letter: await this.letter(viewer, request, current, intervention, participants.claimantCoach ?? requester, dea),
      refreshUserIds: await this.teamsUserIds(actors(participants)),
      ...extras,
    });
  }

  /** Teams user ids as seen in each person's personal chat with the bot; undefined unless all are known. */
  private async teamsUserIds(people: readonly StaffMember[]): Promise<string[] | undefined> {
    const known = await this.conversationReferences.teamsUserIdsOf(people.map((p) => p.aadObjectId));
    const ids = people.map((p) => known.get(p.aadObjectId));
    return ids.every((id): id is string => typeof id === 'string' && id.length > 0) ? ids : undefined;
  }

  private async interventionView(request: SupportRequest, requester: StaffMember, dea: StaffMember): Promise<InterventionView | undefined> {
    const state = await this.services.interventions.state(request);
    if (!state) return undefined;
    // The team leader's name is shown only where their agreement may be asked for.
    const teamLeader = request.channel === 'claimant_support_intervention' && dea.teamLeaderId ? await this.directory.findById(dea.teamLeaderId) : null;
    const requesterKind = interventionRequesterKind(requester);
    return {
      state,
      suggested: suggestedConditionality(request.claimant?.benefits ?? []),
      requesterKind,
      requiredStatements: requiredInterventionStatements(requesterKind),
      deaTeamLeaderName: teamLeader?.name ?? null,
    };
  }

  private async qualityView(viewer: StaffMember, request: SupportRequest, parties: { requester: StaffMember; adviser: StaffMember }, current: Booking | null): Promise<QualityView | undefined> {
    const mayCheck = await this.services.quality.mayCheck(viewer, request, parties);
    const check = await this.services.quality.check(request);
    return mayCheck || check ? { check, mayCheck, hadMeeting: meetingWasBooked(current) } : undefined;
  }

  /**
   * Who booked the meeting, where more than one person may have (it comes with the booking). Only a
   * team leader who booked it is not among the people already read.
   */
  private async bookedBy(viewer: StaffMember, request: SupportRequest, { requester, adviser }: CaseParticipants, current: Booking | null): Promise<BookingView['bookedBy']> {
    if (!current || current.status === 'cancelled' || !hasSeveralBookers(request)) return null;
    const id = bookedByOf(request, current);
    const known = [viewer, requester, adviser].find((p) => p.id === id) ?? (await this.directory.findById(id));
    return known ? { id, name: known.name } : null;
  }

  /** The appointment letter, for the person who sends it. */
  private async letter(viewer: StaffMember, request: SupportRequest, booking: Booking | null, intervention: InterventionView | undefined, coach: StaffMember, dea: StaffMember): Promise<NotificationLetter | undefined> {
    const consent = intervention?.state.consent;
    if (!booking || !consent || !sendsTheLetter(viewer.id, request, booking)) return undefined;
    const jobcentre = coach.jobcentreId ? await this.services.jobcentreName(coach.jobcentreId) : null;
    return notificationLetter({
      purpose: consent.purpose,
      meeting: booking,
      mode: booking.mode,
      place: jobcentre ?? null,
      coachName: coach.name,
      deaName: dea.name,
      conditionality: consent.conditionality,
      format: consent.letterFormat,
    });
  }

  /** The booking, and for the booker about to book, the common free times to propose. */
  private async bookingView(viewer: StaffMember, request: SupportRequest, participants: CaseParticipants, current: Booking | null, blockedBy: string | null, readyBy: number | undefined): Promise<BookingView | undefined> {
    if (!request.channel || !BOOKING_RULES[request.channel]) return undefined;
    // Free times are read for a person who may book it now.
    if (!allowedBooking(viewer.id, { request, booking: current, blockedBy, requesterTeamLeaderId: participants.requester.teamLeaderId }).has('book')) {
      return { current, proposals: [], bookedBy: await this.bookedBy(viewer, request, participants, current) };
    }
    if (readyBy === undefined) return { current, proposals: [], unavailable: 'Open the card again to see times when you are free, or enter a date and time.' };
    const tooLong = { current, proposals: [], unavailable: 'Finding common free times is taking too long: enter a date and time, or reopen the card in a moment.' };
    const wait = Math.min(PROPOSALS_WITHIN_MS, readyBy - Date.now());
    if (wait <= 0) return tooLong;
    try {
      const settled = await settleWithin(wait, this.services.bookings.proposals(request, undefined, undefined, participants));
      return settled ? { current, proposals: settled.value } : tooLong;
    } catch (error) {
      if (isDomainError(error)) throw error;
      // The diaries could not be read (e.g. Graph is down): the booker can still book a time they choose.
      return { current, proposals: [], unavailable: 'The diaries could not be read just now, so no times are proposed: enter a date and time.' };
    }
  }
}

