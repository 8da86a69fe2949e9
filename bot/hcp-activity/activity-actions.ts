import { MessageFactory, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import { activityCard, caseConferenceRequestCard, hcpActivityCard } from '../../cards/hcp-activity/activity-cards';
import { bookedWhenAwayText, contactArrivalCard, coverDayNote, managerWeekCard, noticeCard, supplierCard, weeklyNoteCard } from '../../cards/hcp-activity/manager-cards';
import type { FormState, GlanceNote } from '../../cards/glance-card';
import { messageCard, type AdaptiveCard } from '../../cards/render';
import { cardAttachment } from '../../dialogs/card-attachment';
import { dayOfWeek, londonDateFast } from '../../domain/calendar/london-time';
import { isDomainError } from '../../domain/errors';
import type { Arrival, HcpActivityService } from '../../domain/hcp-activity/activity-service';
import type { SupportingActivity, WeeklyNote } from '../../domain/hcp-activity/records';
import { activityHomeOf, caseReferencesIn, coachToTell, describeRecordedDays, mayAskGroupCaseConference, recordsOwnArrival, reviewsWeeklyNotes, START_OF_DAY, weekStartOf } from '../../domain/hcp-activity/rules';
import type { Clock, Logger } from '../../domain/ports';
import type { StaffMember } from '../../domain/staff';
import { cardResponse } from '../core/invoke-response';
import { isDatabaseFailure } from '../../data/database-failure';
import { errorForLog } from '../logger';
import { typedTextSentence } from '../core/typed-text';
import { refusedScreen, type Inputs, type Screen } from '../core/refused-screen';
import type { AccessSink } from '../privacy/access-audit';


const good = (text: string): GlanceNote => ({ text, tone: 'good' });

/** What people write in their own words on these cards, given back when a refused click would lose it. */
const FREE_TEXT = ['takingPart', 'note', 'details', 'answer', 'body', 'reason', 'arrivedAt'];

/**
 * HCP activity in Teams: the HCP's activity card, one activity's card, the weekly note, the
 * activity manager's week and supplier requests, and the contact's arrivals. A refusal comes back
 * on the same card, with the reason and what was typed kept.
 */
export class HcpActivityActions {
  constructor(private readonly deps: { service: HcpActivityService; clock: Clock; logger: Logger; access?: AccessSink }) {}

  private get service() {
    return this.deps.service;
  }

  private today(): string {
    return londonDateFast(this.deps.clock.now());
  }

  /** A command's card, or the reason it is not for this person. */
  async command(turn: TurnContext, screen: () => Promise<AdaptiveCard>): Promise<void> {
    let card: AdaptiveCard;
    try {
      card = await screen();
    } catch (error) {
      if (!isDomainError(error)) throw error;
      card = messageCard(error.message);
    }
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(card)));
  }

  /** Runs a click; on a refusal, shows `screen` again with the reason and what was typed. */
  async answer(person: StaffMember, verb: string, typed: Inputs, work: () => Promise<AdaptiveCard>, screen: Screen): Promise<AdaptiveCardInvokeResponse> {
    try {
      return cardResponse(await work());
    } catch (error) {
      if (!isDomainError(error)) return this.failed(person, verb, typed, error, screen);
      this.deps.logger.info({ verb, actorId: person.id, kind: error.kind }, 'hcp activity action refused');
      return cardResponse(await refusedScreen(error, typed, FREE_TEXT, screen));
    }
  }

  /**
   * A click that failed on our side (a diary that did not answer, say) with words typed into it: the
   * form comes back as typed rather than a bare apology in its place. The database failing answers
   * 503 instead, which keeps the card as it was; a click with nothing typed gets the usual apology.
   */
  private async failed(person: StaffMember, verb: string, typed: Inputs, error: unknown, screen: Screen): Promise<AdaptiveCardInvokeResponse> {
    const written = typedTextSentence(typed, FREE_TEXT);
    if (isDatabaseFailure(error) || !written) throw error;
    this.deps.logger.warn({ verb, actorId: person.id, err: errorForLog(error) }, 'hcp activity action failed; the form is given back as typed');
    // A record saved before the failure is refused if sent again (it would clash with itself), so sending again is safe.
    const text = 'Something went wrong on our side, so this may not have been saved. What you typed is kept: send it again in a minute.';
    try {
      return cardResponse(await screen({ text, tone: 'attention' }, { values: typed }));
    } catch {
      return cardResponse(messageCard(`Something went wrong on our side, so this may not have been saved. In a minute, say "activity" to see your activities, and record it again if it is not there.${written}`));
    }
  }

  // ——— The HCP ———

  async hcpCard(hcp: StaffMember, message?: GlanceNote, form?: FormState): Promise<AdaptiveCard> {
    const o = await this.service.overview(hcp);
    const names = new Map(o.offices.map((j) => [j.id, j.name]));
    const note = await this.noteIfAny(hcp);
    return hcpActivityCard({
      today: this.today(),
      plan: o.today.plan,
      gaps: o.today.gaps,
      officeName: (id) => (id ? (names.get(id) ?? 'another jobcentre') : 'no jobcentre planned'),
      offices: o.offices,
      week: o.week,
      open: o.open,
      attendance: o.attendance,
      note,
      message,
      form,
    });
  }

  private async noteIfAny(hcp: StaffMember): Promise<WeeklyNote | null> {
    try {
      return await this.service.weeklyNoteIfStarted(hcp);
    } catch {
      return null;
    }
  }

  /** `arrived`: the HCP's own arrival now; for a contact, the HCPs expected at their jobcentre. */
  async arrivedCommand(person: StaffMember): Promise<AdaptiveCard> {
    if (recordsOwnArrival(person)) {
      try {
        const arrival = await this.service.recordArrival(person, null);
        return this.hcpCard(person, good(arrivalRecorded(arrival)));
      } catch (error) {
        if (!isDomainError(error) || error.kind !== 'conflict') throw error;
        return this.hcpCard(person, { text: error.message, tone: 'attention' });
      }
    }
    return this.contactCard(person);
  }

  async contactCard(contact: StaffMember, message?: GlanceNote, form?: FormState): Promise<AdaptiveCard> {
    const expected = await this.service.expectedToday(contact);
    return contactArrivalCard({ ...expected, today: this.today(), message, form });
  }

  /** A click on "I have arrived" or "(HCP) has arrived", with the time they arrived if one is given (empty: now). */
  async arrivedClick(person: StaffMember, hcpId: string | null, arrivedAt?: string): Promise<AdaptiveCard> {
    const arrival = await this.service.recordArrival(person, hcpId, arrivedAt);
    const text = arrivalRecorded(arrival);
    return recordsOwnArrival(person) && (!hcpId || hcpId === person.id) ? this.hcpCard(person, good(text)) : this.contactCard(person, good(text));
  }

  async absenceClick(person: StaffMember, typed: Inputs): Promise<AdaptiveCard> {
    const { days, request, already, booked } = await this.service.recordAbsence(person, typed.hcpId || null, typed.fromDate ?? '', typed.toDate ?? '');
    const left = already.length ? ` Already recorded, so left as they were: ${describeRecordedDays(already)}.` : '';
    const text = `Absence recorded for ${days.length} working day${days.length === 1 ? '' : 's'}. ${request.reference} asks the supplier for a replacement.${left}`;
    const hcp = booked.length ? await this.service.person(booked[0]!.hcpId) : null;
    const bookedText = hcp ? bookedWhenAwayText(hcp.name, booked, 'on those days') : null;
    return this.homeOf(person, bookedText ? { text: `${text} ${bookedText}`, tone: 'attention' } : good(text));
  }

  /** The card a person starts from: the manager's week, the contact's arrivals, the HCP's activity. */
  async homeOf(person: StaffMember, message?: GlanceNote, form?: FormState): Promise<AdaptiveCard> {
    const home = activityHomeOf(person);
    if (home === 'manager') return this.managerCard(person, message, form);
    if (home === 'hcp') return this.hcpCard(person, message, form);
    return this.contactCard(person, message, form);
  }

  // ——— One activity ———

  async activityCard(person: StaffMember, activityOrId: SupportingActivity | string, message?: GlanceNote, form?: FormState): Promise<AdaptiveCard | null> {
    const activity = typeof activityOrId === 'string' ? await this.service.get(activityOrId) : activityOrId;
    const part = await this.service.viewerPart(activity, person);
    if (!part) return null;
    // Its note may name the claimant of the case it is about: a showing of that case.
    if (activity.caseReference) this.deps.access?.saw(person, 'hcp activity', activity.caseReference, part, 'card');
    const hcp = await this.service.person(activity.hcpId);
    const requester = activity.requestedById ? await this.service.person(activity.requestedById).catch(() => null) : null;
    const coach = activity.coachId ? await this.service.person(activity.coachId).catch(() => null) : null;
    const office = activity.jobcentreId ? await this.service.jobcentre(activity.jobcentreId) : null;
    const conversationsOver = await this.service.conversationsOver(activity);
    return activityCard({ activity, part, hcpName: hcp.name, requesterName: requester?.name ?? null, coachName: coach?.name ?? null, officeName: office?.name ?? 'no jobcentre', conversationsOver, message, form, now: this.deps.clock.now() });
  }

  async activityOrMessage(person: StaffMember, activity: SupportingActivity | string, message?: GlanceNote, form?: FormState): Promise<AdaptiveCard> {
    return (await this.activityCard(person, activity, message, form)) ?? messageCard('That activity is not one of yours, so there is nothing to show.');
  }

  // ——— Case conference requests ———

  async conferenceForm(person: StaffMember, message?: GlanceNote, form?: FormState): Promise<AdaptiveCard> {
    const hcp = await this.service.coveringHcp(person);
    const coaches = await this.service.conferenceCoaches(person);
    return caseConferenceRequestCard(hcp.name, mayAskGroupCaseConference(person), { ...form, message }, coaches);
  }

  /**
   * What whoever arranged a case conference is told once it is saved: who has it in their diary and
   * who is told. The coach a team leader or the activity manager arranged it for is named.
   */
  async arrangedNote(person: StaffMember, activity: SupportingActivity): Promise<string> {
    const told = coachToTell(activity, person.id);
    const coach = told ? await this.service.person(told).catch(() => null) : null;
    if (activity.status === 'requested') return coach ? `Sent to the HCP Activity Manager. ${coach.name} is told, and you will get this card again with the time.` : 'Sent to the HCP Activity Manager. You will get this card again with the time.';
    if (!coach) return 'Saved. It goes into the diaries of the HCP and whoever asked for it, and they are told.';
    const hcp = await this.service.person(activity.hcpId);
    return activity.requestedById ? `Saved. It goes into ${hcp.name}’s and ${coach.name}’s diaries, and they and whoever asked for it are told.` : `Saved. It goes into ${hcp.name}’s and ${coach.name}’s diaries, and they are told.`;
  }

  // ——— The weekly note ———

  async noteCard(person: StaffMember, note: WeeklyNote, message?: GlanceNote, form?: FormState): Promise<AdaptiveCard> {
    const part = person.id === note.hcpId ? 'hcp' : 'manager';
    if (part === 'manager' && (!reviewsWeeklyNotes(person) || (await this.service.managerDistrict(person)) !== note.district)) return messageCard('That note is not from an HCP of your district.');
    // The note may repeat what activities about cases said: a showing of each case it names, by reference.
    for (const reference of caseReferencesIn(note.body)) this.deps.access?.saw(person, 'hcp weekly note', reference, part, 'card');
    const hcp = await this.service.person(note.hcpId);
    const reviewer = note.reviewedById ? await this.service.person(note.reviewedById).catch(() => null) : null;
    const today = this.today();
    return weeklyNoteCard({ note, part, hcpName: hcp.name, reviewerName: reviewer?.name ?? null, fridayReminder: dayOfWeek(today) === 5 && note.weekStart === weekStartOf(today), message, form });
  }

  /** `weekly note`: last week's first while it is still to submit, saying so; otherwise this week's. */
  async myNoteCard(hcp: StaffMember, message?: GlanceNote, form?: FormState): Promise<AdaptiveCard> {
    const overdue = message || form ? null : await this.service.lastWeekToSubmit(hcp);
    if (overdue) return this.noteCard(hcp, overdue, { text: 'Last week’s note is not submitted yet: submit it first. Say "weekly note" again afterwards for this week’s.', tone: 'attention' });
    return this.noteCard(hcp, await this.service.weeklyNote(hcp), message, form);
  }

  // ——— The activity manager ———

  async managerCard(manager: StaffMember, message?: GlanceNote, form?: FormState): Promise<AdaptiveCard> {
    const week = await this.service.managerWeek(manager);
    const hcps = week.hcps.map((h) => h.hcp);
    const reading = this.service.districtOffices(hcps);
    const [offices, coaches] = await Promise.all([reading, this.service.districtCoaches(manager, hcps, reading)]);
    return managerWeekCard({ week, offices, coaches, today: this.today(), message, form });
  }

  /**
   * `answering`: the request whose answer form `form` is for; `changingCover`: `form` is the cover day
   * form; without either, `form` is the form to ask the supplier.
   */
  async supplierCard(manager: StaffMember, message?: GlanceNote, form?: FormState, answering?: string, changingCover?: boolean): Promise<AdaptiveCard> {
    const { district, open, recent } = await this.service.supplierRequests(manager);
    const hcps = await this.service.districtHcps(district);
    return supplierCard({ district, open, recent, hcps, today: this.today(), message, form, answering, viewer: manager, changingCover });
  }

  /**
   * A cover day changed: the supplier card drawn again, saying what changed and where that leaves the
   * request. The request is chosen on the card as its id and the version it was shown at.
   */
  async coverDayClick(manager: StaffMember, typed: Inputs): Promise<AdaptiveCard> {
    const [requestId = '', shown = ''] = (typed.request ?? '').trim().split(':');
    const version = /^\d+$/.test(shown) ? Number(shown) : null;
    const { request, before } = await this.service.changeCoverDay(manager, requestId, version, typed);
    // Ids and days only: the request's details and answer may name an HCP.
    this.deps.logger.info({ verb: 'hcp.supplierCover', actorId: manager.id, requestId: request.id, from: before, to: request.coverOn }, 'supplier cover day changed');
    return this.supplierCard(manager, good(coverDayNote(request, before, this.today())));
  }

  async noticeClick(manager: StaffMember, typed: Inputs): Promise<AdaptiveCard> {
    const { notice, open, note, booked } = await this.service.recordNotice(manager, typed);
    const hcp = await this.service.person(notice.hcpId);
    return noticeCard(notice, hcp.name, open, note, booked);
  }
}

/** What the person who recorded an arrival is told: on a day recorded absent, that it took the absence's place and what became of the replacement. */
function arrivalRecorded({ record, replacedAbsence }: Arrival): string {
  const recorded = record.status === 'late' ? `Arrival recorded, after ${START_OF_DAY}: it shows as late.` : 'Arrival recorded. Thank you.';
  if (!replacedAbsence) return recorded;
  const request = replacedAbsence.request;
  const replacement = !request
    ? ''
    : request.status === 'withdrawn'
      ? ` ${request.reference}, the replacement asked of the supplier, is withdrawn: it is no longer needed.`
      : request.status === 'open'
        ? ` ${request.reference}, the replacement asked of the supplier, is now for the days still absent only.`
        : ` The supplier has already answered ${request.reference}, the replacement asked for.`;
  return `${recorded} It takes the place of the absence recorded for today.${replacement} The activity manager is told.`;
}
