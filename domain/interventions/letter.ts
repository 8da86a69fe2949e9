import type { Booking } from '../calendar/booking';
import { roleOf } from '../requests/participants';
import type { SupportRequest } from '../requests/support-request';
import type { MeetingMode } from '../calendar/booking';
import type { Interval } from '../calendar/calendar-port';
import { describeMeeting } from '../requests/calendar-date';
import { LETTER_FORMAT_LABELS, type Conditionality, type ConsentPurpose, type LetterFormat } from './consent';

export interface LetterDetails {
  readonly purpose: ConsentPurpose;
  readonly meeting: Interval;
  readonly mode: MeetingMode;
  /** The jobcentre, for a face-to-face meeting. */
  readonly place: string | null;
  readonly coachName: string;
  readonly deaName: string;
  readonly conditionality: Conditionality;
  readonly format: LetterFormat;
}

export interface NotificationLetter {
  readonly text: string;
  /** Set when the letter must not go out in standard print (seed §40). */
  readonly formatFlag: string | null;
}

/**
 * Who sends the claimant the appointment letter: the work coach books a three way on LMS, so a
 * letter goes to the claimant (seed §25); the DEA writes one when they tell the claimant of a
 * claimant support intervention by letter (§40). Only once the meeting is booked.
 */
export function sendsTheLetter(personId: string, request: SupportRequest, booking: Pick<Booking, 'status' | 'claimantContact'> | null): boolean {
  if (!booking || booking.status !== 'booked' || request.status !== 'booked') return false;
  if (request.channel === 'three_way_intervention') return roleOf(request, personId) === 'requester';
  return request.channel === 'claimant_support_intervention' && roleOf(request, personId) === 'adviser' && booking.claimantContact === 'letter';
}

/**
 * The text of the letter that tells the claimant about the meeting (seed §25, §40): the date, the
 * time, and the place or channel. It names staff only; the coach adds the claimant's details in LMS.
 */
export function notificationLetter(details: LetterDetails): NotificationLetter {
  const when = describeMeeting(details.meeting.start, details.meeting.end).replace(', ', ' from ').replace(' to ', ' to ');
  const where = details.mode === 'face_to_face'
    ? `at ${details.place ?? 'the jobcentre'}`
    : details.mode === 'telephone'
    ? 'by telephone: we will call you'
    : `by ${details.mode === 'teams' ? 'Microsoft Teams video call' : 'video call'}: we will send you the link`;
  const lines =
    details.purpose === 'three_way_intervention'
      ? [
          `You have an appointment with your work coach, ${details.coachName}, and ${details.deaName}, a Disability Employment Adviser, on ${when}, ${where}.`,
          details.conditionality === 'mandatory'
            ? 'You must attend this appointment. If you do not attend and do not have a good reason, your benefit may be affected. If you cannot attend, contact us before the appointment.'
            : 'This appointment is voluntary. If you cannot attend, please contact us before the appointment.',
        ]
      : [
          `${details.deaName}, a Disability Employment Adviser, would like to meet you on ${when}, ${where}.`,
          'This appointment is voluntary. Your regular appointments with your work coach still take place and your usual conditions still apply.',
        ];
  lines.push('If you need this letter in another format, or need help to attend, please tell us.');
  return {
    text: lines.join('\n\n'),
    formatFlag:
      details.format === 'standard'
        ? null
        : `Send this letter in ${LETTER_FORMAT_LABELS[details.format].toLowerCase()}: see "Delivering equality for blind or visually impaired customers".`,
  };
}
