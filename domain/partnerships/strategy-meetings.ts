import type { Attendee, CalendarPort, NewEvent } from '../calendar/calendar-port';
import { addDays, isClockTime, londonToUtc } from '../calendar/london-time';
import { invalid, notFound, conflict } from '../errors';
import { byName } from '../names';
import type { Clock, StaffDirectory, WorkScheduler } from '../ports';
import { isCalendarDate, londonDate } from '../requests/calendar-date';
import type { Role } from '../roles';
import { hasRole, type StaffMember } from '../staff';
import type { UnitOfWork } from '../unit-of-work';
import { monthlyDates, workPsychologistOf } from '../work-psychologist/partnership';
import type { DistrictPeople } from '../work-psychologist/ports';
import type { StrategyStore } from './ports';
import { assertStrategy, INTERNAL_PARTNER_LABELS, internalPartnersOf, strategyRefusal, type InternalPartner, type Strategy } from './strategies';

/**
 * A strategy's meetings (seed 000 §49, §52, §59): monthly with Employer Engagement, regular with
 * Third Party Provision, joint strategy meetings. Booked as a series in the DEA's diary with the
 * attendees invited and the summary of why the strategy is needed in the invitation; written to the
 * diaries as durable work after the click; notes recorded after each meeting.
 */
export const STRATEGY_MEETING_WORK = 'strategy-meetings';
/** The durable work of a strategy closed: its meetings still to come are taken out of the diaries. */
export const STRATEGY_CLOSED_WORK = 'strategy-closed';

export const CADENCES = ['monthly', 'fortnightly', 'once'] as const;
export type Cadence = (typeof CADENCES)[number];
export const CADENCE_LABELS: Readonly<Record<Cadence, string>> = { monthly: 'Every month', fortnightly: 'Every two weeks', once: 'Once (the next is agreed at the meeting)' };
export const SERIES_MODES = ['face_to_face', 'teams'] as const;
export type SeriesMode = (typeof SERIES_MODES)[number];
export const MAX_OCCURRENCES = 12;
export const MAX_EXTERNAL_ATTENDEES = 10;
export const MEETING_NOTES_LIMIT = 2000;

/**
 * Internal partners invited by role: the holders of that role at the lead DEA's jobcentre. The others
 * are invited as the DEA's own: the work psychologist the DEA works with (the partnership's rule, so
 * possibly of another jobcentre of the district), the work coaches of the DEA's cohort and their team
 * leaders. The staff directory has no role for a Customer Services Leader: they are never invited,
 * and the booking's confirmation says so (`invitationNote`), for the DEA to invite them.
 */
export const PARTNER_ROLES: Readonly<Partial<Record<InternalPartner, Role>>> = {
  partnership_manager: 'partnership_manager',
  third_party_provision: 'third_party_provision_manager',
  employer_engagement: 'employer_adviser',
};

/** Who a strategy's meetings invite from the staff directory (external partners are invited by email, series by series). */
export interface StrategyInvitations {
  /** The DEA who leads the strategy: the meetings are in their diary, and they invite whoever is not invited here. */
  readonly lead: StaffMember | null;
  /** The team leader who owns the strategy, always invited. */
  readonly owner: StaffMember | null;
  /** Each internal partner chosen for whom someone is invited, with the people invited for it, by name. */
  readonly partners: readonly { readonly partner: InternalPartner; readonly people: readonly StaffMember[] }[];
  /**
   * Internal partners chosen for whom nobody is invited: the staff directory has no such role (a
   * Customer Services Leader), or nobody holds it for this DEA. The DEA invites them.
   */
  readonly notInvited: readonly InternalPartner[];
  /** Every person above once, never the lead DEA (it is their diary). */
  readonly staff: readonly StaffMember[];
}

/**
 * What the booking's confirmation says about who is invited, so nobody is told a partner is invited
 * when nobody is. For the lead DEA, e.g. "Invited: Tom Baker (owns the strategy); Work psychologist:
 * Paul Avery; Work coaches: the 29 of your cohort. Not invited, as the staff directory has nobody for
 * them: Customer Services Leader. Invite them from the meeting in your Outlook calendar." For the
 * owning team leader, the same of the DEA, by name.
 */
