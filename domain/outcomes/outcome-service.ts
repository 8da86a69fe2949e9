import type { OutcomeState } from './outcome-policy';
import { immediateUnitOfWork, type UnitOfWork } from '../unit-of-work';
import { outcomeNowRefusal, outcomeWhoRefusal, type OutcomeAction } from './outcome-policy';
import { MEETING_STATUSES } from '../requests/state-machine';
import { conflict, invalid, isDomainError, notFound } from '../errors';
import type { Clock, StaffDirectory } from '../ports';
import type { StaffMember } from '../staff';
import { MET_STATUSES, type Booking, type BookingStore } from '../calendar/booking';
import type { RequestNotifier, SupportRequestStore } from '../requests/ports';
import type { SupportRequest } from '../requests/support-request';
import { describeMeeting } from '../requests/calendar-date';
import { participantId } from '../requests/participants';
import { channelLabel } from '../requests/channels';
import { checkNotHeld, NOT_HELD, NOT_HELD_REASON_LABELS, type NotHeldInput } from './not-held';
import { checkNextSteps, type FollowUpStarter, type NextStep, type OutcomeChannel } from './next-steps';
import { OUTCOME_LIMITS, recorderIdOf, routeOf, summaryIsSeparate, type OutcomeRoute } from './outcome-routes';
import type { MeetingRecord, MeetingRecordStore, OutcomeNotifier } from './ports';

export interface OutcomeDeps {
  readonly requests: SupportRequestStore;
  readonly records: MeetingRecordStore;
  /** The request's current booking, to know whether its meeting has started. */
  readonly bookingOf: (requestId: string) => Promise<Booking | null>;
  /** Booked meetings that have ended, of requests still booked. */
  readonly endedMeetings: (by: Date) => Promise<Booking[]>;
  /** Saves a change to a booking at the version read: a meeting that did not take place stops being the request's booking. */
  readonly updateBooking: BookingStore['update'];
  readonly directory: StaffDirectory;
  readonly notifier: RequestNotifier & OutcomeNotifier;
  readonly followUps: FollowUpStarter;
  readonly clock: Clock;
  /** Writes of one use case commit together (default: at once, for tests of the rules alone). */
  readonly uow?: UnitOfWork;
}

export interface OutcomeInput {
  readonly actions?: unknown;
  readonly nextSteps?: unknown;
  readonly summary?: unknown;
}


/**
 * After a case conference, skill conference, three way or claimant support intervention: the person
 * the seed names records the outcome, and next steps that are channels start them; the DEA's summary
 * of outputs goes, as a card, to whoever the seed names (see outcome-routes.ts).
 */
export class OutcomeService {
  private readonly uow: UnitOfWork;

  constructor(private readonly deps: OutcomeDeps) {
    this.uow = deps.uow ?? immediateUnitOfWork;
  }

  /** `booking`: the request's current booking when the caller has already read it. */
  async state(request: SupportRequest, booking?: Booking | null): Promise<OutcomeState | null> {
    const route = routeOf(request.channel);
    if (!route || !MEETING_STATUSES.includes(request.status)) return null;
    // Only a meeting that was booked has an outcome: a three way the claimant refused closes without one.
    if (booking === undefined) booking = await this.deps.bookingOf(request.id);
    if (!booking || !MET_STATUSES.includes(booking.status)) return null;
    const records = await this.deps.records.forRequest(request.id);
    const meetingStarted = booking.start.getTime() <= this.deps.clock.now().getTime();
    return {
      route,
      outcome: records.find((r) => r.kind === 'outcome') ?? null,
      summary: records.find((r) => r.kind === 'summary') ?? null,
      meetingStarted,
      summaryRecipient: await this.summaryRecipient(request, route),
    };
  }

