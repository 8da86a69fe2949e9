import { conflict, invalid, notAllowed, type DomainError } from '../errors';
import type { StaffMember } from '../staff';
import { hasRole } from '../staff';
import { ADVICE_STATUS_LABELS, isFinished, type AdviceConversation } from './conversation';
import { londonClock } from '../calendar/london-time';

/**
 * The parts people play in a conversation. coach: asked for it and leads it; hcp: gives the
 * advice; contact: the jobcentre's nominated contact (pack, returns, GP notification); manager:
 * the HCP Activity Manager of the district (reads everything, changes nothing).
 */
export type AdvicePart = 'coach' | 'hcp' | 'contact' | 'manager';

export const ADVICE_ACTIONS = ['book', 'cancel', 'didNotAttend', 'declined', 'packReady', 'prepared', 'notes', 'returned', 'confirmReturn', 'findingsSent', 'acceptAdHoc', 'declineAdHoc', 'retryDiaries'] as const;
export type AdviceAction = (typeof ADVICE_ACTIONS)[number];

/** Who does each action. */
const WHO: Readonly<Record<AdviceAction, AdvicePart>> = {
  book: 'coach',
  cancel: 'coach',
  didNotAttend: 'coach',
  declined: 'coach',
  packReady: 'contact',
  prepared: 'hcp',
  notes: 'hcp',
  returned: 'hcp',
  confirmReturn: 'contact',
  findingsSent: 'contact',
  acceptAdHoc: 'hcp',
  declineAdHoc: 'hcp',
  retryDiaries: 'coach',
};

/**
 * Who may do the action on this conversation. The jobcentre's contact sends the GP notification and
 * takes back the pack and notes (Annex 2 §7, §11); where none was named for the conversation, the
 * work coach may too, so neither waits for ever on a contact who may never come.
 */
function whoMay(c: Pick<AdviceConversation, 'contactId'>, action: AdviceAction): readonly AdvicePart[] {
  if ((action === 'findingsSent' || action === 'confirmReturn') && c.contactId === null) return ['contact', 'coach'];
  return [WHO[action]];
}

/**
 * The part this person plays, from the conversation's people; the manager by role and district.
 * The jobcentre's contact is the one named when it was asked for, or any of its nominated contacts
 * now (seed 002 §7.2: contacts within each site): one who joined later, or the only one there is.
 */
export function partOf(c: AdviceConversation, person: Pick<StaffMember, 'id' | 'roles'> & Partial<Pick<StaffMember, 'jobcentreId'>>, managerDistrict: string | null): AdvicePart | null {
  if (person.id === c.coachId) return 'coach';
  if (person.id === c.hcpId) return 'hcp';
  if (person.id === c.contactId) return 'contact';
  if (hasRole(person, 'jobcentre_contact') && person.jobcentreId && person.jobcentreId.toLowerCase() === c.jobcentreId.toLowerCase()) return 'contact';
  if (hasRole(person, 'hcp_activity_manager') && managerDistrict === c.district) return 'manager';
  return null;
}

/** Who sees the claimant and the health details in full: the coach, the HCP and the activity manager. */
export function seesHealthDetails(part: AdvicePart | null): boolean {
  return part === 'coach' || part === 'hcp' || part === 'manager';
}

const started = (c: AdviceConversation, now: Date) => c.start !== null && c.start.getTime() <= now.getTime();

/**
 * How long an ad hoc ask can be answered after the time it proposed: the claimant is waiting in the
 * jobcentre (Annex 2 §4), so an answer after this comes too late for them.
 */
export const AD_HOC_ANSWER_MINUTES = 15;

/** Until when the HCP can still say yes to an ad hoc ask (null: it proposed no time). */
export function adHocAnswerBy(c: Pick<AdviceConversation, 'start'>): Date | null {
  return c.start ? new Date(c.start.getTime() + AD_HOC_ANSWER_MINUTES * 60_000) : null;
}

/** An ad hoc ask nobody said yes to while the claimant was waiting: it can only be booked as a normal request now. */
export function adHocLapsed(c: Pick<AdviceConversation, 'status' | 'start'>, now: Date): boolean {
  if (c.status !== 'adhoc_asked') return false;
  const by = adHocAnswerBy(c);
  return by === null || now.getTime() >= by.getTime();
}

/** What a conversation's card says of where it is: an ad hoc ask that lapsed is no longer waiting for an answer. */
export function adviceStatusLabel(c: Pick<AdviceConversation, 'status' | 'start'>, now: Date): string {
  return adHocLapsed(c, now) ? 'Asked for now: not answered in time, to book instead' : ADVICE_STATUS_LABELS[c.status];
}

/**
 * Whether the HCP prepares without an information pack: ad hoc (no time for one), or no jobcentre
 * contact was named to prepare it (the pack comes "in most cases", Annex 2 §7), unless one has
 * marked it ready all the same.
 */
export function preparesWithoutPack(c: Pick<AdviceConversation, 'adHoc' | 'contactId' | 'packReadyAt'>): boolean {
  return packState(c) === 'ad_hoc' || packState(c) === 'no_contact';
}

/** Where a conversation's information pack stands: ready, none for an ad hoc one, none for want of a contact, or being prepared. */
export type PackState = 'ready' | 'ad_hoc' | 'no_contact' | 'to_prepare';

