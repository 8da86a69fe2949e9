import type { Interval } from '../calendar/calendar-port';
import { addDays, londonDateFast, londonToUtc } from '../calendar/london-time';
import { chooseCoach } from '../coach-lookup';
import { conflict, invalid, notAllowed, notFound, withoutStacks, type DomainError } from '../errors';
import type { StaffDirectory, WorkScheduler } from '../ports';
import { byName } from '../names';
import { describeDate, isCalendarDate } from '../requests/calendar-date';
import { hasRole, type BankHolidayRegion, type Jobcentre, type StaffMember } from '../staff';
import { HCP_DIARY_WORK } from './diary-work';
import { activityPeopleToTell } from './people-to-tell';
import type { HcpActivityStore, HcpConversation, HcpConversations } from './ports';
import { BOOKING_HORIZON_DAYS } from '../specialist-advice/schedule';
import { conversationsOver, conversationsOverWindow, type ConversationOver } from '../specialist-advice/supporting-activity';
import type { AttendanceRecord, HcpNotice, SupplierRequest, SupplierRequestStatus, SupportingActivity, WeeklyNote } from './records';
import {
  HCP_REGION,
  RECORD_BACK_DAYS,
  absenceDays,
  afterLastDayProblem,
  asksForHcp,
  coverDateProblem,
  coverDayProblem,
  coverDayRefusal,
  activityMissingFromNote,
  arrivalOnDay,
  arrivalStatus,
  arrivalTime,
  assertNoteHasActivity,
  attendancePeriod,
  breakClashMessage,
  checkWeeklyNoteBody,
  clashMessage,
  clashWith,
  closedWeekProblem,
  describeSetAside,
  draftWeeklyNote,
  isSupplierRequestKind,
  looksLikeNino,
  noticeDueOn,
  noticeLastDayProblem,
  isWorkingDay,
  outsideSetAsideProblems,
  parseActivity,
  parseTimes,
  reminderDue,
  replacementAfterArrival,
  replacementDetails,
  stillPlannedProblem,
  supplierDueOn,
  weekStartOf,
  workingDaysBetween,
  type ActivityInput,
  type Booked,
  type WeekConversations,
  coachToTell,
} from './rules';

/** An HCP's day as Specialist Advice has it: where they are, what is booked, and when they are free. */
export interface HcpDayPlan {
  readonly date: string;
  readonly jobcentreId: string | null;
  /** Whether the HCP works that day at all (their hours, weekends and bank holidays). */
  readonly working: boolean;
  /** Booked three-way conversations (with their preparation), by reference. */
  readonly conversations: readonly Booked[];
  /**
   * The breaks agreed with the activity manager that day (seed §2.2.3): supporting activity goes
   * around them as around a conversation. Optional only until every diary gives them; none when absent.
   */
  readonly breaks?: readonly Interval[];
  /** Working time with nothing in the diary. */
  readonly freeGaps: readonly Interval[];
}

/** What Specialist Advice knows of an HCP's diary, read through its store. */
export interface HcpDiary {
  day(hcp: StaffMember, date: string): Promise<HcpDayPlan>;
  /** Where each of these HCPs is on the day by their site plan, read for them all at once (no diary). */
  sitesOn(hcps: readonly StaffMember[], date: string): Promise<ReadonlyMap<string, string | null>>;
  /** Each HCP's conversations of the week, counted, read for them all at once. */
  weeks(hcpIds: readonly string[], weekStart: string): Promise<ReadonlyMap<string, WeekConversations>>;
}

export interface HcpPeople {
  jobcentre(id: string): Promise<Jobcentre | null>;
  jobcentresInCluster(cluster: string): Promise<Jobcentre[]>;
  hcpCovering(jobcentreId: string): Promise<StaffMember | null>;
  hcpsInDistrict(district: string): Promise<StaffMember[]>;
  /** Every jobcentre of the clusters these jobcentres are in, by cluster and name, in one read. */
  officesInClustersOf(jobcentreIds: readonly string[]): Promise<Jobcentre[]>;
  managersInDistrict(district: string): Promise<StaffMember[]>;
  /** The work coaches of the district this jobcentre is in. */
  coachesInDistrictOf(jobcentreId: string): Promise<StaffMember[]>;
}

/** Cards for people, sent once the use case commits. */
export interface HcpActivityNotifier {
  activity(personId: string, activityId: string): Promise<void>;
  /**
   * The work coach a case conference was arranged for by someone else: a short notice of it as it
   * now stands (no note: that is on the activity's card, which the notice opens).
   */
  coach(personId: string, activityId: string): Promise<void>;
  weeklyNote(personId: string, noteId: string): Promise<void>;
  /** An HCP's absence recorded by someone else: the subject is the replacement request to the supplier. */
  absence(personId: string, supplierRequestId: string): Promise<void>;
  /** A late arrival, or an arrival (late or on time) on a day recorded absent, which took the absence's place. */
  lateArrival(personId: string, attendanceId: string): Promise<void>;
  /**
   * The coach of a conversation booked with the HCP on a day just recorded absent, or after the last
   * day of a notice just recorded: one line, queued in that change's transaction.
   */
  hcpAway(coachId: string, conversationId: string): Promise<void>;
}

/**
 * What the activity manager is told of an absence, a late arrival, or an arrival on a day recorded
 * absent (`arrival` when it was on time), recorded by someone else: no claimant.
 */
export interface AttendanceNotice {
  readonly kind: 'absence' | 'late' | 'arrival';
  readonly hcpName: string;
  readonly jobcentreName: string | null;
  /** The working days absent, or the day of the arrival. */
  readonly dates: readonly string[];
  /** When the HCP arrived (the time given, or when it was recorded), and when it was recorded: both shown. */
  readonly arrivedAt: Date | null;
  readonly recordedAt: Date | null;
  readonly recordedByName: string;
  /**
   * The replacement request to the supplier, as it stands now: for an absence, the one it raised; for
   * an arrival that took an absence's place, the absence's (withdrawn, or narrowed to the days still absent).
   */
  readonly request: { readonly reference: string; readonly dueOn: string; readonly status: SupplierRequestStatus; readonly fromDate: string | null; readonly toDate: string | null; readonly coverOn: string | null } | null;
  /** The arrival took the place of an absence recorded earlier for the day. */
  readonly replacedAbsence: boolean;
}

/** An arrival recorded, and, when the day had been recorded absent, the replacement request that absence raised as it is now. */
export interface Arrival {
  readonly record: AttendanceRecord;
  readonly replacedAbsence: { readonly request: SupplierRequest | null } | null;
}

export interface HcpActivityDeps {
  readonly store: HcpActivityStore;
  readonly diary: HcpDiary;
  readonly people: HcpPeople;
  readonly directory: StaffDirectory;
  readonly notifier: HcpActivityNotifier;
  readonly uow: { run<T>(work: () => Promise<T>): Promise<T> };
  /** Diary entries are durable work, written in the click's transaction and run after it. */
  readonly work: WorkScheduler;
  readonly clock: { now(): Date };
  /** The last day of a district's trial (London date); null while no end is set. */
  readonly trialEndsOn: (district: string) => string | null;
  /**
   * The HCP's Specialist Advice conversations, for an activity's card to say when one is booked over it.
   */
  readonly conversations: HcpConversations;
}

/** Who someone is to an activity: its HCP, whoever asked for it, the district's activity manager, or the work coach it is with. */
export type ActivityPart = 'hcp' | 'requester' | 'manager' | 'coach';

/**
 * Who may give an activity another time, and when: its HCP or the district's activity manager, while
 * it is planned and not yet begun (what `move` allows). The card offers the move, and asks for it
 * when a conversation is booked over the activity, to these only.
 */
export function mayMoveActivity(activity: SupportingActivity, part: ActivityPart | null, now: Date): boolean {
  return withoutStacks(() => activityMoveRefusal(activity, part, now)) === null;
}

/** Why this person (by their part in the activity) may not move it now; null when they may. The card's "Move it" and the click both ask it. */
export function activityMoveRefusal(activity: SupportingActivity, part: ActivityPart | null, now: Date): DomainError | null {
  if (part !== 'hcp' && part !== 'manager') return notAllowed('Only the activity manager or the HCP can move this activity.');
  if (activity.status !== 'planned' || !activity.start || !activity.end) return invalid(activity.status === 'requested' ? 'This activity has no time yet: set its time instead.' : 'Only a planned activity can be moved.');
  if (activity.start.getTime() <= now.getTime()) return invalid('This activity has already started, so it can no longer be moved.');
  return null;
}

/** The short notice the work coach an activity was arranged for gets: no note, which may be about a claimant. */
export interface CoachNotice {
  readonly activity: SupportingActivity;
  readonly hcpName: string;
  /** Whoever asked for it (a team leader), or the activity manager who set it. */
  readonly arrangedByName: string | null;
  readonly officeName: string | null;
}