  /** The outcome, by the person the seed names; with the summary too when that person is the DEA. */
  async recordOutcome(person: StaffMember, requestId: string, version: number, input: OutcomeInput): Promise<{ request: SupportRequest; followUps: readonly { step: NextStep; reference: string }[] }> {
    return this.uow.run(async () => {
      const { request, route, state } = await this.ready(person, requestId, version, 'recordOutcome');
      const problems: Record<string, string> = {};
      const actions = text(input.actions, OUTCOME_LIMITS.actions, 'actions', 'Enter the actions and recommendations.', problems);
      const { steps, problem } = checkNextSteps(input.nextSteps, request.channel as OutcomeChannel);
      if (problem) problems.nextSteps = problem;
      const withSummary = !summaryIsSeparate(route);
      const summary = withSummary ? text(input.summary, OUTCOME_LIMITS.summary, 'summary', 'Enter the summary.', problems) : '';
      if (withSummary && !state.summaryRecipient) problems.summary = 'There is nobody to send the summary to: the staff directory has no team leader for this person.';
      if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);

      const now = this.deps.clock.now();
      let current = await this.toHeld(request, person, now);
      await this.deps.records.add({ requestId: request.id, kind: 'outcome', authorId: person.id, at: now, text: actions, nextSteps: steps, sentToId: null });
      let summaryRecord: MeetingRecord | null = null;
      if (withSummary) {
        summaryRecord = await this.deps.records.add({ requestId: request.id, kind: 'summary', authorId: person.id, at: now, text: summary, nextSteps: steps, sentToId: state.summaryRecipient!.id });
      }
      current = await this.deps.requests.changeStatus({ requestId: current.id, expectedVersion: current.version, to: 'outcome_recorded', actorId: person.id, action: 'outcome', at: now });
      if (withSummary || state.summary) {
        current = await this.deps.requests.changeStatus({ requestId: current.id, expectedVersion: current.version, to: 'closed', actorId: person.id, action: 'close', at: now });
      }
      const followUps = await this.deps.followUps.startFollowUps(request.id, steps, person.id, now);
      await this.deps.notifier.requestChanged(current);
      if (summaryRecord) await this.deps.notifier.summaryShared(summaryRecord);
      // The work coach recorded it: the DEA sees it (and writes their summary, if not done yet). The DEA
      // recorded it: the work coach is sent what was shared with them (seed §17, §41), unless the
      // summary already went to them.
      if (route.recorder === 'requester') await this.deps.notifier.requestNeedsAttention(current, current.deaId);
      else if (summaryRecord?.sentToId !== current.requesterId) await this.deps.notifier.requestNeedsAttention(current, current.requesterId);
      return { request: current, followUps };
    });
  }

  /** The DEA's summary of outputs, where the work coach records the outcome (seed §14, §27). */
  async recordSummary(dea: StaffMember, requestId: string, version: number, input: OutcomeInput): Promise<SupportRequest> {
    return this.uow.run(async () => {
      const { request, state } = await this.ready(dea, requestId, version, 'sendSummary');
      const problems: Record<string, string> = {};
      const summary = text(input.summary, OUTCOME_LIMITS.summary, 'summary', 'Enter the summary of outputs.', problems);
      if (!state.summaryRecipient) problems.summary = 'There is nobody to send the summary to: the staff directory has no team leader for this person.';
      if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
      const now = this.deps.clock.now();
      let current = await this.toHeld(request, dea, now);
      const record = await this.deps.records.add({ requestId: request.id, kind: 'summary', authorId: dea.id, at: now, text: summary, nextSteps: state.outcome?.nextSteps ?? [], sentToId: state.summaryRecipient!.id });
      const summarised = { requestId: current.id, expectedVersion: current.version, actorId: dea.id, action: 'summary', at: now };
      // With the outcome already recorded, the summary closes the request; before it, it is only noted.
      current = state.outcome ? await this.deps.requests.changeStatus({ ...summarised, to: 'closed' }) : await this.deps.requests.touch(summarised);
      await this.deps.notifier.requestChanged(current);
      await this.deps.notifier.summaryShared(record);
      return current;
    });
  }

  /**
   * The meeting did not take place (the claimant or the work coach did not come): the request goes
   * back to accepted, to be booked again by the same people, and it is not one of the claimant's
   * interventions (seed §36). The booking is ended without touching the diaries, where it is past.
   */
  async recordNotHeld(person: StaffMember, requestId: string, version: number, input: NotHeldInput): Promise<SupportRequest> {
    return this.uow.run(async () => {
      const { request, route } = await this.ready(person, requestId, version, 'recordNotHeld');
      const { reason, note } = checkNotHeld(request.channel, input);
      const booking = (await this.deps.bookingOf(request.id))!;
      const now = this.deps.clock.now();
      const held = await this.toHeld(request, person, now);
      await this.deps.updateBooking(booking.id, booking.version, { status: 'cancelled', lastError: null }, now);
      const text = `The ${lowerFirst(channelLabel(request.channel!, request.type))} booked for ${describeMeeting(booking.start, booking.end)} did not take place: ${lowerFirst(NOT_HELD_REASON_LABELS[reason])}.${note ? ` ${note}` : ''}`;
      const back = await this.deps.requests.changeStatus({ requestId: held.id, expectedVersion: held.version, to: 'accepted', actorId: person.id, action: NOT_HELD, at: now, message: { kind: 'note', text } });
      await this.deps.notifier.requestChanged(back);
      await this.deps.notifier.requestNeedsAttention(back, participantId(back, route.recorder === 'adviser' ? 'requester' : 'adviser'));
      return back;
    });
  }

  /**
   * Meetings that have ended are held: the person who records the outcome gets the card. Run by every
   * instance; the request's version lets only one of them move each request.
   */
  async markEndedMeetings(): Promise<number> {
    const now = this.deps.clock.now();
    let moved = 0;
    for (const booking of await this.deps.endedMeetings(now)) {
      const request = await this.deps.requests.findById(booking.requestId);
      const route = request ? routeOf(request.channel) : null;
      if (!request || request.status !== 'booked' || !route) continue;
      try {
        const held = await this.deps.requests.changeStatus({ requestId: request.id, expectedVersion: request.version, to: 'held', actorId: request.deaId, action: 'held', at: now });
        moved++;
        await this.deps.notifier.requestChanged(held);
        await this.deps.notifier.requestNeedsAttention(held, recorderIdOf(route, held));
        if (summaryIsSeparate(route)) await this.deps.notifier.requestNeedsAttention(held, held.deaId);
      } catch (error) {
        // Another instance moved it first.
        if (!isDomainError(error) || error.kind !== 'conflict') throw error;
      }
    }
    return moved;
  }

  async findRecord(id: string): Promise<MeetingRecord | null> {
    return this.deps.records.find(id);
  }

  /** The request and where its meeting stands, once the outcome policy allows this person the action on the version they saw. */
  private async ready(person: StaffMember, requestId: string, version: number, action: OutcomeAction): Promise<{ request: SupportRequest; route: OutcomeRoute; state: OutcomeState }> {
    const request = await this.deps.requests.findById(requestId);
    if (!request) throw notFound('That request does not exist.');
    if (request.version !== version) throw conflict('The request changed since this card was shown.');
    if (!routeOf(request.channel)) throw invalid('This request has no meeting to record an outcome for.');
    const state = await this.state(request);
    const refusal = (state && outcomeWhoRefusal(person.id, request, state, action)) ?? outcomeNowRefusal(state, action);
    if (refusal) throw refusal;
    return { request, route: state!.route, state: state! };
  }

  /** A meeting recorded before the ended-meetings job saw it is held first, so the history reads true. */
  private async toHeld(request: SupportRequest, actor: StaffMember, at: Date): Promise<SupportRequest> {
    if (request.status !== 'booked') return request;
    return this.deps.requests.changeStatus({ requestId: request.id, expectedVersion: request.version, to: 'held', actorId: actor.id, action: 'held', at });
  }

  private async summaryRecipient(request: SupportRequest, route: OutcomeRoute): Promise<StaffMember | null> {
    if (route.summaryTo === 'claimant_coach') {
      // A coach who has left the directory: the team leader who asked gets it, to pass on.
      const coach = request.claimantCoachId ? await this.deps.directory.findById(request.claimantCoachId) : null;
      return coach ?? this.deps.directory.findById(request.requesterId);
    }
    const whose = await this.deps.directory.findById(route.summaryTo === 'dea_team_leader' ? request.deaId : request.requesterId);
    const leader = whose?.teamLeaderId ? await this.deps.directory.findById(whose.teamLeaderId) : null;
    // A colleague outside the coaches' teams (a service delivery coach, say) may have no team leader
    // in the directory: the summary of the one to one support they asked for (seed §65) is then theirs.
    if (!leader && request.type === 'colleague_support' && route.summaryTo === 'requester_team_leader') return whose;
    return leader;
  }
}

function lowerFirst(words: string): string {
  return `${words.charAt(0).toLowerCase()}${words.slice(1)}`;
}

function text(value: unknown, max: number, field: string, missing: string, problems: Record<string, string>): string {
  const t = typeof value === 'string' ? value.trim() : '';
  if (!t) problems[field] = missing;
  else if (t.length > max) problems[field] = `Keep it under ${max} characters.`;
  return t;
}

export type { OutcomeState } from './outcome-policy';
