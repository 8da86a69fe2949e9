import type { NewEvent } from '../calendar/calendar-port';
import type { Participant } from '../calendar/free-time';
import { addDays, londonDateFast, londonToUtc } from '../calendar/london-time';
import { weekdayOf } from '../calendar/working-hours';
import { invalid, notAllowed, notFound } from '../errors';
import { describeMeeting, isCalendarDate } from '../requests/calendar-date';
import { hasRole, type Jobcentre, type StaffMember } from '../staff';
import { assertAdvice, partOf, type AdviceAction, type AdvicePart } from './advice-policy';
import { ADVICE_CHANNEL_LABELS, canMove, type AdviceConversation, type AdviceNotes, type AdviceStatus, type SiteDay } from './conversation';
import { checkNotes, type NotesInput } from './notes';
import type { AdviceChanges, AdviceServiceDeps } from './ports';
import { parseAdviceRequest, type AdviceRequestInput } from './request-form';
import { adHocSlot, freeGaps, isStillFree, proposeSlots, siteOn, type AdviceSlot, type SitePlan } from './schedule';

/** What the coach sees once the request is saved. */
export interface RequestResult {
  readonly conversation: AdviceConversation;
  /** For an ad hoc request nobody could take now, or a pre-booked one: times to choose from. */
  readonly proposals: readonly AdviceSlot[];
  /** Why an ad hoc request became one to book, when it did. */
  readonly note: string | null;
}

/** A day of an HCP's diary. */
export interface HcpDay {
  readonly date: string;
  readonly jobcentreId: string | null;
  readonly conversations: readonly AdviceConversation[];
  readonly freeGaps: readonly { start: Date; end: Date }[];
}

/**
 * The Specialist Advice use cases: asking for a three-way conversation (pre-booked or ad hoc),
 * booking it with the HCP who covers the jobcentre, the information pack and the HCP's
 * preparation, the notes and the action plan, Unexpected Findings, outcomes, and the diaries.
 */
export class AdviceService {
  constructor(private readonly deps: AdviceServiceDeps) {}

  /** `specialist advice`: only work coaches in a jobcentre with an HCP ask for one. */
  async assertCanAsk(coach: StaffMember): Promise<{ jobcentre: Jobcentre; hcp: StaffMember }> {
    if (!hasRole(coach, 'work_coach')) throw notAllowed('Specialist Advice conversations are asked for by work coaches.');
    const jobcentre = coach.jobcentreId ? await this.deps.people.jobcentre(coach.jobcentreId) : null;
    if (!jobcentre) throw notAllowed('You are not in a jobcentre in the staff directory, so there is no Health Care Professional to ask. Ask whoever keeps the directory.');
    const hcp = await this.deps.people.hcpCovering(jobcentre.id);
    if (!hcp) throw notAllowed(`No Health Care Professional covers ${jobcentre.name} yet, so Specialist Advice is not available there.`);
    return { jobcentre, hcp };
  }