/** One HCP's week, as the activity manager sees it. */
export interface HcpWeek {
  readonly hcp: StaffMember;
  readonly conversations: WeekConversations;
  readonly activities: readonly SupportingActivity[];
  readonly attendance: readonly AttendanceRecord[];
  readonly note: WeeklyNote | null;
  /** Last week's note while it is still to submit (a draft, or a change asked for); null once submitted. */
  readonly lastWeekToSubmit: WeeklyNote | null;
  readonly notice: HcpNotice | null;
}

/**
 * A week's note that is over and still the HCP's to submit (seed 002 Annex 3 §7: a note each week):
 * a draft, or one the manager asked to change. Once the week has ended it is not to be lost from
 * sight on either side.
 */
export function stillToSubmit(note: WeeklyNote | null): note is WeeklyNote {
  return note !== null && (note.status === 'draft' || note.status === 'change_asked');
}

export interface ManagerWeek {
  readonly district: string;
  readonly weekStart: string;
  readonly hcps: readonly HcpWeek[];
  readonly requested: readonly SupportingActivity[];
  readonly notesToReview: readonly WeeklyNote[];
  readonly attendance: { readonly from: string; readonly to: string; readonly label: 'week' | 'month'; readonly records: readonly AttendanceRecord[] };
  readonly openRequests: readonly SupplierRequest[];
}

const REGION: BankHolidayRegion = HCP_REGION;

/** A refusal says whose coaches may be named (a team leader's own; the district's for the activity manager), so a coach typed from elsewhere is understood. */
/** An individual case conference is arranged for a work coach (Annex 3 §3.1–3.2): they are told, and it goes into their diary. */
const CONFERENCE_COACH_REQUIRED = 'Choose the work coach the case conference is for: they are told, and it goes into their diary.';
const LED_COACHES = { who: 'you lead', notInList: 'Choose one of the work coaches you lead, from the list.', required: CONFERENCE_COACH_REQUIRED };
const DISTRICT_COACHES = { who: 'of your district', notInList: 'Choose a work coach of your district, from the list.', required: CONFERENCE_COACH_REQUIRED };

/**
 * An HCP's supporting activity, attendance and weekly note; the activity manager's week, requests
 * to the supplier and notices to finish. Supporting activity fits around three-way conversations,
 * never over one.
 */
export class HcpActivityService {
  constructor(private readonly deps: HcpActivityDeps) {}

  private now(): Date {
    return this.deps.clock.now();
  }

  private today(): string {
    return londonDateFast(this.now());
  }

  /** The HCP's office and the jobcentres of their cluster. */
  async hcpOffices(hcp: StaffMember): Promise<{ base: Jobcentre; offices: Jobcentre[] }> {
    if (!hasRole(hcp, 'hcp')) throw notAllowed('This is for Health Care Professionals.');
    const base = hcp.jobcentreId ? await this.deps.people.jobcentre(hcp.jobcentreId) : null;
    if (!base) throw notAllowed('You are not in a jobcentre in the staff directory, so no cluster is yours. Ask whoever keeps the directory.');
    return { base, offices: await this.deps.people.jobcentresInCluster(base.cluster) };
  }

  /** The activity manager's district. */
  async managerDistrict(manager: StaffMember): Promise<string> {
    if (!hasRole(manager, 'hcp_activity_manager')) throw notAllowed('This is for HCP Activity Managers.');
    const office = manager.jobcentreId ? await this.deps.people.jobcentre(manager.jobcentreId) : null;
    if (!office) throw notAllowed('You are not in a jobcentre in the staff directory, so no district is yours. Ask whoever keeps the directory.');
    return office.district;
  }

  async day(hcp: StaffMember, date = this.today()): Promise<{ plan: HcpDayPlan; activities: SupportingActivity[]; gaps: Interval[] }> {
    const [plan, activities] = await Promise.all([this.deps.diary.day(hcp, date), this.deps.store.activitiesOf(hcp.id, date, date)]);
    return { plan, activities, gaps: lessActivities(plan.freeGaps, activities) };
  }

  /** `activity`: today, this week's activity and what is still to do. */
  async overview(hcp: StaffMember): Promise<{ today: { plan: HcpDayPlan; activities: SupportingActivity[]; gaps: Interval[] }; week: SupportingActivity[]; open: SupportingActivity[]; offices: Jobcentre[]; attendance: AttendanceRecord | null }> {
    const { offices } = await this.hcpOffices(hcp);
    const today = this.today();
    const weekStart = weekStartOf(today);
    const [plan, week, open, attendance] = await Promise.all([this.deps.diary.day(hcp, today), this.deps.store.activitiesOf(hcp.id, weekStart, addDays(weekStart, 6)), this.deps.store.openActivitiesOf(hcp.id), this.deps.store.attendanceOf(hcp.id, today, today)]);
    // Today is in this week: its activities are the week's of today's date, not read a second time.
    const activities = week.filter((a) => a.date === today);
    return { today: { plan, activities, gaps: lessActivities(plan.freeGaps, activities) }, week, open, offices, attendance: attendance[0] ?? null };
  }

  /**
   * The HCP records supporting activity they did. Refused over a booked conversation or another
   * activity, with the reason and the day's free time.
   */
  async record(hcp: StaffMember, input: ActivityInput): Promise<SupportingActivity> {
    const { base, offices } = await this.hcpOffices(hcp);
    const today = this.today();
    const typedDate = (input.date ?? '').trim();
    const outOfRange = isCalendarDate(typedDate) && (typedDate > today || typedDate < addDays(today, -RECORD_BACK_DAYS));
    const range = { date: 'Choose today or a day in the last two weeks.' };
    const parsed = parseActivity(input, offices.map((o) => o.id), outOfRange ? range : {});
    if (outOfRange) throw invalid('Record activity on the day it happened: today or in the last two weeks.', range);
    if (parsed.interval.start.getTime() > this.now().getTime()) throw invalid('Record the activity once it has started.', { start: 'This time has not come yet: record the activity once it has started.' });
    await this.assertWeekOpen(hcp, parsed.date, hcp);
    await this.assertFree(hcp, parsed.date, parsed.interval, null);
    const now = this.now();
    return this.withDiary(() => this.deps.store.createActivity(
      {
        hcpId: hcp.id,
        kind: parsed.kind,
        status: 'done',
        jobcentreId: parsed.jobcentreId,
        district: base.district,
        date: parsed.date,
        start: parsed.interval.start,
        end: parsed.interval.end,
        takingPart: parsed.takingPart,
        note: parsed.note,
        caseReference: parsed.caseReference,
        caseCount: parsed.caseCount,
        adHoc: parsed.adHoc,
        requestedById: null,
        setById: null,
        recordedById: hcp.id,
        recordedAt: now,
      },
      now,
    ));
  }

  /** A change to an activity, with the work of bringing its diary entries in line, in one transaction. */
  private withDiary(change: () => Promise<SupportingActivity>): Promise<SupportingActivity> {
    return this.deps.uow.run(async () => {
      const activity = await change();
      await this.deps.work.schedule(HCP_DIARY_WORK, activity.id);
      return activity;
    });
  }

  /**
   * Refuses an interval over a booked conversation, a break agreed with the activity manager, or
   * another activity of the HCP that day. (Working days and hours are checked with the times.)
   */
  private async assertFree(hcp: StaffMember, date: string, interval: Interval, exceptActivityId: string | null): Promise<void> {
    const { plan, activities, gaps } = await this.day(hcp, date);
    const conversation = clashWith(interval, plan.conversations);
    if (conversation) throw invalid(clashMessage(conversation, gaps), { start: 'This time is over a booked three-way conversation.' });
    const onBreak = clashWith(interval, (plan.breaks ?? []).map((b) => ({ what: 'a break', start: b.start, end: b.end })));
    if (onBreak) throw invalid(breakClashMessage(onBreak, gaps), { start: 'This time is over a break agreed with the activity manager.' });
    const others = activities.filter((a) => a.id !== exceptActivityId && a.status !== 'cancelled' && a.start && a.end).map((a) => ({ what: 'another activity', start: a.start!, end: a.end! }));
    const other = clashWith(interval, others);
    if (other) throw invalid(`${hcp.name} already has ${other.what} then. ${gaps.length ? 'Choose a free time.' : ''}`.trim(), { start: 'This time is over another activity.' });
  }

  /**
   * Refuses activity dated in a week whose weekly note has gone to the activity manager or been
   * accepted: the note documents all of the week's supporting activity (Annex 3 §7).
   */
  private async assertWeekOpen(hcp: StaffMember, date: string, person: StaffMember): Promise<void> {
    const closed = closedWeekProblem(await this.deps.store.weeklyNote(hcp.id, weekStartOf(date)), person.id === hcp.id ? 'Your' : `${hcp.name}’s`);
    if (closed) throw invalid(closed.message, { date: closed.field });
  }

  /**
   * Refuses a date after the last working day of an HCP who gave notice (seed §4.1: exiting HCPs
   * complete open activity before leaving), beside the date, naming their last day.
   */
  private async assertBeforeLastDay(hcp: StaffMember, date: string): Promise<void> {
    const problem = afterLastDayProblem(await this.deps.store.noticeOf(hcp.id), date, hcp.name);
    if (problem) throw invalid(problem.message, { date: problem.field });
  }

