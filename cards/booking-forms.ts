import type { Booking } from '../domain/calendar/booking';
import type { BookingAction } from '../domain/calendar/booking-policy';
import { BOOKING_RULES, CLAIMANT_CONTACT_LABELS, CLAIMANT_CONTACTS, DURATIONS_MINUTES, MEETING_MODE_LABELS, MEETING_MODES } from '../domain/calendar/booking';
import type { Interval } from '../domain/calendar/calendar-port';
import { OVERRIDE_REASON_LIMIT, PROPOSED_MINUTES } from '../domain/calendar/booking-service';
import { addMonths, describeDate, describeMeeting } from '../domain/requests/calendar-date';
import type { SupportRequest } from '../domain/requests/support-request';
import { showCardAction, type FormField } from './form-card';

export interface BookingView {
  readonly current: Booking | null;
  /** Common free times proposed to the DEA; empty when none were found. */
  readonly proposals: readonly Interval[];
  /** Why no times could be proposed, when the diaries could not be read in time. */
  readonly unavailable?: string;
  /** Who booked the meeting, where more than one person may (a skill conference, seed §17); else null or absent. */
  readonly bookedBy?: { readonly id: string; readonly name: string } | null;
}

/** Facts about the meeting, for everyone who may see the request in full. */
export function bookingFacts(booking: Booking | null): { label: string; value: string }[] {
  if (!booking || booking.status === 'cancelled') return [];
  const facts = [
    { label: 'Meeting', value: describeMeeting(booking.start, booking.end) },
    { label: "How you'll meet", value: MEETING_MODE_LABELS[booking.mode] },
  ];
  if (booking.joinUrl) facts.push({ label: 'Join', value: `[Join the Teams meeting](${booking.joinUrl})` });
  if (booking.claimantContact) facts.push({ label: 'Claimant told by', value: CLAIMANT_CONTACT_LABELS[booking.claimantContact] });
  if (booking.status === 'pending') facts.push({ label: 'Diaries', value: 'Being booked…' });
  if (booking.status === 'failed') facts.push({ label: 'Diaries', value: `Not booked: ${booking.lastError ?? 'the calendar did not answer'}` });
  if (booking.status === 'moving') facts.push({ label: 'Diaries', value: booking.lastError ? `Not moved in every diary yet: ${booking.lastError}` : 'Being moved to this time…' });
  if (booking.status === 'cancelling') facts.push({ label: 'Diaries', value: booking.lastError ? `Not removed from every diary yet: ${booking.lastError}` : 'Being removed…' });
  return facts;
}

function timeFields(today: string, withDuration: boolean, values?: Readonly<Record<string, string>>, problems?: Readonly<Record<string, string>>): FormField[] {
  const fields: FormField[] = [
    { id: 'otherDate', kind: 'date', label: 'Date', required: false, errorMessage: 'Enter a date.', min: today, max: addMonths(today, 4) },
    { id: 'otherTime', kind: 'text', label: 'Start time (24-hour, e.g. 14:30)', required: false, errorMessage: 'Enter a time like 14:30.', maxLength: 5, placeholder: '14:30' },
  ];
  // Offered once a typed time failed the checks (or a reason was typed): the booker may go on with a reason.
  if (problems?.overrideReason || values?.overrideReason) {
    fields.push({ id: 'overrideReason', kind: 'multiline', label: 'Why book this time all the same (or choose another time above)', required: false, errorMessage: 'Say why, or choose another time.', maxLength: OVERRIDE_REASON_LIMIT });
  }
  if (withDuration) {
    fields.push({
      id: 'durationMinutes',
      kind: 'choice',
      label: 'Length',
      required: true,
      errorMessage: 'Choose how long the meeting is.',
      choices: DURATIONS_MINUTES.map((m) => ({ title: `${m} minutes`, value: String(m) })),
    });
  }
  return fields;
}

/**
 * The proposed times, with the one the booker chose kept when the card shown again does not propose it
 * (a refused booking is answered without reading the diaries again): refused at another length, it
 * may be booked at the proposed length, or with a reason, from the card that said why.
 */