  async request(coach: StaffMember, input: AdviceRequestInput): Promise<RequestResult> {
    const { jobcentre, hcp } = await this.assertCanAsk(coach);
    const request = parseAdviceRequest(input);
    const now = this.deps.clock.now();
    const contact = await this.deps.people.contactAt(jobcentre.id);
    let adHoc: AdviceSlot | null = null;
    let note: string | null = null;
    if (request.adHoc) {
      const [participant, plan] = await Promise.all([this.participant(hcp, now, new Date(now.getTime() + 3 * 3600_000)), this.sitePlan(hcp, londonDateFast(now), londonDateFast(now))]);
      adHoc = adHocSlot(participant, plan, jobcentre.id, now);
      if (!adHoc) {
        note =
          siteOn(plan, londonDateFast(now)) === jobcentre.id
            ? `${hcp.name} is not free in the next hour. Choose one of the next free times below, and tell the claimant.`
            : `${hcp.name} is not at ${jobcentre.name} today. Choose one of the next free times below, and tell the claimant.`;
      }
    }
    const conversation = await this.deps.uow.run(async () => {
      const created = await this.deps.store.create(
        {
          status: adHoc ? 'adhoc_asked' : 'requested',
          coachId: coach.id,
          hcpId: hcp.id,
          contactId: contact?.id ?? null,
          jobcentreId: jobcentre.id,
          cluster: jobcentre.cluster,
          district: jobcentre.district,
          claimant: request.claimant,
          adviceTypes: request.adviceTypes,
          channel: adHoc ? 'face_to_face' : request.channel,
          complex: request.complex,
          adHoc: adHoc !== null,
          consent: { agreed: true, gpConsent: request.gpConsent, recordedById: coach.id, recordedAt: now },
          start: adHoc?.start ?? null,
          end: adHoc?.end ?? null,
          prepStart: adHoc?.prepStart ?? null,
          timesMoved: 0,
          packReadyAt: null,
          preparedAt: null,
          heldAt: null,
          returnedAt: null,
          returnConfirmedAt: null,
          findings: 'none',
          diaryEvents: [],
        },
        now,
      );
      await this.deps.store.record(created.id, coach.id, adHoc ? 'asked ad hoc' : 'requested', now);
      if (adHoc) await this.deps.notifier.tell(hcp.id, created);
      return created;
    });
    const proposals = adHoc ? [] : await this.proposals(conversation);
    return { conversation, proposals, note };
  }

  /** The part the person plays in the conversation (null: none; they see nothing of it). */
  async partOf(conversation: AdviceConversation, person: StaffMember): Promise<AdvicePart | null> {
    const direct = partOf(conversation, person, null);
    if (direct || !hasRole(person, 'hcp_activity_manager') || !person.jobcentreId) return direct;
    const office = await this.deps.people.jobcentre(person.jobcentreId);
    return partOf(conversation, person, office?.district ?? null);
  }

  async get(id: string): Promise<AdviceConversation> {
    const found = await this.deps.store.find(id);
    if (!found) throw notFound('That conversation no longer exists.');
    return found;
  }

  async notes(conversation: AdviceConversation, part: AdvicePart | null): Promise<AdviceNotes | null> {
    // Health notes only for the coach, the HCP and the activity manager.
    if (part !== 'coach' && part !== 'hcp' && part !== 'manager') return null;
    return this.deps.store.notesOf(conversation.id);
  }

  /** The Unexpected Findings the contact is to send to the GP: only while there are some to send, which needs the claimant's consent. */
  async findingsForGp(conversation: AdviceConversation): Promise<string | null> {
    if (conversation.findings !== 'to_send' || !conversation.consent.gpConsent) return null;
    return (await this.deps.store.notesOf(conversation.id))?.findings ?? null;
  }

  /** Times to offer the coach (computed when asked, never on a card's render). */
  async proposals(conversation: AdviceConversation): Promise<AdviceSlot[]> {
    const question = await this.slotQuestion(conversation);
    return proposeSlots(question);
  }

  /** The coach books (or moves) the conversation to one of the offered times. */
  async book(person: StaffMember, id: string, version: number | null, slotIso: string): Promise<AdviceConversation> {
    const c = await this.authorised(person, id, version, 'book');
    const prepStart = new Date(slotIso);
    if (Number.isNaN(prepStart.getTime())) throw invalid('Choose one of the times offered.', { slot: 'Choose one of the times offered.' });
    const question = await this.slotQuestion(c);
    const slot = proposeSlots({ ...question, count: 30 }).find((s) => s.prepStart.getTime() === prepStart.getTime());
    if (!slot || !isStillFree(question, slot)) throw invalid('That time is no longer free. Choose another.', { slot: 'That time is no longer free. Choose another.' });
    return this.writeBooking(person, c, slot, 'booked');
  }

  /** The HCP on site answers an ad hoc request. */
  async answerAdHoc(person: StaffMember, id: string, version: number | null, accept: boolean): Promise<AdviceConversation> {
    const c = await this.authorised(person, id, version, accept ? 'acceptAdHoc' : 'declineAdHoc');
    const now = this.deps.clock.now();
    if (accept && c.start && c.end && c.prepStart) return this.writeBooking(person, c, { prepStart: c.prepStart, start: c.start, end: c.end }, 'accepted ad hoc');
    return this.deps.uow.run(async () => {
      const changed = await this.move(c, 'requested', { adHoc: false, start: null, end: null, prepStart: null }, now);
      await this.deps.store.record(c.id, person.id, 'declined ad hoc', now);
      await this.deps.notifier.tell(c.coachId, changed);
      return changed;
    });
  }