export function packState(c: Pick<AdviceConversation, 'adHoc' | 'contactId' | 'packReadyAt'>): PackState {
  return c.packReadyAt ? 'ready' : c.adHoc ? 'ad_hoc' : c.contactId === null ? 'no_contact' : 'to_prepare';
}

/** Whether the action can happen to the conversation now, and if not, why. */
export function adviceNowRefusal(c: AdviceConversation, action: AdviceAction, now: Date): DomainError | null {
  switch (action) {
    case 'book':
      // A booked conversation that has not started can be moved to another time; an ad hoc ask whose time passed unanswered is booked like a request.
      return c.status === 'requested' || adHocLapsed(c, now) || (c.status === 'booked' && !started(c, now)) ? null : invalid('This conversation cannot be booked or moved now.');
    case 'cancel':
      return c.status === 'requested' || c.status === 'adhoc_asked' || (c.status === 'booked' && !started(c, now)) ? null : invalid('This conversation can no longer be cancelled.');
    case 'didNotAttend':
    case 'declined':
      return c.status === 'booked' && started(c, now) ? null : invalid('You can record this once the conversation’s time has come.');
    case 'packReady':
      return c.status === 'booked' && c.packReadyAt === null ? null : invalid(c.packReadyAt ? 'The pack is already marked ready.' : 'There is no booked conversation to prepare a pack for.');
    case 'prepared':
      if (c.status !== 'booked' || c.preparedAt !== null) return invalid(c.preparedAt ? 'You already confirmed your preparation.' : 'There is nothing to prepare for.');
      return c.packReadyAt || preparesWithoutPack(c) ? null : invalid('The information pack is not ready yet: the jobcentre contact will mark it ready.');
    case 'notes':
      return c.status === 'booked' && started(c, now) ? null : invalid(c.status === 'held' ? 'The notes are already recorded.' : 'You can record the notes once the conversation has started.');
    case 'returned':
      return c.status === 'held' && c.returnedAt === null ? null : invalid('There is nothing to return now.');
    case 'confirmReturn':
      return c.status === 'held' && c.returnedAt !== null && c.returnConfirmedAt === null ? null : invalid('There is no return to confirm now.');
    case 'findingsSent':
      return c.findings === 'to_send' ? null : invalid('There is no GP notification to send.');
    case 'acceptAdHoc':
    case 'declineAdHoc':
      if (c.status !== 'adhoc_asked') return invalid('This request has already been answered.');
      return adHocLapsed(c, now) ? invalid(adHocLapsedMessage(c)) : null;
    case 'retryDiaries':
      return c.diaryStatus === 'failed' ? null : invalid(c.diaryStatus === 'writing' ? 'The diaries are being written now.' : 'The diaries are up to date.');
  }
}

/** What this person may do with the conversation now: what their card offers. */
export function allowedAdvice(c: AdviceConversation, part: AdvicePart | null, now: Date): ReadonlySet<AdviceAction> {
  if (!part) return new Set();
  // A cancelled conversation whose entries could not be removed still offers to try again.
  if (isFinished(c) && c.status !== 'held') return new Set(part === 'coach' && c.diaryStatus === 'failed' ? (['retryDiaries'] as const) : []);
  return new Set(ADVICE_ACTIONS.filter((a) => whoMay(c, a).includes(part) && !adviceNowRefusal(c, a, now)));
}

/** For a click: who, then whether the card was current, then whether it can happen now. */
export function assertAdvice(c: AdviceConversation, part: AdvicePart | null, action: AdviceAction, version: number | null, now: Date): void {
  if (!part || !whoMay(c, action).includes(part)) throw notAllowed(whoMessage(WHO[action]));
  if (version !== null && version !== c.version) throw conflict('This conversation changed since this card was shown.');
  const refusal = adviceNowRefusal(c, action, now);
  if (refusal) throw refusal;
}

/** Why an ad hoc ask can no longer be answered. */
function adHocLapsedMessage(c: Pick<AdviceConversation, 'start'>): string {
  const at = c.start ? ` at ${londonClock(c.start)}` : '';
  return `It is too late to answer this ad hoc request: the claimant was waiting${at}. Nothing was booked. The work coach can book a time instead.`;
}

function whoMessage(part: AdvicePart): string {
  switch (part) {
    case 'coach':
      return 'Only the work coach who asked for this conversation can do that.';
    case 'hcp':
      return 'Only the Health Care Professional of this conversation can do that.';
    case 'contact':
      return 'Only the jobcentre’s nominated contact can do that.';
    case 'manager':
      return 'Only the HCP Activity Manager can do that.';
  }
}

/** Which `my day` a person sees: an HCP their own day, an activity manager their HCPs, a jobcentre contact their jobcentre's, anyone else their conversations as a work coach. */
export type AdviceDayView = 'hcp' | 'manager' | 'contact' | 'coach';

export function adviceDayViewOf(person: Pick<StaffMember, 'roles'>): AdviceDayView {
  if (hasRole(person, 'hcp')) return 'hcp';
  if (hasRole(person, 'hcp_activity_manager')) return 'manager';
  return hasRole(person, 'jobcentre_contact') ? 'contact' : 'coach';
}