function offeredTimes(proposals: readonly Interval[], chosen: string | undefined): readonly Interval[] {
  const start = chosen ? new Date(chosen) : null;
  if (!start || Number.isNaN(start.getTime()) || start.toISOString() !== chosen || proposals.some((p) => p.start.getTime() === start.getTime())) return proposals;
  return [...proposals, { start, end: new Date(start.getTime() + PROPOSED_MINUTES * 60_000) }].sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * The meeting's actions the booking policy allows this viewer: book it, try again, or move or cancel it.
 * `owners` names whose diaries are written when the viewer's own is not one of them (a team leader
 * booking a skill conference for their work coach and the DEA).
 */
export function bookingActions(
  request: SupportRequest,
  view: BookingView,
  allowed: ReadonlySet<BookingAction>,
  today: string,
  values?: Readonly<Record<string, string>>,
  problems?: Readonly<Record<string, string>>,
  owners?: readonly string[],
): Record<string, unknown>[] {
  const data = { requestId: request.id, version: request.version };
  const booking = view.current;
  const rules = request.channel ? BOOKING_RULES[request.channel] : undefined;
  const both = rules?.diaries.length !== 1;
  const theirs = owners ? (owners.length > 1 ? 'both their diaries' : 'their diary') : null;
  const cancel = { type: 'Action.Execute', title: 'Cancel the meeting', verb: 'booking.cancel', data, style: 'destructive' };
  if (allowed.has('book')) {
    const offered = offeredTimes(view.proposals, values?.slot);
    const proposalField: FormField[] = offered.length
      ? [
          {
            id: 'slot',
            kind: 'choice',
            label:
              request.channel === 'three_way_intervention'
                ? 'Proposed times (you, the DEA and the claimant are free)'
                : owners
                ? `Proposed times (${owners.join(' and ')} ${owners.length > 1 ? 'are both' : 'is'} free)`
                : both
                ? 'Proposed times (you are both free)'
                : 'Proposed times (you are free)',
            required: false,
            errorMessage: 'Choose a time or enter another one.',
            choices: offered.map((p) => ({ title: describeMeeting(p.start, p.end), value: p.start.toISOString() })),
          },
        ]
      : [];
    const intro = view.unavailable
      ? view.unavailable
      : view.proposals.length
      ? 'Choose a proposed time, or enter another date and time below.'
      : `No common free time was found${request.requiredBy ? ` before ${describeDate(request.requiredBy)}` : ''}: enter a date and time.`;
    const contactField: FormField[] = request.channel === 'claimant_support_intervention'
      ? [{ id: 'claimantContact', kind: 'choice', label: 'How you told the claimant', required: true, errorMessage: 'Choose how you contacted the claimant.', choices: CLAIMANT_CONTACTS.map((c) => ({ title: CLAIMANT_CONTACT_LABELS[c], value: c })) }]
      : [];
    return [
      showCardAction({
        title: rules?.bookTitle ?? 'Book the meeting',
        verb: 'booking.book',
        submitTitle: theirs ? `Book in ${theirs}` : both ? 'Book in both diaries' : 'Book in my diary',
        data,
        values: { durationMinutes: '60', mode: 'teams', ...(view.proposals[0] ? { slot: view.proposals[0].start.toISOString() } : {}), ...values },
        problems,
        intro,
        fields: [
          ...proposalField,
          ...timeFields(today, true, values, problems),
          {
            id: 'mode',
            kind: 'choice',
            label: "How you'll meet",
            required: true,
            errorMessage: 'Choose how you will meet.',
            choices: MEETING_MODES.map((m) => ({ title: MEETING_MODE_LABELS[m], value: m })),
          },
          ...contactField,
        ],
      }),
    ];
  }
  const actions: Record<string, unknown>[] = [];
  if (allowed.has('retry') && booking) {
    actions.push({ type: 'Action.Execute', title: 'Try booking again', verb: 'booking.retry', data: { ...data, bookingId: booking.id }, style: 'positive' });
  }
  if (allowed.has('move')) {
    actions.push(
      showCardAction({
        title: 'Move',
        verb: 'booking.move',
        submitTitle: theirs ? `Move in ${theirs}` : both ? 'Move in both diaries' : 'Move in my diary',
        data,
        values,
        problems,
        fields: timeFields(today, false, values, problems).map((f) => ({ ...f, required: f.id !== 'overrideReason' })),
      }),
    );
  }
  if (allowed.has('cancel')) actions.push(cancel);
  return actions;
}