  async cancel(person: StaffMember, id: string, version: number | null): Promise<AdviceConversation> {
    const c = await this.authorised(person, id, version, 'cancel');
    if (c.diaryEvents.length) await this.deps.calendar.deleteEvents(c.diaryEvents);
    const now = this.deps.clock.now();
    return this.deps.uow.run(async () => {
      const changed = await this.move(c, 'cancelled', { diaryEvents: [] }, now);
      await this.deps.store.record(c.id, person.id, 'cancelled', now);
      if (c.status !== 'requested') await this.deps.notifier.tell(c.hcpId, changed);
      if (c.status === 'booked' && c.contactId) await this.deps.notifier.tell(c.contactId, changed);
      return changed;
    });
  }

  /** The claimant did not come, or declined on the day: recorded for the reports. */
  async recordAttendance(person: StaffMember, id: string, version: number | null, outcome: 'did_not_attend' | 'declined'): Promise<AdviceConversation> {
    const c = await this.authorised(person, id, version, outcome === 'did_not_attend' ? 'didNotAttend' : 'declined');
    const now = this.deps.clock.now();
    return this.deps.uow.run(async () => {
      const changed = await this.move(c, outcome, {}, now);
      await this.deps.store.record(c.id, person.id, outcome === 'did_not_attend' ? 'did not attend' : 'declined on the day', now);
      await this.deps.notifier.tell(c.hcpId, changed);
      return changed;
    });
  }

  async packReady(person: StaffMember, id: string, version: number | null): Promise<AdviceConversation> {
    const c = await this.authorised(person, id, version, 'packReady');
    const now = this.deps.clock.now();
    return this.deps.uow.run(async () => {
      const changed = await this.deps.store.update(c.id, c.version, { packReadyAt: now }, now);
      await this.deps.store.record(c.id, person.id, 'pack ready', now);
      await this.deps.notifier.tell(c.hcpId, changed);
      return changed;
    });
  }

  /** The HCP reviewed the pack with the coach and agreed how the meeting will run. */
  async prepared(person: StaffMember, id: string, version: number | null): Promise<AdviceConversation> {
    const c = await this.authorised(person, id, version, 'prepared');
    const now = this.deps.clock.now();
    return this.deps.uow.run(async () => {
      const changed = await this.deps.store.update(c.id, c.version, { preparedAt: now }, now);
      await this.deps.store.record(c.id, person.id, 'prepared', now);
      return changed;
    });
  }

  /** The Notes Template: the conversation is held; the coach gets the actions, the contact any GP notification. */
  async recordNotes(person: StaffMember, id: string, version: number | null, input: NotesInput): Promise<AdviceConversation> {
    const c = await this.authorised(person, id, version, 'notes');
    const now = this.deps.clock.now();
    const notes = checkNotes(input, londonDateFast(now));
    const findings = notes.findings === null ? 'none' : c.consent.gpConsent ? 'to_send' : 'not_sent_no_consent';
    return this.deps.uow.run(async () => {
      await this.deps.store.saveNotes({ conversationId: c.id, ...notes, noAlternativeDiagnosis: true, wcaNotChallenged: true, recordedById: person.id, recordedAt: now });
      const changed = await this.move(c, 'held', { heldAt: now, findings }, now);
      await this.deps.store.record(c.id, person.id, 'notes recorded', now);
      if (findings !== 'none') await this.deps.store.record(c.id, person.id, findings === 'to_send' ? 'unexpected findings for the GP' : 'unexpected findings not sent: no consent', now);
      await this.deps.notifier.tell(c.coachId, changed);
      if (c.contactId) await this.deps.notifier.tell(c.contactId, changed);
      await this.deps.notifier.held?.(changed);
      return changed;
    });
  }

