import { QAS_LABELS, QAS_RESULT_LABELS } from '../domain/quality/qas';
import { describeDate, describeMeeting } from '../domain/requests/calendar-date';
import { channelLabel } from '../domain/requests/channels';
import { isOverdue, type CheckableMeeting, type ListedMeeting, type ListedRequest, type Page } from '../domain/requests/request-lists';
import { SKILL_TOPIC_LABELS, REQUEST_TYPE_LABELS, STATUS_LABELS } from '../domain/requests/support-request';
import type { AdaptiveCard } from './render';

/**
 * The lists (`queue`, `my requests`, `meetings`, `quality checks`): a page of items, each with enough
 * to tell it apart and its own Open button, then "Showing 1 to 25 of 140" with Previous and Next.
 * Built as objects (no template to expand): a page of 25 stays far below Teams' message size.
 */

/** The card verbs that turn a list's page; each gets `{ offset }` in its data. */
export const LIST_PAGE_VERBS = {
  queue: 'queue.page',
  mine: 'requests.page',
  meetings: 'meetings.page',
  quality: 'quality.page',
} as const;

interface ListItem {
  /** The reference, after markers in words (never colour alone): "OVERDUE URGENT DEA-000123". */
  readonly heading: string;
  readonly details: readonly string[];
  readonly requestId: string;
  /** Names the button, so that a screen reader's list of buttons says which case each opens. */
  readonly reference: string;
}

function listCard(options: { title: string; intro: string; empty: string; page: Page<unknown>; items: readonly ListItem[]; pageVerb: string }): AdaptiveCard {
  const { page, items } = options;
  const body: Record<string, unknown>[] = [{ type: 'TextBlock', text: options.title, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' }];
  if (page.total === 0) {
    body.push({ type: 'TextBlock', text: options.empty, wrap: true });
    return { type: 'AdaptiveCard', version: '1.5', body };
  }
  body.push({ type: 'TextBlock', text: options.intro, wrap: true, isSubtle: true, spacing: 'None' });
  for (const item of items) {
    body.push({
      type: 'ColumnSet',
      separator: true,
      spacing: 'Medium',
      columns: [
        {
          type: 'Column',
          width: 'stretch',
          items: [
            { type: 'TextBlock', text: item.heading, weight: 'Bolder', wrap: true },
            ...item.details.map((text) => ({ type: 'TextBlock', text, wrap: true, spacing: 'None', isSubtle: true })),
          ],
        },
        {
          type: 'Column',
          width: 'auto',
          verticalContentAlignment: 'Center',
          items: [{ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: `Open ${item.reference}`, data: { verb: 'request.open', requestId: item.requestId } }] }],
        },
      ],
    });
  }
  const first = page.offset + 1;
  const last = page.offset + items.length;
  const all = page.moreThanTotal ? `more than ${counted(page.total)}` : counted(page.total);
  body.push({ type: 'TextBlock', text: page.offset > 0 || page.hasNext ? `Showing ${counted(first)} to ${counted(last)} of ${all}` : `${all} in all`, wrap: true, separator: true, spacing: 'Medium' });
  const actions: Record<string, unknown>[] = [];
  if (page.offset > 0) actions.push({ type: 'Action.Execute', title: 'Previous', verb: options.pageVerb, data: { offset: Math.max(0, page.offset - page.pageSize) } });
  if (page.hasNext) {
    const next = nextCount(page, last);
    actions.push({ type: 'Action.Execute', title: next === null ? 'Next' : `Next ${next}`, verb: options.pageVerb, data: { offset: last } });
  }
  return { type: 'AdaptiveCard', version: '1.5', body, ...(actions.length ? { actions } : {}) };
}

/**
 * How many the next page holds, after the item numbered `last`: a full page, or what is left of the
 * count (a full page when the list grew since it was counted). Null past a list's counted bound,
 * where nobody knows: the button then says only "Next".
 */
function nextCount(page: Page<unknown>, last: number): number | null {
  if (page.moreThanTotal) return last + page.pageSize <= page.total ? page.pageSize : null;
  return last >= page.total ? page.pageSize : Math.min(page.pageSize, page.total - last);
}

/** A count as people read it, thousands marked: 1,025. */
function counted(n: number): string {
  return n.toLocaleString('en-GB');
}

/** Who or what the request is about: the claimant's surname, or the skill topic. */
function about(item: ListedRequest): string | null {
  if (item.claimantSurname) return `Claimant: ${item.claimantSurname}`;
  if (item.topic) return `Skill: ${SKILL_TOPIC_LABELS[item.topic]}`;
  return null;
}

function heading(item: ListedRequest, today: string, overdueCounts: boolean): string {
  return [overdueCounts && isOverdue(item, today) ? 'OVERDUE' : null, item.urgent ? 'URGENT' : null, item.reference].filter(Boolean).join(' ');
}