  /**
   * Who is told of a change to an activity made by `actor`: its HCP, whoever asked for it, and the
   * activity manager who set or planned it (or, when none did, the district's activity managers,
   * who keep the HCP's diary: seed §7.1); never the actor.
   */
  private async othersToTell(activity: SupportingActivity, actor: StaffMember): Promise<string[]> {
    const { keepers, attendees } = await activityPeopleToTell(activity, (district) => this.deps.people.managersInDistrict(district));
    // The coach someone else arranged it for gets their own notice of it (tellCoach), not its card.
    const coach = coachToTell(activity);
    return [...new Set([activity.hcpId, ...attendees.filter((id) => id !== coach), ...keepers])].filter((id) => id !== actor.id);
  }

  /**
   * A coach or team leader asks the activity manager for a case conference with the HCP who
   * covers their jobcentre: individual (any time the manager finds; a team leader's is for one of
   * the coaches they lead, who is told), or group (in the time the team leader set aside, typically
   * for 2 or 3 cases).
   */
  async requestCaseConference(person: StaffMember, input: { kind?: string; caseReference?: string; caseCount?: string; date?: string; start?: string; end?: string; note?: string; coachId?: string }): Promise<SupportingActivity> {
    if (!hasRole(person, 'work_coach') && !hasRole(person, 'work_coach_team_leader')) throw notAllowed('Case conferences with an HCP are asked for by work coaches and team leaders.');
    const office = person.jobcentreId ? await this.deps.people.jobcentre(person.jobcentreId) : null;
    const hcp = office ? await this.deps.people.hcpCovering(office.id) : null;
    if (!office || !hcp) throw notAllowed('No Health Care Professional covers your jobcentre yet, so there is no one to hold a case conference with.');
    const problems: Record<string, string> = {};
    const group = input.kind === 'group_case_conference';
    if (input.kind !== 'individual_case_conference' && !group) problems.kind = 'Choose an individual or a group case conference.';
    if (group && !hasRole(person, 'work_coach_team_leader')) problems.kind = 'Group case conferences are set up by a team leader, in time they set aside.';
    // A team leader the directory lists no coaches for asks for one with themselves, as before coaches were named.
    const coach = group ? { coach: null } : chooseCoach(input.coachId, await this.conferenceCoaches(person), LED_COACHES, hasRole(person, 'work_coach') ? person : null);
    if ('problem' in coach) problems.coachId = coach.problem;
    const note = (input.note ?? '').trim();
    const caseReference = (input.caseReference ?? '').trim().toUpperCase() || null;
    if (!note) problems.note = 'Say briefly what you would like to discuss.';
    else if (note.length > 1000) problems.note = `Keep this to 1000 characters or fewer (it has ${note.length}).`;
    else if (!caseReference && looksLikeNino(note)) problems.note = 'Do not put a National Insurance number here: give the case reference instead.';
    if (caseReference && !/^(DEA|SA|RET)-\d{6}$/.test(caseReference)) problems.caseReference = 'Enter a case reference like SA-000012 or DEA-000123, or leave it empty.';
    let caseCount: number | null = null;
    let interval: Interval | null = null;
    let date: string | null = null;
    if (group) {
      caseCount = Number((input.caseCount ?? '').trim());
      if (!Number.isInteger(caseCount) || caseCount < 1 || caseCount > 10) problems.caseCount = 'Enter how many cases, from 1 to 10 (usually 2 or 3).';
      const times = parseTimes((input.date ?? '').trim(), (input.start ?? '').trim(), (input.end ?? '').trim());
      Object.assign(problems, times.problems);
      interval = times.interval;
      date = (input.date ?? '').trim();
      if (interval && date < this.today()) problems.date = 'Choose today or a later date.';
      const leaving = interval ? afterLastDayProblem(await this.deps.store.noticeOf(hcp.id), date, hcp.name) : null;
      if (leaving && !problems.date) problems.date = leaving.field;
    }
    if (Object.keys(problems).length) throw invalid('Some answers need changing.', problems);
    const named = 'coach' in coach ? coach.coach : null;
    // It is held where the coach works, when the same HCP covers it; otherwise where the asker is.
    const coachOffice = named && named.id !== person.id && named.jobcentreId ? await this.deps.people.jobcentre(named.jobcentreId) : null;
    const place = coachOffice && coachOffice.cluster === office.cluster ? coachOffice : office;
    const now = this.now();
    return this.deps.uow.run(async () => {
      const activity = await this.deps.store.createActivity(
        {
          hcpId: hcp.id,
          kind: group ? 'group_case_conference' : 'individual_case_conference',
          status: 'requested',
          jobcentreId: place.id,
          district: office.district,
          date,
          start: interval?.start ?? null,
          end: interval?.end ?? null,
          takingPart: named?.name ?? person.name,
          note,
          caseReference,
          caseCount,
          adHoc: false,
          requestedById: person.id,
          coachId: named?.id ?? null,
          setById: null,
          recordedById: null,
          recordedAt: null,
        },
        now,
      );
      for (const manager of await this.deps.people.managersInDistrict(office.district)) await this.deps.notifier.activity(manager.id, activity.id);
      await this.tellCoach(activity, person);
      return activity;
    });
  }

  /**
   * The work coaches a team leader may arrange an individual case conference for (Annex 3 §3.2):
   * those they lead, by name. None for anyone else.
   */
  async conferenceCoaches(person: StaffMember): Promise<StaffMember[]> {
    if (!hasRole(person, 'work_coach_team_leader')) return [];
    const led = await this.deps.directory.findByTeamLeader(person.id);
    return led.filter((p) => p.id !== person.id && hasRole(p, 'work_coach')).sort(byName);
  }

  /**
   * The work coaches the activity manager may arrange an individual case conference for, on a team
   * leader's behalf: those based at the jobcentres of the district's HCPs' clusters, by name.
   * `known`: the district's offices, when the caller has read them already (`districtOffices`).
   */
  /** `known`: the district's offices, read or being read already for the same card, so they are read once and beside the coaches. */
  async districtCoaches(manager: StaffMember, hcps: readonly StaffMember[], known?: Promise<readonly Jobcentre[]>): Promise<StaffMember[]> {
    if (!manager.jobcentreId) return [];
    const [offices, coaches] = await Promise.all([known ?? this.districtOffices(hcps), this.deps.people.coachesInDistrictOf(manager.jobcentreId)]);
    const covered = new Set(offices.map((o) => o.id));
    return coaches.filter((c) => c.jobcentreId !== null && covered.has(c.jobcentreId)).sort(byName);
  }

  /**
   * The work coach an activity was arranged for is told of it, as it now stands: not when they asked
   * for it themselves (they get its card, as whoever asked does) nor when the change is their own.
   */
  private async tellCoach(activity: SupportingActivity, actor: StaffMember): Promise<void> {
    const coachId = coachToTell(activity, actor.id);
    if (coachId) await this.deps.notifier.coach(coachId, activity.id);
  }

  /** The activity manager gives a requested case conference its time (or confirms the time a team leader set aside). */
  async plan(manager: StaffMember, activityId: string, version: number | null, input: { date?: string; start?: string; end?: string }): Promise<SupportingActivity> {
    const district = await this.managerDistrict(manager);
    const activity = await this.get(activityId);
    if (activity.district !== district) throw notAllowed('This activity is not in your district.');
    if (version !== null && version !== activity.version) throw invalid('This changed since this card was shown: look again.');
    if (activity.status !== 'requested') throw invalid('This case conference already has its time.');
    const times = parseTimes((input.date ?? activity.date ?? '').trim(), (input.start ?? '').trim(), (input.end ?? '').trim());
    if (!times.interval) throw invalid('Some answers need changing.', times.problems);
    const date = (input.date ?? activity.date ?? '').trim();
    if (date < this.today()) throw invalid('Choose today or a later date.', { date: 'Choose today or a later date.' });
    // A group case conference is held in the time its team leader set aside (Annex 3 §3.3).
    if (activity.kind === 'group_case_conference' && activity.date && activity.start && activity.end) {
      const setAside = { date: activity.date, start: activity.start, end: activity.end };
      const outside = outsideSetAsideProblems(setAside, date, times.interval);
      if (Object.keys(outside).length) throw invalid(`A group case conference is held in the time the team leader set aside for it: ${describeSetAside(setAside)}.`, outside);
    }
    const hcp = await this.person(activity.hcpId);
    await this.assertBeforeLastDay(hcp, date);
    await this.assertWeekOpen(hcp, date, manager);
    await this.assertFree(hcp, date, times.interval, activity.id);
    return this.deps.uow.run(async () => {
      const planned = await this.deps.store.updateActivity(activity.id, activity.version, { status: 'planned', date, start: times.interval!.start, end: times.interval!.end, setById: manager.id }, this.now());
      await this.deps.work.schedule(HCP_DIARY_WORK, planned.id);
      await this.deps.notifier.activity(planned.hcpId, planned.id);
      if (planned.requestedById) await this.deps.notifier.activity(planned.requestedById, planned.id);
      await this.tellCoach(planned, manager);
      return planned;
    });
  }