  async returned(person: StaffMember, id: string, version: number | null): Promise<AdviceConversation> {
    return this.stamp(person, id, version, 'returned', { returnedAt: this.deps.clock.now() }, 'pack and notes returned');
  }

  async confirmReturn(person: StaffMember, id: string, version: number | null): Promise<AdviceConversation> {
    return this.stamp(person, id, version, 'confirmReturn', { returnConfirmedAt: this.deps.clock.now() }, 'return confirmed');
  }

  async findingsSent(person: StaffMember, id: string, version: number | null): Promise<AdviceConversation> {
    return this.stamp(person, id, version, 'findingsSent', { findings: 'sent' }, 'GP notification sent');
  }

  /** An HCP's days from `date`: where they are, their conversations and their free time. */
  async hcpDays(hcp: StaffMember, date: string, days: number): Promise<HcpDay[]> {
    // The day asked for, then the person's next working days (for an HCP, Monday to Friday).
    const { hours } = await this.deps.patterns.of(hcp);
    const dates: string[] = [date];
    for (let d = addDays(date, 1), n = 0; dates.length < days && n < 14; d = addDays(d, 1), n += 1) if (hours[weekdayOf(d)]) dates.push(d);
    const from = londonToUtc(dates[0]!, '00:00');
    const to = londonToUtc(addDays(dates[dates.length - 1]!, 1), '00:00');
    const [participant, plan, conversations] = await Promise.all([this.participant(hcp, from, to), this.sitePlan(hcp, dates[0]!, dates[dates.length - 1]!), this.deps.store.forHcp(hcp.id, from, to)]);
    return dates.map((d) => ({
      date: d,
      jobcentreId: siteOn(plan, d),
      conversations: conversations.filter((c) => c.start && londonDateFast(c.start) === d && (c.status === 'booked' || c.status === 'held' || c.status === 'adhoc_asked')).sort((a, b) => a.start!.getTime() - b.start!.getTime()),
      freeGaps: freeGaps(participant, d),
    }));
  }

  /** A work coach's conversations, newest first. */
  async coachConversations(coach: StaffMember): Promise<AdviceConversation[]> {
    if (!hasRole(coach, 'work_coach')) throw notAllowed('Say "help" to see what you can do.');
    return this.deps.store.forCoach(coach.id, 10);
  }

  /** `my day` for a jobcentre contact: the conversations at their jobcentre in the next two weeks. */
  async contactDay(contact: StaffMember): Promise<{ jobcentre: Jobcentre; conversations: AdviceConversation[] }> {
    if (!hasRole(contact, 'jobcentre_contact')) throw notAllowed('Only a jobcentre’s nominated contact sees its Specialist Advice conversations.');
    const jobcentre = contact.jobcentreId ? await this.deps.people.jobcentre(contact.jobcentreId) : null;
    if (!jobcentre) throw notAllowed('You are not in a jobcentre in the staff directory. Ask whoever keeps the directory.');
    const today = londonDateFast(this.deps.clock.now());
    const conversations = await this.deps.store.atJobcentre(jobcentre.id, londonToUtc(today, '00:00'), londonToUtc(addDays(today, 14), '00:00'));
    return { jobcentre, conversations: conversations.filter((c) => c.status === 'booked' || c.status === 'held') };
  }

  /** The activity manager's district: its HCPs. */
  async managedHcps(manager: StaffMember): Promise<{ district: string; hcps: StaffMember[] }> {
    if (!hasRole(manager, 'hcp_activity_manager')) throw notAllowed('Only HCP Activity Managers see the HCPs’ diaries.');
    const office = manager.jobcentreId ? await this.deps.people.jobcentre(manager.jobcentreId) : null;
    if (!office) throw notAllowed('You are not in a jobcentre in the staff directory, so no district is yours. Ask whoever keeps the directory.');
    return { district: office.district, hcps: await this.deps.people.hcpsInDistrict(office.district) };
  }

