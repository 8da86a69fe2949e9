/**
 * The Work Coach Team Leader's side of group conferences (seed §29–31): group the DEA's cohort,
 * find a time a month per group for the next four months, confirm, and book each conference as
 * one meeting in the DEA's diary with the group's coaches invited. Booking is resumable: each
 * conference carries its own status and an idempotent transactionId, so a second run after a
 * failure part-way writes only what is missing and never a second meeting. A cancelled conference
 * given a time again is written under a transactionId of its own (see `transactionIdOf`).
 */
import { createHash } from 'node:crypto';
import { conflict, invalid, notAllowed, notFound, type DomainError } from '../errors';
import { allowedConference, assertConference, assertPlan, moveRefusal, type ConferenceAction, type PlanAction } from './plan-policy';
import type { Clock, Logger, StaffDirectory, WorkScheduler } from '../ports';
import { immediateUnitOfWork, type UnitOfWork } from '../unit-of-work';
import { hasRole, type StaffMember } from '../staff';
import { compareCodes, inWords } from '../names';
import { patternsOf, type WorkingPatterns } from '../calendar/booking-service';
import type { Attendee, EventResult, Interval, NewEvent } from '../calendar/calendar-port';
import type { Participant } from '../calendar/free-time';
import { busyDuring } from '../calendar/intervals';
import { isClockTime, londonToUtc } from '../calendar/london-time';
import { isBankHoliday } from '../calendar/bank-holidays';
import { weekdayOf, worksThrough } from '../calendar/working-hours';
import { describeDate, isCalendarDate, londonDate } from '../requests/calendar-date';
import { groupCohort, MAX_COHORT, MAX_GROUP_SIZE } from './grouping';
import { planMonthlySlotsPausing, type PlannedSlot } from './monthly-slots';
import { describeMonth, HORIZON_MONTHS, monthBounds, monthOf, monthsAhead, monthsBetween, planMonths, recentFrom } from './months';
import { earliestRows, qasDueIn } from './conference-cases';
import { CONFERENCE_LIMITS, CONFERENCE_MINUTES, EARLIER_OUTCOMES_SHOWN, MEETING_METHODS, PLAN_READ_LIMIT, TIMES_OF_DAY, type ConferencePlan, type GroupConference, type MeetingMethod, type TimeOfDay } from './plan';
import type { CohortDirectory, ConferenceCalendar, ConferenceChange, ConferenceNotifier, ConferenceStore, JobLeases, NewConference } from './ports';

export interface GroupConferenceDeps {
  readonly store: ConferenceStore;
  readonly calendar: ConferenceCalendar;
  readonly cohort: CohortDirectory;
  readonly directory: StaffDirectory;
  readonly patterns: WorkingPatterns;
  readonly notifier: ConferenceNotifier;
  readonly jobs: JobLeases;
  readonly clock: Clock;
  readonly logger: Logger;
  /** A confirmed plan and the work of booking it are written together. */
  readonly uow?: UnitOfWork;
  /** Where the booking work is kept until done; without it, `book` is called by whoever confirms. */
  readonly work?: WorkScheduler;
}

/** The kind of durable work that books a confirmed plan's pending and failed conferences. */
export const PLAN_BOOKING_WORK = 'conference_plan';

/** The kind of durable work that brings the diaries in line with a moved or cancelled conference. */
export const CONFERENCE_DIARY_WORK = 'conference_diary';

export interface PlanRequest {
  readonly deaId?: string;
  readonly durationMinutes?: number;
  readonly inviteWctl?: boolean;
  readonly inviteWorkPsychologist?: boolean;
  readonly meetingMethod?: string;
  readonly venue?: string;
  readonly room?: string;
  readonly timeOfDay?: string;
}

/**
 * A click's work read from the diaries and not yet saved (`prepareDraft`, `prepareChange` and the
 * like): a click that cannot wait for slow diaries answers without calling `save`, so a read that
 * lands after the answer leaves nothing behind.
 */
export interface Prepared<T> {
  save(): Promise<T>;
}

/** A plan drafted from the diaries and not yet saved: `save` replaces any draft of the DEA's nobody confirmed. */
export type PreparedDraft = Prepared<ConferencePlan>;

/** A conference given a time, and what its team leader is told of it. */
export interface PlacedConference {
  readonly conference: GroupConference;
  /** It had been cancelled: those the cancel told are told it is on again. */
  readonly wasCancelled: boolean;
  /** When it was cancelled: how many cases are on it now (the cancel moved them on if the group had a next one). */
  readonly casesKept: number | null;
}

/** A cancelled conference, and where the cases put forward for it went. */
export interface CancelledConference {
  readonly conference: GroupConference;
  /** How many undiscussed cases moved to `next`. */
  readonly movedCases: number;
  /** The group's next conference, if one is planned. */
  readonly next: GroupConference | null;
}

/** A plan as its card shows it (see `plan`). */
export interface PlanRead {
  readonly plan: ConferencePlan;
  /** Its conferences from `earlier.from` on, by month and group. */
  readonly conferences: GroupConference[];
  readonly earlier: EarlierMonths;
  /** Months whose check list is due (seed §69). */
  readonly qasDue: readonly string[];
}

/** What the plan's card says of the months before those it shows. */
export interface EarlierMonths {
  /** The first month shown. */
  readonly from: string;
  /** The plan's first month, when it is before `from`. */
  readonly firstMonth: string | null;
  /** How many months from `firstMonth` to `from`. */
  readonly months: number;
  /** Their conferences with something still to do: a check list due, then the latest waiting for their outcome, by month. */
  readonly due: readonly GroupConference[];
  /** More conferences before `from` wait for their outcome than are in `due`. */
  readonly moreOutcomes: boolean;
}

export interface BookingProgress {
  readonly done: number;
  readonly total: number;
  readonly failed: number;
}

/** How much of a plan's warning is kept (the column's length). */
const PLAN_WARNING_LENGTH = 400;

/** All of a DEA's conferences sit in the DEA's mailbox: Graph lets 4 requests per mailbox be in flight. */
const EVENTS_PER_ROUND = 4;
const TOP_UP_JOB = 'group-conference-top-up';
const COHORT_SYNC_JOB = 'group-conference-cohort-sync';
const COHORT_SYNC_EVERY_MS = 15 * 60_000;

export class GroupConferenceService {
  private readonly uow: UnitOfWork;

  constructor(private readonly deps: GroupConferenceDeps) {
    this.uow = deps.uow ?? immediateUnitOfWork;
  }

