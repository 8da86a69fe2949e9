import type { CalendarPort, EventResult, NewEvent } from '../calendar/calendar-port';
import type { StaffDirectory } from '../ports';
import type { Jobcentre, StaffMember } from '../staff';
import type { HcpActivityStore } from './ports';
import { ACTIVITY_KIND_LABELS, type DiaryEntry, type SupportingActivity } from './records';

/** Durable work: bring an activity's diary entries in line with it (written, or removed once cancelled). */
export const HCP_DIARY_WORK = 'hcp_activity_diary';

/**
 * Who takes part besides the HCP: the work coach an individual case conference is with, and whoever
 * asked for a case conference when they take part themselves (the team leader of a group one, or
 * the asker of an individual one that names no coach). A team leader who arranged an individual
 * case conference for one of their coaches only arranged it: it is the coach's meeting.
 */
export function takingPartIds(activity: Pick<SupportingActivity, 'kind' | 'hcpId' | 'coachId' | 'requestedById'>): string[] {
  const ids = [activity.hcpId];
  if (activity.coachId) ids.push(activity.coachId);
  const requesterTakesPart = activity.kind === 'group_case_conference' || (activity.kind === 'individual_case_conference' && !activity.coachId);
  if (activity.requestedById && requesterTakesPart) ids.push(activity.requestedById);
  return [...new Set(ids)];
}

/** A diary write that did not all go through: the work is run again later. */
export class DiaryNotWritten extends Error {}

/**
 * An HCP's activity in people's diaries: the HCP's, and those of the others who take part (see
 * `takingPartIds`). The entry carries the kind of activity and a reference only: no note, no claimant.
 * Safe to run again at any point: an entry is created with one transactionId per activity and
 * diary (never a second event), and removing one already gone succeeds.
 */
export class HcpDiaryWork {
  constructor(
    private readonly deps: {
      readonly store: HcpActivityStore;
      readonly calendar: CalendarPort;
      readonly directory: StaffDirectory;
      readonly jobcentre: (id: string) => Promise<Jobcentre | null>;
    },
  ) {}

  /** Who should have the activity in their diary now: nobody once it is cancelled, or while it has no time. */
  async participants(activity: SupportingActivity): Promise<StaffMember[]> {
    if (activity.status === 'cancelled' || activity.status === 'requested' || !activity.start || !activity.end) return [];
    const people: StaffMember[] = [];
    for (const id of takingPartIds(activity)) {
      const person = await this.deps.directory.findById(id);
      if (person?.email) people.push(person);
    }
    return people;
  }

  async complete(activityId: string): Promise<void> {
    const activity = await this.deps.store.activity(activityId);
    if (!activity) return;
    const wanted = await this.participants(activity);
    const have = activity.diaryEntries;
    const toRemove = have.filter((e) => !wanted.some((p) => p.id === e.personId));
    const toWrite = wanted.filter((p) => !have.some((e) => e.personId === p.id));
    const failures: string[] = [];
    let kept = have.filter((e) => !toRemove.includes(e));

    if (toWrite.length) {
      const office = activity.jobcentreId ? await this.deps.jobcentre(activity.jobcentreId) : null;
      const results = await this.deps.calendar.createEvents(toWrite.map((p) => entryFor(activity, p, office)));
      const written: DiaryEntry[] = [];
      results.forEach((r: EventResult, i) => (r.ok ? written.push({ personId: toWrite[i]!.id, mailbox: r.mailbox, eventId: r.eventId }) : failures.push(r.error)));
      kept = [...kept, ...written];
    }
    // Entries already there follow the activity's time (it may have moved); moving one to the time
    // it has changes nothing, so a run again does no harm.
    const toMove = have.filter((e) => !toRemove.includes(e));
    if (toMove.length && activity.start && activity.end) {
      const results = await this.deps.calendar.moveEvents(toMove.map((e) => ({ mailbox: e.mailbox, eventId: e.eventId, start: activity.start!, end: activity.end! })));
      results.forEach((r) => {
        if (!r.ok) failures.push(r.error);
      });
    }
    if (toRemove.length) {
      const results = await this.deps.calendar.deleteEvents(toRemove.map((e) => ({ mailbox: e.mailbox, eventId: e.eventId })));
      toRemove.forEach((e, i) => {
        const r = results[i];
        if (!r?.ok) {
          kept.push(e);
          failures.push(r && !r.ok ? r.error : 'not removed');
        }
      });
    }
    if (toWrite.length || toRemove.length) await this.deps.store.setDiaryEntries(activity.id, kept);
    if (failures.length) throw new DiaryNotWritten(`${failures.length} diary entr${failures.length === 1 ? 'y' : 'ies'} not done yet: ${failures.join('; ')}`.slice(0, 400));
  }
}

/** The entry: the kind of activity and a reference (the case's, when it is about one); nothing else. */
export function entryFor(activity: SupportingActivity, person: StaffMember, office: Jobcentre | null): NewEvent {
  const label = ACTIVITY_KIND_LABELS[activity.kind];
  return {
    mailbox: person.email,
    subject: activity.caseReference ? `${label}: ${activity.caseReference}` : label,
    body: 'Supporting activity of the Health Care Professional. The details are in Teams.',
    start: activity.start!,
    end: activity.end!,
    showAs: 'busy',
    attendees: [],
    location: office?.name ?? null,
    onlineMeeting: false,
    transactionId: `hcp-activity:${activity.id}`,
  };
}