function needed(item: ListedRequest): string {
  return item.requiredBy ? `needed by ${describeDate(item.requiredBy)}` : 'no date given';
}

function line(...parts: (string | null | undefined)[]): string {
  return parts.filter(Boolean).join(' · ');
}

/** `queue`: the DEA's open requests, urgent first, then by the date needed; overdue ones marked in words. */
export function queueListCard(page: Page<ListedRequest>, today: string): AdaptiveCard {
  return listCard({
    title: page.total ? `Your queue: ${page.moreThanTotal ? 'more than ' : ''}${counted(page.total)} open request${page.total === 1 && !page.moreThanTotal ? '' : 's'}` : 'Your queue',
    intro: `Urgent first, then by the date a response is needed. Today is ${describeDate(today)}.`,
    empty: 'No open requests. New ones arrive here as cards.',
    page,
    pageVerb: LIST_PAGE_VERBS.queue,
    items: page.items.map((item) => ({
      heading: heading(item, today, true),
      reference: item.reference,
      details: [line(about(item), REQUEST_TYPE_LABELS[item.type]), line(STATUS_LABELS[item.status], item.requesterName ? `from ${item.requesterName}` : null, needed(item))],
      requestId: item.id,
    })),
  });
}

/** `my requests`: newest first, each with its status and the date needed. */
export function myRequestsListCard(page: Page<ListedRequest>, today: string): AdaptiveCard {
  return listCard({
    title: 'Your requests',
    intro: 'Newest first. Open one to see it in full or to withdraw it.',
    empty: 'You have not made any requests yet. Say "new request" to ask your DEA for support.',
    page,
    pageVerb: LIST_PAGE_VERBS.mine,
    items: page.items.map((item) => ({
      // Overdue only means something while the DEA has still to answer.
      heading: heading(item, today, ['submitted', 'info_requested', 'accepted'].includes(item.status)),
      reference: item.reference,
      details: [line(about(item), REQUEST_TYPE_LABELS[item.type]), line(STATUS_LABELS[item.status], needed(item))],
      requestId: item.id,
    })),
  });
}

/** `meetings`: the DEA's booked meetings, soonest first, then the held ones; open one to move, cancel or send the summary. */
export function meetingsListCard(page: Page<ListedMeeting>, today: string): AdaptiveCard {
  return listCard({
    title: 'Your meetings',
    intro: 'Booked meetings first, soonest first, then the ones held. Open one to move or cancel it, or to record the outcome and send your summary of outputs.',
    empty: 'You have no booked or held meetings. A meeting shows here once it is booked from its request.',
    page,
    pageVerb: LIST_PAGE_VERBS.meetings,
    items: page.items.map((item) => ({
      heading: heading(item, today, false),
      reference: item.reference,
      details: [
        describeMeeting(item.start, item.end),
        line(about(item), item.channel ? channelLabel(item.channel, item.type) : REQUEST_TYPE_LABELS[item.type]),
        line(STATUS_LABELS[item.status], item.status === 'booked' ? null : item.summarySent ? 'summary of outputs sent' : 'summary of outputs not sent yet'),
      ],
      requestId: item.id,
    })),
  });
}

/**
 * `quality checks`: the meetings a team leader may check (their DEAs' meetings, and their own work
 * coaches' QAS 2 meetings whoever the DEA), with where each check stands. Each names its work coach:
 * the meetings of several teams are listed together.
 */
export function qualityListCard(page: Page<CheckableMeeting>, today: string): AdaptiveCard {
  return listCard({
    title: 'Quality checks',
    intro:
      "Your DEAs' meetings, and your work coaches' conferences and three ways with any DEA. QAS 1: claimant support interventions. QAS 2: case and skill conferences and three ways. Newest first; open one to mark it or record the result.",
    empty: "There are no booked or held meetings to check yet: your DEAs' meetings and your work coaches' conferences and three ways show here once booked.",
    page,
    pageVerb: LIST_PAGE_VERBS.quality,
    items: page.items.map((item) => {
      const standard = item.check ? QAS_LABELS[item.check.standard].split(':')[0]! : null;
      return {
        heading: heading(item, today, false),
        reference: item.reference,
        details: [
          line(item.channel ? channelLabel(item.channel, item.type) : REQUEST_TYPE_LABELS[item.type], STATUS_LABELS[item.status], item.requesterName ? `from ${item.requesterName}` : null),
          item.check ? `${standard}: ${item.check.result ? QAS_RESULT_LABELS[item.check.result] : 'marked'}` : 'Not checked',
        ],
        requestId: item.id,
      };
    }),
  });
}
