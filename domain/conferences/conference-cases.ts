/**
 * Around each conference (seed §30–34, §69): work coaches and the team leader nominate cases; the
 * DEA gets the list before the day; afterwards the DEA records the summary, the actions and each
 * case's further outcomes, which start their channels; the team leader gets the summary and
 * records the Group Case Conference Check List, reminded while it is due.
 */
import { conflict, invalid, notAllowed, notFound } from '../errors';
import type { Clock, Logger, StaffDirectory } from '../ports';
import type { StaffMember } from '../staff';
import { checkNextSteps, type FollowUpStarter } from '../outcomes/next-steps';
import type { SupportRequestStore } from '../requests/ports';
import type { SupportRequest } from '../requests/support-request';
import { CASES_EXPECTED, CONFERENCE_LIMITS, PLAN_READ_LIMIT, QAS_MONTHLY_FOR, type ConferencePlan, type GroupConference, type NominatedCase, type QasCheck } from './plan';
import { checkQasResult } from '../quality/qas';
import { looksLikeNino } from '../requests/nino';
import type { ConferenceNotifier, ConferenceStore, JobLeases } from './ports';
import type { UnitOfWork } from '../unit-of-work';
import { claimantCoachOf } from '../requests/participants';
import { monthOf } from './months';

export interface ConferenceCaseDeps {
  readonly store: ConferenceStore;
  readonly directory: StaffDirectory;
  readonly requests: SupportRequestStore;
  readonly followUps: FollowUpStarter;
  readonly notifier: ConferenceNotifier;
  readonly jobs: JobLeases;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The conference held, each case's outcome and follow-ups, and the summary for the team leader: all or none. */
  readonly uow: UnitOfWork;
}

export interface Nomination {
  /** A request reference like DEA-000123, for a case the DEA already knows. */
  readonly reference?: unknown;
  /** Or a new case in a few words. */
  readonly note?: unknown;
}

export interface ConferenceOutcome {
  readonly summary?: unknown;
  readonly actions?: unknown;
  /** Per nominated case, `steps_<caseId>`: the chosen next steps, comma-separated. */
  readonly [key: string]: unknown;
}

/** A conference's outcome as recorded, and the cases an outcome chosen for could not start (no request to start from). */
export interface RecordedOutcome {
  readonly conference: GroupConference;
  /** Each by its reference, or its place on the list for a new case. */
  readonly notStarted: readonly string[];
}

/** The DEA gets the cases this long before the conference. */
export const CASE_LIST_LEAD_MS = 3 * 86_400_000;
const REFERENCE = /^DEA-(\d{1,9})$/i;

export class ConferenceCases {
  constructor(private readonly deps: ConferenceCaseDeps) {}

