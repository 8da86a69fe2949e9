import type { Booking } from '../domain/calendar/booking';
import { DURATIONS_MINUTES, MEETING_MODE_LABELS, MEETING_MODES } from '../domain/calendar/booking';
import type { Interval } from '../domain/calendar/calendar-port';
import { addMonths, describeDate, describeMeeting } from '../domain/requests/calendar-date';
import type { SupportRequest } from '../domain/requests/support-request';
import { showCardAction, type FormField } from './form-card';

export interface BookingView {
  readonly current: Booking | null;
  /** Common free times proposed to the DEA; empty when none were found. */
  readonly proposals: readonly Interval[];
  /** Why no times could be proposed, when the diaries could not be read in time. */
  readonly unavailable?: string;
}

/** Facts about the meeting, for everyone who may see the request in full. */
export function bookingFacts(booking: Booking | null): { label: string; value: string }[] {
  if (!booking || booking.status === 'cancelled') return [];
  const facts = [
    { label: 'Meeting', value: describeMeeting(booking.start, booking.end) },
    { label: 'How', value: MEETING_MODE_LABELS[booking.mode] },
  ];
  if (booking.joinUrl) facts.push({ label: 'Join', value: `[Join the Teams meeting](${booking.joinUrl})` });
  if (booking.status === 'pending') facts.push({ label: 'Diaries', value: 'Being booked…' });
  if (booking.status === 'failed') facts.push({ label: 'Diaries', value: `Not booked: ${booking.lastError ?? 'the calendar did not answer'}` });
  return facts;
}

function timeFields(today: string, withDuration: boolean): FormField[] {
  const fields: FormField[] = [
    { id: 'otherDate', kind: 'date', label: 'Date', required: false, errorMessage: 'Enter a date.', min: today, max: addMonths(today, 4) },
    { id: 'otherTime', kind: 'text', label: 'Start time (24-hour, e.g. 14:30)', required: false, errorMessage: 'Enter a time like 14:30.', maxLength: 5, placeholder: '14:30' },
  ];
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

/** The DEA's booking actions for a request accepted for a case or skill conference. */
export function bookingActions(request: SupportRequest, view: BookingView, today: string, values?: Readonly<Record<string, string>>, problems?: Readonly<Record<string, string>>): Record<string, unknown>[] {
  const data = { requestId: request.id, version: request.version };
  const booking = view.current;
  if (!booking || booking.status === 'cancelled') {
    const proposalField: FormField[] = view.proposals.length
      ? [
          {
            id: 'slot',
            kind: 'choice',
            label: 'Proposed times (you are both free)',
            required: false,
            errorMessage: 'Choose a time or enter another one.',
            choices: view.proposals.map((p) => ({ title: describeMeeting(p.start, p.end), value: p.start.toISOString() })),
          },
        ]
      : [];
    const intro = view.unavailable
      ? view.unavailable
      : view.proposals.length
      ? 'Choose a proposed time, or enter another date and time below.'
      : `No common free time was found${request.requiredBy ? ` before ${describeDate(request.requiredBy)}` : ''}: enter a date and time.`;
    return [
      showCardAction({
        title: 'Book the conference',
        verb: 'booking.book',
        submitTitle: 'Book in both diaries',
        data,
        values: { durationMinutes: '60', mode: 'teams', ...(view.proposals[0] ? { slot: view.proposals[0].start.toISOString() } : {}), ...values },
        problems,
        intro,
        fields: [
          ...proposalField,
          ...timeFields(today, true),
          {
            id: 'mode',
            kind: 'choice',
            label: 'Channel',
            required: true,
            errorMessage: 'Choose how you will meet.',
            choices: MEETING_MODES.map((m) => ({ title: MEETING_MODE_LABELS[m], value: m })),
          },
        ],
      }),
    ];
  }
  if (booking.status === 'failed') {
    return [{ type: 'Action.Execute', title: 'Try booking again', verb: 'booking.retry', data: { ...data, bookingId: booking.id }, style: 'positive' }];
  }
  if (booking.status === 'booked') {
    return [
      showCardAction({
        title: 'Move',
        verb: 'booking.move',
        submitTitle: 'Move in both diaries',
        data,
        values,
        problems,
        fields: timeFields(today, false).map((f) => ({ ...f, required: true })),
      }),
      { type: 'Action.Execute', title: 'Cancel the meeting', verb: 'booking.cancel', data, style: 'destructive' },
    ];
  }
  return [];
}