  /** The activity manager puts an HCP at one of their cluster's jobcentres on a day. */
  async setSiteDay(manager: StaffMember, hcpId: string, date: string, jobcentreId: string): Promise<SiteDay> {
    const { hcps } = await this.managedHcps(manager);
    const hcp = hcps.find((h) => h.id === hcpId);
    if (!hcp) throw invalid('Choose an HCP of your district.', { hcpId: 'Choose an HCP of your district.' });
    if (!isCalendarDate(date) || date < londonDateFast(this.deps.clock.now())) throw invalid('Choose today or a later date.', { date: 'Choose today or a later date.' });
    const base = hcp.jobcentreId ? await this.deps.people.jobcentre(hcp.jobcentreId) : null;
    const offices = base ? await this.deps.people.jobcentresInCluster(base.cluster) : [];
    if (!offices.some((o) => o.id === jobcentreId)) throw invalid(`Choose a jobcentre of ${hcp.name}’s cluster.`, { jobcentreId: `Choose a jobcentre of ${hcp.name}’s cluster.` });
    const day = { hcpId, date, jobcentreId };
    await this.deps.store.setSiteDay(day, manager.id, this.deps.clock.now());
    return day;
  }

  async jobcentresOfCluster(hcp: StaffMember): Promise<Jobcentre[]> {
    const base = hcp.jobcentreId ? await this.deps.people.jobcentre(hcp.jobcentreId) : null;
    return base ? this.deps.people.jobcentresInCluster(base.cluster) : [];
  }

  async jobcentre(id: string): Promise<Jobcentre | null> {
    return this.deps.people.jobcentre(id);
  }

  private async authorised(person: StaffMember, id: string, version: number | null, action: AdviceAction): Promise<AdviceConversation> {
    const c = await this.get(id);
    assertAdvice(c, await this.partOf(c, person), action, version, this.deps.clock.now());
    return c;
  }

  private async stamp(person: StaffMember, id: string, version: number | null, action: AdviceAction, changes: AdviceChanges, what: string): Promise<AdviceConversation> {
    const c = await this.authorised(person, id, version, action);
    const now = this.deps.clock.now();
    return this.deps.uow.run(async () => {
      const changed = await this.deps.store.update(c.id, c.version, changes, now);
      await this.deps.store.record(c.id, person.id, what, now);
      if (action === 'returned' && c.contactId) await this.deps.notifier.tell(c.contactId, changed);
      return changed;
    });
  }

  private async move(c: AdviceConversation, to: AdviceStatus, changes: AdviceChanges, now: Date): Promise<AdviceConversation> {
    if (!canMove(c.status, to)) throw invalid('This conversation cannot change like that now.');
    return this.deps.store.update(c.id, c.version, { ...changes, status: to }, now);
  }