export function invitationNote(invitations: StrategyInvitations, readerId: string): string {
  const leadReads = invitations.lead?.id === readerId;
  const leads = leadReads ? 'your' : invitations.lead ? `${invitations.lead.name}’s` : 'the DEA’s';
  const parts = [
    ...(invitations.owner ? [invitations.owner.id === readerId ? 'you (you own the strategy)' : `${invitations.owner.name} (owns the strategy)`] : []),
    ...invitations.partners.map(({ partner, people }) => {
      const who = partner === 'work_coaches' ? `the ${people.length} of ${leads} cohort` : people.length > 3 ? `${people.length} people` : people.map((p) => p.name).join(', ');
      return `${INTERNAL_PARTNER_LABELS[partner]}: ${who}`;
    }),
  ];
  const invited = parts.length ? `Invited: ${parts.join('; ')}.` : '';
  const missing = invitations.notInvited.map((p) => INTERNAL_PARTNER_LABELS[p]).join(', ');
  const by = leadReads ? 'Invite them from the meeting in your Outlook calendar.' : `${invitations.lead?.name ?? 'The DEA'} invites them from the meeting in their Outlook calendar.`;
  const yourself = missing ? `Not invited, as the staff directory has nobody for them: ${missing}. ${by}` : '';
  return [invited, yourself].filter(Boolean).join(' ');
}

/** The staff directory as the strategy's meetings read it, to invite the internal partners. */
export interface StrategyPeople extends DistrictPeople {
  /** Holders of the role at the jobcentre. */
  holders(role: Role, jobcentreId: string): Promise<StaffMember[]>;
  /** The work coaches whose DEA this is (their cohort). */
  cohortOf(deaId: string): Promise<StaffMember[]>;
}

export interface StrategyMeeting {
  readonly id: string;
  readonly strategyId: string;
  /** The occurrences booked together share it: the durable work writes a series at once. */
  readonly seriesId: string;
  readonly start: Date;
  readonly end: Date;
  readonly mode: SeriesMode;
  /** Invited by email (external partners); staff are invited by role when the diaries are written. */
  readonly externalEmails: readonly string[];
  /** cancelled: its strategy was closed before it took place, and it is out of the diaries. */
  readonly status: 'pending' | 'booked' | 'failed' | 'cancelled';
  readonly eventId: string | null;
  readonly lastError: string | null;
  /** Notes and actions agreed, recorded after the meeting. */
  readonly notes: string | null;
  readonly notesById: string | null;
  readonly version: number;
}

export type NewStrategyMeeting = Pick<StrategyMeeting, 'strategyId' | 'seriesId' | 'start' | 'end' | 'mode' | 'externalEmails'>;

export interface StrategyMeetingStore {
  addSeries(meetings: readonly NewStrategyMeeting[], at: Date): Promise<void>;
  find(id: string): Promise<StrategyMeeting | null>;
  /** The strategy's meetings, in time order. */
  ofStrategy(strategyId: string): Promise<StrategyMeeting[]>;
  /** The series' occurrences not yet in the diaries. */
  unbookedOf(seriesId: string): Promise<StrategyMeeting[]>;
  mark(id: string, result: { status: 'booked'; eventId: string } | { status: 'failed'; lastError: string } | { status: 'cancelled' }): Promise<void>;
  /** Saves the notes if the meeting is still at `expectedVersion`; false when it moved on. */
  recordNotes(id: string, expectedVersion: number, notes: string, byId: string, at: Date): Promise<boolean>;
}