  /**
   * A planned activity not yet started moves to another time, by the activity manager or its HCP:
   * refused over a booked conversation or another activity, as when it was set; the diaries follow
   * after the click, and the others in it are told.
   */
  async move(person: StaffMember, activityId: string, version: number | null, input: { date?: string; start?: string; end?: string }): Promise<SupportingActivity> {
    const activity = await this.get(activityId);
    const isManager = hasRole(person, 'hcp_activity_manager') && (await this.managerDistrict(person)) === activity.district;
    const refusal = activityMoveRefusal(activity, isManager ? 'manager' : person.id === activity.hcpId ? 'hcp' : null, this.now());
    // Who may is said first, whatever card they clicked on; then whether the card is current.
    if (refusal?.kind === 'not_allowed') throw refusal;
    if (version !== null && version !== activity.version) throw invalid('This changed since this card was shown: look again.');
    if (refusal) throw refusal;
    // No refusal means it has a time; said again for the compiler.
    if (!activity.start) throw invalid('Only a planned activity can be moved.');
    const date = (input.date ?? activity.date ?? '').trim();
    const times = parseTimes(date, (input.start ?? '').trim(), (input.end ?? '').trim());
    if (!times.interval) throw invalid('Some answers need changing.', times.problems);
    if (times.interval.start.getTime() <= this.now().getTime()) throw invalid('Choose a time still to come.', { start: 'Choose a time still to come.' });
    if (times.interval.start.getTime() === activity.start.getTime() && activity.end && times.interval.end.getTime() === activity.end.getTime()) throw invalid('That is the time it is already set for.', { start: 'Give a different date or time.' });
    // A group case conference stays in the time its team leader set aside (Annex 3 §3.3). It was
    // planned within that time and only that part of it is kept, so it moves only within its time.
    if (activity.kind === 'group_case_conference' && activity.date && activity.end) {
      const setAside = { date: activity.date, start: activity.start, end: activity.end };
      const outside = outsideSetAsideProblems(setAside, date, times.interval);
      if (Object.keys(outside).length) {
        throw invalid(`A group case conference stays in the time the team leader set aside for it: it was planned for ${describeSetAside(setAside)}, and moves only within that. For another time, cancel it and ask the team leader to set aside a new one.`, outside);
      }
    }
    const hcp = await this.person(activity.hcpId);
    await this.assertBeforeLastDay(hcp, date);
    await this.assertWeekOpen(hcp, date, person);
    await this.assertFree(hcp, date, times.interval, activity.id);
    return this.deps.uow.run(async () => {
      const moved = await this.deps.store.updateActivity(activity.id, activity.version, { date, start: times.interval!.start, end: times.interval!.end }, this.now());
      await this.deps.work.schedule(HCP_DIARY_WORK, moved.id);
      for (const id of await this.othersToTell(moved, person)) await this.deps.notifier.activity(id, moved.id);
      await this.tellCoach(moved, person);
      return moved;
    });
  }

  /** The activity manager sets a work activity for an HCP (a presentation, a project, a case conference). */
  async setWorkActivity(manager: StaffMember, input: ActivityInput & { hcpId?: string; coachId?: string }): Promise<SupportingActivity> {
    const district = await this.managerDistrict(manager);
    const hcps = await this.deps.people.hcpsInDistrict(district);
    const hcp = hcps.find((h) => h.id === (input.hcpId ?? '').toLowerCase());
    if (!hcp) throw invalid('Choose an HCP of your district.', { hcpId: 'Choose an HCP of your district.' });
    const { offices } = await this.hcpOffices(hcp);
    // An individual case conference is with one work coach, arranged on their team leader's behalf (Annex 3 §3.2).
    const individual = (input.kind ?? '').trim() === 'individual_case_conference';
    const coach = individual ? chooseCoach(input.coachId, await this.districtCoaches(manager, hcps), DISTRICT_COACHES) : { coach: null };
    const named = 'coach' in coach ? coach.coach : null;
    const parsed = parseActivity({ ...input, consultative: 'true', takingPart: input.takingPart || named?.name || 'To be recorded by the HCP' }, offices.map((o) => o.id), 'problem' in coach ? { coachId: coach.problem } : {});
    if (parsed.date < this.today()) throw invalid('Set work activities for today or a later day.', { date: 'Choose today or a later date.' });
    await this.assertBeforeLastDay(hcp, parsed.date);
    await this.assertWeekOpen(hcp, parsed.date, manager);
    await this.assertFree(hcp, parsed.date, parsed.interval, null);
    const now = this.now();
    return this.deps.uow.run(async () => {
      const activity = await this.deps.store.createActivity(
        { hcpId: hcp.id, kind: parsed.kind, status: 'planned', jobcentreId: parsed.jobcentreId, district, date: parsed.date, start: parsed.interval.start, end: parsed.interval.end, takingPart: parsed.takingPart, note: parsed.note, caseReference: parsed.caseReference, caseCount: parsed.caseCount, adHoc: false, requestedById: null, coachId: named?.id ?? null, setById: manager.id, recordedById: null, recordedAt: null },
        now,
      );
      await this.deps.work.schedule(HCP_DIARY_WORK, activity.id);
      await this.deps.notifier.activity(hcp.id, activity.id);
      await this.tellCoach(activity, manager);
      return activity;
    });
  }

  /** The HCP records a planned activity as held. */
  async complete(hcp: StaffMember, activityId: string, version: number | null, input: { takingPart?: string; note?: string; consultative?: string }): Promise<SupportingActivity> {
    const activity = await this.get(activityId);
    if (activity.hcpId !== hcp.id) throw notAllowed('Only the HCP of this activity can record it.');
    if (version !== null && version !== activity.version) throw invalid('This changed since this card was shown: look again.');
    if (activity.status !== 'planned') throw invalid(activity.status === 'done' ? 'This activity is already recorded.' : 'This activity has no time yet.');
    if (activity.start && activity.start.getTime() > this.now().getTime()) throw invalid('Record the activity once it has started.');
    if (activity.date) {
      const closed = closedWeekProblem(await this.deps.store.weeklyNote(hcp.id, weekStartOf(activity.date)), 'Your');
      if (closed) throw invalid(closed.message);
    }
    const problems: Record<string, string> = {};
    const takingPart = (input.takingPart ?? activity.takingPart).trim();
    const note = (input.note ?? activity.note).trim();
    if (!takingPart) problems.takingPart = 'Say who took part.';
    if (!note) problems.note = 'Write a short note of what was covered.';
    if (!activity.caseReference && looksLikeNino(note)) problems.note = 'This note is not about a case, so it must not name a claimant: take out the National Insurance number.';
    if (activity.kind === 'retention' && input.consultative !== 'true') problems.consultative = 'Confirm you advised only: an HCP never represents a claimant.';
    if (Object.keys(problems).length) throw invalid('Some answers need changing.', problems);
    return this.deps.store.updateActivity(activity.id, activity.version, { status: 'done', takingPart, note, recordedById: hcp.id, recordedAt: this.now() }, this.now());
  }

  /** The activity manager, or whoever asked for it, cancels an activity not yet held. */
  async cancel(person: StaffMember, activityId: string, version: number | null): Promise<SupportingActivity> {
    const activity = await this.get(activityId);
    const isManager = hasRole(person, 'hcp_activity_manager') && (await this.managerDistrict(person)) === activity.district;
    if (!isManager && person.id !== activity.requestedById) throw notAllowed('Only the activity manager or whoever asked for it can cancel this.');
    if (version !== null && version !== activity.version) throw invalid('This changed since this card was shown: look again.');
    if (activity.status !== 'requested' && activity.status !== 'planned') throw invalid('This activity can no longer be cancelled.');
    return this.deps.uow.run(async () => {
      const cancelled = await this.deps.store.updateActivity(activity.id, activity.version, { status: 'cancelled' }, this.now());
      await this.deps.work.schedule(HCP_DIARY_WORK, cancelled.id);
      for (const id of await this.othersToTell(cancelled, person)) await this.deps.notifier.activity(id, cancelled.id);
      await this.tellCoach(cancelled, person);
      return cancelled;
    });
  }

  async get(activityId: string): Promise<SupportingActivity> {
    const activity = await this.deps.store.activity(activityId);
    if (!activity) throw notFound('That activity is not there any more.');
    return activity;
  }

  /**
   * The booked Specialist Advice conversations of its HCP over the activity, which now needs another
   * time (seed 002 Annex 3 §1), in one read of the HCP's conversations around it; none read for an
   * activity held, cancelled, under way or with no time.
   */
  async conversationsOver(activity: SupportingActivity): Promise<ConversationOver[]> {
    const now = this.now();
    const window = conversationsOverWindow(activity, now);
    if (!window) return [];
    return conversationsOver(activity, await this.deps.conversations.startingIn(activity.hcpId, window.start, window.end), now);
  }

