import { immediateUnitOfWork, type UnitOfWork } from '../unit-of-work';
import { teamLeaderMayBook } from '../calendar/booking';
import { invalid, notFound } from '../errors';
import type { Clock, StaffDirectory } from '../ports';
import type { StaffMember } from '../staff';
import { addMonths, describeMeeting, isCalendarDate, londonDate } from './calendar-date';
import { channelRefusal, isChannel, type Channel } from './channels';
import type { GroupConferencePlaces, RequestNotifier, StatusChange, SupportRequestStore } from './ports';
import { assertTriage, type TriageAction } from './triage-policy';
import type { SupportRequest } from './support-request';
import type { TrendWatcher } from './trend-watcher';
import { MAX_MONTHS_AHEAD } from './drafts';

export const TRIAGE_LIMITS = { question: 1000, answer: 2000, reason: 1000, summary: 1000, information: 4000, holding: 1000 } as const;

export interface TriageDeps {
  readonly store: SupportRequestStore;
  readonly directory: StaffDirectory;
  readonly notifier: RequestNotifier;
  readonly clock: Clock;
  readonly trends?: TrendWatcher;
  /** Where a request accepted as a group work coach conference goes; without one, that channel is refused. */
  readonly groupConferences?: GroupConferencePlaces;
  /** Writes of one use case commit together (default: at once, for tests of the rules alone). */
  readonly uow?: UnitOfWork;
}

/**
 * The DEA's side of a request (seed §12–13, §19–20): accept with a channel, ask for more
 * information, redirect or decline, send information or a holding response; and the coach's answer.
 * Every action checks who acts against the stored request and the version they were shown.
 */
export class TriageService {
  private readonly uow: UnitOfWork;

  constructor(private readonly deps: TriageDeps) {
    this.uow = deps.uow ?? immediateUnitOfWork;
  }

  async accept(dea: StaffMember, requestId: string, version: number, channel: unknown): Promise<SupportRequest> {
    const request = await this.allowed(dea, requestId, version, 'accept');
    if (!isChannel(channel)) throw invalid('Choose the channel of support.', { channel: 'Choose the channel of support.' });
    const refusal = channelRefusal(request, channel);
    if (refusal) throw invalid(refusal.message, { channel: refusal.field });
    if (channel === 'group_conference') return this.acceptForGroupConference(dea, request);
    const tell = teamLeaderMayBook({ channel }) ? [request.requesterId, ...(await this.requesterTeamLeader(request, dea))] : [request.requesterId];
    return this.change(request, dea, { to: 'accepted', action: `accept:${channel}`, channel }, tell);
  }

  /**
   * The work coach's team leader, where the booking rules let them book the meeting (a skill
   * conference, seed §17): sent the card to book it from, as they have no other way to it. None when
   * the coach has no team leader, or it is the DEA or the coach themselves.
   */
  private async requesterTeamLeader(request: SupportRequest, dea: StaffMember): Promise<string[]> {
    const leaderId = (await this.deps.directory.findById(request.requesterId))?.teamLeaderId ?? null;
    return leaderId && leaderId !== dea.id && leaderId !== request.requesterId ? [leaderId] : [];
  }

  /**
   * A case for a group work coach conference is nominated for the requester's next one, and the
   * request leaves the queue: the conference's case list carries it from here, and its outcome
   * starts any further channels. With no conference booked, the acceptance is refused with why.
   */
  private async acceptForGroupConference(dea: StaffMember, request: SupportRequest): Promise<SupportRequest> {
    const places = this.deps.groupConferences;
    const none = 'Choose another type of support: group conferences are not set up here.';
    if (!places) throw invalid(none, { channel: none });
    return this.uow.run(async () => {
      const at = this.deps.clock.now();
      const accepted = await this.deps.store.changeStatus({ requestId: request.id, expectedVersion: request.version, actorId: dea.id, at, to: 'accepted', action: 'accept:group_conference', channel: 'group_conference' });
      const placed = await places.placeAccepted(dea, accepted);
      // Thrown inside the unit of work, so the acceptance above is rolled back with it.
      if ('refusal' in placed) throw invalid(placed.refusal, { channel: placed.refusal });
      const { start, end, groupIndex } = placed.conference;
      const when = start && end ? describeMeeting(start, end) : 'a date still being booked';
      const text = `Nominated for the group work coach conference of group ${groupIndex + 1}: ${when}. The case is discussed there, and any further support follows from it.`;
      const nominated = await this.deps.store.changeStatus({ requestId: request.id, expectedVersion: accepted.version, actorId: dea.id, at, to: 'closed', action: 'nominate:group_conference', message: { kind: 'note', text } });
      await this.deps.notifier.requestChanged(nominated);
      await this.deps.notifier.requestNeedsAttention(nominated, request.requesterId);
      return nominated;
    });
  }

  async askForInformation(dea: StaffMember, requestId: string, version: number, question: unknown): Promise<SupportRequest> {
    const request = await this.allowed(dea, requestId, version, 'ask');
    const text = required(question, 'question', 'your question', TRIAGE_LIMITS.question);
    return this.change(request, dea, { to: 'info_requested', action: 'ask', message: { kind: 'question', text } }, request.requesterId);
  }

