/**
 * The card of a Specialist Advice conversation, one view per person: the coach, the HCP, the
 * jobcentre contact and the activity manager each see first what they must do now. The health
 * condition and the HCP's notes are shown only to the coach, the HCP and the activity manager;
 * the contact sees the referral (for the pack) with the NINO masked.
 */
import type { AdviceAction, AdvicePart } from '../../domain/specialist-advice/advice-policy';
import { adHocAnswerBy, adviceStatusLabel, packState, seesHealthDetails, type PackState } from '../../domain/specialist-advice/advice-policy';
import {
  ADVICE_BENEFIT_LABELS,
  ADVICE_CHANNEL_HOW,
  ADVICE_CHANNEL_LABELS,
  ADVICE_TYPE_LABELS,
  WCA_STATUS_LABELS,
  type AdviceConversation,
  type AdviceNotes,
} from '../../domain/specialist-advice/conversation';
import { NOTES_MAX } from '../../domain/specialist-advice/notes';
import type { AdviceSlot } from '../../domain/specialist-advice/schedule';
import { describeMeeting } from '../../domain/requests/calendar-date';
import { londonClock } from '../../domain/calendar/london-time';
import { formatNino, maskNino } from '../../domain/requests/nino';
import { showCardAction, type FormField } from '../form-card';
import type { AdaptiveCard } from '../render';
import { callout, card, copyBox, details, execute, facts, heading, para, type Element } from './elements';

export interface AdviceCardView {
  readonly conversation: AdviceConversation;
  readonly part: AdvicePart;
  readonly allowed: ReadonlySet<AdviceAction>;
  readonly names: { readonly coach: string; readonly hcp: string; readonly contact: string | null; readonly jobcentre: string };
  readonly notes: AdviceNotes | null;
  /** For the contact, only when the claimant agreed to their GP being told: the findings to send. */
  readonly findingsForGp?: string | null;
  /** Times to choose from, when they were looked up for this answer. */
  readonly proposals?: readonly AdviceSlot[];
  readonly claimantText?: string;
  readonly lmsText?: readonly string[];
  readonly note?: { readonly text: string; readonly tone: 'good' | 'attention' };
  readonly form?: { readonly values?: Readonly<Record<string, string>>; readonly problems?: Readonly<Record<string, string>> };
  /** Today, YYYY-MM-DD, for the notes' signature date. */
  readonly today: string;
  /** When the card is drawn: whether an ad hoc ask is still waiting for its answer. */
  readonly now: Date;
}

const PACK_LABELS: Readonly<Record<PackState, string>> = { ready: 'Ready', ad_hoc: 'None (ad hoc)', no_contact: 'None: no contact is named to prepare one', to_prepare: 'Not ready yet' };

const when = (c: AdviceConversation) => (c.start && c.end ? describeMeeting(c.start, c.end) : 'not booked yet');
const time = (d: Date | null) => (d ? londonClock(d) : 'now');

/**
 * What the HCP is asked to do with the claimant, in the channel the coach chose. A call always names
 * its channel, so an HCP on site does not go to the claimant for a telephone conversation; face to
 * face is named where the HCP must know to go there (`sayFaceToFace`).
 */
export function adHocAsk(c: Pick<AdviceConversation, 'channel'>, who: string, at: string, sayFaceToFace = false): string {
  const meet = c.channel === 'telephone' ? 'speak with' : 'see';
  return `${meet} ${who} ${at}${c.channel !== 'face_to_face' || sayFaceToFace ? `, ${ADVICE_CHANNEL_HOW[c.channel]}` : ''}`;
}

/** The channel on the booking step: the times offered are for it (face to face only on the HCP's days there). */
const bookingHow = (c: AdviceConversation, jobcentre: string) => (c.channel === 'face_to_face' ? `face to face at ${jobcentre}` : ADVICE_CHANNEL_HOW[c.channel]);

