import type { EventResult, Interval, NewEvent } from '../calendar/calendar-port';
import type { Participant } from '../calendar/free-time';
import { addDays, londonDateFast, londonToUtc } from '../calendar/london-time';
import { conflict, invalid, notAllowed, notFound } from '../errors';
import { describeMeeting, isCalendarDate } from '../requests/calendar-date';
import { hasRole, type BankHolidayRegion, type Jobcentre, type StaffMember } from '../staff';
import { assertAdvice, partOf, type AdviceAction, type AdvicePart } from './advice-policy';
import { ADVICE_CHANNEL_HOW, ADVICE_CHANNEL_LABELS, ADVICE_DIARY_WORK, canMove, type AdviceConversation, type AdviceNotes, type AdviceStatus, type DiaryEntry, type HcpBreak, type SiteDay } from './conversation';
import { parseBreaks, type BreaksInput } from './breaks';
import { readHcpDays, readHcpsDays, type HcpDay } from './hcp-day';
import { tellLapsedAdHocAsks } from './ad-hoc-lapse';
import { packReminderDue, packReminderMaybeDue, PACK_REMINDER_LOOKAHEAD_DAYS } from './pack-reminder';
import { checkNotes, type NotesInput } from './notes';
import type { AdviceChanges, AdviceHappening, AdviceServiceDeps } from './ports';
import { parseAdviceRequest, type AdviceRequestInput } from './request-form';
import { adHocAnswer, isAway, isStillFree, proposeSlots, withBreaks, type AdviceSlot, type SitePlan } from './schedule';
import { activitiesOver, conversationTimes, CONVERSATION_LOOKBACK_MS, ownActivityTimes, type AttendeeOverNotice, type BookedOverNotice } from './supporting-activity';
import { activityPeopleToTell } from '../hcp-activity/people-to-tell';

export type { HcpDay } from './hcp-day';

/** The diary work could not finish this time (a diary did not answer): the runner tries it again later. */
export class AdviceDiariesUnfinished extends Error {
  constructor(detail: string) {
    super(`The Specialist Advice diaries are not all up to date yet: ${detail}`);
    this.name = 'AdviceDiariesUnfinished';
  }
}

/**
 * What the coach sees once the request is saved. A request to book (or an ad hoc one nobody could
 * take now) is then offered times from `proposals`: read from the diaries after the save, so a
 * diary that does not answer never undoes or repeats the request.
 */
export interface RequestResult {
  readonly conversation: AdviceConversation;
  /** Why an ad hoc request became one to book, when it did. */
  readonly note: string | null;
  /** The form was sent before: this is the conversation that send saved, and nothing new was. */
  readonly repeated: boolean;
}

/** A booked conversation whose HCP is away that day: absent (`lastDay` null), or gone after their notice's last day. */
export interface HcpAwayNotice {
  readonly reference: string;
  readonly hcpName: string;
  /** The conversation's day (London). */
  readonly date: string;
  readonly lastDay: string | null;
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