  async answer(requester: StaffMember, requestId: string, version: number, answer: unknown): Promise<SupportRequest> {
    const request = await this.allowed(requester, requestId, version, 'answer');
    const text = required(answer, 'answer', 'your answer', TRIAGE_LIMITS.answer);
    return this.change(request, requester, { to: 'submitted', action: 'answer', message: { kind: 'answer', text } }, request.deaId);
  }

  async redirect(dea: StaffMember, requestId: string, version: number, reason: unknown, inappropriate: boolean): Promise<SupportRequest> {
    const request = await this.allowed(dea, requestId, version, 'redirect');
    const text = required(reason, 'redirectReason', 'the reason', TRIAGE_LIMITS.reason);
    const redirected = await this.change(request, dea, { to: 'redirected', action: inappropriate ? 'redirect:inappropriate' : 'redirect', inappropriate, message: { kind: 'redirect', text } }, request.requesterId);
    if (inappropriate) await this.deps.trends?.afterMarkedInappropriate(redirected);
    return redirected;
  }

  /** Informational support (seed §20): a summary and the information, which closes the request. */
  async sendInformation(dea: StaffMember, requestId: string, version: number, summary: unknown, information: unknown): Promise<SupportRequest> {
    const request = await this.allowed(dea, requestId, version, 'inform');
    const problems: Record<string, string> = {};
    const s = optionalText(summary, 'summary', 'the summary', TRIAGE_LIMITS.summary, problems, true);
    const i = optionalText(information, 'information', 'the information', TRIAGE_LIMITS.information, problems, true);
    if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
    return this.change(request, dea, { to: 'closed', action: 'inform', message: { kind: 'information', text: i, summary: s } }, request.requesterId);
  }

  /** A holding response with the date the DEA expects to come back (seed §20). */
  async holdingResponse(dea: StaffMember, requestId: string, version: number, text: unknown, expectedReturn: unknown): Promise<SupportRequest> {
    const request = await this.allowed(dea, requestId, version, 'hold');
    const problems: Record<string, string> = {};
    const message = optionalText(text, 'holdingText', 'the holding response', TRIAGE_LIMITS.holding, problems, true);
    const today = londonDate(this.deps.clock.now());
    const date = typeof expectedReturn === 'string' ? expectedReturn.trim() : '';
    if (!isCalendarDate(date)) problems.expectedReturn = 'Enter the date you expect to come back with the information.';
    else if (date < today) problems.expectedReturn = 'The expected return date cannot be in the past.';
    else if (date > addMonths(today, MAX_MONTHS_AHEAD)) problems.expectedReturn = `The expected return date must be within ${MAX_MONTHS_AHEAD} months.`;
    if (Object.keys(problems).length) throw invalid(Object.values(problems)[0]!, problems);
    // The request stays accepted: the holding response is a message on it, not a change of status.
    return this.uow.run(async () => {
      const held = await this.deps.store.touch({ requestId: request.id, expectedVersion: request.version, actorId: dea.id, at: this.deps.clock.now(), action: 'holding', message: { kind: 'holding', text: message, expectedReturn: date } });
      await this.deps.notifier.requestChanged(held);
      await this.deps.notifier.requestNeedsAttention(held, request.requesterId);
      return held;
    });
  }

  /** The request, once the triage policy allows this person the action on the version they saw. */
  private async allowed(person: StaffMember, requestId: string, version: number, action: TriageAction): Promise<SupportRequest> {
    const request = await this.deps.store.findById(requestId);
    if (!request) throw notFound('That request does not exist.');
    assertTriage(person.id, request, version, action);
    return request;
  }

  /** The change and the card it queues for the person who must act next, written together. */
  private async change(
    request: SupportRequest,
    actor: StaffMember,
    change: Pick<StatusChange, 'to' | 'action' | 'message'> & { channel?: Channel; inappropriate?: boolean },
    tell: string | readonly string[],
  ): Promise<SupportRequest> {
    return this.uow.run(async () => {
      const changed = await this.deps.store.changeStatus({ requestId: request.id, expectedVersion: request.version, actorId: actor.id, at: this.deps.clock.now(), ...change, current: request });
      await this.deps.notifier.requestChanged(changed);
      for (const recipientId of typeof tell === 'string' ? [tell] : tell) await this.deps.notifier.requestNeedsAttention(changed, recipientId);
      return changed;
    });
  }

}

/** Where a request accepted as a group work coach conference went, from its note: for cards and replies. */
export function groupConferenceNomination(request: SupportRequest): string | null {
  if (request.channel !== 'group_conference') return null;
  return [...request.messages].reverse().find((m) => m.kind === 'note' && m.text.startsWith('Nominated for'))?.text ?? null;
}

function required(value: unknown, field: string, label: string, max: number): string {
  const problems: Record<string, string> = {};
  const text = optionalText(value, field, label, max, problems, true);
  if (problems[field]) throw invalid(problems[field]!, problems);
  return text;
}

function optionalText(value: unknown, field: string, label: string, max: number, problems: Record<string, string>, isRequired: boolean): string {
  const text = typeof value === 'string' ? value.trim() : '';
  if (!text && isRequired) problems[field] = `Enter ${label}.`;
  else if (text.length > max) problems[field] = `${label.charAt(0).toUpperCase()}${label.slice(1)} must be ${max} characters or fewer (it is ${text.length}).`;
  return text;
}
