import type { OutcomeAction } from '../domain/outcomes/outcome-policy';
import { describeDate, londonDate } from '../domain/requests/calendar-date';
import { channelLabel } from '../domain/requests/channels';
import { NEXT_STEP_LABELS, NEXT_STEPS_AFTER, type OutcomeChannel } from '../domain/outcomes/next-steps';
import { OUTCOME_LIMITS, summaryIsSeparate } from '../domain/outcomes/outcome-routes';
import { NOT_HELD_NOTE_LIMIT, NOT_HELD_REASON_LABELS, notHeldReasonsFor } from '../domain/outcomes/not-held';
import type { OutcomeState } from '../domain/outcomes/outcome-service';
import type { MeetingRecord } from '../domain/outcomes/ports';
import type { SupportRequest } from '../domain/requests/support-request';
import { claimantCoachOf } from '../domain/requests/participants';
import type { StaffMember } from '../domain/staff';
import type { AdaptiveCard } from './render';
import { showCardAction, type FormField } from './form-card';
import { summaryCard } from './summary-card';

function nextStepsText(record: MeetingRecord): string {
  return record.nextSteps.map((s) => NEXT_STEP_LABELS[s]).join('; ');
}

/** The outcome and summary, for everyone who sees the request in full. */
export function outcomeParagraphs(state: OutcomeState | undefined): { label: string; value: string }[] {
  if (!state) return [];
  const out: { label: string; value: string }[] = [];
  if (state.outcome) {
    out.push({ label: `Outcome: actions and recommendations (${describeDate(londonDate(state.outcome.at))})`, value: state.outcome.text });
    out.push({ label: 'Next steps', value: nextStepsText(state.outcome) });
  }
  if (state.summary && summaryIsSeparate(state.route)) {
    out.push({ label: `DEA's summary of outputs${state.summaryRecipient ? `, sent to ${state.summaryRecipient.name}` : ''}`, value: state.summary.text });
  }
  return out;
}

/**
 * The text the work coach copies into LMS conversations (seed §15, §27): the outcome and the
 * actions and recommendations, without the claimant's details (LMS already has them).
 */
export function lmsOutcomeText(request: SupportRequest, state: OutcomeState, dea: StaffMember): string | null {
  const record = state.outcome;
  if (!record) return null;
  const source = state.route.recorder === 'adviser' && request.channel === 'claimant_support_intervention' ? `DEA Support Intervention by ${dea.name}` : `${channelLabel(request.channel!, request.type)} with DEA ${dea.name}`;
  return `${source}, ${request.reference}, outcome recorded ${describeDate(londonDate(record.at))}. Actions and recommendations: ${record.text} Next steps: ${nextStepsText(record)}.`;
}

/** The outcome form for the person the seed names, and the DEA's summary form where it is separate. */
export function outcomeForms(request: SupportRequest, state: OutcomeState, allowed: ReadonlySet<OutcomeAction>, values?: Readonly<Record<string, string>>, problems?: Readonly<Record<string, string>>): Record<string, unknown>[] {
  const data = { requestId: request.id, version: request.version };
  const forms: Record<string, unknown>[] = [];
  const summaryField = (label: string): FormField => ({ id: 'summary', kind: 'multiline', label, required: true, errorMessage: 'Enter the summary.', maxLength: OUTCOME_LIMITS.summary });
  if (allowed.has('recordOutcome')) {
    const fields: FormField[] = [
      { id: 'actions', kind: 'multiline', label: 'Outcome: actions and recommendations', required: true, errorMessage: 'Enter the actions and recommendations.', maxLength: OUTCOME_LIMITS.actions },
      {
        id: 'nextSteps',
        kind: 'multichoice',
        label: 'Next steps (a channel of support starts as a new request)',
        required: true,
        errorMessage: 'Choose at least one next step.',
        choices: NEXT_STEPS_AFTER[request.channel as OutcomeChannel].map((s) => ({ title: NEXT_STEP_LABELS[s], value: s })),
      },
    ];
    if (!summaryIsSeparate(state.route)) {
      fields.push(summaryField(state.route.summaryTo === 'claimant_coach' ? `Brief summary with next actions, for ${state.summaryRecipient?.name ?? 'the work coach'}` : `Summary of outputs, for ${state.summaryRecipient?.name ?? 'the team leader'}`));
    }
    forms.push(showCardAction({ title: 'Record the outcome', verb: 'outcome.record', submitTitle: 'Record outcome', data, values, problems, fields }));
  }
  if (allowed.has('recordNotHeld')) {
    const told = state.route.recorder === 'adviser' ? 'the person who asked for it' : 'the DEA';
    forms.push(
      showCardAction({
        title: 'It did not take place',
        verb: 'outcome.notHeld',
        submitTitle: 'Record that it did not take place',
        intro: `The request goes back to be booked again${request.channel === 'claimant_support_intervention' ? ", and this does not count as one of the claimant's interventions" : ''}. ${told.charAt(0).toUpperCase()}${told.slice(1)} is told.`,
        data,
        values,
        problems,
        fields: [
          { id: 'notHeldReason', kind: 'choice', label: 'Why not', required: true, errorMessage: 'Choose why it did not take place.', choices: notHeldReasonsFor(request.channel).map((r) => ({ title: NOT_HELD_REASON_LABELS[r], value: r })) },
          { id: 'notHeldNote', kind: 'multiline', label: 'Anything to add (optional)', required: false, errorMessage: `Keep it to ${NOT_HELD_NOTE_LIMIT} characters or fewer.`, maxLength: NOT_HELD_NOTE_LIMIT },
        ],
      }),
    );
  }
  if (allowed.has('sendSummary')) {
    forms.push(
      showCardAction({
        title: 'Send your summary of outputs',
        verb: 'outcome.summary',
        submitTitle: `Send to ${state.summaryRecipient?.name ?? 'the team leader'}`,
        data,
        values,
        problems,
        fields: [summaryField(`Summary of outputs, for ${state.summaryRecipient?.name ?? 'the team leader'}`)],
      }),
    );
  }
  return forms;
}

/** The DEA's summary, as its recipient gets it: by reference, with no claimant details. */
export function meetingSummaryCard(record: MeetingRecord, request: SupportRequest, people: { adviser: StaffMember; requester: StaffMember; claimantCoach: StaffMember | null }): AdaptiveCard {
  const toCoach = record.sentToId === claimantCoachOf(request) || record.sentToId === request.requesterId;
  const coach = people.claimantCoach ?? people.requester;
  return summaryCard({
    title: toCoach ? `Summary from ${people.adviser.name}: ${request.reference}` : `DEA summary of outputs: ${request.reference}`,
    subtitle: `${channelLabel(request.channel!, request.type)}, ${describeDate(londonDate(record.at))}`,
    facts: [
      { label: 'DEA', value: people.adviser.name },
      { label: 'Work coach', value: coach.name },
      ...(coach.id !== people.requester.id ? [{ label: 'Asked for by', value: people.requester.name }] : []),
      ...(record.nextSteps.length ? [{ label: 'Next steps', value: nextStepsText(record) }] : []),
    ],
    paragraphs: [{ label: toCoach ? 'Summary and next actions' : 'Summary of outputs', value: record.text }],
    note: toCoach ? 'Please follow up the actions the DEA recommends.' : "To inform people performance and the work coach's Performance Development Plan.",
    actions: [{ title: `Open ${request.reference}`, kind: 'submit', data: { verb: 'request.open', requestId: request.id } }],
  });
}
