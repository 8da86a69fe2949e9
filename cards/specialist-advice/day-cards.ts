/** The HCP's day and week, the contact's day and the activity manager's view: references only, no health details. */
import { ADVICE_CHANNEL_LABELS, isFinished, type AdviceConversation } from '../../domain/specialist-advice/conversation';
import { adviceStatusLabel, packState, type PackState } from '../../domain/specialist-advice/advice-policy';

import type { HcpDay } from '../../domain/specialist-advice/hcp-day';
import { BREAK_DAY_LABELS, BREAK_DAYS, breaksText } from '../../domain/specialist-advice/breaks';
import type { HcpBreak } from '../../domain/specialist-advice/conversation';
import { describeDate, describeMeeting } from '../../domain/requests/calendar-date';
import type { Jobcentre, StaffMember } from '../../domain/staff';
import { showCardAction } from '../form-card';
import type { AdaptiveCard } from '../render';
import { callout, card, details, execute, para, type Element } from './elements';
import { londonClock } from '../../domain/calendar/london-time';

/** What the HCP's day says of each conversation's information pack. */
const HCP_PACK_LABELS: Readonly<Record<PackState, string>> = { ready: 'pack ready', ad_hoc: 'ad hoc, no pack needed', no_contact: 'no contact named: prepare from the request', to_prepare: 'pack not ready yet' };

const time = (d: Date) => londonClock(d);

function line(c: AdviceConversation, coachName: (id: string) => string, officeName?: (id: string | null) => string): string {
  const pack = HCP_PACK_LABELS[packState(c)];
  const prep = c.prepStart && c.start && c.prepStart < c.start ? ` (preparation from ${time(c.prepStart)})` : '';
  const where = officeName && c.channel === 'face_to_face' ? ` at ${officeName(c.jobcentreId)}` : '';
  return `**${time(c.start!)}–${time(c.end!)}**${prep} ${c.reference} with ${coachName(c.coachId)}, ${ADVICE_CHANNEL_LABELS[c.channel].toLowerCase()}${where}; ${c.status === 'held' ? 'held' : pack}`;
}

const spans = (intervals: readonly { start: Date; end: Date }[]) => intervals.map((g) => `${time(g.start)}–${time(g.end)}`).join(', ');

/** An HCP's agreed breaks across the week, e.g. "Monday 12:30-13:00; Friday 12:00-12:30". */
function weekBreaks(breaks: readonly HcpBreak[]): string {
  return BREAK_DAYS.map((d) => [d, breaksText(breaks, d)] as const)
    .filter(([, text]) => text)
    .map(([d, text]) => `${BREAK_DAY_LABELS[d]} ${text}`)
    .join('; ');
}

function openButtons(conversations: readonly AdviceConversation[]): Element[] {
  return conversations.slice(0, 5).map((c) => execute(`Open ${c.reference}`, 'advice.open', { conversationId: c.id }));
}

