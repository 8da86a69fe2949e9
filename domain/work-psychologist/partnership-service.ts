import type { CalendarPort, NewEvent } from '../calendar/calendar-port';
import { isClockTime, londonToUtc } from '../calendar/london-time';
import { invalid, notAllowed, notFound, conflict } from '../errors';
import type { WorkingPatterns } from '../calendar/booking-service';
import { monthBounds } from '../conferences/months';
import type { Clock, Logger, StaffDirectory } from '../ports';
import { isCalendarDate, londonDate } from '../requests/calendar-date';
import type { SupportRequestStore } from '../requests/ports';
import type { StaffMember } from '../staff';
import {
  MEETING_MODES,
  MEETINGS_AHEAD,
  monthlyDates,
  PARTNERSHIP_LIMITS,
  SESSION_KINDS,
  activityOn,
  caseConferenceRights,
  deasOf,
  sessionStatusOn,
  workPsychologistOf,
  type ActivityKind,
  type AgendaItem,
  type MeetingMode,
  type PartnershipActivity,
  type PartnershipMeeting,
} from './partnership';
import { placeMeeting, type MeetingPerson } from './meeting-slots';
import type { AgendaWindow, DistrictPeople, OutputsReader, PartnershipNotifier, PartnershipStore, RecentOutputs } from './ports';

