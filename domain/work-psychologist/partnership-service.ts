import type { CalendarPort, NewEvent } from '../calendar/calendar-port';
import { isClockTime, londonToUtc } from '../calendar/london-time';
import { invalid, notAllowed, notFound, conflict } from '../errors';
import type { RoleHolders } from '../follow-up-actions/ports';
import type { Clock, Logger, StaffDirectory } from '../ports';
import { isCalendarDate, londonDate } from '../requests/calendar-date';
import type { StaffMember } from '../staff';
import {
  MEETING_MODES,
  MEETINGS_AHEAD,
  monthlyDates,
  PARTNERSHIP_LIMITS,
  SESSION_KINDS,
  type ActivityKind,
  type AgendaItem,
  type MeetingMode,
  type PartnershipActivity,
  type PartnershipMeeting,
} from './partnership';
import type { OutputsReader, PartnershipNotifier, PartnershipStore } from './ports';

export interface PartnershipDeps {
  readonly store: PartnershipStore;
  readonly outputs: OutputsReader;
  readonly calendar: CalendarPort;
  readonly people: RoleHolders;
  readonly directory: StaffDirectory;
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

/** What the DEA and their work psychologist see together. */
export interface PartnershipOverview {
  readonly dea: StaffMember;
  readonly workPsychologist: StaffMember | null;
  readonly meetings: readonly PartnershipMeeting[];
  /** The next meeting still to come, and its agenda drafted from the outputs since the one before. */
  readonly next: PartnershipMeeting | null;
  readonly agenda: readonly AgendaItem[];
  readonly activities: readonly PartnershipActivity[];
  /** Whether this viewer is the DEA (who books and commissions) or the work psychologist. */
  readonly viewerIsDea: boolean;
}

const DAY_MS = 86_400_000;
const REFERENCE = /^DEA-\d{6}$/;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** The DEA and the work psychologist of their jobcentre working together (seed 000 §43–44). */
export class PartnershipService {
  constructor(private readonly deps: PartnershipDeps) {}

  /** The work psychologist a DEA works with: the one at their jobcentre (the first by name when several). */
  async workPsychologistFor(dea: StaffMember): Promise<StaffMember | null> {
    return dea.jobcentreId ? (await this.deps.people.holders('work_psychologist', dea.jobcentreId))[0] ?? null : null;
  }

  /** The DEAs a work psychologist works with: those of their jobcentre. */
  async deasFor(wp: StaffMember): Promise<StaffMember[]> {
    return wp.jobcentreId ? this.deps.people.holders('dea', wp.jobcentreId) : [];
  }

  /** The DEA's (or, for a work psychologist, their first DEA's) meetings, agenda and activities. */
  async overview(viewer: StaffMember): Promise<PartnershipOverview | null> {
    const viewerIsDea = viewer.roles.includes('dea');
    const dea = viewerIsDea ? viewer : (await this.deasFor(viewer))[0] ?? null;
    if (!dea) return null;
    const wp = viewerIsDea ? await this.workPsychologistFor(dea) : viewer;
    const meetings = wp ? await this.deps.store.meetingsOf(dea.id, wp.id) : [];
    const now = this.deps.clock.now();
    const next = meetings.find((m) => m.end.getTime() > now.getTime()) ?? null;
    const previous = [...meetings].reverse().find((m) => m.end.getTime() <= now.getTime());
    const agenda = next ? await this.deps.outputs.outputsOf(dea.id, previous?.start ?? new Date(next.start.getTime() - 31 * DAY_MS), next.start) : [];
    return { dea, workPsychologist: wp, meetings, next, agenda, activities: await this.deps.store.activitiesOf(viewer.id, 10), viewerIsDea };
  }

  /**
   * The monthly meeting as a series, in both diaries: the same place in each month (the 2nd Tuesday,
   * say) for the next months, face to face unless chosen otherwise. Saved first, then booked: a
   * meeting that could not be booked is tried again by the periodic job.
   */
  async planMonthlyMeetings(dea: StaffMember, input: SeriesInput): Promise<number> {
    if (!dea.roles.includes('dea')) throw notAllowed('The DEA books the monthly meetings with their work psychologist.');
    const wp = await this.workPsychologistFor(dea);
    if (!wp) throw invalid('Nobody at your jobcentre is a work psychologist in the staff directory, so there is nobody to meet. Ask for them to be added.');
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
    const meetings = monthlyDates(firstDate, MEETINGS_AHEAD).map((date) => {
      const start = londonToUtc(date, time);
      return { deaId: dea.id, workPsychologistId: wp.id, month: date.slice(0, 7), start, end: new Date(start.getTime() + duration * 60_000), mode };
    });
    const added = await this.deps.store.addMeetings(meetings);
    this.deps.logger.info({ deaId: dea.id, added }, 'work psychologist meetings planned');
    return added;
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
    const activity = await this.deps.store.findActivity(activityId);
    if (!activity || (activity.workPsychologistId !== wp.id && activity.deaId !== wp.id)) throw notFound('That case conference does not exist, or is not yours to see.');
    if (activity.workPsychologistId !== wp.id) throw notAllowed('The work psychologist records the case conference.');
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
  async recordSession(person: StaffMember, input: { kind?: unknown; topic?: unknown; date?: unknown; feedback?: unknown }): Promise<PartnershipActivity> {
    const isDea = person.roles.includes('dea');
    const dea = isDea ? person : (await this.deasFor(person))[0] ?? null;
    const wp = isDea ? await this.workPsychologistFor(person) : person.roles.includes('work_psychologist') ? person : null;
    if (!dea || !wp) throw invalid('Sessions are recorded by a DEA and the work psychologist of their jobcentre; the staff directory has no such pair for you.');
    const problems: Record<string, string> = {};
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
    return this.deps.store.addActivity({ deaId: dea.id, workPsychologistId: wp.id, kind, status: date <= today ? 'done' : 'requested', requestReference: null, topic, feedback: feedback || null, date, note: null, createdAt: this.deps.clock.now() });
  }

  async findActivity(id: string, viewer: StaffMember): Promise<PartnershipActivity | null> {
    const activity = await this.deps.store.findActivity(id);
    return activity && (activity.deaId === viewer.id || activity.workPsychologistId === viewer.id) ? activity : null;
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