export interface SeriesRequest {
  readonly dates: readonly string[];
  readonly time: string;
  readonly durationMinutes: number;
  readonly mode: SeriesMode;
  readonly externalEmails: readonly string[];
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

function str(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** Checks the series form; every problem is named beside its field. */
export function parseSeries(input: Record<string, unknown>, today: string): SeriesRequest {
  const problems: Record<string, string> = {};
  const first = str(input.firstDate);
  if (!isCalendarDate(first)) problems.firstDate = 'Enter the date of the first meeting.';
  else if (first <= today) problems.firstDate = 'Choose a date after today.';
  const time = str(input.time) || '10:00';
  if (!isClockTime(time)) problems.time = 'Enter a start time like 10:00.';
  const durationMinutes = Number(str(input.durationMinutes) || '60');
  if (![30, 60, 90, 120].includes(durationMinutes)) problems.durationMinutes = 'Choose how long each meeting is.';
  const cadence = (str(input.cadence) || 'monthly') as Cadence;
  if (!CADENCES.includes(cadence)) problems.cadence = 'Choose how often you meet.';
  const count = cadence === 'once' ? 1 : Number(str(input.count) || '6');
  if (!Number.isInteger(count) || count < 1 || count > MAX_OCCURRENCES) problems.count = `Enter how many meetings, from 1 to ${MAX_OCCURRENCES}.`;
  const mode = (str(input.mode) || 'face_to_face') as SeriesMode;
  if (!SERIES_MODES.includes(mode)) problems.mode = 'Choose face to face or Microsoft Teams.';
  const externalEmails = [...new Set(str(input.externalEmails).split(/[\s,;]+/).map((e) => e.toLowerCase()).filter(Boolean))];
  if (externalEmails.some((e) => !EMAIL.test(e) || e.length > 200)) problems.externalEmails = 'Enter email addresses like name@example.org, separated by commas.';
  else if (externalEmails.length > MAX_EXTERNAL_ATTENDEES) problems.externalEmails = `Invite at most ${MAX_EXTERNAL_ATTENDEES} people by email.`;
  if (Object.keys(problems).length) throw invalid('Some of the meetings need correcting.', problems);
  const dates = cadence === 'monthly' ? monthlyDates(first, count) : Array.from({ length: count }, (_, i) => addDays(first, 14 * i));
  return { dates, time, durationMinutes, mode, externalEmails };
}

/**
 * The invitation's attendees: the staff invited, then the external partners by email, each address
 * once. A cohort is about 30 coaches (`MAX_COHORT`): with the partners and at most
 * `MAX_EXTERNAL_ATTENDEES` external addresses, far below the 500 recipients Exchange Online sends one
 * invitation to by default.
 */
export function attendeesOf(invitations: Pick<StrategyInvitations, 'staff'>, externalEmails: readonly string[]): Attendee[] {
  const byEmail = new Map<string, Attendee>();
  for (const p of invitations.staff) byEmail.set(p.email.toLowerCase(), { email: p.email, name: p.name });
  for (const email of externalEmails) if (!byEmail.has(email)) byEmail.set(email, { email, name: email });
  return [...byEmail.values()];
}

export interface StrategyMeetingDeps {
  readonly strategies: StrategyStore;
  readonly store: StrategyMeetingStore;
  readonly calendar: CalendarPort;
  readonly directory: StaffDirectory;
  /** Staff holding a role at a jobcentre or in its district, and a DEA's cohort (internal partners invited). */
  readonly people: StrategyPeople;
  readonly work: WorkScheduler;
  readonly uow: UnitOfWork;
  readonly clock: Clock;
  readonly newId: () => string;
}

export class StrategyMeetingService {
  constructor(private readonly deps: StrategyMeetingDeps) {}

  /** Books a series for an active strategy: saved, and its diary work scheduled, in one transaction. */
  async planSeries(person: StaffMember, strategyId: string, version: number, input: Record<string, unknown>): Promise<StrategyMeeting[]> {
    const strategy = await this.found(strategyId);
    assertStrategy(person, strategy, version, 'book_meetings');
    const series = parseSeries(input, londonDate(this.deps.clock.now()));
    const seriesId = this.deps.newId();
    const meetings = series.dates.map((date) => {
      const start = londonToUtc(date, series.time);
      return { strategyId, seriesId, start, end: new Date(start.getTime() + series.durationMinutes * 60_000), mode: series.mode, externalEmails: series.externalEmails };
    });
    await this.deps.uow.run(async () => {
      await this.deps.store.addSeries(meetings, this.deps.clock.now());
      await this.deps.work.schedule(STRATEGY_MEETING_WORK, seriesId);
    });
    return (await this.deps.store.ofStrategy(strategyId)).filter((m) => m.seriesId === seriesId);
  }

  /**
   * The durable work: writes the series' meetings not yet in the diaries, one event each in the
   * lead DEA's diary with the attendees invited. Safe to repeat (each event's transaction id is the
   * meeting's); throws when any could not be written, so the work runs again later.
   */
  async writeSeries(seriesId: string): Promise<void> {
    const unbooked = await this.deps.store.unbookedOf(seriesId);
    if (!unbooked.length) return;
    const strategy = await this.deps.strategies.find(unbooked[0]!.strategyId);
    if (!strategy) return;
    // Closed before its series was written: nobody is to be invited to it.
    if (strategy.status === 'closed') {
      for (const m of unbooked) await this.deps.store.mark(m.id, { status: 'cancelled' });
      return;
    }
    const [lead] = await this.deps.directory.findByIds([strategy.leadId]);
    if (!lead) return;
    const attendees = attendeesOf(await this.invitationsFor(strategy, lead), unbooked[0]!.externalEmails);
    const results = await this.deps.calendar.createEvents(unbooked.map((m) => this.event(strategy, lead, attendees, m)));
    let failed = 0;
    for (const [i, result] of results.entries()) {
      const meeting = unbooked[i]!;
      if (result.ok) await this.deps.store.mark(meeting.id, { status: 'booked', eventId: result.eventId });
      else {
        failed += 1;
        await this.deps.store.mark(meeting.id, { status: 'failed', lastError: result.error.slice(0, 400) });
      }
    }
    // Closed while the diary was being written: what was just written comes out again.
    if ((await this.deps.strategies.find(strategy.id))?.status === 'closed') await this.cancelComing(strategy.id);
    if (failed) throw new Error(`${failed} strategy meetings could not be written to the diary`);
  }

  /**
   * The durable work after a strategy is closed: each of its meetings still to come is taken out of
   * the lead DEA's diary (and so everyone invited is sent the cancellation) and marked cancelled. Safe
   * to repeat (a meeting already gone is removed without harm); throws when any could not be removed,
   * so the work runs again later.
   */
  async cancelComing(strategyId: string): Promise<void> {
    const strategy = await this.deps.strategies.find(strategyId);
    if (!strategy || strategy.status !== 'closed') return;
    const now = this.deps.clock.now().getTime();
    const coming = (await this.deps.store.ofStrategy(strategyId)).filter((m) => m.status !== 'cancelled' && m.start.getTime() > now);
    if (!coming.length) return;
    const [lead] = await this.deps.directory.findByIds([strategy.leadId]);
    const inDiary = coming.filter((m) => m.eventId !== null);
    const results = lead && inDiary.length ? await this.deps.calendar.deleteEvents(inDiary.map((m) => ({ mailbox: lead.email, eventId: m.eventId! }))) : [];
    let failed = 0;
    for (const m of coming) {
      const i = inDiary.indexOf(m);
      if (i >= 0 && lead && !results[i]?.ok) failed += 1;
      else await this.deps.store.mark(m.id, { status: 'cancelled' });
    }
    if (failed) throw new Error(`${failed} strategy meetings could not be taken out of the diary`);
  }

  /** Notes and actions agreed, after the meeting, by the DEA who leads or the team leader who owns the strategy. */
  async recordNotes(person: StaffMember, meetingId: string, version: number, notes: unknown): Promise<StrategyMeeting> {
    const meeting = await this.deps.store.find(meetingId);
    if (!meeting) throw notFound('That meeting no longer exists.');
    const strategy = await this.found(meeting.strategyId);
    // Someone who may not see the strategy is told nothing of it; the rest as its card's buttons are decided.
    if (strategyRefusal(person, strategy, 'view')) throw notFound('That meeting no longer exists.');
    assertStrategy(person, strategy, null, 'record_notes');
    if (meeting.start.getTime() > this.deps.clock.now().getTime()) throw invalid('Record the notes once the meeting has started.', { notes: 'Record the notes once the meeting has started.' });
    const text = str(notes);
    if (!text) throw invalid('Enter the notes and the actions agreed.', { notes: 'Enter the notes and the actions agreed.' });
    if (text.length > MEETING_NOTES_LIMIT) throw invalid(`Keep the notes to ${MEETING_NOTES_LIMIT} characters or fewer.`, { notes: `Keep them to ${MEETING_NOTES_LIMIT} characters or fewer.` });
    if (!(await this.deps.store.recordNotes(meeting.id, version, text, person.id, this.deps.clock.now()))) throw conflict('The notes changed since this card was shown. Here they are as they are now.');
    return (await this.deps.store.find(meeting.id))!;
  }

  ofStrategy(strategyId: string): Promise<StrategyMeeting[]> {
    return this.deps.store.ofStrategy(strategyId);
  }

  /**
   * Who the strategy's meetings invite from the staff directory, as the diary work will invite them
   * now: for the booking's confirmation (`invitationNote`), so it names who is invited and who the
   * DEA must invite themselves. For the DEA who leads it and the team leader who owns it only.
   */
  async invitations(person: StaffMember, strategyId: string): Promise<StrategyInvitations> {
    const strategy = await this.found(strategyId);
    if (strategyRefusal(person, strategy, 'book_meetings')) throw notFound('That strategy no longer exists.');
    const [lead] = await this.deps.directory.findByIds([strategy.leadId]);
    return this.invitationsFor(strategy, lead ?? null);
  }

  /**
   * The owning team leader, the team the strategy's kind is with (seed 000 §49, §52), and each
   * internal partner chosen (seed 000 §59): the work psychologist the
   * lead DEA works with, by the partnership's rule; the work coaches of the lead DEA's cohort and their
   * team leaders; the holders of the other partners' roles at the lead DEA's jobcentre.
   */
  private async invitationsFor(strategy: Strategy, lead: StaffMember | null): Promise<StrategyInvitations> {
    const [owner] = await this.deps.directory.findByIds([strategy.ownerId]);
    const partners: { partner: InternalPartner; people: StaffMember[] }[] = [];
    const notInvited: InternalPartner[] = [];
    let cohort: StaffMember[] | null = null;
    const cohortOf = async (dea: StaffMember) => (cohort ??= await this.deps.people.cohortOf(dea.id));
    for (const partner of internalPartnersOf(strategy)) {
      let people: StaffMember[] = [];
      if (lead) {
        const role = PARTNER_ROLES[partner];
        if (role) people = lead.jobcentreId ? await this.deps.people.holders(role, lead.jobcentreId) : [];
        else if (partner === 'work_psychologist') {
          const wp = lead.jobcentreId ? workPsychologistOf(lead, await this.deps.people.holdersInDistrictOf('work_psychologist', lead.jobcentreId)) : null;
          people = wp ? [wp] : [];
        } else if (partner === 'work_coaches') people = await cohortOf(lead);
        else if (partner === 'work_coach_team_leader') {
          const ids = [...new Set((await cohortOf(lead)).flatMap((c) => (c.teamLeaderId ? [c.teamLeaderId] : [])))];
          people = (await this.deps.directory.findByIds(ids)).filter((p) => hasRole(p, 'work_coach_team_leader')).sort(byName);
        }
        // customer_services_leader: no such role in the staff directory, so nobody (the DEA invites them).
      }
      people = people.filter((p) => p.id !== lead?.id);
      if (people.length) partners.push({ partner, people });
      else notInvited.push(partner);
    }
    const byId = new Map<string, StaffMember>();
    for (const p of [...(owner && owner.id !== lead?.id ? [owner] : []), ...partners.flatMap((x) => x.people)]) byId.set(p.id, p);
    return { lead, owner: owner ?? null, partners, notInvited, staff: [...byId.values()] };
  }

  private event(strategy: Strategy, lead: StaffMember, attendees: readonly Attendee[], m: StrategyMeeting): NewEvent {
    const partners = internalPartnersOf(strategy).map((p) => INTERNAL_PARTNER_LABELS[p]).join(', ');
    return {
      mailbox: lead.email,
      subject: `Strategy meeting: ${strategy.title}`,
      // The summary of why the strategy is needed goes in the invitation (seed 000 §59): about provision, never a claimant.
      body: `Why this strategy is needed: ${strategy.why}\n\nLed by ${lead.name}, DEA.${partners ? ` Partners: ${partners}.` : ''} Notes and actions are recorded in DEA Support in Teams after the meeting.`,
      start: m.start,
      end: m.end,
      showAs: 'busy',
      attendees,
      location: m.mode === 'face_to_face' ? 'Face to face at the jobcentre' : null,
      onlineMeeting: m.mode === 'teams',
      transactionId: `strategy-meeting:${m.id}`,
    };
  }

  private async found(id: string): Promise<Strategy> {
    const strategy = await this.deps.strategies.find(id);
    if (!strategy) throw notFound('That strategy no longer exists.');
    return strategy;
  }
}