export interface PartnershipDeps {
  readonly store: PartnershipStore;
  readonly outputs: OutputsReader;
  readonly calendar: CalendarPort;
  readonly people: DistrictPeople;
  /** Working hours and bank holidays, for the monthly meetings' free/busy check. */
  readonly patterns: WorkingPatterns;
  readonly directory: StaffDirectory;
  /** The DEA's requests, by reference: a case conference is about one of theirs. */
  readonly requests: Pick<SupportRequestStore, 'findByNumber'>;
  readonly notifier: PartnershipNotifier;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface SeriesInput {
  readonly firstDate?: unknown;
  readonly time?: unknown;
  readonly durationMinutes?: unknown;
  readonly mode?: unknown;
}

/** A planned series: how many meetings were added, and those not at the usual time, with why. */
export interface PlannedSeries {
  readonly added: number;
  readonly moved: readonly PartnershipMeeting[];
}

/** A series placed around both diaries and not yet saved (see `prepareMonthlyMeetings`). */
export interface PreparedSeries {
  /** Adds the meetings; months already planned are left as they are. */
  save(): Promise<PlannedSeries>;
}

/** One DEA and their work psychologist: their monthly meetings, the next agenda, and the case conferences and sessions. */
export interface PairOverview {
  readonly dea: StaffMember;
  readonly workPsychologist: StaffMember | null;
  /**
   * For the DEA, all their monthly meetings; on a work psychologist's page, each DEA's last and
   * next one only (that page shows the next).
   */
  readonly meetings: readonly PartnershipMeeting[];
  /** The next meeting still to come, and its agenda drafted from the outputs since the one before. */
  readonly next: PartnershipMeeting | null;
  /** The outputs shown, oldest first: on a work psychologist's page of several DEAs, only the newest few. */
  readonly agenda: readonly AgendaItem[];
  /** How many outputs there are since the last meeting, those shown and the others. */
  readonly agendaTotal: number;
  readonly activities: readonly PartnershipActivity[];
  /** Of the case conferences the page offers to open (`PartnershipOverview.waiting`), those with this DEA. */
  readonly waiting: readonly PartnershipActivity[];
  /** How many case conferences with this DEA wait for the viewer's advice, those offered and the others. */
  readonly waitingTotal: number;
}

/** What a DEA (one pair) or a work psychologist (a pair for each DEA they work with) sees. */
export interface PartnershipOverview {
  /** Whether this viewer is the DEA (who books and commissions) or the work psychologist. */
  readonly viewerIsDea: boolean;
  /** The DEA's pair, or one for each of the work psychologist's DEAs, by name. */
  readonly pairs: readonly PairOverview[];
  /**
   * The case conferences that wait for the viewer's advice, longest waiting first: the first
   * `WAITING_SHOWN`, each opened from the page to be recorded. On a work psychologist's page every
   * one asked of them, by whichever DEA (only that DEA's on one DEA's agenda): only they can record
   * it. None on a DEA's page: the work psychologist records the case conferences a DEA asks for.
   */
  readonly waiting: readonly PartnershipActivity[];
  /** How many wait in all, those shown and the others. */
  readonly waitingTotal: number;
}

/**
 * How many of each DEA's outputs a work psychologist's page of several DEAs shows: the newest, with
 * how many more there are and a button to open that DEA's agenda. With 20 DEAs of 50 outputs each
 * the page stays well inside the size Teams takes.
 */
export const AGENDA_AT_A_GLANCE = 2;
/** How many outputs a work psychologist's page of one DEA shows: the newest, with how many older ones there are. */
export const AGENDA_OF_ONE_DEA = 50;
/**
 * How many waiting case conferences a work psychologist's page offers to open, longest waiting first;
 * the others follow as these are recorded. A button each keeps the page small with many waiting.
 */
export const WAITING_SHOWN = 10;
/**
 * The newest activities a page reads, of every DEA at once, for the lines each DEA's part lists. The
 * case conferences waiting are read on their own: however many sessions are newer, they still show.
 */
const ACTIVITIES_READ = 50;

const DAY_MS = 86_400_000;
const REFERENCE = /^DEA-\d{6}$/;
const NOT_YOURS = 'That case conference does not exist, or is not yours to see.';

/**
 * A DEA's next meeting and the span of its agenda: the outputs since the meeting before (or, with
 * none before, the month before it).
 */
function agendaSpan(deaId: string, meetings: readonly PartnershipMeeting[], now: Date): { meetings: readonly PartnershipMeeting[]; next: PartnershipMeeting | null; window: AgendaWindow | null } {
  const next = meetings.find((m) => m.end.getTime() > now.getTime()) ?? null;
  const previous = [...meetings].reverse().find((m) => m.end.getTime() <= now.getTime());
  return { meetings, next, window: next ? { deaId, from: previous?.start ?? new Date(next.start.getTime() - 31 * DAY_MS), to: next.start } : null };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The DEA and the work psychologist of their jobcentre working together (seed 000 §43–44). */
export class PartnershipService {
  constructor(private readonly deps: PartnershipDeps) {}

  /** The work psychologist a DEA works with: the one at their jobcentre, else one of their district (the first by name). */
  async workPsychologistFor(dea: StaffMember): Promise<StaffMember | null> {
    return dea.jobcentreId ? workPsychologistOf(dea, await this.deps.people.holdersInDistrictOf('work_psychologist', dea.jobcentreId)) : null;
  }

  /** The DEAs a work psychologist works with: every DEA of the district who has them as their work psychologist. */
  async deasFor(wp: StaffMember): Promise<StaffMember[]> {
    if (!wp.jobcentreId) return [];
    const [deas, wps] = [await this.deps.people.holdersInDistrictOf('dea', wp.jobcentreId), await this.deps.people.holdersInDistrictOf('work_psychologist', wp.jobcentreId)];
    return deasOf(wp, deas, wps);
  }

  /**
   * The DEA's meetings, agenda and activities with their work psychologist; for a work psychologist,
   * those of every DEA they work with, or of the one DEA `onlyDeaId` (their agenda opened from the
   * page). A fixed number of reads however many DEAs and however long the history.
   */
  async overview(viewer: StaffMember, onlyDeaId?: string): Promise<PartnershipOverview | null> {
    const viewerIsDea = viewer.roles.includes('dea');
    if (!viewerIsDea && !viewer.roles.includes('work_psychologist')) {
      throw notAllowed('This page is for DEAs and work psychologists, for their monthly meetings and case conferences. If a claimant would gain from a work psychologist’s help, ask your DEA.');
    }
    const now = this.deps.clock.now();
    const today = londonDate(now);
    const activities = (await this.deps.store.activitiesOf(viewer.id, ACTIVITIES_READ)).map((a) => activityOn(a, today));
    if (viewerIsDea) {
      const wp = await this.workPsychologistFor(viewer);
      const meetings = wp ? await this.deps.store.meetingsOf(viewer.id, wp.id) : [];
      const span = agendaSpan(viewer.id, meetings, now);
      const agenda = span.window ? await this.deps.outputs.outputsOf(viewer.id, span.window.from, span.window.to) : [];
      const pair: PairOverview = { dea: viewer, workPsychologist: wp, meetings, next: span.next, agenda, agendaTotal: agenda.length, activities: this.activitiesWith(activities, viewer, wp), waiting: [], waitingTotal: 0 };
      return { viewerIsDea, pairs: [pair], waiting: [], waitingTotal: 0 };
    }
    const all = await this.deasFor(viewer);
    const only = onlyDeaId?.toLowerCase();
    const deas = only ? all.filter((d) => d.id === only) : all;
    if (only && !deas.length) throw notFound('That DEA does not work with you, so their agenda is not yours to see.');
    if (!deas.length) return null;
    // One read of each DEA's last and next meeting, and one of the newest outputs of them all.
    const meetings = await this.deps.store.meetingsOfWorkPsychologist(viewer.id, now);
    const spans = deas.map((dea) => agendaSpan(dea.id, meetings.filter((m) => m.deaId === dea.id), now));
    const windows = spans.flatMap((s) => (s.window ? [s.window] : []));
    const outputs = windows.length ? await this.deps.outputs.outputsOf(windows, deas.length === 1 ? AGENDA_OF_ONE_DEA : AGENDA_AT_A_GLANCE) : new Map<string, RecentOutputs>();
    const waiting = await this.deps.store.waitingConferences(viewer.id, WAITING_SHOWN, only ? deas[0]!.id : undefined);
    const pairs = deas.map((dea, i): PairOverview => {
      const recent = outputs.get(dea.id);
      return {
        dea,
        workPsychologist: viewer,
        meetings: spans[i]!.meetings,
        next: spans[i]!.next,
        agenda: recent?.items ?? [],
        agendaTotal: recent?.total ?? 0,
        activities: this.activitiesWith(activities, dea, viewer),
        waiting: waiting.oldest.filter((a) => a.deaId === dea.id),
        waitingTotal: waiting.byDea.get(dea.id) ?? 0,
      };
    });
    return { viewerIsDea, pairs, waiting: waiting.oldest, waitingTotal: [...waiting.byDea.values()].reduce((sum, n) => sum + n, 0) };
  }

  private activitiesWith(activities: readonly PartnershipActivity[], dea: StaffMember, wp: StaffMember | null): PartnershipActivity[] {
    return activities.filter((a) => a.deaId === dea.id && (!wp || a.workPsychologistId === wp.id)).slice(0, 10);
  }

  /**
   * The monthly meeting as a series, in both diaries: the same place in each month (the 2nd Tuesday,
   * say) for the next months, face to face unless chosen otherwise. Saved first, then booked: a
   * meeting that could not be booked is tried again by the periodic job.
   */
  async planMonthlyMeetings(dea: StaffMember, input: SeriesInput): Promise<PlannedSeries> {
    return (await this.prepareMonthlyMeetings(dea, input)).save();
  }

  /**
   * `planMonthlyMeetings` in two steps: the checks and the read of both diaries, which writes nothing,
   * then `save`. A click that cannot wait for slow diaries answers without calling `save`, so a read
   * that lands after the answer leaves nothing behind.
   */
  async prepareMonthlyMeetings(dea: StaffMember, input: SeriesInput): Promise<PreparedSeries> {
    if (!dea.roles.includes('dea')) throw notAllowed('The DEA books the monthly meetings with their work psychologist.');
    const wp = await this.workPsychologistFor(dea);
    if (!wp) throw invalid('Nobody at your jobcentre or in your district is a work psychologist in the staff directory, so there is nobody to meet. Ask for them to be added.');
    const problems: Record<string, string> = {};
    const firstDate = text(input.firstDate);
    const today = londonDate(this.deps.clock.now());
    if (!isCalendarDate(firstDate)) problems.firstDate = 'Enter the date of the first meeting.';
    else if (firstDate <= today) problems.firstDate = 'Choose a date after today.';
    const time = text(input.time) || '10:00';
    if (!isClockTime(time)) problems.time = 'Enter a start time like 10:00.';
    const duration = Number(text(input.durationMinutes) || '60');
    if (![30, 45, 60, 90, 120].includes(duration)) problems.durationMinutes = 'Choose how long each meeting is.';
    const mode = (text(input.mode) || 'face_to_face') as MeetingMode;
    if (!MEETING_MODES.includes(mode)) problems.mode = 'Choose face to face or Microsoft Teams.';
    if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
    const usual = monthlyDates(firstDate, MEETINGS_AHEAD).map((date) => {
      const start = londonToUtc(date, time);
      return { month: date.slice(0, 7), start, end: new Date(start.getTime() + duration * 60_000) };
    });
    const people = await this.diaries([dea, wp], usual[0]!.start, monthBounds(usual[usual.length - 1]!.month).to);
    const meetings = usual.map((u) => {
      const placed = placeMeeting({ start: u.start, end: u.end }, people, monthBounds(u.month).to);
      return { deaId: dea.id, workPsychologistId: wp.id, month: u.month, start: placed.slot.start, end: placed.slot.end, mode, movedBecause: placed.movedBecause };
    });
    return {
      save: async () => {
        const added = await this.deps.store.addMeetings(meetings);
        const moved = (await this.deps.store.meetingsOf(dea.id, wp.id)).filter((m) => m.movedBecause && meetings.some((n) => n.month === m.month));
        this.deps.logger.info({ deaId: dea.id, added, moved: moved.length }, 'work psychologist meetings planned');
        return { added, moved };
      },
    };
  }

  /** Both diaries' busy time over the span (one free/busy read), with each person's working hours and bank holidays. */
  private async diaries(people: readonly StaffMember[], from: Date, to: Date): Promise<MeetingPerson[]> {
    const busy = await this.deps.calendar.busy(people.map((p) => p.email), from, to);
    const out: MeetingPerson[] = [];
    for (const p of people) {
      const pattern = await this.deps.patterns.of(p);
      out.push({ id: p.id, name: p.name, busy: busy.get(p.email.toLowerCase()) ?? [], hours: pattern.hours, region: pattern.region });
    }
    return out;
  }

  /** Writes meetings not yet in the diaries; one event in the DEA's diary with the work psychologist invited. */
  async bookUnbooked(): Promise<number> {
    let booked = 0;
    for (const meeting of await this.deps.store.unbooked()) {
      const people = await this.deps.directory.findByIds([meeting.deaId, meeting.workPsychologistId]);
      const dea = people.find((p) => p.id === meeting.deaId);
      const wp = people.find((p) => p.id === meeting.workPsychologistId);
      if (!dea || !wp) continue;
      const [result] = await this.deps.calendar.createEvents([this.event(meeting, dea, wp)]);
      if (result?.ok) {
        await this.deps.store.markMeeting(meeting.id, { status: 'booked', eventId: result.eventId });
        booked += 1;
      } else if (result) {
        await this.deps.store.markMeeting(meeting.id, { status: 'failed', lastError: result.error.slice(0, 400) });
      }
    }
    return booked;
  }

  /** The DEA asks the work psychologist for a case conference about a claimant with barriers to provision or work (§44). */
  async askCaseConference(dea: StaffMember, reference: unknown, question: unknown): Promise<PartnershipActivity> {
    if (!dea.roles.includes('dea')) throw notAllowed('The DEA asks the work psychologist for a case conference.');
    const wp = await this.workPsychologistFor(dea);
    if (!wp) throw invalid('Nobody at your jobcentre is a work psychologist in the staff directory. Ask for them to be added.');
    const problems: Record<string, string> = {};
    const ref = text(reference).toUpperCase();
    if (!REFERENCE.test(ref)) problems.reference = 'Enter the reference of the claimant’s request, like DEA-000123 (no claimant details here).';
    else if ((await this.deps.requests.findByNumber(Number(ref.slice(4))))?.deaId !== dea.id) problems.reference = `There is no request ${ref} of yours: enter the reference of one of your requests, like DEA-000123.`;
    const topic = text(question);
    if (!topic) problems.topic = 'Say what the barriers to provision or work are, without the claimant’s name or NINO.';
    else if (topic.length > PARTNERSHIP_LIMITS.topic) problems.topic = `Keep it under ${PARTNERSHIP_LIMITS.topic} characters.`;
    if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
    const activity = await this.deps.store.addActivity({ deaId: dea.id, workPsychologistId: wp.id, kind: 'case_conference', status: 'requested', requestReference: ref, topic, feedback: null, date: null, note: null, createdAt: this.deps.clock.now() });
    await this.deps.notifier.activityNeedsAttention(activity, wp.id);
    return activity;
  }

  /** The work psychologist records the case conference held, with their advice; the DEA is told. */
  async recordCaseConference(wp: StaffMember, activityId: string, date: unknown, note: unknown): Promise<PartnershipActivity> {
    const activity = await this.openCaseConference(wp, activityId);
    if (!caseConferenceRights(activity, wp.id).record) {
      throw activity.workPsychologistId !== wp.id ? notAllowed('The work psychologist records the case conference.') : conflict('This case conference has already been recorded.');
    }
    const problems: Record<string, string> = {};
    const held = text(date);
    if (!isCalendarDate(held)) problems.date = 'Enter the date it was held.';
    else if (held > londonDate(this.deps.clock.now())) problems.date = 'Record it once it has been held.';
    const advice = text(note);
    if (!advice) problems.note = 'Enter your advice and the agreed actions.';
    else if (advice.length > PARTNERSHIP_LIMITS.note) problems.note = `Keep it under ${PARTNERSHIP_LIMITS.note} characters.`;
    if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
    if (!(await this.deps.store.completeActivity(activity.id, held, advice))) throw conflict('This case conference has already been recorded.');
    const done = (await this.deps.store.findActivity(activity.id))!;
    await this.deps.notifier.activityNeedsAttention(done, done.deaId);
    return done;
  }

  /** An awareness session, themed case conference or training, commissioned from work coach feedback, with its date (§44). */
  async recordSession(person: StaffMember, input: { kind?: unknown; topic?: unknown; date?: unknown; feedback?: unknown; deaId?: unknown }): Promise<PartnershipActivity> {
    const isDea = person.roles.includes('dea');
    const problems: Record<string, string> = {};
    let dea: StaffMember | null = isDea ? person : null;
    if (!isDea && person.roles.includes('work_psychologist')) {
      // A work psychologist with several DEAs says which one it was with.
      const deas = await this.deasFor(person);
      const chosen = text(input.deaId).toLowerCase();
      dea = chosen ? deas.find((d) => d.id === chosen) ?? null : deas.length === 1 ? deas[0]! : null;
      if (!dea && deas.length > 1) problems.deaId = 'Choose the DEA you held it with.';
    }
    const wp = isDea ? await this.workPsychologistFor(person) : person.roles.includes('work_psychologist') ? person : null;
    if (!problems.deaId && (!dea || !wp)) throw invalid('Sessions are recorded by a DEA and the work psychologist they work with; the staff directory has no such pair for you.');
    const kind = text(input.kind) as ActivityKind;
    if (!SESSION_KINDS.includes(kind)) problems.kind = 'Choose what it is.';
    const topic = text(input.topic);
    if (!topic) problems.topic = 'Enter its theme.';
    else if (topic.length > PARTNERSHIP_LIMITS.topic) problems.topic = `Keep it under ${PARTNERSHIP_LIMITS.topic} characters.`;
    const date = text(input.date);
    if (!isCalendarDate(date)) problems.date = 'Enter its date.';
    const feedback = text(input.feedback);
    if (feedback.length > PARTNERSHIP_LIMITS.feedback) problems.feedback = `Keep it under ${PARTNERSHIP_LIMITS.feedback} characters.`;
    if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
    const today = londonDate(this.deps.clock.now());
    return this.deps.store.addActivity({ deaId: dea!.id, workPsychologistId: wp!.id, kind, status: sessionStatusOn(date, today), requestReference: null, topic, feedback: feedback || null, date, note: null, createdAt: this.deps.clock.now() });
  }

  /** A case conference, for its DEA and its work psychologist only (null for anyone else, as for none). */
  async findActivity(id: string, viewer: StaffMember): Promise<PartnershipActivity | null> {
    const activity = await this.deps.store.findActivity(id);
    return activity && caseConferenceRights(activity, viewer.id).see ? activity : null;
  }

  /** A case conference opened from the page; refused, naming nothing of it, to anyone but its DEA and work psychologist. */
  async openCaseConference(viewer: StaffMember, id: string): Promise<PartnershipActivity> {
    const activity = await this.findActivity(id, viewer);
    if (!activity) throw notFound(NOT_YOURS);
    return activity;
  }

  private event(meeting: PartnershipMeeting, dea: StaffMember, wp: StaffMember): NewEvent {
    return {
      mailbox: dea.email,
      subject: 'DEA and work psychologist monthly meeting',
      body: `Monthly meeting of ${dea.name}, DEA, and ${wp.name}, work psychologist: issues arising from skill and case conferences, group case conferences and claimant support interventions. The agenda is in DEA Support in Teams ("work psychologist").`,
      start: meeting.start,
      end: meeting.end,
      showAs: 'busy',
      attendees: [{ email: wp.email, name: wp.name }],
      location: meeting.mode === 'face_to_face' ? 'Face to face at the jobcentre' : null,
      onlineMeeting: meeting.mode === 'teams',
      // The same id on every attempt: a retry after a lost answer finds the first meeting.
      transactionId: `wp-meeting:${meeting.id}`,
    };
  }
}