/** `my day` for an HCP: today by jobcentre, packs ready or not, and free time. */
export function hcpDayCard(day: HcpDay, officeName: (id: string | null) => string, coachName: (id: string) => string): AdaptiveCard {
  const body: Element[] = [{ type: 'TextBlock', text: `Your day: ${describeDate(day.date)}`, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' }];
  body.push(para(`You are at ${officeName(day.jobcentreId)}.`, { bold: true }));
  const notReady = day.conversations.filter((c) => c.status === 'booked' && packState(c) === 'to_prepare').length;
  if (day.conversations.length === 0) body.push(callout([para('You have no three-way conversations today. Use the free time for supporting activity agreed with your activity manager.')]));
  else {
    body.push(callout([para(`${day.conversations.length} conversation${day.conversations.length === 1 ? '' : 's'} today${notReady ? `; ${notReady} pack${notReady === 1 ? '' : 's'} not ready yet` : ''}.`, { bold: true }), ...day.conversations.map((c) => para(line(c, coachName, officeName)))]));
  }
  if (day.breaks.length) body.push(para(`Breaks: ${spans(day.breaks)}`));
  body.push(para(`Free time: ${spans(day.freeGaps) || 'none'}`));
  return card(body, [...openButtons(day.conversations), execute('The week ahead', 'advice.week', {})]) as AdaptiveCard;
}

/** The next five working days: where, how many conversations, how many packs ready. */
export function weekCard(title: string, days: readonly HcpDay[], officeName: (id: string | null) => string): AdaptiveCard {
  const body: Element[] = [{ type: 'TextBlock', text: title, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' }];
  for (const day of days) {
    const n = day.conversations.length;
    const ready = day.conversations.filter((c) => c.packReadyAt || c.adHoc).length;
    body.push(para(`**${describeDate(day.date)}**: ${officeName(day.jobcentreId)}; ${n ? `${n} conversation${n === 1 ? '' : 's'} (${ready} pack${ready === 1 ? '' : 's'} ready)` : 'no conversations'}`));
  }
  return card(body) as AdaptiveCard;
}

/** `my day` for the activity manager: each HCP of the district, their week and site plan; and where to put them. */
export function managerCard(district: string, hcps: readonly { hcp: StaffMember; days: readonly HcpDay[]; offices: readonly Jobcentre[]; breaks: readonly HcpBreak[] }[], officeName: (id: string | null) => string, note?: { text: string; tone: 'good' | 'attention' }, form?: { values?: Record<string, string>; problems?: Record<string, string> }): AdaptiveCard {
  const body: Element[] = [{ type: 'TextBlock', text: `HCPs in ${district}`, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' }];
  if (note) body.push(para(note.text, { bold: true, color: note.tone === 'attention' ? 'Attention' : 'Good' }));
  body.push(para('Each HCP’s next five working days: where they are, and their three-way conversations. Change where an HCP is with "Change a site day", and their agreed breaks with "Set breaks": no conversation is booked in a break.'));
  const weekIds: string[] = [];
  hcps.forEach(({ hcp, days, breaks }, i) => {
    const total = days.reduce((n, d) => n + d.conversations.length, 0);
    body.push(para(`**${hcp.name}**: ${total} conversation${total === 1 ? '' : 's'} this week. Breaks: ${weekBreaks(breaks) || 'none agreed'}`, { spacing: 'Medium' }));
    const hidden = details(`hcp-${i}`, days.map((d) => para(`${describeDate(d.date)}: ${officeName(d.jobcentreId)}; ${d.conversations.map((c) => `${time(c.start!)} ${c.reference}`).join(', ') || 'no conversations'}; free ${spans(d.freeGaps) || 'none'}`)));
    body.push(hidden.container);
    weekIds.push(`hcp-${i}`);
  });
  // One button shows every HCP's week: the card keeps to three buttons at once.
  const weeks: Element = { type: 'Action.ToggleVisibility', title: 'Show each HCP’s week', targetElements: weekIds };
  const offices = [...new Map(hcps.flatMap((h) => h.offices).map((o) => [o.id, o])).values()];
  const change = showCardAction({
    title: 'Change a site day',
    verb: 'advice.siteDay',
    submitTitle: 'Save',
    data: {},
    values: form?.values,
    problems: form?.problems,
    fields: [
      { id: 'hcpId', kind: 'choice', label: 'HCP', required: true, errorMessage: 'Choose the HCP.', choices: hcps.map((h) => ({ title: h.hcp.name, value: h.hcp.id })) },
      { id: 'date', kind: 'date', label: 'Date', required: true, errorMessage: 'Choose the date.' },
      { id: 'jobcentreId', kind: 'choice', label: 'Jobcentre', required: true, errorMessage: 'Choose the jobcentre.', choices: offices.map((o) => ({ title: `${o.name} (${o.cluster})`, value: o.id })) },
    ],
  });
  const breaksForm = showCardAction({
    title: 'Set breaks',
    verb: 'advice.breaks',
    submitTitle: 'Save breaks',
    intro: 'The breaks agreed with the HCP, each weekday, like 12:30-13:00 (several separated by commas). Leave a day empty for no break. These replace the HCP’s breaks.',
    data: {},
    values: form?.values?.hcpId && form.values.monday !== undefined ? form.values : hcps.length === 1 ? { hcpId: hcps[0]!.hcp.id, ...Object.fromEntries(BREAK_DAYS.map((d) => [d, breaksText(hcps[0]!.breaks, d)])) } : undefined,
    problems: form?.values?.monday !== undefined ? form?.problems : undefined,
    fields: [
      { id: 'hcpId', kind: 'choice', label: 'HCP', required: true, errorMessage: 'Choose the HCP.', choices: hcps.map((h) => ({ title: h.hcp.name, value: h.hcp.id })) },
      ...BREAK_DAYS.map((d) => ({ id: d, kind: 'text' as const, label: `${BREAK_DAY_LABELS[d]} breaks`, required: false, errorMessage: '' })),
    ],
  });
  return card(body, [...(weekIds.length ? [weeks] : []), change, breaksForm]) as AdaptiveCard;
}

/** `my day` for a jobcentre contact: today's and coming conversations at their jobcentre, and the packs to prepare. */
export function contactDayCard(officeName: string, conversations: readonly AdviceConversation[], names: (id: string) => string): AdaptiveCard {
  const toPrepare = conversations.filter((c) => c.status === 'booked' && !c.packReadyAt && !c.adHoc);
  const body: Element[] = [{ type: 'TextBlock', text: `Specialist Advice at ${officeName}`, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' }];
  body.push(callout([para(toPrepare.length ? `You have ${toPrepare.length} information pack${toPrepare.length === 1 ? '' : 's'} to prepare.` : 'No information packs to prepare.', { bold: true })]));
  for (const c of conversations) body.push(para(`${c.start && c.end ? describeMeeting(c.start, c.end) : 'not booked'}: ${c.reference}, ${names(c.hcpId)} with ${names(c.coachId)}; ${c.packReadyAt ? 'pack ready' : c.adHoc ? 'ad hoc' : 'pack to prepare'}`));
  return card(body, openButtons(toPrepare.length ? toPrepare : conversations)) as AdaptiveCard;
}

/** `my day` for a work coach: their Specialist Advice conversations, newest first, to open and act on. */
export function coachListCard(conversations: readonly AdviceConversation[], names: (id: string) => string, now: Date): AdaptiveCard {
  const body: Element[] = [{ type: 'TextBlock', text: 'Your Specialist Advice conversations', size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' }];
  if (!conversations.length) body.push(para('You have none yet. Say "specialist advice" to ask for one.'));
  else body.push(para('Open one to book or move it, tell the claimant, record that they did not come, or read the agreed actions.'));
  for (const c of conversations) body.push(para(`**${c.reference}** with ${names(c.hcpId)}: ${adviceStatusLabel(c, now)}${c.start && c.end ? `, ${describeMeeting(c.start, c.end)}` : ''}`));
  const open = [...conversations.filter((c) => !isFinished(c)), ...conversations.filter((c) => isFinished(c))];
  return card(body, openButtons(open)) as AdaptiveCard;
}