  /**
   * A case for the conference: from one of the cohort's requests, or new. Warns above 4. Once the DEA
   * has been sent the case list, a case nominated by someone else is sent to them too, with the list
   * as it now is (`deaTold`), so that no case reaches the conference unseen.
   */
  async nominate(person: StaffMember, conferenceId: string, nomination: Nomination): Promise<{ nominated: NominatedCase; warning: string | null; deaTold: boolean }> {
    const { conference, plan } = await this.conference(conferenceId);
    const leaders = new Set((await this.deps.directory.findByIds(conference.coachIds)).map((c) => c.teamLeaderId));
    const mayNominate = conference.coachIds.includes(person.id) || person.id === plan.wctlId || person.id === plan.deaId || leaders.has(person.id);
    if (!mayNominate) throw notAllowed('Only the coaches of this group, their team leader and the DEA nominate cases for it.');
    if (conference.status === 'held' || conference.status === 'cancelled') throw invalid('This conference is over: nominate the case for a later one.');
    const reference = typeof nomination.reference === 'string' ? nomination.reference.trim().toUpperCase() : '';
    const note = typeof nomination.note === 'string' ? nomination.note.trim() : '';
    if (!reference && !note) throw invalid('Give a request reference, or a few words about a new case.', { reference: 'Enter a reference like DEA-000123, or describe a new case below.' });
    let requestId: string | null = null;
    let ref: string | null = null;
    if (reference) {
      const match = REFERENCE.exec(reference);
      const request = match ? await this.deps.requests.findByNumber(Number(match[1])) : null;
      if (!request || request.deaId !== plan.deaId) throw invalid(`There is no request ${reference} for this DEA.`, { reference: 'Enter the reference of one of this DEA’s requests, like DEA-000123.' });
      requestId = request.id;
      ref = request.reference;
      const already = await this.deps.store.casesOf(conferenceId);
      if (already.some((c) => c.requestId === requestId)) throw conflict(`${ref} is already nominated for this conference.`);
    } else {
      if (note.length > CONFERENCE_LIMITS.note) throw invalid(`Keep the new case to ${CONFERENCE_LIMITS.note} characters.`, { note: `At most ${CONFERENCE_LIMITS.note} characters.` });
      if (looksLikeNino(note)) throw invalid('Leave the National Insurance number out: the case is discussed without claimant details.', { note: 'Remove the National Insurance number.' });
    }
    const deaTold = conference.casesSentAt !== null && person.id !== plan.deaId;
    const nominated = await this.deps.uow.run(async () => {
      const saved = await this.deps.store.nominate({ conferenceId, nominatedById: person.id, requestId, reference: ref, note: ref ? null : note }, this.deps.clock.now());
      if (deaTold) await this.deps.notifier.caseList(conference, plan.deaId);
      return saved;
    });
    const count = (await this.deps.store.casesOf(conferenceId)).length;
    const warning = count > CASES_EXPECTED.max ? `This conference now has ${count} cases; ${CASES_EXPECTED.min}–${CASES_EXPECTED.max} are expected, so some may wait for the next one.` : null;
    this.deps.logger.info({ conferenceId, caseId: nominated.id, fromRequest: requestId !== null, count, deaTold }, 'case nominated');
    return { nominated, warning, deaTold };
  }

  /**
   * A meeting's outcome selected the case for a group conference (seed §16, §18, §28): it goes to the
   * next conference of the requester's group, or nowhere when none is booked yet (null).
   */
  async nominateForNext(requestId: string, actorId: string): Promise<GroupConference | null> {
    const request = await this.deps.requests.findById(requestId);
    const actor = await this.deps.directory.findById(actorId);
    if (!request || !actor) return null;
    const next = await this.nextConferenceFor(request);
    if (!next) return null;
    if ((await this.deps.store.casesOf(next.id)).some((c) => c.requestId === request.id)) return next;
    await this.nominate(actor, next.id, { reference: request.reference });
    return next;
  }

  /** The next booked (or booking) conference of the claimant's work coach's group, if one is planned. */
  async nextConferenceFor(request: SupportRequest): Promise<GroupConference | null> {
    const at = this.deps.clock.now();
    const now = at.getTime();
    const coachId = claimantCoachOf(request);
    const upcoming: GroupConference[] = [];
    for (const plan of await this.deps.store.plansForDea(request.deaId, ['confirmed'])) {
      // What is still to come is in this month or later: the plan's history is not read.
      const coming = await this.deps.store.conferencesOf(plan.id, { from: monthOf(at), limit: PLAN_READ_LIMIT });
      upcoming.push(...coming.filter((c) => (c.status === 'booked' || c.status === 'pending') && c.start !== null && c.start.getTime() > now && c.coachIds.includes(coachId)));
    }
    return upcoming.sort((a, b) => a.start!.getTime() - b.start!.getTime())[0] ?? null;
  }

  /**
   * Accepting a request as a group work coach conference (seed §13, §30): the case goes to the
   * requester's next conference; with none planned, why not and who plans them.
   */
  async placeAccepted(dea: StaffMember, request: SupportRequest): Promise<{ conference: GroupConference } | { refusal: string }> {
    const next = await this.nextConferenceFor(request);
    if (next) {
      if (!(await this.deps.store.casesOf(next.id)).some((c) => c.requestId === request.id)) await this.nominate(dea, next.id, { reference: request.reference });
      return { conference: next };
    }
    const coach = await this.deps.directory.findById(claimantCoachOf(request));
    const leader = coach?.teamLeaderId ? await this.deps.directory.findById(coach.teamLeaderId) : null;
    const whose = coach ? `${coach.name}’s group` : 'this work coach’s group';
    const who = leader ? `${leader.name}, their team leader,` : 'Their team leader';
    return { refusal: `No group conference is booked yet for ${whose}. ${who} plans them with “plan group conferences”. Choose another type of support for now.` };
  }