  /** Who may see an activity: its HCP, whoever asked for it, the work coach it is with, and the district's activity manager. */
  async viewerPart(activity: SupportingActivity, person: StaffMember): Promise<ActivityPart | null> {
    if (person.id === activity.hcpId) return 'hcp';
    if (hasRole(person, 'hcp_activity_manager')) {
      const office = person.jobcentreId ? await this.deps.people.jobcentre(person.jobcentreId) : null;
      if (office?.district === activity.district) return 'manager';
    }
    if (person.id === activity.requestedById) return 'requester';
    if (person.id === activity.coachId) return 'coach';
    return null;
  }

  /**
   * What the work coach an activity was arranged for is told of it, as it stands: who arranged it,
   * the HCP and where. Refused to anyone else, so a notice for someone no longer its coach sends nothing.
   */
  async coachNotice(coach: StaffMember, activityId: string): Promise<CoachNotice> {
    const activity = await this.get(activityId);
    if (activity.coachId !== coach.id) throw notFound('That case conference is not one arranged for you.');
    const arrangerId = activity.requestedById ?? activity.setById;
    const [hcp, arranger, office] = await Promise.all([
      this.person(activity.hcpId),
      arrangerId ? this.deps.directory.findById(arrangerId) : null,
      activity.jobcentreId ? this.deps.people.jobcentre(activity.jobcentreId) : null,
    ]);
    return { activity, hcpName: hcp.name, arrangedByName: arranger?.name ?? null, officeName: office?.name ?? null };
  }

  // ——— The weekly note ———

  /** Last week's note, when the HCP has one still to submit: what `weekly note` opens first. */
  async lastWeekToSubmit(hcp: StaffMember): Promise<WeeklyNote | null> {
    const note = await this.deps.store.weeklyNote(hcp.id, addDays(weekStartOf(this.today()), -7));
    return stillToSubmit(note) ? note : null;
  }

  /** The HCP's note for the week, drafted from the week's activity and conversations the first time it is opened. */
  async weeklyNote(hcp: StaffMember, weekStart = weekStartOf(this.today())): Promise<WeeklyNote> {
    const found = await this.deps.store.weeklyNote(hcp.id, weekStart);
    if (found) return found;
    const { base } = await this.hcpOffices(hcp);
    return this.deps.store.createWeeklyNote({ hcpId: hcp.id, district: base.district, weekStart, status: 'draft', body: await this.draft(hcp, weekStart), submittedAt: null, reviewedById: null, reviewedAt: null, changeReason: null, remindedAt: null }, this.now());
  }

  /** A fresh draft of the week, for the HCP to start again from. */
  async draft(hcp: StaffMember, weekStart: string): Promise<string> {
    const [activities, conversations, officeName] = await Promise.all([this.deps.store.activitiesOf(hcp.id, weekStart, addDays(weekStart, 6)), this.deps.diary.weeks([hcp.id], weekStart), this.officeNames(hcp)]);
    return draftWeeklyNote(weekStart, activities, conversations.get(hcp.id)!, officeName);
  }

  /** The names the weekly note gives the jobcentres of the HCP's cluster. */
  private async officeNames(hcp: StaffMember): Promise<(id: string | null) => string> {
    const names = new Map((await this.hcpOffices(hcp)).offices.map((o) => [o.id, o.name]));
    return (id) => (id ? (names.get(id) ?? 'another jobcentre') : 'no jobcentre');
  }

  async noteById(id: string): Promise<WeeklyNote> {
    const note = await this.deps.store.weeklyNoteById(id);
    if (!note) throw notFound('That weekly note is not there any more.');
    return note;
  }

  /** The HCP saves the note, or submits it to the activity manager. */
  async saveNote(hcp: StaffMember, noteId: string, version: number | null, body: string, submit: boolean): Promise<WeeklyNote> {
    const note = await this.noteById(noteId);
    if (note.hcpId !== hcp.id) throw notAllowed('Only the HCP writes their weekly note.');
    if (version !== null && version !== note.version) throw invalid('This note changed since this card was shown: look again.');
    if (note.status === 'submitted' || note.status === 'accepted') throw invalid(note.status === 'accepted' ? 'This note is accepted already.' : 'This note is with your activity manager: they will accept it or ask for a change.');
    const text = checkWeeklyNoteBody(body);
    if (submit) {
      // Every supporting activity recorded for the week goes to the activity manager in it (Annex 3 §7, §7.1).
      const [activities, officeName] = await Promise.all([this.deps.store.activitiesOf(hcp.id, note.weekStart, addDays(note.weekStart, 6)), this.officeNames(hcp)]);
      assertNoteHasActivity(activityMissingFromNote(text, note.weekStart, activities, officeName));
      // Nothing can be added to the week once its note is accepted: planned activity is held (or cancelled) first.
      const planned = stillPlannedProblem(note.weekStart, activities, this.now());
      if (planned) throw invalid(planned.message, { body: planned.field });
    }
    return this.deps.uow.run(async () => {
      const saved = await this.deps.store.updateWeeklyNote(note.id, note.version, submit ? { body: text, status: 'submitted', submittedAt: this.now(), changeReason: note.changeReason } : { body: text }, this.now());
      if (submit) for (const manager of await this.deps.people.managersInDistrict(note.district)) await this.deps.notifier.weeklyNote(manager.id, saved.id);
      return saved;
    });
  }

  /** The activity manager accepts a submitted note, or asks for a change with the reason. */
  async review(manager: StaffMember, noteId: string, version: number | null, decision: 'accept' | 'change', reason: string): Promise<WeeklyNote> {
    const district = await this.managerDistrict(manager);
    const note = await this.noteById(noteId);
    if (note.district !== district) throw notAllowed('This note is not from an HCP of your district.');
    if (version !== null && version !== note.version) throw invalid('This note changed since this card was shown: look again.');
    if (note.status !== 'submitted') throw invalid(note.status === 'accepted' ? 'This note is accepted already.' : 'This note is not submitted yet.');
    const why = reason.trim();
    if (decision === 'change') {
      if (!why) throw invalid('Say what should change.', { reason: 'Say what should change, so the HCP can put it right.' });
      if (why.length > 500) throw invalid('The reason is too long.', { reason: `Keep the reason to 500 characters or fewer (it has ${why.length}).` });
      if (looksLikeNino(why)) throw invalid('The reason must not name a claimant.', { reason: 'Take out the National Insurance number.' });
    }
    return this.deps.uow.run(async () => {
      const reviewed = await this.deps.store.updateWeeklyNote(note.id, note.version, { status: decision === 'accept' ? 'accepted' : 'change_asked', reviewedById: manager.id, reviewedAt: this.now(), changeReason: decision === 'change' ? why : null }, this.now());
      await this.deps.notifier.weeklyNote(note.hcpId, reviewed.id);
      return reviewed;
    });
  }

  /**
   * The Friday-afternoon reminder: every HCP whose note for the week is not submitted gets their
   * note's card, drafted if it was never opened; once a week each.
   */
  async remindWeeklyNotes(people: readonly StaffMember[]): Promise<number> {
    // The directory may have changed since they were listed: only those who are HCPs now.
    const hcps = people.filter((p) => hasRole(p, 'hcp'));
    const now = this.now();
    const weekStart = weekStartOf(this.today());
    const notes = new Map((await this.deps.store.weeklyNotesFor(hcps.map((h) => h.id), weekStart)).map((n) => [n.hcpId, n]));
    let sent = 0;
    for (const hcp of hcps) {
      const found = notes.get(hcp.id) ?? null;
      if (!reminderDue(now, found)) continue;
      await this.deps.uow.run(async () => {
        const note = found ?? (await this.weeklyNote(hcp, weekStart));
        const reminded = await this.deps.store.updateWeeklyNote(note.id, note.version, { remindedAt: now }, now);
        await this.deps.notifier.weeklyNote(hcp.id, reminded.id);
      });
      sent += 1;
    }
    return sent;
  }

  // ——— Attendance ———

