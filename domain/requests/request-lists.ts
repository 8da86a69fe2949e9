import { invalid, notAllowed } from '../errors';
import { hasRole, type StaffMember } from '../staff';
import type { QasResult, QasStandard } from '../quality/qas';
import type { Channel } from './channels';
import type { RequestStatus, RequestType, SkillTopic } from './support-request';

/**
 * The lists people ask for (`queue`, `my requests`, `meetings`, `quality checks`): one page at a
 * time, read in one statement whatever the history, so a list stays quick and its card small.
 */

/** How many items a list shows at once. */
export const PAGE_SIZE = 25;

/**
 * A long list is counted only this far, and past it the card says "more than 1,000": a list over all
 * history (`quality checks`: every booked meeting of every DEA a team leader has, closed ones
 * included), whose count would otherwise grow for ever, and a DEA's `queue`, where past a thousand
 * open requests the exact figure tells nobody more than "more than 1,000" does, and counting them
 * all cost more than the rest of the page.
 */
export const LISTS_COUNTED_UP_TO = 1000;

/** One page of a list, and how many there are in all. */
export interface Page<T> {
  readonly items: readonly T[];
  /** How many the whole list holds; for a list counted only so far, at most that bound (see `moreThanTotal`). */
  readonly total: number;
  /** The list holds more than `total`, which is the bound it was counted to. */
  readonly moreThanTotal: boolean;
  /** There are items after this page. */
  readonly hasNext: boolean;
  /** Where this page starts (0 for the first). */
  readonly offset: number;
  readonly pageSize: number;
}

/** Enough of a request to tell it apart from the others in a list, and to open it. */
export interface ListedRequest {
  readonly id: string;
  readonly reference: string;
  readonly type: RequestType;
  readonly status: RequestStatus;
  readonly urgent: boolean;
  readonly requiredBy: string | null;
  readonly channel: Channel | null;
  readonly topic: SkillTopic | null;
  /** Only in lists for the requester and the DEA, who see the claimant in full. */
  readonly claimantSurname: string | null;
  readonly requesterName: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** A DEA's meeting: the request and its booking. */
export interface ListedMeeting extends ListedRequest {
  readonly start: Date;
  readonly end: Date;
  readonly summarySent: boolean;
}

/** A meeting a team leader may check, and where its check stands. */
export interface CheckableMeeting extends ListedRequest {
  readonly check: { readonly standard: QasStandard; readonly result: QasResult | null } | null;
}

/** Reads each list a page at a time, ordered and counted in SQL. */
export interface RequestLists {
  /** The DEA's open requests: urgent first, then by the date needed (none last), then oldest first. */
  queue(deaId: string, offset: number, limit: number): Promise<Page<ListedRequest>>;
  /** A requester's requests, newest first. */
  mine(requesterId: string, offset: number, limit: number): Promise<Page<ListedRequest>>;
  /** The DEA's booked and held meetings: the coming ones soonest first, then the held ones, latest first. */
  meetings(deaId: string, offset: number, limit: number): Promise<Page<ListedMeeting>>;
  /**
   * The booked or held meetings this team leader may check (`QualityService.mayCheck`), newest change
   * first: those of the DEAs they manage, and the QAS 2 meetings their own work coaches asked for.
   */
  checkable(teamLeaderId: string, offset: number, limit: number): Promise<Page<CheckableMeeting>>;
}

/** A page's start from a card's `offset`: a whole number from 0; anything else is the first page. */
export function pageStart(offset: unknown): number {
  const n = typeof offset === 'number' ? offset : typeof offset === 'string' && /^\d{1,7}$/.test(offset) ? Number(offset) : 0;
  if (!Number.isSafeInteger(n) || n < 0) throw invalid('That page of the list could not be found. Ask for the list again.');
  return n;
}

/** True when the date needed has passed (dates as YYYY-MM-DD, London). */
export function isOverdue(item: Pick<ListedRequest, 'requiredBy'>, today: string): boolean {
  return item.requiredBy !== null && item.requiredBy < today;
}

/** Who may ask for which list: each person sees only their own lists. */
export class ListService {
  constructor(private readonly lists: RequestLists) {}

  /** The DEA's open requests. */
  async queue(person: StaffMember, offset: number): Promise<Page<ListedRequest>> {
    if (!hasRole(person, 'dea')) throw notAllowed('The queue is for DEAs: it lists the requests sent to them. Say "my requests" to see yours.');
    return this.lists.queue(person.id, offset, PAGE_SIZE);
  }

  /** The requests this person has made. */
  async mine(person: StaffMember, offset: number): Promise<Page<ListedRequest>> {
    return this.lists.mine(person.id, offset, PAGE_SIZE);
  }

  /** The DEA's booked and held meetings. */
  async meetings(person: StaffMember, offset: number): Promise<Page<ListedMeeting>> {
    if (!hasRole(person, 'dea')) throw notAllowed('Meetings are for DEAs: they list the meetings booked with them. Say "my requests" to see yours.');
    return this.lists.meetings(person.id, offset, PAGE_SIZE);
  }

  /** The meetings this team leader may check: their DEAs', and their work coaches' QAS 2 meetings with any DEA. */
  async checkable(person: StaffMember, offset: number): Promise<Page<CheckableMeeting>> {
    if (!hasRole(person, 'work_coach_team_leader')) throw notAllowed("Quality checks are for Work Coach Team Leaders: they quality assure their DEA's work (QAS).");
    return this.lists.checkable(person.id, offset, PAGE_SIZE);
  }
}