export function adviceCard(view: AdviceCardView): AdaptiveCard {
  const { conversation: c, part } = view;
  const data = { conversationId: c.id, version: c.version };
  const body: Element[] = [heading(`Specialist Advice ${c.reference}`), para(`${adviceStatusLabel(c, view.now)}. ${when(c) === 'not booked yet' ? '' : when(c)}`.trim(), { subtle: true, spacing: 'None' })];
  if (view.note) body.push(para(view.note.text, { bold: true, color: view.note.tone === 'attention' ? 'Attention' : 'Good' }));
  const actions: Element[] = [];
  const first = firstStep(view, data, actions);
  if (first.length) body.push(callout(first, c.adHoc && c.status === 'adhoc_asked' && part === 'hcp' ? 'attention' : 'emphasis'));
  const hidden = details(`details-${c.id}`, detailItems(view));
  body.push(hidden.container);
  actions.push(hidden.toggle);
  return card(body, actions) as AdaptiveCard;
}

/** What this person must do first, with its buttons. */
function firstStep(view: AdviceCardView, data: Record<string, unknown>, actions: Element[]): Element[] {
  const { conversation: c, part, names, allowed } = view;
  const out: Element[] = [];
  const can = (a: AdviceAction) => allowed.has(a);
  /** The contact's part once the conversation is held (Annex 2 §7, §11): the GP notification, and the pack and notes back. */
  const afterTheConversation = () => {
    if (can('findingsSent') && view.findingsForGp) {
      out.push(para('Send this Unexpected Findings notification to the claimant’s GP. The claimant agreed to it.', { bold: true }), copyBox('Unexpected findings', view.findingsForGp));
      actions.push(execute('I have sent it', 'advice.findingsSent', data, 'positive'));
    }
    if (can('confirmReturn')) {
      out.push(para(`${names.hcp} says they gave you back the information pack and their notes. Check you have them.`, { bold: true }));
      actions.push(execute('I have them', 'advice.confirmReturn', data, 'positive'));
    } else if (c.status === 'held' && !c.returnedAt) out.push(para(`${names.hcp} will give you back the information pack and their notes before they leave.`));
  };
  if (part === 'coach') {
    if (c.status === 'adhoc_asked') {
      // The policy lets the coach book an ad hoc ask only once its time has passed unanswered.
      if (can('book')) out.push(para(`${names.hcp} did not answer while the claimant was waiting (from ${time(c.start)}). Book a time instead: what you sent is kept.`, { bold: true, color: 'Attention' }));
      else {
        out.push(para(`You asked ${names.hcp} to ${adHocAsk(c, 'the claimant', 'now')}. You will get a message if they answer by ${time(adHocAnswerBy(c))}; after that you can book a time instead from this card.`, { bold: true }));
        actions.push(execute('See if they answered', 'advice.open', data));
      }
    }
    // While the diaries could not be written, trying again comes first: moving waits until they are.
    if (can('book') && !can('retryDiaries')) {
      if (view.proposals?.length) {
        out.push(para(c.status === 'booked' ? 'You can move the conversation to another time:' : `Choose a time for the conversation ${bookingHow(c, names.jobcentre)}. The first part is for you and the HCP to prepare together.`, { bold: true }));
        out.push({
          type: 'Input.ChoiceSet',
          id: 'slot',
          label: 'Time',
          style: 'expanded',
          isRequired: true,
          errorMessage: 'Choose a time.',
          value: view.form?.values?.slot ?? view.proposals[0]!.prepStart.toISOString(),
          choices: view.proposals.map((s) => ({ title: `${describeMeeting(s.start, s.end)}${s.prepStart < s.start ? ` (preparation from ${describeMeeting(s.prepStart, s.start).split(', ').pop()!.split(' to ')[0]})` : ''}`, value: s.prepStart.toISOString() })),
        });
        if (view.form?.problems?.slot) out.push(para(`⚠ ${view.form.problems.slot}`, { color: 'Attention', bold: true }));
        actions.push(execute(c.status === 'booked' ? 'Move to this time' : 'Book this time', 'advice.book', data, 'positive'));
      } else if (view.proposals) {
        out.push(para(`${names.hcp} and you have no free time in common in the next 4 weeks${c.channel === 'face_to_face' ? ` on a day they are at ${names.jobcentre}` : ''}. Ask the HCP Activity Manager.`, { bold: true }));
      } else {
        out.push(para(c.status === 'booked' ? `Booked: ${when(c)}.` : 'Find a time when you and the HCP are both free.', { bold: true }));
        actions.push(execute(c.status === 'booked' ? 'Move it' : 'Find times', 'advice.times', data, c.status === 'booked' ? 'default' : 'positive'));
      }
    }
    if (c.diaryStatus === 'writing') out.push(para(c.status === 'cancelled' ? 'Removing it from the diaries now. This card shows when that is done.' : 'Writing it in the diaries now. This card shows when that is done.'));
    if (c.diaryStatus === 'failed') {
      out.push(para(`${c.status === 'cancelled' ? 'Its entries could not all be removed from the diaries' : 'The diaries could not all be written'}: ${c.diaryError ?? 'a diary did not answer'}. This is tried again by itself for a while; you can also try again now.`, { bold: true, color: 'Attention' }));
      if (can('retryDiaries')) actions.push(execute('Try the diaries again', 'advice.retryDiaries', data, 'positive'));
    }
    if (c.status === 'booked' && c.prepStart && c.start && c.prepStart < c.start) {
      out.push(para(`Before it, you and ${names.hcp} prepare together: ${describeMeeting(c.prepStart, c.start)}. You lead the conversation.`));
    }
    if (c.status === 'booked' && view.claimantText) out.push(para('Tell the claimant:', { bold: true }), para(view.claimantText));
    if (can('didNotAttend')) {
      out.push(para('If the claimant did not come, or said no on the day, record it here. The HCP records the notes after a conversation.'));
      actions.push(execute('Did not attend', 'advice.attendance', { ...data, outcome: 'did_not_attend' }), execute('Declined on the day', 'advice.attendance', { ...data, outcome: 'declined' }));
    }
    if (c.status === 'held' && view.notes) {
      out.push(para('Add these actions to the claimant’s Action Plan:', { bold: true }), para(view.notes.actions));
      if (view.lmsText) out.push(copyBox('Text for LMS', view.lmsText));
    }
    if (can('cancel')) actions.push(showCancel(data));
    // No contact was named for it: the coach sends the GP notification and takes back the pack and notes.
    if (c.contactId === null) afterTheConversation();
  }
  if (part === 'hcp') {
    if (can('acceptAdHoc')) {
      out.push(
        para(`Urgent: ${names.coach} asks you to ${adHocAsk(c, `a claimant at ${names.jobcentre}`, 'now', true)} (${when(c)}).`, { bold: true }),
        para(`There is no time to prepare. Say yes if an ad hoc conversation is right for this claimant. Answer by ${time(adHocAnswerBy(c))}: after that the claimant cannot wait, and the work coach books a time instead.`),
      );
      actions.push(execute(c.channel === 'telephone' ? 'Yes, I can speak with them' : 'Yes, I can see them', 'advice.adhoc', { ...data, accept: 'true' }, 'positive'), execute('No, not now', 'advice.adhoc', { ...data, accept: 'false' }));
    } else if (c.status === 'adhoc_asked') {
      out.push(para(`${names.coach} asked you to ${adHocAsk(c, `a claimant at ${names.jobcentre}`, `at ${time(c.start)}`)}. It is too late to answer: the claimant was waiting then. The work coach can book a time instead.`, { bold: true }));
    } else if (c.status === 'booked' && packState(c) === 'to_prepare') {
      out.push(para(`You have a conversation with ${names.coach} on ${when(c)}. ${names.contact ?? 'The jobcentre contact'} is preparing the information pack; you will be told when it is ready.`, { bold: true }));
    } else if (can('prepared')) {
      out.push(
        para(
          c.packReadyAt
            ? 'The information pack is ready. Review it with the work coach before the conversation, and agree how the meeting will run. The work coach leads it.'
            : c.adHoc
              ? 'Before you start, agree with the work coach how the conversation will run. The work coach leads it.'
              : `No contact is named for ${names.jobcentre}, so no information pack is coming: prepare from the request (under Show details) with the work coach, and agree how the conversation will run. The work coach leads it.`,
          { bold: true },
        ),
      );
      actions.push(execute('I have prepared with the coach', 'advice.prepared', data, 'positive'));
    }
    if (c.status === 'booked' && c.preparedAt && !can('notes')) out.push(para(`You are ready. After the conversation, record your notes here or from "my day".`));
    if (can('notes')) {
      out.push(para('After the conversation, record your notes, sign and date them.', { bold: true }));
      actions.push(notesForm(view, data));
    }
    if (can('returned')) {
      out.push(para(`Give the information pack and your notes back to ${names.contact ?? (c.contactId === null ? `${names.coach}, the work coach,` : 'the jobcentre contact')} before you leave the jobcentre.`, { bold: true }));
      actions.push(execute('I have returned them', 'advice.returned', data, 'positive'));
    }
    if (c.status === 'held' && !can('returned')) out.push(para('Notes recorded and returned. Thank you.'));
  }
  if (part === 'contact') {
    if (can('packReady')) {
      out.push(
        para(`Prepare the information pack for ${names.hcp}. The conversation is on ${when(c)}.`, { bold: true }),
        para('Put in:\n- the referral form, with the summary of the WCA outcome and the background (under Show details)\n- the Unexpected Findings template\n- the claimant’s GP consent form'),
      );
      actions.push(execute('The pack is ready', 'advice.pack', data, 'positive'));
    } else if (c.status === 'booked') out.push(para(`The pack is ready. The conversation is on ${when(c)}.`));
    afterTheConversation();
  }
  if (part === 'manager') out.push(para(`${names.hcp} with ${names.coach} at ${names.jobcentre}: ${when(c)}.`));
  return out;
}