  /**
   * The HCP records their own arrival, or the jobcentre's contact records the arrival of the HCP who
   * is at their jobcentre today: at the time given (`arrivedAt`, HH:MM today, London; see
   * `arrivalTime`), or now when none is given. `recordedAt` is always when it was recorded, so the
   * record shows both. After 08:30 it is late. On a day recorded absent (the HCP came after all) the
   * arrival takes the absence's place and the replacement asked of the supplier for it is withdrawn,
   * or narrowed to the days still absent, in the same transaction; the activity managers are told as
   * of a late arrival. A second arrival for the day is refused.
   */
  async recordArrival(person: StaffMember, hcpId: string | null, arrivedAt?: string): Promise<Arrival> {
    const now = this.now();
    // HCPs work Monday to Friday, bank holidays aside (seed §2.2.3): an arrival on another day is no working day's.
    const date = londonDateFast(now);
    if (!isWorkingDay(date, REGION)) throw invalid(`${describeDate(date)} is not an HCP working day (Monday to Friday, bank holidays aside), so no arrival is recorded.`);
    const { hcp, jobcentreId } = await this.attendanceSubject(person, hcpId);
    // An HCP's own arrival is when they say so; a time is given by the contact who greeted them.
    const at = arrivalTime(person.id === hcp.id ? undefined : arrivedAt, now);
    const office = jobcentreId ? await this.deps.people.jobcentre(jobcentreId) : null;
    const district = office?.district ?? (await this.hcpOffices(hcp)).base.district;
    const arrival = { hcpId: hcp.id, district, date, jobcentreId, status: arrivalStatus(at), arrivedAt: at, recordedById: person.id, recordedAt: now, supplierRequestId: null };
    const day = arrivalOnDay((await this.deps.store.attendanceOf(hcp.id, date, date))[0] ?? null);
    if (day.kind === 'refuse') throw conflict(day.message);
    return this.deps.uow.run(async () => {
      if (day.kind === 'record') {
        const record = await this.deps.store.recordAttendance(arrival);
        if (record.status === 'late') await this.tellManagers(district, person, (id) => this.deps.notifier.lateArrival(id, record.id));
        return { record, replacedAbsence: null };
      }
      const absence = day.absence;
      const record = await this.deps.store.recordAttendance({ ...arrival, jobcentreId: jobcentreId ?? absence.jobcentreId, supplierRequestId: absence.supplierRequestId }, absence.id);
      const request = absence.supplierRequestId ? await this.replacementAfterArrival(absence.supplierRequestId, hcp, date) : null;
      await this.tellManagers(district, person, (id) => this.deps.notifier.lateArrival(id, record.id));
      return { record, replacedAbsence: { request } };
    });
  }

  /** The replacement request of an absence the HCP arrived on after all: withdrawn, or kept for the days still absent. */
  private async replacementAfterArrival(requestId: string, hcp: StaffMember, arrivedOn: string): Promise<SupplierRequest | null> {
    const request = await this.deps.store.supplierRequest(requestId);
    if (!request) return null;
    const days = request.fromDate && request.toDate ? await this.deps.store.attendanceOf(hcp.id, request.fromDate, request.toDate) : [];
    const stillAbsent = days.filter((d) => d.supplierRequestId === request.id && d.status === 'absent' && d.date !== arrivedOn).map((d) => d.date);
    const changes = replacementAfterArrival(request, stillAbsent, arrivedOn, hcp.name);
    return changes ? this.deps.store.updateSupplierRequest(request.id, request.version, changes) : request;
  }

  /** The district's activity managers, other than whoever recorded it, get a card. */
  private async tellManagers(district: string, recorder: StaffMember, send: (managerId: string) => Promise<void>): Promise<void> {
    for (const manager of await this.deps.people.managersInDistrict(district)) if (manager.id !== recorder.id) await send(manager.id);
  }

  /**
   * The card an activity manager gets of an absence (by its supplier request) or of a late arrival, or
   * an arrival on a day recorded absent (by its attendance record), as they stand when it is shown.
   */
  async attendanceNotice(manager: StaffMember, kind: 'absence' | 'late', subjectId: string): Promise<AttendanceNotice> {
    const district = await this.managerDistrict(manager);
    const office = async (id: string | null) => (id ? ((await this.deps.people.jobcentre(id))?.name ?? null) : null);
    const requestFacts = (r: SupplierRequest) => ({ reference: r.reference, dueOn: r.dueOn, status: r.status, fromDate: r.fromDate, toDate: r.toDate, coverOn: r.coverOn });
    if (kind === 'absence') {
      const request = await this.deps.store.supplierRequest(subjectId);
      if (!request || request.district !== district || !request.hcpId || !request.fromDate || !request.toDate) throw notFound('That absence is not one of your district’s.');
      // Days the HCP arrived on after all are no longer absent, though they keep the request.
      const days = (await this.deps.store.attendanceOf(request.hcpId, request.fromDate, request.toDate)).filter((a) => a.supplierRequestId === request.id && a.status === 'absent');
      const [hcp, recorder] = await Promise.all([this.person(request.hcpId), this.person(request.raisedById)]);
      return { kind, hcpName: hcp.name, jobcentreName: await office(days[0]?.jobcentreId ?? hcp.jobcentreId), dates: days.map((d) => d.date), arrivedAt: null, recordedAt: null, recordedByName: recorder.name, request: requestFacts(request), replacedAbsence: false };
    }
    const record = await this.deps.store.attendanceRecord(subjectId);
    if (!record || record.district !== district) throw notFound('That arrival is not one of your district’s.');
    const [hcp, recorder, request] = await Promise.all([this.person(record.hcpId), this.person(record.recordedById), record.supplierRequestId ? this.deps.store.supplierRequest(record.supplierRequestId) : null]);
    const replacedAbsence = record.status !== 'absent' && record.supplierRequestId !== null;
    return { kind: record.status === 'on_time' ? 'arrival' : 'late', hcpName: hcp.name, jobcentreName: await office(record.jobcentreId), dates: [record.date], arrivedAt: record.arrivedAt, recordedAt: record.recordedAt, recordedByName: recorder.name, request: request ? requestFacts(request) : null, replacedAbsence };
  }

  /**
   * An absence, from one working day to another: each day not yet recorded is recorded absent, and a
   * request goes to the supplier for a replacement for those days only (two weeks to answer). Days
   * already recorded (absent under an earlier request, or arrived) are left as they are and said back
   * in `already`; when no day is new, nothing is recorded or asked, and the refusal names the days.
   */
  async recordAbsence(
    person: StaffMember,
    hcpId: string | null,
    fromDate: string,
    toDate: string,
  ): Promise<{ days: AttendanceRecord[]; request: SupplierRequest; already: Pick<AttendanceRecord, 'date' | 'status'>[]; booked: HcpConversation[] }> {
    const { hcp, jobcentreId } = await this.attendanceSubject(person, hcpId, true);
    const problems: Record<string, string> = {};
    if (!isCalendarDate(fromDate)) problems.fromDate = 'Enter the first day of the absence.';
    if (!isCalendarDate(toDate)) problems.toDate = 'Enter the last day of the absence.';
    else if (isCalendarDate(fromDate) && toDate < fromDate) problems.toDate = 'The last day must be on or after the first day.';
    else if (isCalendarDate(fromDate) && toDate > addDays(fromDate, 60)) problems.toDate = 'Record at most two months of absence at once.';
    if (isCalendarDate(fromDate) && fromDate < addDays(this.today(), -RECORD_BACK_DAYS)) problems.fromDate = 'Choose a day in the last two weeks or later.';
    if (Object.keys(problems).length) throw invalid('Some answers need changing.', problems);
    const dates = workingDaysBetween(fromDate, toDate, REGION);
    if (!dates.length) throw invalid('There are no working days in those dates.', { toDate: 'Choose dates that include a working day.' });
    const { newDays, already } = absenceDays(dates, await this.deps.store.attendanceOf(hcp.id, fromDate, toDate), person.id === hcp.id ? 'Your' : `${hcp.name}’s`);
    const [{ base }, booked] = await Promise.all([this.hcpOffices(hcp), this.bookedWhenAway(hcp.id, newDays[0]!, newDays[newDays.length - 1]!, (date) => newDays.includes(date))]);
    const now = this.now();
    return this.deps.uow.run(async () => {
      const request = await this.deps.store.createSupplierRequest({
        kind: 'replacement',
        district: base.district,
        hcpId: hcp.id,
        fromDate: newDays[0]!,
        toDate: newDays[newDays.length - 1]!,
        details: replacementDetails(hcp.name, newDays, REGION),
        caseReference: null,
        raisedById: person.id,
        raisedAt: now,
        dueOn: supplierDueOn('replacement', londonDateFast(now), REGION, newDays[0]!),
      });
      const days: AttendanceRecord[] = [];
      for (const date of newDays) {
        days.push(await this.deps.store.recordAttendance({ hcpId: hcp.id, district: base.district, date, jobcentreId, status: 'absent', arrivedAt: null, recordedById: person.id, recordedAt: now, supplierRequestId: request.id }));
      }
      await this.tellManagers(base.district, person, (id) => this.deps.notifier.absence(id, request.id));
      // The conversations stay as booked: who takes them is the coach's to arrange with the claimant.
      for (const c of booked) await this.deps.notifier.hcpAway(c.coachId, c.id);
      return { days, request, already, booked };
    });
  }

  /**
   * The HCP's booked conversations not yet over, starting from `fromDate` to `toDate` on a day `away`
   * names, soonest first: the HCP will not be there (seed 002 §4.1), so their coaches need to know.
   */
  private async bookedWhenAway(hcpId: string, fromDate: string, toDate: string, away: (date: string) => boolean): Promise<HcpConversation[]> {
    if (toDate < fromDate) return [];
    const now = this.now().getTime();
    const found = await this.deps.conversations.startingIn(hcpId, londonToUtc(fromDate, '00:00'), londonToUtc(addDays(toDate, 1), '00:00'));
    return found
      .filter((c) => c.status === 'booked' && c.start && c.end && c.end.getTime() > now && away(londonDateFast(c.start)))
      .sort((a, b) => a.start!.getTime() - b.start!.getTime());
  }