  /**
   * Saves the request, once per form: `submissionKey` is the form's, so the same form sent again (a
   * retry after a slow answer, a double tap) returns the conversation the first send saved, with
   * nothing saved, told or held a second time.
   */
  async request(coach: StaffMember, input: AdviceRequestInput, submissionKey?: string): Promise<RequestResult> {
    const { jobcentre, hcp } = await this.assertCanAsk(coach);
    const request = parseAdviceRequest(input);
    const now = this.deps.clock.now();
    const contact = await this.deps.people.contactAt(jobcentre.id);
    let adHoc: AdviceSlot | null = null;
    let note: string | null = null;
    if (request.adHoc) {
      const today = londonDateFast(now);
      const [participant, plan, away] = await Promise.all([this.hcpParticipant(hcp, now, new Date(now.getTime() + 3 * 3600_000)), this.sitePlan(hcp, today, today), this.deps.absences.awayOf(hcp.id, today, today)]);
      const answer = adHocAnswer(participant, plan, jobcentre.id, now, request.channel, away);
      adHoc = answer.slot;
      if (answer.why) {
        const why = { 'not working today': 'is not working today', 'not free': 'is not free in the next hour', 'elsewhere today': `is not at ${jobcentre.name} today` }[answer.why];
        note = `${hcp.name} ${why}. Choose one of the next free times below, and tell the claimant.`;
      }
    }
    const saved = await this.deps.uow.run(async () => {
      const result = await this.deps.store.create(
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
          // The coach's choice, for an ad hoc ask too: the jobcentre decides how it happens (seed 002
          // Annex 2 §9), not the claimant being in the building; a lapse or a no leaves it to be booked so.
          channel: request.channel,
          complex: request.complex,
          adHoc: adHoc !== null,
          // The coach asked for the HCP now, whether or not the HCP could be asked: ad hoc demand.
          askedAdHoc: request.adHoc,
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
          diaryStatus: 'done',
          diaryError: null,
          packRemindedAt: null,
          submissionKey,
        },
        now,
      );
      // The form was sent before, or at the same moment: that send saved it and told whoever was to be told.
      if (!result.created) return result;
      await this.deps.store.record(result.conversation.id, coach.id, adHoc ? 'asked ad hoc' : 'requested', now);
      if (adHoc) await this.deps.notifier.tell(hcp.id, result.conversation);
      return result;
    });
    if (!saved.created) return this.repeated(coach, saved.conversation);
    return { conversation: saved.conversation, note, repeated: false };
  }

  /**
   * The conversation a form already made, for the coach who sent it. Keys are random, so another
   * coach's is not expected; were one sent, its conversation stays unseen and a new form is needed.
   */
  private repeated(coach: StaffMember, earlier: AdviceConversation): RequestResult {
    if (earlier.coachId.toLowerCase() !== coach.id.toLowerCase()) throw conflict('This form was already used, so nothing was sent.');
    return { conversation: earlier, note: null, repeated: true };
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
    // An ad hoc ask whose time passed unanswered is booked as a pre-booked conversation, with its
    // preparation; it stays asked ad hoc (`askedAdHoc`), which the reports count as ad hoc demand.
    return this.writeBooking(person, c, slot, 'booked', c.status === 'adhoc_asked' ? { adHoc: false } : {});
  }

  /**
   * The HCP answers an ad hoc request: yes books the time it proposed, so only while the
   * claimant can still be waiting (the policy refuses a yes once that time has passed); no leaves
   * the coach to book a time.
   */
  async answerAdHoc(person: StaffMember, id: string, version: number | null, accept: boolean): Promise<AdviceConversation> {
    const c = await this.authorised(person, id, version, accept ? 'acceptAdHoc' : 'declineAdHoc');
    const now = this.deps.clock.now();
    if (accept && c.start && c.end && c.prepStart) return this.writeBooking(person, c, { prepStart: c.prepStart, start: c.start, end: c.end }, 'accepted ad hoc');
    return this.deps.uow.run(async () => {
      const changed = await this.move(c, 'requested', { adHoc: false, start: null, end: null, prepStart: null }, now);
      await this.deps.store.record(c.id, person.id, 'declined ad hoc', now);
      this.deps.notifier.changed(changed);
      await this.deps.notifier.tell(c.coachId, changed);
      return changed;
    });
  }

  /** Cancels it; its diary entries are removed after the click, as durable work. */
  async cancel(person: StaffMember, id: string, version: number | null): Promise<AdviceConversation> {
    const c = await this.authorised(person, id, version, 'cancel');
    const now = this.deps.clock.now();
    return this.deps.uow.run(async () => {
      const removing = c.diaryEvents.length > 0 || c.diaryStatus !== 'done';
      const changed = await this.move(c, 'cancelled', removing ? { diaryStatus: 'writing', diaryError: null } : {}, now);
      await this.deps.store.record(c.id, person.id, 'cancelled', now);
      if (removing) await this.deps.work.schedule(ADVICE_DIARY_WORK, c.id);
      this.deps.notifier.changed(changed);
      if (c.status !== 'requested') await this.deps.notifier.tell(c.hcpId, changed);
      if (c.status === 'booked' && c.contactId) await this.deps.notifier.tell(c.contactId, changed);
      return changed;
    });
  }

  /** The coach asks for diaries that could not be written (or removed) to be tried again. */
  async retryDiaries(person: StaffMember, id: string, version: number | null): Promise<AdviceConversation> {
    const c = await this.authorised(person, id, version, 'retryDiaries');
    const now = this.deps.clock.now();
    return this.deps.uow.run(async () => {
      const changed = await this.deps.store.update(c.id, c.version, { diaryStatus: 'writing', diaryError: null }, now);
      await this.deps.store.record(c.id, person.id, 'diaries tried again', now);
      await this.deps.work.schedule(ADVICE_DIARY_WORK, c.id);
      this.deps.notifier.changed(changed);
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
      this.deps.notifier.changed(changed);
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
      this.deps.notifier.changed(changed);
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
      this.deps.notifier.changed(changed);
      // The coach prepares with the HCP: their card shows it is done.
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
      this.deps.notifier.changed(changed);
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

  /** An HCP's days from `date`: where they are, their conversations and preparation, their breaks and free time. */
  async hcpDays(hcp: StaffMember, date: string, days: number): Promise<HcpDay[]> {
    return readHcpDays({ store: this.deps.store, calendar: this.deps.calendar, patterns: this.deps.patterns }, hcp, date, days);
  }

  /** Several HCPs' days, in their order, and their breaks (to be changed on the manager's page), read together. */
  async hcpsDays(hcps: readonly StaffMember[], date: string, days: number): Promise<{ days: HcpDay[][]; breaks: HcpBreak[] }> {
    const breaks = await this.deps.store.breaksOf(hcps.map((h) => h.id));
    return { days: await readHcpsDays({ store: this.deps.store, calendar: this.deps.calendar, patterns: this.deps.patterns }, hcps, date, days, { breaks }), breaks };
  }

  /** A work coach's conversations, newest first. */
  async coachConversations(coach: StaffMember): Promise<AdviceConversation[]> {
    if (!hasRole(coach, 'work_coach')) {
      throw notAllowed('"my day" is for Specialist Advice: Health Care Professionals, their activity managers, jobcentre contacts, and work coaches with three-way conversations. Say "help" to see what you can do.');
    }
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

  /** Each HCP's cluster's jobcentres (by name), read for them all at once. */
  async clusterOfficesOf(hcps: readonly StaffMember[]): Promise<ReadonlyMap<string, Jobcentre[]>> {
    const offices = await this.deps.people.officesInClustersOf([...new Set(hcps.flatMap((h) => (h.jobcentreId ? [h.jobcentreId] : [])))]);
    const byId = new Map(offices.map((o) => [o.id, o]));
    return new Map(
      hcps.map((hcp) => {
        const base = hcp.jobcentreId ? byId.get(hcp.jobcentreId) : undefined;
        return [hcp.id, base ? offices.filter((o) => o.cluster === base.cluster) : []];
      }),
    );
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
      this.deps.notifier.changed(changed);
      if (action === 'returned' && c.contactId) await this.deps.notifier.tell(c.contactId, changed);
      return changed;
    });
  }

  private async move(c: AdviceConversation, to: AdviceStatus, changes: AdviceChanges, now: Date): Promise<AdviceConversation> {
    if (!canMove(c.status, to)) throw invalid('This conversation cannot change like that now.');
    return this.deps.store.update(c.id, c.version, { ...changes, status: to }, now);
  }

  /**
   * Books (or moves) it: the conversation takes the time at once, with the work of writing both
   * diaries (the preparation too), in one transaction; that work runs after the click, and again
   * after a restart. The HCP, the contact and the coach, whoever did not make the change, are told.
   */
  private async writeBooking(person: StaffMember, c: AdviceConversation, slot: AdviceSlot, what: string, extra: AdviceChanges = {}): Promise<AdviceConversation> {
    const moving = c.status === 'booked';
    const now = this.deps.clock.now();
    // Nobody was the jobcentre's contact when it was asked for: one there is now prepares the pack.
    const contactId = c.contactId ?? (await this.deps.people.contactAt(c.jobcentreId))?.id ?? null;
    const activityPeople = await this.peopleOfActivityOver(c, slot);
    return this.deps.uow.run(async () => {
      const changes: AdviceChanges = { ...extra, start: slot.start, end: slot.end, prepStart: slot.prepStart, timesMoved: c.timesMoved + (moving ? 1 : 0), diaryStatus: 'writing', diaryError: null, ...(contactId !== c.contactId ? { contactId } : {}) };
      const changed = moving ? await this.deps.store.update(c.id, c.version, { ...changes, packReadyAt: null, preparedAt: null, packRemindedAt: null }, now) : await this.move(c, 'booked', changes, now);
      await this.deps.store.record(c.id, person.id, moving ? 'moved' : what, now);
      await this.deps.work.schedule(ADVICE_DIARY_WORK, c.id);
      this.deps.notifier.changed(changed);
      for (const id of [c.hcpId, contactId, c.coachId]) if (id && id !== person.id) await this.deps.notifier.tell(id, changed);
      // In this transaction: the notice goes once with the booking, or not at all with a refused one.
      // The HCP too when they accepted an ad hoc ask themselves: the notice is about their activity, not the click.
      for (const id of activityPeople) await this.deps.notifier.bookedOver(id, changed);
      return changed;
    });
  }

  /**
   * Who is told that the time takes planned supporting activity of the HCP (seed 002 Annex 3 §1):
   * those who keep it, who move it, and those who come to it, who would otherwise arrive to an
   * absent HCP; each once. Nobody when it takes none, or only activity the conversation's earlier
   * time already took (they were told when it was booked then).
   */
  private async peopleOfActivityOver(c: AdviceConversation, slot: AdviceSlot): Promise<string[]> {
    const time = { start: slot.prepStart, end: slot.end };
    const earlier = c.status === 'booked' && c.start && c.end ? { start: c.prepStart ?? c.start, end: c.end } : null;
    // One read over both times, whichever days they are on.
    const from = londonDateFast(earlier && earlier.start.getTime() < time.start.getTime() ? earlier.start : time.start);
    const to = londonDateFast(earlier && earlier.end.getTime() > time.end.getTime() ? earlier.end : time.end);
    const activities = await this.deps.activities.of(c.hcpId, from, to);
    const toldBefore = new Set(earlier ? activitiesOver(activities, c.hcpId, earlier).map((a) => a.id) : []);
    const over = activitiesOver(activities, c.hcpId, time).filter((a) => !toldBefore.has(a.id));
    const people = await Promise.all(over.map((a) => activityPeopleToTell(a, (district) => this.deps.activities.managersInDistrict(district))));
    return [...new Set(people.flatMap((p) => [...p.keepers, ...p.attendees]))];
  }

  /**
   * The short notice of a conversation booked over the HCP's supporting activity, as things are now:
   * for the HCP or an activity manager of the district, the conversation and all the activity under
   * it; for someone who comes to an activity under it, only that activity and that the HCP will not
   * be there, nothing of the conversation. Null for anyone else, and once nothing planned is under it
   * any more (the activity moved or was cancelled, or the conversation moved or ended, before the
   * notice went). Reference and times only: nothing of the claimant.
   */
  async bookedOverNotice(person: StaffMember, conversationId: string): Promise<BookedOverNotice | AttendeeOverNotice | null> {
    const c = await this.deps.store.find(conversationId);
    if (!c || c.status !== 'booked' || !c.start || !c.end) return null;
    const time = { start: c.prepStart ?? c.start, end: c.end };
    const over = activitiesOver(await this.deps.activities.of(c.hcpId, londonDateFast(time.start), londonDateFast(time.end)), c.hcpId, time);
    if (!over.length) return null;
    const part = await this.partOf(c, person);
    const keeps = part === 'hcp' || part === 'manager';
    // Whoever comes to it may open it already (its card shows it to whoever asked and its coach), so the notice adds no access.
    const theirs = keeps ? [] : over.filter((a) => a.requestedById === person.id || a.coachId === person.id);
    if (!keeps && !theirs.length) return null;
    const hcp = await this.deps.directory.findById(c.hcpId);
    const hcpName = hcp?.name ?? 'the HCP';
    if (!keeps) return { part: 'attendee', hcpName, activities: theirs.map((a) => ({ id: a.id, kind: a.kind, start: a.start!, end: a.end!, asked: a.coachId !== person.id })) };
    return {
      part: part === 'hcp' ? 'hcp' : 'manager',
      reference: c.reference,
      preparationFrom: c.prepStart && c.prepStart.getTime() < c.start.getTime() ? c.prepStart : null,
      start: c.start,
      end: c.end,
      hcpName,
      activities: over.map((a) => ({ id: a.id, kind: a.kind, start: a.start!, end: a.end! })),
    };
  }

  /**
   * What the coach of a booked conversation is told when its HCP is recorded absent that day, or has
   * given notice with a last day before it; null for anyone else, and once it no longer holds (the
   * conversation moved, ended or passed, or the HCP arrived after all) before the line went.
   * Reference, name and dates only: nothing of the claimant.
   */
  async hcpAwayNotice(person: StaffMember, conversationId: string): Promise<HcpAwayNotice | null> {
    const c = await this.deps.store.find(conversationId);
    if (!c || c.status !== 'booked' || !c.start || c.coachId.toLowerCase() !== person.id.toLowerCase()) return null;
    if (c.start.getTime() <= this.deps.clock.now().getTime()) return null;
    const date = londonDateFast(c.start);
    const [away, hcp] = await Promise.all([this.deps.absences.awayOf(c.hcpId, date, date), this.deps.directory.findById(c.hcpId)]);
    if (!isAway(away, date)) return null;
    return { reference: c.reference, hcpName: hcp?.name ?? 'The HCP', date, lastDay: away.absent.has(date) ? null : away.lastDay };
  }

  /**
   * The durable diary work: brings the diaries in line with the conversation. A booked one has its
   * entries (the preparation, the conversation) written; entries of an earlier time, or of a
   * cancelled conversation, are removed. Safe to repeat at any point: each entry is written with a
   * transactionId of the conversation and its booking (`timesMoved`), so Graph never makes a second
   * one, and removing one already gone succeeds. Throws when a diary should be tried again later.
   */
  async syncDiaries(id: string): Promise<AdviceConversation | null> {
    for (let round = 0; round < 4; round++) {
      const c = await this.deps.store.find(id);
      if (!c) return null;
      if (c.status !== 'booked' && c.status !== 'cancelled') {
        // Held, or ended on the day: the entries stay as they are.
        if (c.diaryStatus === 'done') return c;
      }
      const wanted = c.status === 'booked' ? await this.diaryEntries(c) : c.status === 'cancelled' ? [] : null;
      if (wanted === null) return this.keepDiary(c, c.diaryEvents, []);
      const wantedKeys = new Set(wanted.map((e) => e.transactionId));
      const stale = c.diaryEvents.filter((e) => !e.key || !wantedKeys.has(e.key));
      const made = new Set(c.diaryEvents.map((e) => e.key));
      const toMake = wanted.filter((e) => !made.has(e.transactionId));
      const removed = stale.length ? await this.deps.calendar.deleteEvents(stale) : [];
      const created = toMake.length ? await this.deps.calendar.createEvents(toMake) : [];
      const failures: Extract<EventResult, { ok: false }>[] = [];
      const left = stale.filter((_, i) => {
        const result = removed[i];
        if (result && !result.ok) failures.push(result);
        return !result?.ok;
      });
      const written: DiaryEntry[] = [];
      created.forEach((result, i) => {
        if (result.ok) written.push({ mailbox: result.mailbox, eventId: result.eventId, key: toMake[i]!.transactionId });
        else failures.push(result);
      });
      const entries = [...c.diaryEvents.filter((e) => !stale.includes(e)), ...left, ...written];
      const saved = await this.keepDiary(c, entries, failures);
      if (!saved) continue;
      if (failures.some((f) => f.retryable)) throw new AdviceDiariesUnfinished(saved.diaryError ?? 'a diary did not answer');
      return saved;
    }
    throw conflict('The conversation kept changing while its diaries were written.');
  }

  /** Records the entries, and the diaries' status when the conversation did not change meanwhile (null then). */
  private async keepDiary(c: AdviceConversation, entries: readonly DiaryEntry[], failures: readonly Extract<EventResult, { ok: false }>[]): Promise<AdviceConversation | null> {
    const now = this.deps.clock.now();
    const error = failures.length ? `${failures.length === 1 ? 'A diary' : `${failures.length} diaries`} could not be ${c.status === 'cancelled' ? 'cleared' : 'written'} (${failures.map((f) => f.error).join('; ')})`.slice(0, 400) : null;
    return this.deps.uow.run(async () => {
      const saved = await this.deps.store.recordDiary(c.id, c.version, { diaryEvents: entries, diaryStatus: error ? 'failed' : 'done', diaryError: error }, now);
      if (!saved) return null;
      this.deps.notifier.changed(saved);
      // The coach is told once when the diaries fail: their card offers to try again.
      if (error && c.diaryStatus !== 'failed') await this.deps.notifier.tell(c.coachId, saved);
      return saved;
    });
  }

  /** The entries a booked conversation's diaries should hold; they name the reference only. */
  private async diaryEntries(c: AdviceConversation): Promise<NewEvent[]> {
    if (!c.start || !c.end || !c.prepStart) return [];
    const [hcp, coach] = await Promise.all([this.person(c.hcpId), this.person(c.coachId)]);
    const office = await this.deps.people.jobcentre(c.jobcentreId);
    const booking = `${c.id}:${c.timesMoved}`;
    const events: NewEvent[] = [];
    if (c.prepStart.getTime() < c.start.getTime()) {
      events.push({
        mailbox: hcp.email,
        subject: `Specialist Advice preparation: ${c.reference}`,
        body: `Review the information pack with ${coach.name} and agree how the conversation will run. The work coach leads it.`,
        start: c.prepStart,
        end: c.start,
        showAs: 'busy',
        attendees: [{ email: coach.email, name: coach.name }],
        location: office?.name ?? null,
        onlineMeeting: false,
        transactionId: `${booking}:prep`,
      });
    }
    events.push({
      mailbox: hcp.email,
      subject: `Specialist Advice three-way conversation: ${c.reference}`,
      body: `${ADVICE_CHANNEL_LABELS[c.channel]}. The work coach ${coach.name} leads the conversation.`,
      start: c.start,
      end: c.end,
      showAs: 'busy',
      attendees: [{ email: coach.email, name: coach.name }],
      location: c.channel === 'face_to_face' ? (office ? `${office.name} Jobcentre, private room` : null) : null,
      onlineMeeting: c.channel === 'video',
      transactionId: `${booking}:conversation`,
    });
    return events;
  }

  /**
   * Reminds the contact, and tells the HCP, of each pre-booked conversation whose information pack
   * is not marked ready by the working day before it at 15:00 (London): once per booking, whichever
   * instance runs it. With no contact named, only the HCP is told (to prepare from the request).
   * Returns how many were reminded.
   */
  async remindPacks(): Promise<number> {
    const now = this.deps.clock.now();
    const candidates = (await this.deps.store.packsNotReady(now, new Date(now.getTime() + PACK_REMINDER_LOOKAHEAD_DAYS * 86_400_000), 50)).filter((c) => packReminderMaybeDue(c, now));
    // The working day before depends on the jobcentre's bank holidays: one look-up per jobcentre.
    const regions = new Map<string, BankHolidayRegion>();
    for (const id of new Set(candidates.map((c) => c.jobcentreId))) regions.set(id, (await this.deps.people.jobcentre(id))?.bankHolidayRegion ?? 'england-and-wales');
    const due = candidates.filter((c) => packReminderDue(c, now, regions.get(c.jobcentreId) ?? 'england-and-wales'));
    let reminded = 0;
    for (const c of due) {
      const told = await this.deps.uow.run(async () => {
        if (!(await this.deps.store.markPackReminded(c.id, now))) return false;
        await this.deps.store.record(c.id, c.contactId ?? c.hcpId, 'pack reminder', now);
        if (c.contactId) await this.deps.notifier.tell(c.contactId, c);
        await this.deps.notifier.tell(c.hcpId, c);
        return true;
      });
      if (told) reminded += 1;
    }
    return reminded;
  }

  /** Tells the coach of each ad hoc ask that lapsed unanswered, once; refreshes its cards. Returns how many were told. */
  async tellLapsedAdHocAsks(): Promise<number> {
    return tellLapsedAdHocAsks(this.deps);
  }

  /** The activity manager records an HCP's breaks, per weekday; booking never offers a time in one. */
  async setBreaks(manager: StaffMember, hcpId: string, input: BreaksInput): Promise<HcpBreak[]> {
    const { hcps } = await this.managedHcps(manager);
    const hcp = hcps.find((h) => h.id === hcpId);
    if (!hcp) throw invalid('Choose an HCP of your district.', { hcpId: 'Choose an HCP of your district.' });
    const { hours } = await this.deps.patterns.of(hcp);
    const breaks = parseBreaks(hcp.id, input, hours);
    await this.deps.uow.run(() => this.deps.store.setBreaks(hcp.id, breaks, manager.id, this.deps.clock.now()));
    return breaks;
  }

  /** The last thing that happened to it, for a one-line notice. */
  async latestHappening(id: string): Promise<AdviceHappening | null> {
    return this.deps.store.latestHappening(id);
  }

  private async person(id: string): Promise<StaffMember> {
    const found = await this.deps.directory.findById(id);
    if (!found) throw notFound('Someone on this conversation is no longer in the staff directory.');
    return found;
  }

  /** `notBusy`: entries of the person's own diary that do not count, by their exact times. */
  private async participant(person: StaffMember, from: Date, to: Date, notBusy: readonly Interval[] = []): Promise<Participant> {
    const except = notBusy.length ? new Map([[person.email, notBusy]]) : undefined;
    const [pattern, busy] = await Promise.all([this.deps.patterns.of(person), this.deps.calendar.busy([person.email], from, to, except)]);
    return { id: person.id, hours: pattern.hours, region: pattern.region, busy: busy.get(person.email.toLowerCase()) ?? [] };
  }

  /**
   * The HCP with their agreed breaks as busy time, and the entries of their own supporting activity
   * as free: a conversation goes before it (seed 002 Annex 3 §1). The activity is read once for the
   * range; only the entries at exactly its times give way, so another meeting then still blocks.
   */
  private async hcpParticipant(hcp: StaffMember, from: Date, to: Date, conversationId?: string): Promise<Participant> {
    const [activities, breaks, conversations] = await Promise.all([
      this.deps.activities.of(hcp.id, londonDateFast(from), londonDateFast(to)),
      this.deps.store.breaksOf([hcp.id]),
      // From a little before: a conversation already under way holds the HCP too.
      this.deps.store.forHcps([hcp.id], new Date(from.getTime() - CONVERSATION_LOOKBACK_MS), to),
    ]);
    const participant = withBreaks(await this.participant(hcp, from, to, ownActivityTimes(activities, hcp.id)), breaks, from, to);
    // Their conversations hold their time whatever the diary says: an entry at the same times as an
    // activity is left out with it, and a conversation booked over one would be free to book again.
    return { ...participant, busy: [...participant.busy, ...conversationTimes(conversations, conversationId)] };
  }

  private async sitePlan(hcp: StaffMember, fromDate: string, toDate: string): Promise<SitePlan> {
    const days = await this.deps.store.siteDays([hcp.id], fromDate, toDate);
    return { baseJobcentreId: hcp.jobcentreId, days: new Map(days.map((d) => [d.date, d.jobcentreId])) };
  }

  private async slotQuestion(c: AdviceConversation) {
    const [hcp, coach] = await Promise.all([this.person(c.hcpId), this.person(c.coachId)]);
    const now = this.deps.clock.now();
    const to = londonToUtc(addDays(londonDateFast(now), 30), '00:00');
    const [from, last] = [londonDateFast(now), addDays(londonDateFast(now), 30)];
    const [h, w, plan, away] = await Promise.all([this.hcpParticipant(hcp, now, to, c.id), this.participant(coach, now, to), this.sitePlan(hcp, from, last), this.deps.absences.awayOf(hcp.id, from, last)]);
    return { hcp: h, coach: w, sitePlan: plan, jobcentreId: c.jobcentreId, channel: c.channel, complex: c.complex, now, away };
  }
}

/** The words the coach gives the claimant: when, where, how, and that it is their choice. */
export function claimantText(c: AdviceConversation, jobcentreName: string, hcpName: string): string {
  if (!c.start || !c.end) return '';
  // Seed 002 Annex 2 §9: every conversation is in a private area within the jobcentre; a video or
  // telephone channel is how the HCP joins, so the claimant comes in either way and nobody calls them.
  const where = `${c.adHoc ? 'here ' : ''}at ${jobcentreName} Jobcentre`;
  const how = c.channel === 'face_to_face' ? where : `${where}, with ${hcpName} joining ${ADVICE_CHANNEL_HOW[c.channel]}`;
  return (
    `Your conversation with your work coach and ${hcpName}, a Health Care Professional, is on ${describeMeeting(c.start, c.end)}, ${how}. ` +
    'It is about how your health affects work-related activity, and what could help. Taking part is your choice: you can change your mind at any time, and it does not affect your benefit.'
  );
}