function showCancel(data: Record<string, unknown>): Element {
  return { type: 'Action.ShowCard', title: 'Cancel it', card: { type: 'AdaptiveCard', body: [para('Cancel this conversation? The diary entries are removed and the HCP is told.')], actions: [execute('Yes, cancel it', 'advice.cancel', data)] } };
}

const NOTES_FIELDS = (today: string): FormField[] => [
  { id: 'conditions', kind: 'multiline', maxLength: NOTES_MAX, label: 'The nature of the health condition or conditions', required: true, errorMessage: 'Describe the condition or conditions.' },
  { id: 'impact', kind: 'multiline', maxLength: NOTES_MAX, label: 'Their impact, the limitations, and how to overcome or manage them', required: true, errorMessage: 'Describe the impact and how to manage it.' },
  { id: 'functioning', kind: 'multiline', maxLength: NOTES_MAX, label: 'How the claimant will function in work-related activity', required: true, errorMessage: 'Describe how they will function.' },
  { id: 'actions', kind: 'multiline', maxLength: NOTES_MAX, label: 'Actions agreed for the Action Plan', required: true, errorMessage: 'List the actions agreed.', hint: 'The work coach gets these to put into the Action Plan.' },
  { id: 'noAlternativeDiagnosis', kind: 'multichoice', label: 'Diagnosis and treatment', required: true, errorMessage: 'Confirm this.', choices: [{ title: 'I did not offer another diagnosis or treatment', value: 'true' }] },
  { id: 'wcaNotChallenged', kind: 'multichoice', label: 'WCA decision', required: true, errorMessage: 'Confirm this.', choices: [{ title: 'I did not challenge or contradict the WCA decision', value: 'true' }] },
  {
    id: 'hasFindings',
    kind: 'choice',
    label: 'Any unexpected findings for the claimant’s GP?',
    required: true,
    errorMessage: 'Answer yes or no.',
    choices: [
      { title: 'No', value: 'no' },
      { title: 'Yes', value: 'yes' },
    ],
  },
  { id: 'findings', kind: 'multiline', maxLength: NOTES_MAX, label: 'Unexpected findings (only if yes)', required: false, errorMessage: '' },
  { id: 'signedName', kind: 'text', label: 'Your name (signature)', required: true, errorMessage: 'Sign with your name.' },
  { id: 'signedOn', kind: 'date', label: 'Date', required: true, errorMessage: 'Enter the date.', max: today },
];