  /** Whose attendance this person may record, and where. */
  private async attendanceSubject(person: StaffMember, hcpId: string | null, absence = false): Promise<{ hcp: StaffMember; jobcentreId: string | null }> {
    const today = this.today();
    if (hasRole(person, 'hcp') && (!hcpId || hcpId === person.id)) {
      const plan = await this.deps.diary.day(person, today);
      return { hcp: person, jobcentreId: plan.jobcentreId };
    }
    if (!hcpId) throw invalid('Choose the HCP.', { hcpId: 'Choose the HCP.' });
    const hcp = await this.person(hcpId);
    if (!hasRole(hcp, 'hcp')) throw invalid('Choose an HCP.', { hcpId: 'Choose an HCP.' });
    if (hasRole(person, 'jobcentre_contact') && person.jobcentreId) {
      const plan = await this.deps.diary.day(hcp, today);
      if (plan.jobcentreId === person.jobcentreId) return { hcp, jobcentreId: person.jobcentreId };
    }
    if (absence && hasRole(person, 'hcp_activity_manager')) {
      const district = await this.managerDistrict(person);
      if ((await this.deps.people.hcpsInDistrict(district)).some((h) => h.id === hcp.id)) return { hcp, jobcentreId: hcp.jobcentreId };
    }
    throw notAllowed(hasRole(person, 'jobcentre_contact') ? `${hcp.name} is not planned at your jobcentre today, so their arrival is recorded where they are.` : 'Attendance is recorded by the HCP, or by the contact of the jobcentre they are at.');
  }

  /** The HCPs a contact greets today: those whose site plan puts them at the contact's jobcentre. */
  async expectedToday(contact: StaffMember): Promise<{ jobcentre: Jobcentre; hcps: { hcp: StaffMember; attendance: AttendanceRecord | null }[] }> {
    if (!hasRole(contact, 'jobcentre_contact') || !contact.jobcentreId) throw notAllowed('This is for jobcentre contacts.');
    const jobcentre = await this.deps.people.jobcentre(contact.jobcentreId);
    if (!jobcentre) throw notAllowed('You are not in a jobcentre in the staff directory. Ask whoever keeps the directory.');
    const today = this.today();
    // The site plans and the day's attendance, each read once for the district: the click need not
    // wait on anyone's diary.
    const hcps = await this.deps.people.hcpsInDistrict(jobcentre.district);
    const sites = await this.deps.diary.sitesOn(hcps, today);
    const here = hcps.filter((hcp) => sites.get(hcp.id) === jobcentre.id);
    const records = here.length ? await this.deps.store.attendanceInDistrict(jobcentre.district, today, today) : [];
    return { jobcentre, hcps: here.map((hcp) => ({ hcp, attendance: records.find((r) => r.hcpId === hcp.id) ?? null })) };
  }

  // ——— The activity manager ———

  /** Each HCP of the district this week: conversations against 10, supporting activity, attendance, weekly note. */
  async managerWeek(manager: StaffMember): Promise<ManagerWeek> {
    const district = await this.managerDistrict(manager);
    const weekStart = weekStartOf(this.today());
    const weekEnd = addDays(weekStart, 6);
    // This week's attendance and the period's (this week's working days, or this month after the
    // trial): the period always overlaps this week, so one read of the days either covers.
    const period = attendancePeriod(this.today(), this.deps.trialEndsOn(district));
    const attendanceFrom = weekStart < period.from ? weekStart : period.from;
    const attendanceTo = weekEnd > period.to ? weekEnd : period.to;
    const [hcps, activities, attendanceRead, notes, requested, openRequests, notices] = await Promise.all([
      this.deps.people.hcpsInDistrict(district),
      this.deps.store.activitiesInDistrict(district, weekStart, weekEnd),
      this.deps.store.attendanceInDistrict(district, attendanceFrom, attendanceTo),
      this.deps.store.weeklyNotesInDistrict(district, addDays(weekStart, -28), weekStart),
      this.deps.store.requestedInDistrict(district),
      this.deps.store.openSupplierRequests(district),
      this.deps.store.noticesInDistrict(district),
    ]);
    const attendance = attendanceRead.filter((a) => a.date >= weekStart && a.date <= weekEnd);
    const periodAttendance = attendanceRead.filter((a) => a.date >= period.from && a.date <= period.to);
    const weeks = await this.deps.diary.weeks(hcps.map((h) => h.id), weekStart);
    const rows: HcpWeek[] = [];
    for (const hcp of hcps) {
      rows.push({
        hcp,
        conversations: weeks.get(hcp.id)!,
        activities: activities.filter((a) => a.hcpId === hcp.id && a.status !== 'cancelled'),
        attendance: attendance.filter((a) => a.hcpId === hcp.id),
        note: notes.find((n) => n.hcpId === hcp.id && n.weekStart === weekStart) ?? null,
        lastWeekToSubmit: notes.find((n) => n.hcpId === hcp.id && n.weekStart === addDays(weekStart, -7) && stillToSubmit(n)) ?? null,
        notice: notices.filter((n) => n.hcpId === hcp.id).at(-1) ?? null,
      });
    }
    return { district, weekStart, hcps: rows, requested, notesToReview: notes.filter((n) => n.status === 'submitted'), attendance: { ...period, records: periodAttendance }, openRequests };
  }

  /** The activity manager asks the supplier for something: HCP provision, a replacement, information. */
  async raiseSupplierRequest(manager: StaffMember, input: { kind?: string; hcpId?: string; fromDate?: string; toDate?: string; details?: string; caseReference?: string }): Promise<SupplierRequest> {
    const district = await this.managerDistrict(manager);
    const problems: Record<string, string> = {};
    const kind = (input.kind ?? '').trim();
    if (!isSupplierRequestKind(kind)) problems.kind = 'Choose what you are asking the supplier for.';
    const details = (input.details ?? '').trim();
    if (!details) problems.details = 'Say what you are asking for.';
    else if (details.length > 1000) problems.details = `Keep this to 1000 characters or fewer (it has ${details.length}).`;
    else if (looksLikeNino(details)) problems.details = 'Do not send a National Insurance number to the supplier: name the case by its reference.';
    const caseReference = (input.caseReference ?? '').trim().toUpperCase() || null;
    if (caseReference && !/^(DEA|SA|RET)-\d{6}$/.test(caseReference)) problems.caseReference = 'Enter a case reference like SA-000012, or leave it empty.';
    if ((kind === 'subject_access' || kind === 'freedom_of_information') && kind === 'subject_access' && !caseReference) problems.caseReference = 'Name the case whose HCP material is needed, like SA-000012.';
    const hcpId = (input.hcpId ?? '').trim().toLowerCase() || null;
    if (hcpId && !(await this.deps.people.hcpsInDistrict(district)).some((h) => h.id === hcpId)) problems.hcpId = 'Choose an HCP of your district, or none.';
    const fromDate = (input.fromDate ?? '').trim() || null;
    const toDate = (input.toDate ?? '').trim() || null;
    if (fromDate && !isCalendarDate(fromDate)) problems.fromDate = 'Enter a date, for example 2026-12-01.';
    if (toDate && !isCalendarDate(toDate)) problems.toDate = 'Enter a date, for example 2026-12-31.';
    if (fromDate && toDate && toDate < fromDate) problems.toDate = 'The last day must be on or after the first day.';
    if (Object.keys(problems).length) throw invalid('Some answers need changing.', problems);
    const now = this.now();
    return this.deps.store.createSupplierRequest({ kind: kind as SupplierRequest['kind'], district, hcpId, fromDate, toDate, details, caseReference, raisedById: manager.id, raisedAt: now, dueOn: supplierDueOn(kind as SupplierRequest['kind'], londonDateFast(now), REGION, fromDate) });
  }

  /**
   * The activity manager records the supplier's answer. For a new HCP or a replacement it carries the
   * day the supplier's HCP starts covering: the supplier's two weeks (seed §4.1) are measured to
   * that day, not to when the answer is typed. A supplier who cannot send anyone has not answered
   * the request: it stays open, and counts as not met once its two weeks are over.
   */
  async recordSupplierAnswer(manager: StaffMember, requestId: string, version: number | null, input: { answer?: string; coverOn?: string }): Promise<SupplierRequest> {
    const district = await this.managerDistrict(manager);
    const request = await this.deps.store.supplierRequest(requestId);
    if (!request || request.district !== district) throw notFound('That supplier request is not one of your district’s.');
    if (version !== null && version !== request.version) throw invalid('This request changed since this card was shown: look again.');
    if (request.status !== 'open') throw invalid('This request is already answered.');
    const text = (input.answer ?? '').trim();
    const answerProblem = supplierAnswerProblem(text);
    // An information request is met by the answer itself: only an HCP has a day cover starts.
    const coverOn = asksForHcp(request.kind) ? (input.coverOn ?? '').trim() : null;
    const coverProblem = coverOn === null ? null : coverDateProblem(coverOn, londonDateFast(request.raisedAt));
    if (answerProblem || coverProblem) {
      const headline = answerProblem && coverProblem ? 'Some answers need changing.' : (answerProblem?.headline ?? 'Give the day the supplier’s HCP starts covering.');
      throw invalid(headline, { ...(answerProblem ? { answer: answerProblem.field } : {}), ...(coverProblem ? { coverOn: coverProblem } : {}) });
    }
    return this.deps.store.updateSupplierRequest(request.id, request.version, { status: 'answered', answeredAt: this.now(), answeredById: manager.id, answer: text, coverOn });
  }