  /** The DEAs a team leader may plan for. */
  async deaChoices(wctl: StaffMember): Promise<StaffMember[]> {
    this.assertWctl(wctl);
    return this.deps.cohort.deasFor(wctl.id);
  }

  /** Groups the cohort and proposes a time per group and month; nothing is booked until confirmed. */
  async draft(wctl: StaffMember, request: PlanRequest): Promise<ConferencePlan> {
    return (await this.prepareDraft(wctl, request)).save();
  }

  /**
   * `draft` in two steps: the checks and the read of every diary, which writes nothing, then `save`.
   * A click that cannot wait for slow diaries answers without calling `save`, so a read that lands
   * after the answer leaves nothing behind.
   */
  async prepareDraft(wctl: StaffMember, request: PlanRequest): Promise<PreparedDraft> {
    this.assertWctl(wctl);
    const problems: Record<string, string> = {};
    const choices = await this.deps.cohort.deasFor(wctl.id);
    const dea = choices.find((d) => d.id === String(request.deaId ?? '').toLowerCase());
    if (!dea) problems.deaId = 'Choose one of the DEAs you plan conferences for.';
    const minutes = Number(request.durationMinutes ?? 60);
    if (!(CONFERENCE_MINUTES as readonly number[]).includes(minutes)) problems.durationMinutes = 'Choose how long each conference is (at least an hour).';
    const where = meetingPlace(request, problems);
    const timeOfDay = (TIMES_OF_DAY as readonly string[]).includes(request.timeOfDay ?? 'any') ? ((request.timeOfDay ?? 'any') as TimeOfDay) : null;
    if (!timeOfDay) problems.timeOfDay = 'Choose a time of day, or any time.';
    if (!dea || Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
    await this.assertNotPlanned(dea);

    const coaches = await this.deps.cohort.cohortOf(dea.id);
    if (!coaches.length) throw invalid(`${dea.name} has no work coaches in the staff directory, so there is nobody to group.`);
    const grouping = groupCohort(coaches.map((c) => ({ id: c.id, teamId: c.teamLeaderId, name: c.name })));
    const psychologist = request.inviteWorkPsychologist === true ? await this.deps.cohort.workPsychologistFor(dea) : null;
    if (request.inviteWorkPsychologist === true && !psychologist) throw invalid('There is no work psychologist in the staff directory to invite.', { inviteWorkPsychologist: 'Nobody to invite: untick this.' });

    const now = this.deps.clock.now();
    const months = planMonths(now);
    const current = monthOf(now);
    // The current month stays on the plan only for groups a time was found for in what is left of it.
    const slots = (await this.findSlots(dea, coaches, grouping.groups, months, minutes, now, timeOfDay ?? 'any')).filter((s) => s.month !== current || s.slot !== null);
    return {
      save: async () => {
        // Checked again: the diaries take a while to read, and another click may have confirmed a plan meanwhile.
        await this.assertNotPlanned(dea);
        const at = this.deps.clock.now();
        // Drafts nobody confirmed are replaced, so the DEA has one plan in the making at a time.
        for (const old of await this.deps.store.plansForDea(dea.id, ['draft'])) await this.deps.store.updatePlan(old.id, old.version, { status: 'cancelled' }, at);
        const plan = await this.deps.store.createPlan(
          { deaId: dea.id, wctlId: wctl.id, durationMinutes: minutes, inviteWctl: request.inviteWctl === true, workPsychologistId: psychologist?.id ?? null, ...where, timeOfDay: timeOfDay ?? 'any', groups: grouping.groups, warning: grouping.warning },
          toConferences(slots, grouping.groups, 'proposed'),
          at,
        );
        this.deps.logger.info({ planId: plan.id, deaId: dea.id, coaches: coaches.length, groups: grouping.groups.length, months: months.length }, 'group conferences drafted');
        return plan;
      },
    };
  }

  /** A DEA with a confirmed plan has their conferences kept ahead already: a second plan is refused. */
  private async assertNotPlanned(dea: StaffMember): Promise<void> {
    const confirmed = await this.deps.store.plansForDea(dea.id, ['confirmed']);
    if (confirmed.length) throw conflict(`${dea.name}'s group conferences are already planned and kept ${HORIZON_MONTHS} months ahead.`);
  }

  /**
   * The plan as its card shows it, read in bounded queries whatever its history: its conferences from
   * RECENT_MONTHS before this month on; of the months before, only what is still to do (a held
   * conference of each month whose check list is due, and the latest conferences still waiting for
   * their outcome), and the first month, for the card to say how many months it does not show.
   */
  async plan(id: string): Promise<PlanRead> {
    const plan = await this.deps.store.findPlan(id);
    if (!plan) throw notFound('That plan does not exist.');
    const from = recentFrom(this.deps.clock.now());
    const conferences = await this.deps.store.conferencesOf(id, { from, limit: PLAN_READ_LIMIT });
    const none = { from, firstMonth: null, months: 0, due: [], moreOutcomes: false };
    // A draft is made from the current month on: only a confirmed plan has a history.
    if (plan.status !== 'confirmed') return { plan, conferences, earlier: none, qasDue: [] };
    const earliest = await this.deps.store.conferencesOf(id, { limit: earliestRows(plan) });
    const qasDue = await qasDueIn(this.deps.store, id, earliest);
    const firstMonth = earliest[0]?.month ?? null;
    if (firstMonth === null || firstMonth >= from) return { plan, conferences, earlier: none, qasDue };
    // A month's check list is recorded from one of its held conferences: the first.
    const checks = qasDue.filter((m) => m < from).map((m) => earliest.find((c) => c.month === m && c.status === 'held')!);
    // A conference before these months still booked has taken place: the DEA is to record its outcome.
    const booked = await this.deps.store.conferencesOf(id, { before: from, statuses: ['booked'], latestFirst: true, limit: EARLIER_OUTCOMES_SHOWN + 1 });
    const outcomes = booked.slice(0, EARLIER_OUTCOMES_SHOWN).reverse();
    return { plan, conferences, earlier: { from, firstMonth, months: monthsBetween(firstMonth, from), due: [...checks, ...outcomes], moreOutcomes: booked.length > EARLIER_OUTCOMES_SHOWN }, qasDue };
  }

  /**
   * The team leader gives another London date and time to a proposed conference, before confirming:
   * a working time of the DEA's, as the planner would have found.
   */
  async change(wctl: StaffMember, planId: string, version: number, conferenceId: string, date: unknown, time: unknown): Promise<ConferencePlan> {
    return (await this.prepareChange(wctl, planId, version, conferenceId, date, time)).save();
  }

  /** `change` in two steps: the checks and the read of who is busy then, which writes nothing, then `save`. */
  async prepareChange(wctl: StaffMember, planId: string, version: number, conferenceId: string, date: unknown, time: unknown): Promise<Prepared<ConferencePlan>> {
    const plan = await this.allowed(wctl, planId, version, 'change');
    const conference = await this.deps.store.findConference(conferenceId);
    if (!conference || conference.planId !== plan.id) throw notFound('That conference is not on this plan.');
    const start = startIn(conference.month, date, time);
    if (start.getTime() <= this.deps.clock.now().getTime()) throw invalid('The conference must be in the future.', { date: 'Choose a date in the future.' });
    const end = new Date(start.getTime() + plan.durationMinutes * 60_000);
    // Who is busy or not working then, so the plan card tells the team leader what they chose.
    const clashes = await this.checkedTime(plan, conference, conference.coachIds, start, end);
    return {
      // The conference and the plan's version together: a change refused on the plan leaves the conference as it was.
      save: () =>
        this.uow.run(async () => {
          const now = this.deps.clock.now();
          await this.deps.store.updateConference(conference.id, conference.version, { start, end, clashes, status: 'proposed' }, now);
          return this.deps.store.updatePlan(plan.id, plan.version, {}, now);
        }),
    };
  }

  /**
   * Moves a booked conference to another time in its month, a working time of the DEA's. The new time
   * is saved, and the work of moving the meeting in every diary written, with the click; the meeting is
   * moved after it, and everyone invited is told.
   */
  async move(wctl: StaffMember, conferenceId: string, version: number, date: unknown, time: unknown): Promise<GroupConference> {
    return (await this.prepareMove(wctl, conferenceId, version, date, time)).save();
  }

  /** `move` in two steps: the checks and the read of who is busy then, which writes nothing, then `save`. */
  async prepareMove(wctl: StaffMember, conferenceId: string, version: number, date: unknown, time: unknown): Promise<Prepared<GroupConference>> {
    const { plan, conference } = await this.conferenceAllowed(wctl, conferenceId, version, 'move');
    const start = startIn(conference.month, date, time);
    const now = this.deps.clock.now();
    const refusal = moveRefusal(conference, start, now);
    if (refusal) throw refusal;
    const end = new Date(start.getTime() + plan.durationMinutes * 60_000);
    const clashes = await this.checkedTime(plan, conference, conference.coachIds, start, end);
    return {
      save: async () => {
        const moved = await this.uow.run(async () => {
          const saved = await this.deps.store.updateConference(conference.id, conference.version, { start, end, clashes }, this.deps.clock.now());
          await this.diaryLater(plan, saved, 'moved');
          return saved;
        });
        if (!this.deps.work) await this.writeDiary(moved.id);
        this.deps.logger.info({ planId: plan.id, conferenceId: moved.id }, 'group conference moved');
        return moved;
      },
    };
  }

  /**
   * Gives a time to a confirmed plan's conference that has none booked (the top-up found no time, or
   * it was cancelled), so the group still meets that month (seed §29). The time is checked as the
   * planner would have found it: a working time of the DEA, who holds every conference, and not a bank
   * holiday of theirs; coaches busy or not working then are listed as clashes, as a change or move
   * lists them. It is then booked as the plan's other conferences are: pending, written into the
   * diaries by the booking work committed with the click. Cases put forward for a cancelled one went
   * to the group's next conference, if it had one, and stay there: its coaches were told so, and may
   * have prepared. Those the cancel told are told, with the save, that it is on again.
   */
  async place(wctl: StaffMember, conferenceId: string, version: number, date: unknown, time: unknown): Promise<GroupConference> {
    return (await (await this.preparePlace(wctl, conferenceId, version, date, time)).save()).conference;
  }

  /** `place` in two steps: the checks and the read of who is busy then, which writes nothing, then `save`. */
  async preparePlace(wctl: StaffMember, conferenceId: string, version: number, date: unknown, time: unknown): Promise<Prepared<PlacedConference>> {
    const { plan, conference } = await this.conferenceAllowed(wctl, conferenceId, version, 'place');
    const start = startIn(conference.month, date, time);
    const now = this.deps.clock.now();
    if (start.getTime() <= now.getTime()) throw invalid('The conference must be in the future.', { date: 'Choose a date in the future.' });
    const end = new Date(start.getTime() + plan.durationMinutes * 60_000);
    // The group as it is now: a conference without a time is not kept in step with the cohort.
    const coachIds = plan.groups[conference.groupIndex] ?? conference.coachIds;
    const clashes = await this.checkedTime(plan, conference, coachIds, start, end);
    return {
      save: async () => {
        const placed = await this.uow.run(async () => {
          // A case list sent for the old time is sent again before the new one.
          const saved = await this.deps.store.updateConference(conference.id, conference.version, { start, end, coachIds, clashes, status: 'pending', lastError: null, casesSentAt: null }, this.deps.clock.now());
          await this.deps.work?.schedule(PLAN_BOOKING_WORK, plan.id);
          // Their message from the cancel says it is off, and its invitation alone would not say why it
          // is back. The group as it is now: a coach who left since is not invited, so not told.
          if (conference.status === 'cancelled') await this.tellInvited(plan, saved, 'again');
          return saved;
        });
        if (!this.deps.work) await this.book(plan.id, () => this.deps.notifier.planChanged(plan.id));
        this.deps.logger.info({ planId: plan.id, conferenceId: placed.id, was: conference.status }, 'group conference given a time');
        const wasCancelled = conference.status === 'cancelled';
        return {
          conference: (await this.deps.store.findConference(placed.id)) ?? placed,
          wasCancelled,
          casesKept: wasCancelled ? (await this.deps.store.casesOf(placed.id)).length : null,
        };
      },
    };
  }

  /**
   * A time the team leader typed (a change, a move, or a time for a conference without one), checked
   * as the planner finds one: refused unless it is a working time of the DEA, who holds every
   * conference, and not a bank holiday of theirs; who of the DEA and the group is busy, and which
   * coaches are not working then, come back as its clashes.
   */
  private async checkedTime(plan: ConferencePlan, conference: GroupConference, coachIds: readonly string[], start: Date, end: Date): Promise<string[]> {
    const dea = await this.person(plan.deaId);
    const refusal = await this.deaNotWorking(dea, start, end);
    if (refusal) throw refusal;
    const coaches = await this.deps.directory.findByIds(coachIds);
    const busy = await this.busyAt(dea, coaches, conference, start, end);
    const away = await this.notWorking(coaches, start, end);
    return [...new Set([...busy, ...away])];
  }

  /** The DEA holds every conference: a typed time must be a working time of theirs, not a bank holiday. */
  private async deaNotWorking(dea: StaffMember, start: Date, end: Date): Promise<DomainError | null> {
    const { hours, region } = await this.deps.patterns.of(dea);
    const day = londonDate(start);
    if (isBankHoliday(region, day)) return invalid(`${describeDate(day)} is a bank holiday for ${dea.name}.`, { date: `Choose a day ${dea.name} works.` });
    if (worksThrough(hours, region, start, end)) return null;
    const weekday = weekdayOf(day);
    const usual = hours[weekday];
    const said = usual ? `${dea.name} works ${usual.start} to ${usual.end} on ${weekday[0]!.toUpperCase()}${weekday.slice(1)}s.` : `${dea.name} does not work on ${weekday[0]!.toUpperCase()}${weekday.slice(1)}s.`;
    return invalid(`That is outside ${dea.name}’s working hours: ${said}`, usual ? { time: `Choose a time within ${dea.name}’s working hours.` } : { date: `Choose a day ${dea.name} works.` });
  }

  /** Who of these people is not working then (outside their hours, or a bank holiday of their region). */
  private async notWorking(people: readonly StaffMember[], start: Date, end: Date): Promise<string[]> {
    const patterns = await patternsOf(this.deps.patterns, people);
    return people.filter((_, i) => !worksThrough(patterns[i]!.hours, patterns[i]!.region, start, end)).map((p) => p.id);
  }

  /**
   * Cancels a booked conference: removed from every diary after the click, and everyone invited told.
   * The cases put forward for it and not yet discussed go to the group's next conference, if one is
   * planned, so nobody has to nominate them again.
   */
  async cancel(wctl: StaffMember, conferenceId: string, version: number): Promise<CancelledConference> {
    const { plan, conference } = await this.conferenceAllowed(wctl, conferenceId, version, 'cancel');
    const now = this.deps.clock.now();
    const result = await this.uow.run(async () => {
      const saved = await this.deps.store.updateConference(conference.id, conference.version, { status: 'cancelled' }, now);
      const next = await this.nextOfGroup(plan.id, saved, now);
      let movedCases = 0;
      if (next) {
        const there = new Set((await this.deps.store.casesOf(next.id)).map((c) => c.requestId).filter((id) => id !== null));
        const moving = (await this.deps.store.casesOf(saved.id)).filter((c) => c.outcomeAt === null && !(c.requestId !== null && there.has(c.requestId)));
        if (moving.length) await this.deps.store.moveCases(moving.map((c) => c.id), next.id);
        movedCases = moving.length;
      }
      await this.diaryLater(plan, saved, 'cancelled');
      return { conference: saved, movedCases, next };
    });
    if (!this.deps.work) await this.writeDiary(result.conference.id);
    this.deps.logger.info({ planId: plan.id, conferenceId: result.conference.id, movedCases: result.movedCases }, 'group conference cancelled');
    return result;
  }

  /**
   * The group's next conference after this one that is still to happen: booked, being booked, or in a
   * later month waiting for the team leader to give it a time (its cases wait there for that time).
   */
  async nextOfGroup(planId: string, after: GroupConference, now: Date = this.deps.clock.now()): Promise<GroupConference | null> {
    const from = Math.max(now.getTime(), after.start?.getTime() ?? 0);
    const current = monthOf(now);
    // Still to happen: this month or later, whatever the plan's history.
    const later = (await this.deps.store.conferencesOf(planId, { from: current, limit: PLAN_READ_LIMIT })).filter(
      (c) =>
        c.id !== after.id &&
        c.groupIndex === after.groupIndex &&
        (((c.status === 'booked' || c.status === 'pending') && c.start !== null && c.start.getTime() > from) || (c.status === 'unplaced' && c.month > after.month && c.month >= current)),
    );
    return later.sort((a, b) => compareCodes(a.month, b.month) || (a.start?.getTime() ?? 0) - (b.start?.getTime() ?? 0))[0] ?? null;
  }

  /** A conference of the team leader's own plan, opened under the grid: to change, give a time, move or cancel. */
  async forManaging(wctl: StaffMember, conferenceId: string, planVersion: number | null = null): Promise<GroupConference> {
    const conference = await this.deps.store.findConference(conferenceId);
    const plan = conference ? await this.deps.store.findPlan(conference.planId) : null;
    if (!conference || !plan) throw notFound('That conference does not exist.');
    if (plan.wctlId !== wctl.id) throw notAllowed('Only the team leader who made this plan can move or cancel its conferences.');
    // A draft's conferences are there to change; a confirmed plan's, to give a time, move, cancel or
    // open the case list, and one with none of these left says why (cancelled, say).
    // A draft replaced or confirmed since its card was shown says so, as a change on it would.
    if (plan.status !== 'confirmed') assertPlan(wctl.id, plan, [], planVersion, 'change');
    const now = this.deps.clock.now();
    if (plan.status === 'confirmed' && allowedConference(wctl.id, plan, conference, now).size === 0) assertConference(wctl.id, plan, conference, null, 'cases', now);
    return conference;
  }

  /** A conference and its plan, for someone the plan policy lets see its case list. */
  async forCaseList(person: StaffMember, conferenceId: string): Promise<GroupConference> {
    return (await this.conferenceAllowed(person, conferenceId, null, 'cases')).conference;
  }

  /**
   * Durable work: the meeting in the DEA's diary (and so every attendee's) made to match the saved
   * conference: moved to its time, or removed once cancelled. Running it twice does no harm: a move
   * to the same time changes nothing, and removing a meeting already gone succeeds. A cancelled
   * conference keeps the id of the meeting removed: booked again, its new meeting's transactionId is
   * taken from it.
   */
  async writeDiary(conferenceId: string): Promise<GroupConference | null> {
    const conference = await this.deps.store.findConference(conferenceId);
    if (!conference?.eventId) return null;
    const plan = (await this.deps.store.findPlan(conference.planId))!;
    const mailbox = (await this.person(plan.deaId)).email;
    if (conference.status === 'cancelled') {
      const [result] = await this.deps.calendar.deleteEvents([{ mailbox, eventId: conference.eventId }]);
      if (!result?.ok) throw new Error(result ? result.error : 'The diary did not answer.');
      // Unchanged when there is no link to forget, so a card shown since stays current.
      return conference.joinUrl === null ? conference : this.deps.store.updateConference(conference.id, conference.version, { joinUrl: null }, this.deps.clock.now());
    }
    if (conference.status === 'booked' && conference.start && conference.end) {
      const [result] = await this.deps.calendar.moveEvents([{ mailbox, eventId: conference.eventId, start: conference.start, end: conference.end }]);
      if (!result?.ok) throw new Error(result ? result.error : 'The diary did not answer.');
      return conference;
    }
    return null;
  }

  /** In the click's unit of work: the diary work, and a message to everyone invited but the one who acted. */
  private async diaryLater(plan: ConferencePlan, conference: GroupConference, what: 'moved' | 'cancelled'): Promise<void> {
    await this.deps.work?.schedule(CONFERENCE_DIARY_WORK, conference.id);
    await this.tellInvited(plan, conference, what);
  }

  /** A message to everyone invited to the conference but the team leader, who acted and sees the answer on the plan's card. */
  private async tellInvited(plan: ConferencePlan, conference: GroupConference, what: ConferenceChange): Promise<void> {
    const told = [plan.deaId, ...conference.coachIds, ...(plan.workPsychologistId ? [plan.workPsychologistId] : [])];
    await this.deps.notifier.conferenceChanged(conference, [...new Set(told)].filter((id) => id !== plan.wctlId), what);
  }

  private async conferenceAllowed(person: StaffMember, conferenceId: string, version: number | null, action: ConferenceAction): Promise<{ plan: ConferencePlan; conference: GroupConference }> {
    const conference = await this.deps.store.findConference(conferenceId);
    const plan = conference ? await this.deps.store.findPlan(conference.planId) : null;
    if (!conference || !plan) throw notFound('That conference does not exist.');
    assertConference(person.id, plan, conference, version, action, this.deps.clock.now());
    return { plan, conference };
  }

  /** Who of the DEA and the group is busy then, the conference's own meeting aside when it moves. */
  private async busyAt(dea: StaffMember, coaches: readonly StaffMember[], conference: GroupConference, start: Date, end: Date): Promise<string[]> {
    const people = [dea, ...coaches];
    const busy = await this.deps.calendar.busy(people.map((p) => p.email), start, end);
    // A cancelled conference's meeting is gone (or going): whatever else is at its old time still counts.
    const own = conference.status === 'booked' && conference.eventId !== null && conference.start && conference.end ? { start: conference.start, end: conference.end } : null;
    return people.filter((p) => busyDuring(busy.get(p.email.toLowerCase()) ?? [], start, end, own)).map((p) => p.id);
  }

  /** Confirms the plan: every conference is then booked (by `book`, after the click is answered). */
  async confirm(wctl: StaffMember, planId: string, version: number): Promise<ConferencePlan> {
    const plan = await this.allowed(wctl, planId, version, 'confirm');
    const conferences = await this.deps.store.conferencesOf(plan.id);
    const unplaced = conferences.filter((c) => c.status === 'unplaced');
    if (unplaced.length) {
      throw invalid(`Give a date and time to ${unplaced.map((c) => `group ${c.groupIndex + 1} in ${describeMonth(c.month)}`).join(', ')} first.`);
    }
    const now = this.deps.clock.now();
    // The plan, its conferences to book and the work of booking them are written together.
    const confirmed = await this.uow.run(async () => {
      const saved = await this.deps.store.updatePlan(plan.id, plan.version, { status: 'confirmed' }, now);
      for (const c of conferences) if (c.status === 'proposed') await this.deps.store.updateConference(c.id, c.version, { status: 'pending' }, now);
      await this.deps.work?.schedule(PLAN_BOOKING_WORK, plan.id);
      return saved;
    });
    this.deps.logger.info({ planId: plan.id, conferences: conferences.length }, 'group conferences confirmed');
    return confirmed;
  }

  /**
   * Writes every pending or failed conference into the DEA's diary, a few at a time so progress
   * can be shown; each result is saved before the next round, so a stop part-way loses nothing.
   */
  async book(planId: string, onProgress?: (progress: BookingProgress) => Promise<void>): Promise<BookingProgress> {
    const plan = await this.deps.store.findPlan(planId);
    if (!plan || plan.status !== 'confirmed') throw invalid('Only a confirmed plan is booked.');
    // A conference is created with the same transactionId on every run, so a run after a stop
    // part-way finds the meetings already made instead of making them again.
    // The months the plan's card shows: a conference left pending in a month long gone is not booked now.
    const all = (await this.deps.store.conferencesOf(planId, { from: recentFrom(this.deps.clock.now()), limit: PLAN_READ_LIMIT })).filter((c) => c.status !== 'cancelled');
    const todo = all.filter((c) => c.status === 'pending' || c.status === 'failed');
    const total = all.filter((c) => c.status !== 'unplaced').length;
    let done = total - todo.length;
    let failed = 0;
    const invitees = await this.invitees(plan);
    for (let i = 0; i < todo.length; i += EVENTS_PER_ROUND) {
      const round = todo.slice(i, i + EVENTS_PER_ROUND);
      const coaches = new Map((await this.deps.directory.findByIds(round.flatMap((c) => c.coachIds))).map((p) => [p.id, p]));
      const results = await this.writeRound(round, invitees, coaches);
      const now = this.deps.clock.now();
      // A round's results are saved together: all of them, or (after a stop) none, to be found again.
      await this.uow.run(async () => {
        for (const [n, result] of results.entries()) {
          const c = round[n]!;
          if (result.ok) {
            await this.deps.store.updateConference(c.id, c.version, { status: 'booked', eventId: result.eventId, joinUrl: result.joinUrl, lastError: null }, now);
            done += 1;
          } else {
            await this.deps.store.updateConference(c.id, c.version, { status: 'failed', lastError: result.error.slice(0, 400) }, now);
            failed += 1;
          }
        }
      });
      await onProgress?.({ done, total, failed });
    }
    this.deps.logger.info({ planId, done, total, failed }, 'group conferences booked');
    return { done, total, failed };
  }

  /**
   * Seed §31: keeps every confirmed plan booked at least four months ahead. Run by every instance
   * on a timer; the lease on (job, month) lets exactly one do it each month.
   */
  async topUp(now: Date = this.deps.clock.now()): Promise<{ ran: boolean; added: number }> {
    const period = monthOf(now);
    if (!(await this.deps.jobs.claim(TOP_UP_JOB, period, now, 30 * 60_000))) return { ran: false, added: 0 };
    try {
      let added = 0;
      for (const plan of await this.deps.store.confirmedPlans()) {
        await this.syncCohort(plan.id);
        added += await this.extend(plan.id, now);
        await this.bookLater(plan.id);
      }
      await this.deps.jobs.complete(TOP_UP_JOB, period, this.deps.clock.now());
      this.deps.logger.info({ period, added }, 'group conferences topped up');
      return { ran: true, added };
    } catch (error) {
      // Given back, so the next tick (on this or another instance) tries the month again.
      await this.deps.jobs.release(TOP_UP_JOB, period);
      throw error;
    }
  }

  /**
   * Keeps every confirmed plan's groups in step with the cohort. Every instance runs it on its
   * timer; a lease per quarter hour lets one do it, so two never change the same plan at once.
   */
  async syncCohorts(now: Date = this.deps.clock.now()): Promise<boolean> {
    const period = new Date(Math.floor(now.getTime() / COHORT_SYNC_EVERY_MS) * COHORT_SYNC_EVERY_MS).toISOString();
    if (!(await this.deps.jobs.claim(COHORT_SYNC_JOB, period, now, COHORT_SYNC_EVERY_MS))) return false;
    try {
      for (const plan of await this.deps.store.confirmedPlans()) await this.syncCohort(plan.id);
      await this.deps.jobs.complete(COHORT_SYNC_JOB, period, this.deps.clock.now());
      return true;
    } catch (error) {
      await this.deps.jobs.release(COHORT_SYNC_JOB, period);
      throw error;
    }
  }

  /** Plans the months of the horizon that have no conferences yet; returns how many were added. */
  async extend(planId: string, now: Date): Promise<number> {
    const plan = (await this.deps.store.findPlan(planId))!;
    const ahead = monthsAhead(now);
    const planned = new Set((await this.deps.store.conferencesOf(planId, { from: ahead[0]!, limit: PLAN_READ_LIMIT })).map((c) => c.month));
    const missing = ahead.filter((m) => !planned.has(m));
    if (!missing.length || !plan.groups.length) return 0;
    const dea = await this.person(plan.deaId);
    const coaches = await this.deps.directory.findByIds(plan.groups.flat());
    const slots = await this.findSlots(dea, coaches, plan.groups, missing, plan.durationMinutes, now, plan.timeOfDay);
    // The conferences and, for any without a time, the team leader's message are written together.
    return this.uow.run(async () => {
      const added = await this.deps.store.addConferences(planId, toConferences(slots, plan.groups, 'pending'), now);
      await this.tellUnplaced(plan, await this.deps.store.conferencesOf(planId, { months: missing }));
      return added;
    });
  }

  /**
   * The team leader is told of each conference the plan gained without a time: nothing is booked for
   * that group that month until they give it one (the card they get says so, and offers it).
   */
  private async tellUnplaced(plan: ConferencePlan, conferences: readonly GroupConference[]): Promise<void> {
    for (const c of conferences) if (c.status === 'unplaced') await this.deps.notifier.conferenceChanged(c, [plan.wctlId], 'unplaced');
  }

  /**
   * Coaches who joined the cohort go into the smallest group (and its future conferences); those
   * who left come out of their group and of every future conference. Meetings already in diaries
   * get their attendees replaced in place, so the Teams link stays the same.
   *
   * A group never goes above 10 (seed §29): a coach who joins when every group has 10 starts a new
   * group, as a new plan would have made one more group for the cohort. The new group's months are
   * planned around the other groups' conferences and booked, and the plan's warning tells the team
   * leader (on the plan's card) that the DEA now holds one more conference a month, and why.
   */
  async syncCohort(planId: string): Promise<{ joined: string[]; left: string[] }> {
    const plan = await this.deps.store.findPlan(planId);
    if (!plan || plan.status !== 'confirmed') return { joined: [], left: [] };
    const cohort = await this.deps.cohort.cohortOf(plan.deaId);
    const current = new Set(cohort.map((c) => c.id));
    const grouped = new Set(plan.groups.flat());
    const left = [...grouped].filter((id) => !current.has(id));
    const joined = cohort.filter((c) => !grouped.has(c.id)).map((c) => c.id);
    if (!left.length && !joined.length) return { joined, left };

    const groups = plan.groups.map((g) => g.filter((id) => current.has(id)));
    const firstNew = groups.length;
    for (const id of joined) {
      const smallest = groups.reduce((best, g, i) => (g.length < groups[best]!.length ? i : best), 0);
      if (groups.length && groups[smallest]!.length < MAX_GROUP_SIZE) groups[smallest]!.push(id);
      else groups.push([id]);
    }
    const now = this.deps.clock.now();
    const added = groups.slice(firstNew).map((_, i) => firstNew + i);
    // A new group's months are found before anything is saved: if the diaries cannot be read, the
    // next run finds the same coaches joining and tries again.
    const newConferences = added.length ? await this.newGroupConferences(plan, groups, added, now) : [];
    const warning = added.length ? await this.outgrownWarning(plan, groups, added, cohort) : undefined;
    // What is still to come is in this month or later: the plan's history is not read, and this is read once.
    const comingOf = () => this.deps.store.conferencesOf(plan.id, { from: monthOf(now), limit: PLAN_READ_LIMIT });
    let coming: GroupConference[] | null = null;
    await this.uow.run(async () => {
      await this.deps.store.updatePlan(plan.id, plan.version, { groups, ...(warning !== undefined ? { warning } : {}) }, now);
      if (!newConferences.length) return;
      await this.deps.store.addConferences(plan.id, newConferences, now);
      coming = await comingOf();
      await this.tellUnplaced(plan, coming.filter((c) => added.includes(c.groupIndex)));
    });
    const future = (coming ?? (await comingOf())).filter((c) => c.start !== null && c.start.getTime() > now.getTime() && !['held', 'cancelled'].includes(c.status));
    const invitees = await this.invitees(plan);
    const everyone = new Map((await this.deps.directory.findByIds(groups.flat())).map((p) => [p.id, p]));
    const inDiary = future.filter((c) => c.status === 'booked' && c.eventId);
    const results = inDiary.length
      ? await this.deps.calendar.setAttendees(inDiary.map((c) => ({ mailbox: invitees.dea.email, eventId: c.eventId!, attendees: attendeesOf(groups[c.groupIndex] ?? [], everyone, invitees.extra) })))
      : [];
    for (const c of future) {
      const coachIds = groups[c.groupIndex] ?? [];
      const n = inDiary.indexOf(c);
      const failedHere = n >= 0 && !results[n]!.ok;
      // A diary that could not be changed is retried by the next run: the saved list stays as it was.
      if (failedHere) continue;
      await this.deps.store.updateConference(c.id, c.version, { coachIds }, now);
    }
    if (newConferences.length) await this.bookLater(plan.id);
    this.deps.logger.info({ planId, joined: joined.length, left: left.length, groupsAdded: added.length }, 'group conference cohort changed');
    return { joined, left };
  }

  /** What the plan's card says once the cohort outgrew its groups: who, which group, what it means for the DEA, what to do. */
  private async outgrownWarning(plan: ConferencePlan, groups: readonly (readonly string[])[], added: readonly number[], cohort: readonly StaffMember[]): Promise<string> {
    const dea = await this.person(plan.deaId);
    const names = new Map(cohort.map((c) => [c.id, c.name]));
    const newcomers = added.flatMap((i) => groups[i] ?? []);
    const which = inWords(added.map((i) => `group ${i + 1}`));
    const count = groups.flat().length;
    const warning = (who: string): string =>
      `${who} joined ${dea.name}’s cohort when every group already had ${MAX_GROUP_SIZE} work coaches, so ${which} ${added.length === 1 ? 'was' : 'were'} added rather than go over ${MAX_GROUP_SIZE}. ` +
      `${dea.name} now holds ${groups.length} conferences a month; check the new times below.` +
      (count > MAX_COHORT ? ` The cohort has ${count} work coaches, more than the ${MAX_COHORT} a DEA supports: consider sharing it with another DEA.` : '');
    const named = newcomers.length <= 2 ? warning(inWords(newcomers.map((id) => names.get(id) ?? 'A work coach'))) : null;
    // The plan keeps 400 characters of warning: long names give way to how many joined.
    return named && named.length <= PLAN_WARNING_LENGTH ? named : warning(newcomers.length === 1 ? 'A work coach' : `${newcomers.length} work coaches`);
  }

  /**
   * The conferences of groups added to a confirmed plan: every month the plan has from the current
   * one on (the current month only if a time is left in it), around the DEA's other conferences.
   */
  private async newGroupConferences(plan: ConferencePlan, groups: readonly (readonly string[])[], added: readonly number[], now: Date): Promise<NewConference[]> {
    const current = monthOf(now);
    const existing = await this.deps.store.conferencesOf(plan.id, { from: current, limit: PLAN_READ_LIMIT });
    const months = [...new Set(existing.map((c) => c.month))].sort();
    if (!months.length) return [];
    const placed = existing.filter((c) => c.start && c.end && c.status !== 'cancelled' && c.status !== 'held').map((c): Interval => ({ start: c.start!, end: c.end! }));
    const dea = await this.person(plan.deaId);
    const coaches = await this.deps.directory.findByIds(added.flatMap((i) => groups[i] ?? []));
    const slots = await this.findSlots(dea, coaches, groups, months, plan.durationMinutes, now, plan.timeOfDay, { only: added, placed });
    return toConferences(slots.filter((s) => s.month !== current || s.slot !== null), groups, 'pending');
  }

  /** `only`: the groups to place (by index), the others left as they are; `placed`: the DEA's conferences already on the plan. */
  private async findSlots(
    dea: StaffMember,
    coaches: readonly StaffMember[],
    groups: readonly (readonly string[])[],
    months: readonly string[],
    minutes: number,
    now: Date,
    timeOfDay: TimeOfDay,
    options: { readonly only?: readonly number[]; readonly placed?: readonly Interval[] } = {},
  ): Promise<PlannedSlot[]> {
    const from = monthBounds(months[0]!).from;
    const to = monthBounds(months[months.length - 1]!).to;
    // One busy() for everyone over the whole span: the Graph adapter splits it into calls of at
    // most 20 people and under 62 days, so 31 people over 4 months are 6 getSchedule calls.
    const people = [dea, ...coaches];
    const busy = await this.deps.calendar.busy(people.map((p) => p.email), new Date(Math.max(from.getTime(), now.getTime())), to);
    const participants = new Map<string, Participant>();
    const patterns = await patternsOf(this.deps.patterns, people);
    for (const [i, p] of people.entries()) participants.set(p.id, { id: p.id, busy: busy.get(p.email.toLowerCase()) ?? [], hours: patterns[i]!.hours, region: patterns[i]!.region });
    // Other people's turns run between one conference's search and the next.
    return planMonthlySlotsPausing({
      months,
      dea: participants.get(dea.id)!,
      groups: groups.map((ids, groupIndex) => ({ groupIndex, coaches: ids.flatMap((id) => participants.get(id) ?? []) })).filter((g) => !options.only || options.only.includes(g.groupIndex)),
      durationMinutes: minutes,
      notBefore: now,
      timeOfDay,
      placed: options.placed,
    }, () => new Promise<void>((resolve) => setTimeout(resolve, 0)));
  }

  /**
   * One round's meetings written, a result per conference. A conference given a time again after it
   * was cancelled still names the meeting it had: that one is removed first (again, if the cancel's
   * diary work already did: that succeeds), so no diary ever holds both; while it cannot be removed,
   * nothing new is written and the conference waits to be tried again.
   */
  private async writeRound(round: readonly GroupConference[], invitees: Invitees, coaches: ReadonlyMap<string, StaffMember>): Promise<EventResult[]> {
    const old = round.filter((c) => c.eventId !== null);
    const removed = old.length ? await this.deps.calendar.deleteEvents(old.map((c) => ({ mailbox: invitees.dea.email, eventId: c.eventId! }))) : [];
    const blocked = new Map<string, EventResult>();
    old.forEach((c, n) => {
      const result = removed[n];
      if (!result?.ok) blocked.set(c.id, result ?? { ok: false, mailbox: invitees.dea.email, error: 'The diary did not answer.', retryable: true });
    });
    const writing = round.filter((c) => !blocked.has(c.id));
    const written = writing.length ? await this.deps.calendar.createEvents(writing.map((c) => this.event(c, invitees, coaches))) : [];
    return round.map((c) => blocked.get(c.id) ?? written[writing.indexOf(c)]!);
  }

  private event(c: GroupConference, invitees: Invitees, coaches: ReadonlyMap<string, StaffMember>): NewEvent {
    const inPerson = invitees.plan.meetingMethod === 'face_to_face';
    return {
      mailbox: invitees.dea.email,
      // No claimant is named: cases are listed in Teams, by request reference, to those taking part.
      subject: `Group work coach conference: group ${c.groupIndex + 1}, ${describeMonth(c.month)}`,
      body: `Monthly group work coach conference with ${invitees.dea.name}, DEA (group ${c.groupIndex + 1}). Nominate cases in DEA Support in Teams.`,
      start: c.start!,
      end: c.end!,
      showAs: 'busy',
      attendees: attendeesOf(c.coachIds, coaches, invitees.extra),
      // Face to face at the named jobcentre and room; otherwise a Teams meeting.
      location: inPerson ? [invitees.plan.room, invitees.plan.venue].filter(Boolean).join(', ') : null,
      onlineMeeting: !inPerson,
      // The same id on every attempt: a retry after a lost answer finds the first meeting.
      transactionId: transactionIdOf(c),
    };
  }

  private async invitees(plan: ConferencePlan): Promise<Invitees> {
    const dea = await this.person(plan.deaId);
    const extra: Attendee[] = [];
    if (plan.inviteWctl) {
      const wctl = await this.deps.directory.findById(plan.wctlId);
      if (wctl) extra.push({ email: wctl.email, name: wctl.name });
    }
    if (plan.workPsychologistId) {
      const wp = await this.deps.directory.findById(plan.workPsychologistId);
      if (wp) extra.push({ email: wp.email, name: wp.name });
    }
    return { dea, extra, plan };
  }

  /** The plan, once the plan policy lets this person take the action on the version they saw (retry: any version). */
  private async allowed(person: StaffMember, planId: string, version: number | null, action: PlanAction): Promise<ConferencePlan> {
    const plan = await this.deps.store.findPlan(planId);
    if (!plan) throw notFound('That plan does not exist.');
    // A draft's conferences, or a confirmed plan's in the months its card shows (what "Try booking again" books).
    const conferences = plan.status === 'draft' ? await this.deps.store.conferencesOf(plan.id) : await this.deps.store.conferencesOf(plan.id, { from: recentFrom(this.deps.clock.now()), limit: PLAN_READ_LIMIT });
    assertPlan(person.id, plan, conferences, version, action);
    return plan;
  }

  /** A confirmed plan whose conferences failed to book, to book again (each conference once: `book` resumes). */
  async retry(wctl: StaffMember, planId: string): Promise<ConferencePlan> {
    const plan = await this.allowed(wctl, planId, null, 'retry');
    await this.bookLater(plan.id);
    return plan;
  }

  /** Books what is pending or failed: as durable work when there is a queue, else at once. */
  private async bookLater(planId: string): Promise<void> {
    if (this.deps.work) {
      const work = this.deps.work;
      await this.uow.run(() => work.schedule(PLAN_BOOKING_WORK, planId));
    } else {
      await this.book(planId, () => this.deps.notifier.planChanged(planId));
    }
  }

  private assertWctl(person: StaffMember): void {
    if (!hasRole(person, 'work_coach_team_leader')) throw notAllowed('Group conferences are planned by Work Coach Team Leaders. Say "help" to see what you can do.');
  }

  private async person(id: string): Promise<StaffMember> {
    const found = await this.deps.directory.findById(id);
    if (!found) throw notFound('Someone on this plan is no longer in the staff directory.');
    return found;
  }
}

interface Invitees {
  readonly plan: ConferencePlan;
  readonly dea: StaffMember;
  /** The team leader and the work psychologist, when invited. */
  readonly extra: readonly Attendee[];
}

function attendeesOf(coachIds: readonly string[], people: ReadonlyMap<string, StaffMember>, extra: readonly Attendee[]): Attendee[] {
  return [...coachIds.flatMap((id) => { const p = people.get(id); return p ? [{ email: p.email, name: p.name }] : []; }), ...extra];
}

/** A London date and start time in the conference's month, or the problems beside each field. */
function startIn(month: string, date: unknown, time: unknown): Date {
  const day = typeof date === 'string' ? date.trim() : '';
  const clock = typeof time === 'string' ? time.trim() : '';
  const problems: Record<string, string> = {};
  if (!isCalendarDate(day)) problems.date = 'Enter the date like 2027-01-14.';
  else if (day.slice(0, 7) !== month) problems.date = `Choose a date in ${describeMonth(month)}.`;
  if (!isClockTime(clock)) problems.time = 'Enter the start time like 14:30.';
  if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
  return londonToUtc(day, clock);
}

/**
 * The transactionId a conference's meeting is written under: the conference's own for its first
 * booking. Booked again after it was cancelled, it still names the meeting it had (kept until the new
 * one is written, whatever the tries), and the id is taken from that meeting: one Graph has not seen
 * (it may hold the conference's own for the deleted event, and refuse it), the same on every try, and
 * another for each time it is booked again. Within 100 characters, however long Graph's event ids.
 */
export function transactionIdOf(c: Pick<GroupConference, 'id' | 'eventId'>): string {
  if (c.eventId === null) return `group-conference:${c.id}`;
  return `group-conference:${c.id}:again:${createHash('sha256').update(c.eventId).digest('hex').slice(0, 16)}`;
}

function toConferences(slots: readonly PlannedSlot[], groups: readonly (readonly string[])[], placedStatus: 'proposed' | 'pending'): NewConference[] {
  return slots.map((s) => ({
    month: s.month,
    groupIndex: s.groupIndex,
    start: s.slot?.start ?? null,
    end: s.slot?.end ?? null,
    coachIds: groups[s.groupIndex] ?? [],
    clashes: s.slot ? s.clashes : [],
    status: s.slot ? placedStatus : 'unplaced',
  }));
}



/** How and where the groups meet; face to face needs the jobcentre and the room. */
function meetingPlace(request: PlanRequest, problems: Record<string, string>): { meetingMethod: MeetingMethod; venue: string | null; room: string | null } {
  const method = (request.meetingMethod ?? 'teams') as MeetingMethod;
  if (!(MEETING_METHODS as readonly string[]).includes(method)) {
    problems.meetingMethod = 'Choose how you will meet.';
    return { meetingMethod: 'teams', venue: null, room: null };
  }
  if (method === 'teams') return { meetingMethod: method, venue: null, room: null };
  const venue = (request.venue ?? '').trim();
  const room = (request.room ?? '').trim();
  if (!venue) problems.venue = 'Enter the jobcentre where the groups meet.';
  else if (venue.length > CONFERENCE_LIMITS.venue) problems.venue = `Keep the jobcentre to ${CONFERENCE_LIMITS.venue} characters.`;
  if (!room) problems.room = 'Enter the room at the jobcentre.';
  else if (room.length > CONFERENCE_LIMITS.room) problems.room = `Keep the room to ${CONFERENCE_LIMITS.room} characters.`;
  return { meetingMethod: method, venue: venue || null, room: room || null };
}