  async cases(conferenceId: string): Promise<NominatedCase[]> {
    return this.deps.store.casesOf(conferenceId);
  }

  /** Sends the DEA each coming conference's cases, once, a few days before. Safe on every instance. */
  async sendCaseLists(now: Date = this.deps.clock.now()): Promise<number> {
    let sent = 0;
    for (const conference of await this.deps.store.bookedBetween(now, new Date(now.getTime() + CASE_LIST_LEAD_MS))) {
      if (conference.casesSentAt) continue;
      if (!(await this.deps.jobs.claim('group-conference-cases', conference.id, now, 10 * 60_000))) continue;
      const plan = (await this.deps.store.findPlan(conference.planId))!;
      await this.deps.notifier.caseList(conference, plan.deaId);
      await this.deps.store.updateConference(conference.id, conference.version, { casesSentAt: now }, now);
      await this.deps.jobs.complete('group-conference-cases', conference.id, now);
      sent += 1;
    }
    return sent;
  }

  /**
   * Seed §33–34: the DEA's summary and actions, and each case's further outcomes. A step that is a
   * channel starts a follow-up request from the case's request; a new case has no request, so its
   * outcome is recorded only. The team leader is sent the summary.
   */
  async recordOutcome(dea: StaffMember, conferenceId: string, version: number, outcome: ConferenceOutcome): Promise<RecordedOutcome> {
    // Once held, the form is gone from the card: a half-written outcome could never be finished.
    return this.deps.uow.run(() => this.recordOutcomeNow(dea, conferenceId, version, outcome));
  }

  private async recordOutcomeNow(dea: StaffMember, conferenceId: string, version: number, outcome: ConferenceOutcome): Promise<RecordedOutcome> {
    const { conference, plan } = await this.conference(conferenceId);
    if (plan.deaId !== dea.id) throw notAllowed('Only the DEA who held the conference records its outcome.');
    if (conference.version !== version) throw conflict('The conference changed since this card was shown.');
    const now = this.deps.clock.now();
    if (conference.status !== 'booked' || !conference.start || conference.start.getTime() > now.getTime()) throw invalid('The outcome is recorded once the conference has taken place.');
    const summary = typeof outcome.summary === 'string' ? outcome.summary.trim() : '';
    const actions = typeof outcome.actions === 'string' ? outcome.actions.trim() : '';
    const problems: Record<string, string> = {};
    if (!summary) problems.summary = 'Summarise what the conference covered.';
    else if (summary.length > CONFERENCE_LIMITS.summary) problems.summary = `At most ${CONFERENCE_LIMITS.summary} characters.`;
    if (actions.length > CONFERENCE_LIMITS.actions) problems.actions = `At most ${CONFERENCE_LIMITS.actions} characters.`;
    const cases = await this.deps.store.casesOf(conferenceId);
    const checked = new Map(cases.map((c) => [c.id, checkNextSteps(outcome[`steps_${c.id}`], 'group_conference', 'outcome')]));
    for (const [id, { problem }] of checked) if (problem) problems[`steps_${id}`] = problem;
    const steps = new Map([...checked].map(([id, c]) => [id, c.steps]));
    if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);