  /**
   * Both diaries, the preparation too; entries name the reference only. A moved conversation's
   * old entries are removed first. The HCP and the contact are told.
   */
  private async writeBooking(person: StaffMember, c: AdviceConversation, slot: AdviceSlot, what: string): Promise<AdviceConversation> {
    const [hcp, coach] = await Promise.all([this.person(c.hcpId), this.person(c.coachId)]);
    const office = await this.deps.people.jobcentre(c.jobcentreId);
    const moving = c.status === 'booked';
    if (moving && c.diaryEvents.length) await this.deps.calendar.deleteEvents(c.diaryEvents);
    const attempt = `${c.id}:${c.version}`;
    const events: NewEvent[] = [];
    if (slot.prepStart.getTime() < slot.start.getTime()) {
      events.push({
        mailbox: hcp.email,
        subject: `Specialist Advice preparation: ${c.reference}`,
        body: `Review the information pack with ${coach.name} and agree how the conversation will run. The work coach leads it.`,
        start: slot.prepStart,
        end: slot.start,
        showAs: 'busy',
        attendees: [{ email: coach.email, name: coach.name }],
        location: office?.name ?? null,
        onlineMeeting: false,
        transactionId: `${attempt}:prep`,
      });
    }
    events.push({
      mailbox: hcp.email,
      subject: `Specialist Advice three-way conversation: ${c.reference}`,
      body: `${ADVICE_CHANNEL_LABELS[c.channel]}. The work coach ${coach.name} leads the conversation.`,
      start: slot.start,
      end: slot.end,
      showAs: 'busy',
      attendees: [{ email: coach.email, name: coach.name }],
      location: c.channel === 'face_to_face' ? (office ? `${office.name} Jobcentre, private room` : null) : null,
      onlineMeeting: c.channel === 'video',
      transactionId: `${attempt}:conversation`,
    });
    const results = await this.deps.calendar.createEvents(events);
    const failed = results.find((r) => !r.ok);
    if (failed && !failed.ok) {
      const made = results.filter((r): r is Extract<typeof r, { ok: true }> => r.ok);
      if (made.length) await this.deps.calendar.deleteEvents(made.map((r) => ({ mailbox: r.mailbox, eventId: r.eventId })));
      throw invalid(`The diaries could not be written (${failed.error}). Nothing was booked: try again.`);
    }
    const diaryEvents = results.map((r) => ({ mailbox: (r as { mailbox: string }).mailbox, eventId: (r as { eventId: string }).eventId }));
    const now = this.deps.clock.now();
    return this.deps.uow.run(async () => {
      const changes: AdviceChanges = { start: slot.start, end: slot.end, prepStart: slot.prepStart, diaryEvents, timesMoved: c.timesMoved + (moving ? 1 : 0) };
      const changed = moving ? await this.deps.store.update(c.id, c.version, { ...changes, packReadyAt: null, preparedAt: null }, now) : await this.move(c, 'booked', changes, now);
      await this.deps.store.record(c.id, person.id, moving ? 'moved' : what, now);
      // The HCP's card and the contact's (the pack): whoever did not make the change is told.
      for (const id of [c.hcpId, c.contactId, c.coachId]) if (id && id !== person.id) await this.deps.notifier.tell(id, changed);
      return changed;
    });
  }

  private async person(id: string): Promise<StaffMember> {
    const found = await this.deps.directory.findById(id);
    if (!found) throw notFound('Someone on this conversation is no longer in the staff directory.');
    return found;
  }

  private async participant(person: StaffMember, from: Date, to: Date): Promise<Participant> {
    const [pattern, busy] = await Promise.all([this.deps.patterns.of(person), this.deps.calendar.busy([person.email], from, to)]);
    return { id: person.id, hours: pattern.hours, region: pattern.region, busy: busy.get(person.email.toLowerCase()) ?? [] };
  }

  private async sitePlan(hcp: StaffMember, fromDate: string, toDate: string): Promise<SitePlan> {
    const days = await this.deps.store.siteDays([hcp.id], fromDate, toDate);
    return { baseJobcentreId: hcp.jobcentreId, days: new Map(days.map((d) => [d.date, d.jobcentreId])) };
  }

  private async slotQuestion(c: AdviceConversation) {
    const [hcp, coach] = await Promise.all([this.person(c.hcpId), this.person(c.coachId)]);
    const now = this.deps.clock.now();
    const to = londonToUtc(addDays(londonDateFast(now), 30), '00:00');
    const [h, w, plan] = await Promise.all([this.participant(hcp, now, to), this.participant(coach, now, to), this.sitePlan(hcp, londonDateFast(now), addDays(londonDateFast(now), 30))]);
    return { hcp: h, coach: w, sitePlan: plan, jobcentreId: c.jobcentreId, channel: c.channel, complex: c.complex, now };
  }
}

/** The words the coach gives the claimant: when, where, how, and that it is their choice. */
export function claimantText(c: AdviceConversation, jobcentreName: string, hcpName: string): string {
  if (!c.start || !c.end) return '';
  const how = c.channel === 'face_to_face' ? `at ${jobcentreName} Jobcentre` : c.channel === 'video' ? 'by video call (we will send you the link)' : 'by telephone (we will call you)';
  return (
    `Your conversation with your work coach and ${hcpName}, a Health Care Professional, is on ${describeMeeting(c.start, c.end)}, ${how}. ` +
    'It is about how your health affects work-related activity, and what could help. Taking part is your choice: you can change your mind at any time, and it does not affect your benefit.'
  );
}
