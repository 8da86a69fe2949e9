import { MessageFactory, TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import { cardResponse } from '../core/invoke-response';
import { refusedScreen } from '../core/refused-screen';
import { PLAN_READ_WITHIN_MS, PROPOSALS_WITHIN_MS, readDiariesWithin, type UnreadWords } from '../core/time-box';
import { isDatabaseFailure } from '../../data/database-failure';
import { caseListCard, casesOfPlacedAgain, conferenceChangedCard, conferenceOnAgainCard, nominateCard, planCard, planStartCard, qasReminderCard, summaryForWctlCard } from '../../cards/conference-cards';
import type { FormState, GlanceNote } from '../../cards/glance-card';
import { messageCard, type AdaptiveCard } from '../../cards/render';
import { cardAttachment } from '../../dialogs/card-attachment';
import type { SqlConferenceStore } from '../../data/stores/group-conferences';
import type { ConferenceCases } from '../../domain/conferences/conference-cases';
import type { GroupConferenceService, Prepared, PreparedDraft } from '../../domain/conferences/group-conference-service';
import { addMonthsTo, describeMonth, HORIZON_MONTHS, monthBounds, monthOf } from '../../domain/conferences/months';
import { allowedConference, allowedPlan } from '../../domain/conferences/plan-policy';
import type { ConferencePlan, GroupConference } from '../../domain/conferences/plan';
import { isDomainError } from '../../domain/errors';
import type { Clock, Logger, StaffDirectory } from '../../domain/ports';
import { describeMeeting } from '../../domain/requests/calendar-date';
import type { StaffMember } from '../../domain/staff';
import { inWords } from '../../domain/names';
import type { AccessSink } from '../privacy/access-audit';

type ActionData = Record<string, unknown>;

export const CONFERENCE_VERBS = ['conference.draft', 'conference.change', 'conference.confirm', 'conference.retry', 'conference.open', 'conference.move', 'conference.place', 'conference.cancel', 'conference.cases', 'conference.nominate', 'conference.outcome', 'conference.qas'] as const;
export type ConferenceVerb = (typeof CONFERENCE_VERBS)[number];

export interface ConferenceActionDeps {
  readonly plans: GroupConferenceService;
  readonly cases: ConferenceCases;
  readonly store: SqlConferenceStore;
  readonly directory: StaffDirectory;
  /** The plan's card is to show the plan as it now is (booking progress). */
  readonly onPlanChanged: (planId: string) => Promise<void>;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Each nominated case a case list or summary shows is noted for the access log. */
  readonly access?: AccessSink;
}

/**
 * The group conference journey in Teams (verbs `conference.*`). Each click is answered at once
 * from stored state; booking the diaries is durable work that runs afterwards (bot/conferences/
 * journey.ts), and the plan's card is updated as it goes ("Booking… 4 of 12"). A refusal comes back on the same card with what was typed kept.
 */
export class ConferenceActions {
  constructor(private readonly deps: ConferenceActionDeps) {}

  /** `plan group conferences`: the team leader chooses the DEA, the length and whom else to invite. */
  async planCommand(turn: TurnContext, person: StaffMember): Promise<void> {
    const deas = await this.deps.plans.deaChoices(person);
    if (!deas.length) {
      await turn.sendActivity('No DEA in the staff directory has you as their team leader, or supports your work coaches, so there is nobody to plan for. Ask whoever keeps the directory.');
      return;
    }
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(planStartCard(deas))));
  }

  /** `nominate case`: a case for the person's next conferences. */
  async nominateCommand(turn: TurnContext, person: StaffMember): Promise<void> {
    const coming = await this.comingFor(person);
    if (!coming.length) {
      await turn.sendActivity('There is no group conference coming up that you take part in, so there is nothing to nominate a case for yet.');
      return;
    }
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(nominateCard(coming))));
  }

  /** One handler per verb; a domain refusal comes back on the same card with what was typed kept. */
  readonly verbs: Readonly<Record<ConferenceVerb, (person: StaffMember, data: ActionData, turn: TurnContext, typed: Readonly<Record<string, string>>) => Promise<AdaptiveCard>>> = {
    'conference.draft': async (person, data, turn, typed) => {
      const read = await this.draftWithin(person, data, typed);
      if ('unread' in read) return read.unread;
      const plan = await read.draft.save();
      // The card this click came from becomes the plan: remember it, to update as booking goes.
      const activityId = turn.activity.replyToId;
      if (activityId) await this.deps.store.setCard(plan.id, activityId, TurnContext.getConversationReference(turn.activity));
      return this.renderPlan(plan.id, { note: { text: 'Nothing is booked until you confirm.', tone: 'good' } });
    },
    'conference.change': async (person, data, _turn, typed) => {
      const read = await this.savedWithin(person, data, typed, { nothing: 'nothing was changed', again: 'Change it' }, () => this.deps.plans.prepareChange(person, planIdOf(data), versionOf(data), String(data.conferenceId ?? ''), data.date, data.time));
      if ('unread' in read) return read.unread;
      return this.renderPlan(read.saved.id, { note: { text: 'Changed. Confirm when the plan suits.', tone: 'good' } });
    },
    'conference.confirm': async (person, data, turn) => {
      const plan = await this.deps.plans.confirm(person, planIdOf(data), versionOf(data));
      const activityId = turn.activity.replyToId;
      if (activityId) await this.deps.store.setCard(plan.id, activityId, TurnContext.getConversationReference(turn.activity));
      // Confirming committed the work of booking, which has started: the card is updated as it goes.
      const total = (await this.deps.plans.plan(plan.id)).conferences.length;
      return this.renderPlan(plan.id, { progress: `Booking… 0 of ${total}` });
    },
    'conference.retry': async (person, data) => {
      const plan = await this.deps.plans.retry(person, planIdOf(data));
      return this.renderPlan(plan.id, { progress: 'Trying again…' });
    },
    'conference.open': async (person, data) => {
      const conference = await this.deps.plans.forManaging(person, String(data.conferenceId ?? ''), data.version === undefined ? null : versionOf(data));
      return this.renderPlan(conference.planId, { open: conference.id });
    },
    'conference.move': async (person, data, _turn, typed) => {
      const read = await this.savedWithin(person, data, typed, { nothing: 'it was not moved', again: 'Move it' }, () => this.deps.plans.prepareMove(person, String(data.conferenceId ?? ''), conferenceVersionOf(data), data.date, data.time));
      if ('unread' in read) return read.unread;
      const moved = read.saved;
      return this.renderPlan(moved.planId, { note: { text: `Moved group ${moved.groupIndex + 1}’s conference to ${describeMeeting(moved.start!, moved.end!)}. Everyone’s diary is being changed and they are told.`, tone: 'good' } });
    },
    'conference.place': async (person, data, _turn, typed) => {
      const read = await this.savedWithin(person, data, typed, { nothing: 'nothing was booked', again: 'Book it' }, () => this.deps.plans.preparePlace(person, String(data.conferenceId ?? ''), conferenceVersionOf(data), data.date, data.time));
      if ('unread' in read) return read.unread;
      const { conference: placed, wasCancelled, casesKept } = read.saved;
      const when = placed.start && placed.end ? describeMeeting(placed.start, placed.end) : 'the time you gave';
      const busy = placed.clashes.length ? ` ${placed.clashes.length === 1 ? 'One person is' : `${placed.clashes.length} people are`} busy or not working then: see the plan.` : '';
      const told = wasCancelled ? ', and they are told it is on again' : '';
      const booking = placed.status === 'booked' ? `It is in everyone’s diary${told}.` : `It is being put in everyone’s diary${told}.`;
      const cases = casesKept === null ? '' : ` ${casesOfPlacedAgain(casesKept)}`;
      return this.renderPlan(placed.planId, { note: { text: `Group ${placed.groupIndex + 1}’s ${describeMonth(placed.month)} conference is ${when}. ${booking}${busy}${cases}`, tone: placed.clashes.length ? 'attention' : 'good' } });
    },
    'conference.cancel': async (person, data) => {
      const { conference: cancelled, movedCases, next } = await this.deps.plans.cancel(person, String(data.conferenceId ?? ''), conferenceVersionOf(data));
      const cases = movedCases === 0 ? '' : ` ${movedCases === 1 ? 'The case put forward for it goes' : `The ${movedCases} cases put forward for it go`} to the group’s next conference, ${next?.start && next.end ? describeMeeting(next.start, next.end) : `in ${describeMonth(next?.month ?? cancelled.month)}, once you give it a time`}.`;
      return this.renderPlan(cancelled.planId, { note: { text: `Cancelled group ${cancelled.groupIndex + 1}’s conference in ${describeMonth(cancelled.month)}. It is being taken out of everyone’s diary and they are told.${cases}`, tone: 'good' } });
    },
    'conference.cases': async (person, data) => {
      const conference = await this.deps.plans.forCaseList(person, String(data.conferenceId ?? ''));
      const plan = await this.deps.store.findPlan(conference.planId);
      // The plan's team leader opens a held conference's summary, with its check list (due or at their discretion).
      if (plan?.wctlId === person.id && plan.deaId !== person.id && conference.status === 'held') return (await this.outboxCards.summary(conference.id, person)) ?? messageCard('That conference no longer exists.');
      return this.renderCases(conference.id, person, {}, undefined, plan?.deaId !== person.id);
    },
    'conference.nominate': async (person, data) => {
      const { nominated, warning, deaTold } = await this.deps.cases.nominate(person, String(data.conferenceId ?? ''), data);
      const sent = deaTold ? 'The DEA already had the list, so it is sent to them again with this case.' : 'The DEA gets the list before the conference.';
      const note: GlanceNote = warning ? { text: `Nominated ${nominated.reference ?? 'the new case'}. ${warning}`, tone: 'attention' } : { text: `Nominated ${nominated.reference ?? 'the new case'}. ${sent}`, tone: 'good' };
      return nominateCard(await this.comingFor(person), {}, note);
    },
    'conference.outcome': async (person, data) => {
      const { conference: held, notStarted } = await this.deps.cases.recordOutcome(person, String(data.conferenceId ?? ''), versionOf(data), data);
      const note: GlanceNote = notStarted.length
        ? { text: `Saved. The summary was sent to the team leader. Nothing could be started for ${inWords(notStarted)}: there is no request with a claimant to start from, so take ${notStarted.length === 1 ? 'its' : 'their'} outcomes forward yourself, or ask the coach to make a request.`, tone: 'attention' }
        : { text: 'Saved. The summary was sent to the team leader, and the outcomes started their channels.', tone: 'good' };
      return this.renderCases(held.id, person, {}, note);
    },
    'conference.qas': async (person, data) => {
      await this.deps.cases.recordQas(person, String(data.conferenceId ?? ''), data.result, data.comments);
      return messageCard('Group Case Conference Check List recorded. Thank you.');
    },
  };

  /**
   * A draft read from every diary of the cohort (31 people over four months), within Teams' time for
   * a click. When the diaries are slow (Graph throttling, say) or cannot be read, the form comes back
   * as it was sent, saying so: the draft is saved only once read in time, so a read that lands after
   * the answer writes nothing. A refusal is thrown, to be answered as any other.
   */
  private async draftWithin(person: StaffMember, data: ActionData, typed: Readonly<Record<string, string>>): Promise<{ draft: PreparedDraft } | { unread: AdaptiveCard }> {
    const read = await readDiariesWithin(
      PLAN_READ_WITHIN_MS,
      this.deps.plans.prepareDraft(person, data),
      { nothing: 'no plan was made and nothing was changed', again: 'Find times' },
      { logger: this.deps.logger, actorId: person.id, what: 'conference plan' },
      (error) => isDomainError(error) || isDatabaseFailure(error),
    );
    if ('value' in read) return { draft: read.value };
    return { unread: planStartCard(await this.deps.plans.deaChoices(person), { values: withoutIds(typed) }, { text: read.unread, tone: 'attention' }) };
  }

  /**
   * A time typed for one conference, checked against who is busy then within Teams' time for a
   * click: saved only once read in time; otherwise the plan comes back with that form open as sent.
   */
  private async savedWithin<T>(person: StaffMember, data: ActionData, typed: Readonly<Record<string, string>>, words: UnreadWords, prepare: () => Promise<Prepared<T>>): Promise<{ saved: T } | { unread: AdaptiveCard }> {
    const read = await readDiariesWithin(PROPOSALS_WITHIN_MS, prepare(), words, { logger: this.deps.logger, actorId: person.id, what: 'conference time' }, (error) => isDomainError(error) || isDatabaseFailure(error));
    if ('value' in read) return { saved: await read.value.save() };
    return { unread: await this.renderPlan(planIdOf(data), { note: { text: read.unread, tone: 'attention' }, form: { values: withoutIds(typed), problems: {} }, formOpen: true }) };
  }

  /** What the plan's card says once a moved or cancelled conference's diary work is done. */
  diaryDoneNote(conference: GroupConference): GlanceNote {
    const group = `Group ${conference.groupIndex + 1}’s conference`;
    if (conference.status === 'cancelled') return { text: `${group} in ${describeMonth(conference.month)} is cancelled: it is out of everyone’s diary and they are told.`, tone: 'good' };
    return { text: `${group} is moved to ${describeMeeting(conference.start!, conference.end!)}: everyone’s diary is changed and they are told.`, tone: 'good' };
  }

  /** Answers a click on a conference card with the verb's handler, or the refusal on the same card. */
  async answer(verb: ConferenceVerb, person: StaffMember, data: ActionData, typed: Readonly<Record<string, string>>, turn: TurnContext): Promise<AdaptiveCardInvokeResponse> {
    try {
      return cardResponse(await this.verbs[verb](person, data, turn, typed));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      this.deps.logger.info({ verb, actorId: person.id, kind: error.kind }, 'conference action refused');
      // Someone it is not for sees the refusal only: no coach's name, date or case.
      return cardResponse(await refusedScreen(error, withoutIds(typed), CONFERENCE_TEXT, (note, form) => this.screenOf(person, verb, data, note, form), { changed: verb !== 'conference.draft' }));
    }
  }

  /** The plan card as it now is, for the click's answer and for every progress update. */
  async renderPlan(planId: string, extras: { progress?: string; note?: GlanceNote; form?: FormState; formOpen?: boolean; open?: string } = {}): Promise<AdaptiveCard> {
    const { plan, conferences, earlier, qasDue } = await this.deps.plans.plan(planId);
    const ids = new Set<string>([plan.deaId, ...conferences.flatMap((c) => [...c.coachIds, ...c.clashes]), ...(plan.workPsychologistId ? [plan.workPsychologistId] : [])]);
    const people = new Map((await this.deps.directory.findByIds([...ids])).map((p) => [p.id, p]));
    // Booking progress is of the months shown: those before were booked long ago.
    const live = conferences.filter((c) => c.status !== 'cancelled' && c.status !== 'unplaced');
    const booking = live.filter((c) => c.status === 'pending').length;
    const booked = live.filter((c) => c.status === 'booked' || c.status === 'held').length;
    const failed = live.filter((c) => c.status === 'failed').length;
    // The plan's card lives in its team leader's chat: it offers what the policy lets them do.
    const now = this.deps.clock.now();
    const conferenceAllowed = new Map(conferences.map((c) => [c.id, allowedConference(plan.wctlId, plan, c, now)]));
    // Not "all" while a month still to come has nothing booked (none found, or cancelled).
    const gaps = conferences.filter((c) => conferenceAllowed.get(c.id)!.has('place')).length;
    const bookedWords = `${booked} ${booked === 1 ? 'conference is' : 'conferences are'} booked`;
    // A cancelled month still shows the time it had: it has nothing booked, not no time.
    const allBooked = gaps ? `${bookedWords}; ${gaps} ${gaps === 1 ? 'has' : 'have'} nothing booked.` : booked === 1 ? `${bookedWords}.` : `All ${bookedWords}.`;
    const progress =
      extras.progress ??
      (plan.status !== 'confirmed' ? '' : booking ? `Booking… ${booked} of ${live.length}` : failed ? `Booked ${booked} of ${live.length}; ${failed} could not be booked yet.` : allBooked);
    return planCard({ plan, conferences, dea: people.get(plan.deaId)!, people, progress, allowed: allowedPlan(plan.wctlId, plan, conferences), conferenceAllowed, open: extras.open, note: extras.note, form: extras.form, formOpen: extras.formOpen, earlier, qasDue, now });
  }

  /** Cards the outbox delivers (rendered at delivery from stored state). */
  readonly outboxCards = {
    cases: async (conferenceId: string, recipient: StaffMember): Promise<AdaptiveCard | null> => this.renderCases(conferenceId, recipient),
    summary: async (conferenceId: string, recipient: StaffMember): Promise<AdaptiveCard | null> => {
      const conference = await this.deps.store.findConference(conferenceId);
      if (!conference) return null;
      const plan = (await this.deps.store.findPlan(conference.planId))!;
      const due = (await this.deps.cases.qasDue(plan)).includes(conference.month);
      return summaryForWctlCard(conference, this.seen(recipient, await this.deps.cases.cases(conferenceId)), await this.names(conferenceId), due);
    },
    // A conference's messages are drawn as it is on delivery, perhaps long after (a person who has not
    // opened the app yet): one a later change has overtaken is not sent, as the later change's own says
    // what is true now.
    changed: async (conferenceId: string, recipient: StaffMember): Promise<AdaptiveCard | null> => {
      const about = await this.noticeOf(conferenceId);
      if (!about) return null;
      // The team leader is sent this only about a month with no time: one it has now, they gave it.
      if (recipient.id === about.plan.wctlId && about.conference.status !== 'unplaced') return null;
      return this.changedCard(about);
    },
    cancelled: async (conferenceId: string): Promise<AdaptiveCard | null> => {
      const about = await this.noticeOf(conferenceId);
      // Given a time again since: everyone invited then was told it is on again.
      return about?.conference.status === 'cancelled' ? this.changedCard(about) : null;
    },
    again: async (conferenceId: string): Promise<AdaptiveCard | null> => {
      const about = await this.noticeOf(conferenceId);
      // Cancelled again since (that cancel told them), or held already: nothing of this is still news.
      if (!about || !['pending', 'booked', 'failed'].includes(about.conference.status)) return null;
      const { conference, plan, dea } = about;
      return conferenceOnAgainCard(conference, plan, dea, (await this.deps.store.casesOf(conference.id)).length);
    },
    qas: async (conferenceId: string): Promise<AdaptiveCard | null> => {
      const conference = await this.deps.store.findConference(conferenceId);
      const plan = conference ? await this.deps.store.findPlan(conference.planId) : null;
      const dea = plan ? await this.deps.directory.findById(plan.deaId) : null;
      return conference && dea ? qasReminderCard(conference.month, conference, dea) : null;
    },
  };

  /** A conference a message is about, its plan and its DEA; null when any is gone. */
  private async noticeOf(conferenceId: string): Promise<{ conference: GroupConference; plan: ConferencePlan; dea: StaffMember } | null> {
    const conference = await this.deps.store.findConference(conferenceId);
    const plan = conference ? await this.deps.store.findPlan(conference.planId) : null;
    const dea = plan ? await this.deps.directory.findById(plan.deaId) : null;
    return conference && plan && dea ? { conference, plan, dea } : null;
  }

  private async changedCard({ conference, plan, dea }: { conference: GroupConference; plan: ConferencePlan; dea: StaffMember }): Promise<AdaptiveCard> {
    const next = conference.status === 'cancelled' ? await this.deps.plans.nextOfGroup(plan.id, conference) : null;
    return conferenceChangedCard(conference, plan, dea, next);
  }

  private async renderCases(conferenceId: string, viewer: StaffMember, form: FormState = {}, note?: GlanceNote, readOnly = false): Promise<AdaptiveCard> {
    const conference = await this.deps.store.findConference(conferenceId);
    if (!conference) return messageCard('That conference no longer exists.');
    return caseListCard(conference, this.seen(viewer, await this.deps.cases.cases(conferenceId)), await this.names(conferenceId), form, note, readOnly);
  }

  /** Nominated cases shown to someone: each request among them is a showing of that case (a new case in a few words names nobody). */
  private seen<C extends { readonly requestId: string | null }>(viewer: StaffMember, cases: readonly C[]): readonly C[] {
    for (const c of cases) if (c.requestId) this.deps.access?.saw(viewer, 'request', c.requestId, 'group conference', 'list');
    return cases;
  }

  private async names(conferenceId: string): Promise<Map<string, string>> {
    const cases = await this.deps.cases.cases(conferenceId);
    return new Map((await this.deps.directory.findByIds(cases.map((c) => c.nominatedById))).map((p) => [p.id, p.name]));
  }

  /**
   * The conferences a person may nominate cases for, soonest first: a coach's next two; for the DEA,
   * the plan's team leader and the team leaders of the group's coaches (seed §31), the next of each
   * group. Two bounded reads whatever the history: the coming conferences of the plans the person made
   * or holds, and those of the plans of their own DEA and of their coaches' DEAs.
   */
  private async comingFor(person: StaffMember): Promise<{ conference: GroupConference; label: string }[]> {
    const now = this.deps.clock.now();
    const led = await this.deps.directory.findByTeamLeader(person.id);
    const ledIds = new Set(led.map((c) => c.id));
    const leads = (coachIds: readonly string[]) => coachIds.some((id) => ledIds.has(id));
    // After now, to the end of the last month the top-up keeps booked.
    const from = new Date(now.getTime() + 1);
    const to = monthBounds(addMonthsTo(monthOf(now), HORIZON_MONTHS)).to;
    const statuses: GroupConference['status'][] = ['booked', 'pending'];
    const overseen = await this.deps.store.bookedBetween(from, to, { madeBy: person.id, deaIds: [person.id], statuses, limit: COMING_LIMIT });
    const overseenPlans = new Set(overseen.map((c) => c.planId));
    const deaIds = [...new Set([...(person.deaId ? [person.deaId] : []), ...led.flatMap((c) => (c.deaId ? [c.deaId] : []))])].filter((id) => id !== person.id);
    const others = deaIds.length ? (await this.deps.store.bookedBetween(from, to, { deaIds, statuses, limit: COMING_LIMIT })).filter((c) => !overseenPlans.has(c.planId)) : [];
    const mine = others.filter((c) => c.coachIds.includes(person.id) || leads(c.coachIds));
    // The next of each group for whoever oversees it or leads some of its coaches; a coach's next two.
    const chosen = [...nextOfEachGroup(overseen), ...(ledIds.size ? nextOfEachGroup(mine) : mine.slice(0, 2))];
    return chosen.sort((a, b) => a.start!.getTime() - b.start!.getTime()).map((c) => ({ conference: c, label: `Group ${c.groupIndex + 1}, ${describeMonth(c.month)}: ${describeMeeting(c.start!, c.end!)}` }));
  }

  /** The screen a verb's form was on, drawn again as it now is (a message when there is none). */
  private async screenOf(person: StaffMember, verb: string, data: ActionData, note: GlanceNote, form: FormState): Promise<AdaptiveCard> {
    if (verb === 'conference.draft') return planStartCard(await this.deps.plans.deaChoices(person).catch(() => []), form, note);
    if (verb === 'conference.nominate') return nominateCard(await this.comingFor(person), form, note);
    if (verb === 'conference.outcome' || verb === 'conference.qas') {
      const conferenceId = String(data.conferenceId ?? '');
      if (verb === 'conference.qas') {
        const conference = await this.deps.store.findConference(conferenceId);
        if (conference) return summaryForWctlCard(conference, this.seen(person, await this.deps.cases.cases(conferenceId)), await this.names(conferenceId), true, form, note);
      }
      return this.renderCases(conferenceId, person, form, note);
    }
    const planId = planIdOf(data);
    return planId ? this.renderPlan(planId, { note, form }) : messageCard(note.text);
  }


}

/** At most this many coming conferences are read for the nominate form, each of its two reads. */
const COMING_LIMIT = 100;

/** The soonest conference of each group of each plan, of conferences soonest first. */
function nextOfEachGroup(conferences: readonly GroupConference[]): GroupConference[] {
  const seen = new Set<string>();
  return conferences.filter((c) => {
    const key = `${c.planId}:${c.groupIndex}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function conferenceVersionOf(data: ActionData): number {
  const version = Number(data.conferenceVersion);
  return Number.isInteger(version) ? version : -1;
}

function planIdOf(data: ActionData): string {
  return typeof data.planId === 'string' ? data.planId : '';
}

function versionOf(data: ActionData): number {
  return typeof data.version === 'number' ? data.version : Number(data.version);
}

/** The conference forms' inputs in a person's own words: given back when a refusal's form is gone. */
const CONFERENCE_TEXT = ['summary', 'actions', 'comments', 'note', 'reference', 'venue', 'room'];

function withoutIds(typed: Readonly<Record<string, string>>): Record<string, string> {
  const { planId: _plan, version: _version, ...inputs } = typed;
  return inputs;
}