    const held = await this.deps.store.updateConference(conference.id, conference.version, { status: 'held', summary, actions: actions || null }, now);
    const notStarted: string[] = [];
    for (const [i, c] of cases.entries()) {
      const chosen = steps.get(c.id)!;
      // The conference's own outcome for the case: what the case's request started before is not it.
      const started = c.requestId ? await this.deps.followUps.startFollowUps(c.requestId, chosen, dea.id, now, `group-case:${c.id}`) : [];
      await this.deps.store.recordCaseOutcome(c.id, chosen, started.map((s) => s.reference), now);
      if (started.length < chosen.filter((step) => step !== 'no_further_support').length) notStarted.push(c.reference ?? `case ${i + 1} (a new case)`);
    }
    await this.deps.notifier.summary(held, plan.wctlId);
    this.deps.logger.info({ conferenceId, cases: cases.length, notStarted: notStarted.length }, 'group conference outcome recorded');
    return { conference: held, notStarted };
  }

  /** Seed §69: the team leader's Group Case Conference Check List for a conference that was held. */
  async recordQas(wctl: StaffMember, conferenceId: string, result: unknown, comments: unknown): Promise<QasCheck> {
    const { conference, plan } = await this.conference(conferenceId);
    if (plan.wctlId !== wctl.id) throw notAllowed('The check list is recorded by the team leader who plans these conferences.');
    if (conference.status !== 'held') throw invalid('The check list is recorded once the conference has been held.');
    const checked = checkQasResult(result, comments, { result: 'result', notes: 'comments', resultMissing: 'Choose how the conference measured up.' }, CONFERENCE_LIMITS.qasComments);
    if ((await this.deps.store.qasChecksOf(plan.id, [conference.month])).some((q) => q.conferenceId === conferenceId)) throw conflict('The check list for this conference is already recorded.');
    return this.deps.store.recordQas({ planId: plan.id, conferenceId, month: conference.month, checkedById: wctl.id, result: checked.result, comments: checked.notes, at: this.deps.clock.now() });
  }

  /**
   * Months whose check list is due: each of the first three months with a conference held, until a
   * check is recorded for it. Later months are at the team leader's discretion, so never due.
   */
  async qasDue(plan: ConferencePlan): Promise<string[]> {
    return qasDueMonths(this.deps.store, plan);
  }

  /** Reminds each team leader once per due month. Safe on every instance (a lease per plan and month). */
  async remindQas(now: Date = this.deps.clock.now()): Promise<number> {
    let reminded = 0;
    for (const plan of await this.deps.store.confirmedPlans()) {
      for (const month of await this.qasDue(plan)) {
        if (!(await this.deps.jobs.claim('group-conference-qas-reminder', `${plan.id}:${month}`, now, 10 * 60_000))) continue;
        await this.deps.notifier.qasDue(plan, month);
        await this.deps.jobs.complete('group-conference-qas-reminder', `${plan.id}:${month}`, now);
        reminded += 1;
      }
    }
    return reminded;
  }

  private async conference(id: string): Promise<{ conference: GroupConference; plan: ConferencePlan }> {
    const conference = await this.deps.store.findConference(id);
    const plan = conference ? await this.deps.store.findPlan(conference.planId) : null;
    if (!conference || !plan) throw notFound('That conference does not exist.');
    return { conference, plan };
  }
}

/**
 * Months whose check list is due: each of the plan's first three months with a conference held, until
 * a check is recorded for it. Later months are at the team leader's discretion, so never due. Reads
 * those three months only, whatever the plan's history.
 */
export async function qasDueMonths(store: ConferenceStore, plan: ConferencePlan): Promise<string[]> {
  return qasDueIn(store, plan.id, await store.conferencesOf(plan.id, { limit: earliestRows(plan) }));
}

/**
 * How many of a plan's earliest conferences hold all of its first three months: a month has at most
 * a conference a group, and a plan's groups are only ever added to.
 */
export function earliestRows(plan: ConferencePlan): number {
  return QAS_MONTHLY_FOR * Math.max(1, plan.groups.length);
}

/** The months whose check list is due, given the plan's earliest conferences (`earliestRows` of them, by month). */
export async function qasDueIn(store: ConferenceStore, planId: string, earliest: readonly GroupConference[]): Promise<string[]> {
  const firstThree = [...new Set(earliest.map((c) => c.month))].sort().slice(0, QAS_MONTHLY_FOR);
  const held = new Set(earliest.filter((c) => c.status === 'held' && firstThree.includes(c.month)).map((c) => c.month));
  if (!held.size) return [];
  const checked = new Set((await store.qasChecksOf(planId, [...held])).map((q) => q.month));
  return firstThree.filter((m) => held.has(m) && !checked.has(m));
}