function notesForm(view: AdviceCardView, data: Record<string, unknown>): Element {
  return showCardAction({
    title: 'Record notes',
    verb: 'advice.notes',
    submitTitle: 'Save notes',
    intro: view.conversation.consent.gpConsent ? 'The claimant agreed to their GP being told of unexpected findings.' : 'The claimant did not agree to their GP being told of unexpected findings: any you record are kept, not sent.',
    data,
    fields: NOTES_FIELDS(view.today),
    values: { signedName: view.names.hcp, signedOn: view.today, ...view.form?.values },
    problems: view.form?.problems,
  });
}

/** Everything else, behind "Show details"; health details only for those who may see them. */
function detailItems(view: AdviceCardView): Element[] {
  const { conversation: c, part, names, notes } = view;
  const health = seesHealthDetails(part);
  const claimant = c.claimant;
  const items: Element[] = [
    facts([
      ['Claimant', claimant.surname],
      ['National Insurance number', health ? formatNino(claimant.nino) : maskNino(claimant.nino)],
      ['Benefit', ADVICE_BENEFIT_LABELS[claimant.benefit]],
      ['WCA', WCA_STATUS_LABELS[claimant.wcaStatus]],
      ['Work coach', names.coach],
      ['Health Care Professional', names.hcp],
      ['Jobcentre', names.jobcentre],
      ['Jobcentre contact', names.contact ?? (c.contactId ? 'no longer in the directory' : `none named for ${names.jobcentre}`)],
      ['How', ADVICE_CHANNEL_LABELS[c.channel]],
      ['When', when(c)],
      ['Booked', c.adHoc ? 'Ad hoc (the claimant asked on the day)' : 'Pre-booked'],
      ['Complex case', c.complex ? 'Yes: longer preparation' : 'No'],
      ['Advice sought', c.adviceTypes.map((t) => ADVICE_TYPE_LABELS[t]).join('; ')],
      ['Claimant agreed to take part', c.consent.agreed ? 'Yes (voluntary)' : 'No'],
      ['GP may be told of unexpected findings', c.consent.gpConsent ? 'Yes' : 'No'],
      ['Information pack', PACK_LABELS[packState(c)]],
      ['Preparation', c.preparedAt ? 'Done' : c.adHoc ? 'None (ad hoc)' : 'Not yet'],
    ]),
  ];
  if (claimant.wcaSummary) items.push(para('WCA outcome', { bold: true }), para(claimant.wcaSummary));
  items.push(para('Background', { bold: true }), para(claimant.background));
  if (health) items.push(para('Health condition or conditions', { bold: true }), para(claimant.conditions));
  if (health && notes) {
    items.push(
      para('HCP’s notes', { bold: true, spacing: 'Large' }),
      facts([
        ['Condition or conditions', notes.conditions],
        ['Impact and how to manage it', notes.impact],
        ['Functioning in work-related activity', notes.functioning],
        ['Actions for the Action Plan', notes.actions],
        ['Other diagnosis or treatment offered', 'No'],
        ['WCA decision challenged', 'No'],
        ['Unexpected findings', notes.findings ? (c.findings === 'not_sent_no_consent' ? 'Yes: not sent to the GP (no consent)' : notes.findings) : 'None'],
        ['Signed', `${notes.signedName}, ${notes.signedOn}`],
      ]),
    );
  }
  return items;
}