  /**
   * The activity manager corrects the day cover starts on an answered request for an HCP, when the
   * supplier's HCP started later or earlier than promised: the supplier's two weeks (seed §4.1) are
   * measured to the day cover really started, and the reports read it from here. Only the day
   * changes: the answer, and who recorded it when, stand. Nobody else is told: recording the answer
   * told nobody, and the cards that show the day are drawn from the request when they are shown.
   * `before` is the day that was recorded (null for an answer recorded before cover days were asked).
   */
  async changeCoverDay(manager: StaffMember, requestId: string, version: number | null, input: { coverDay?: string }): Promise<{ request: SupplierRequest; before: string | null }> {
    if (!requestId) throw invalid('Choose the request whose cover day changes.', { request: 'Choose the request whose cover day changes.' });
    const [request, district] = await Promise.all([this.deps.store.supplierRequest(requestId), this.managerDistrict(manager)]);
    const refusal = coverDayRefusal(manager, district, request);
    if (refusal) throw refusal;
    // No refusal means the request is there: a missing one is refused as not the district's.
    const current = request!;
    if (version !== null && version !== current.version) throw invalid('This request changed since this card was shown: look again.');
    const coverDay = (input.coverDay ?? '').trim();
    const problem = coverDayProblem(coverDay, current);
    if (problem) throw invalid('Check the cover day.', { coverDay: problem });
    return { request: await this.deps.store.updateSupplierRequest(current.id, current.version, { coverOn: coverDay }), before: current.coverOn };
  }

  async supplierRequests(manager: StaffMember): Promise<{ district: string; open: SupplierRequest[]; recent: SupplierRequest[] }> {
    const district = await this.managerDistrict(manager);
    const now = this.now();
    const [open, recent] = await Promise.all([this.deps.store.openSupplierRequests(district), this.deps.store.supplierRequestsInDistrict(district, new Date(now.getTime() - 92 * 86_400_000), new Date(now.getTime() + 1))]);
    return { district, open, recent: recent.filter((r) => r.status !== 'open').reverse() };
  }

  /**
   * An HCP's notice to finish: when they told the supplier, when the supplier told the department
   * (the notice period starts then) and their last day. The supplier's one working day is checked;
   * a last day less than 1 week after the notice reached the department is refused (the shorter
   * period seed §4.1 names, which starts then; 1 month where the contract says so is the contract's
   * to apply); the HCP's open activity is listed, to be completed before they leave.
   */
  async recordNotice(manager: StaffMember, input: { hcpId?: string; givenOn?: string; receivedOn?: string; lastDay?: string }): Promise<{ notice: HcpNotice; open: SupportingActivity[]; note: WeeklyNote | null; booked: HcpConversation[] }> {
    const district = await this.managerDistrict(manager);
    const problems: Record<string, string> = {};
    const hcp = (await this.deps.people.hcpsInDistrict(district)).find((h) => h.id === (input.hcpId ?? '').toLowerCase());
    if (!hcp) problems.hcpId = 'Choose an HCP of your district.';
    const givenOn = (input.givenOn ?? '').trim();
    const receivedOn = (input.receivedOn ?? '').trim();
    const lastDay = (input.lastDay ?? '').trim();
    if (!isCalendarDate(givenOn)) problems.givenOn = 'Enter the day the HCP told the supplier.';
    if (!isCalendarDate(receivedOn)) problems.receivedOn = 'Enter the day the supplier told you.';
    else if (isCalendarDate(givenOn) && receivedOn < givenOn) problems.receivedOn = 'The supplier cannot have told you before the HCP told them.';
    else if (receivedOn > this.today()) problems.receivedOn = 'Enter today or an earlier day.';
    if (!isCalendarDate(lastDay)) problems.lastDay = 'Enter the HCP’s last working day.';
    else if (isCalendarDate(receivedOn)) {
      // The shorter period the contract names (1 week), from the day the notice reached you (seed §4.1).
      const short = noticeLastDayProblem(receivedOn, lastDay);
      if (short) problems.lastDay = short;
    }
    if (Object.keys(problems).length) throw invalid('Some answers need changing.', problems);
    // Conversations are booked at most the booking horizon ahead: none later to look for.
    const after = addDays(lastDay, 1);
    const booked = await this.bookedWhenAway(hcp!.id, after, addDays(after > this.today() ? after : this.today(), BOOKING_HORIZON_DAYS + 1), () => true);
    const notice = await this.deps.uow.run(async () => {
      const recorded = await this.deps.store.recordNotice({ hcpId: hcp!.id, district, givenOn, receivedOn, dueOn: noticeDueOn(givenOn, REGION), lastDay, recordedById: manager.id, recordedAt: this.now() });
      for (const c of booked) await this.deps.notifier.hcpAway(c.coachId, c.id);
      return recorded;
    });
    return { notice, open: await this.deps.store.openActivitiesOf(hcp!.id), note: await this.deps.store.weeklyNote(hcp!.id, weekStartOf(this.today())), booked };
  }

  /** The note of this week, if the HCP has opened or been reminded of it (nothing is drafted). */
  async weeklyNoteIfStarted(hcp: StaffMember): Promise<WeeklyNote | null> {
    return this.deps.store.weeklyNote(hcp.id, weekStartOf(this.today()));
  }

  /** The HCP who covers a coach's or team leader's jobcentre. */
  async coveringHcp(person: StaffMember): Promise<StaffMember> {
    if (!hasRole(person, 'work_coach') && !hasRole(person, 'work_coach_team_leader')) throw notAllowed('Case conferences with an HCP are asked for by work coaches and team leaders.');
    const hcp = person.jobcentreId ? await this.deps.people.hcpCovering(person.jobcentreId) : null;
    if (!hcp) throw notAllowed('No Health Care Professional covers your jobcentre yet, so there is no one to hold a case conference with.');
    return hcp;
  }

  async jobcentre(id: string): Promise<Jobcentre | null> {
    return this.deps.people.jobcentre(id);
  }

  async districtHcps(district: string): Promise<StaffMember[]> {
    return this.deps.people.hcpsInDistrict(district);
  }

  /** The jobcentres of the clusters these HCPs (a district's) are based in, cluster by cluster in the HCPs' order. */
  async districtOffices(hcps: readonly StaffMember[]): Promise<Jobcentre[]> {
    const offices = await this.deps.people.officesInClustersOf([...new Set(hcps.flatMap((h) => (h.jobcentreId ? [h.jobcentreId] : [])))]);
    const byId = new Map(offices.map((o) => [o.id, o]));
    const clusters = new Set(hcps.flatMap((h) => (h.jobcentreId && byId.has(h.jobcentreId) ? [byId.get(h.jobcentreId)!.cluster] : [])));
    return [...clusters].flatMap((cluster) => offices.filter((o) => o.cluster === cluster));
  }

  async person(id: string): Promise<StaffMember> {
    const person = await this.deps.directory.findById(id);
    if (!person) throw notFound('That person is no longer in the staff directory.');
    return person;
  }
}

/** Free time less the activities already in it. */
function lessActivities(gaps: readonly Interval[], activities: readonly SupportingActivity[]): Interval[] {
  let out: Interval[] = [...gaps];
  for (const a of activities) {
    if (!a.start || !a.end || a.status === 'cancelled') continue;
    out = out.flatMap((g) => {
      if (a.end!.getTime() <= g.start.getTime() || a.start!.getTime() >= g.end.getTime()) return [g];
      const parts: Interval[] = [];
      if (a.start!.getTime() > g.start.getTime()) parts.push({ start: g.start, end: a.start! });
      if (a.end!.getTime() < g.end.getTime()) parts.push({ start: a.end!, end: g.end });
      return parts;
    });
  }
  return out.filter((g) => g.end.getTime() - g.start.getTime() >= 15 * 60_000);
}

/** What is wrong with a supplier's answer as typed, on the card's headline and beside the field; null when nothing is. */
function supplierAnswerProblem(text: string): { headline: string; field: string } | null {
  if (!text) return { headline: 'Say what the supplier answered.', field: 'Say what the supplier answered.' };
  if (text.length > 1000) return { headline: 'The answer is too long.', field: `Keep this to 1000 characters or fewer (it has ${text.length}).` };
  if (looksLikeNino(text)) return { headline: 'The answer must not name a claimant.', field: 'Take out the National Insurance number.' };
  return null;
}
