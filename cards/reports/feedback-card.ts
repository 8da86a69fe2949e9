import { questionsOf, type FeedbackKind } from '../../domain/reports/feedback';
import { heading, noteBlock, textBlock } from '../glance-card';
import type { AdaptiveCard } from '../render';

export interface FeedbackCardData {
  readonly kind: FeedbackKind;
  /** The conversation's reference, or the period, that the feedback is about. */
  readonly about: string;
  readonly subjectId: string;
  /** Answers already given: the card then says thank you instead of asking again. */
  readonly answered: boolean;
  readonly typed?: Readonly<Record<string, string>>;
  readonly problems?: Readonly<Record<string, string>>;
}

const SCALE = ['1', '2', '3', '4', '5'].map((v) => ({ title: v, value: v }));
const YES_NO = [
  { title: 'Yes', value: '1' },
  { title: 'No', value: '0' },
];

/** A short card of 1 to 5 scales (and yes or no for the claimant's view): scores only, no text. */
export function feedbackCard(data: FeedbackCardData): AdaptiveCard {
  const title = data.kind === 'after_conversation' ? `Feedback on Specialist Advice: ${data.about}` : `Specialist Advice feedback: ${data.about}`;
  if (data.answered) {
    return { type: 'AdaptiveCard', version: '1.5', body: [heading(title), textBlock('Nothing for you to do now: thank you, your answers are recorded.', { weight: 'Bolder' })] };
  }
  const problems = data.problems ?? {};
  const body: Record<string, unknown>[] = [
    heading(title),
    textBlock(
      data.kind === 'after_conversation'
        ? 'Your action: answer 6 short questions about the conversation, for you and as the claimant told you. It takes a minute; answers are counted, never shown with your name.'
        : 'Your action: answer 2 short questions about having Health Care Professionals in your jobcentres. Answers are counted, never shown with your name.',
      { weight: 'Bolder' },
    ),
  ];
  if (Object.keys(problems).length > 0) body.push(noteBlock({ text: 'Answer every question, then send again.', tone: 'attention' }));
  for (const q of questionsOf(data.kind)) {
    body.push({
      type: 'Input.ChoiceSet',
      id: q.id,
      label: q.ask,
      style: 'expanded',
      isRequired: true,
      errorMessage: q.scale === 'one_to_five' ? 'Choose a number from 1 to 5.' : 'Choose yes or no.',
      choices: q.scale === 'one_to_five' ? SCALE : YES_NO,
      value: data.typed?.[q.id] ?? '',
    });
    if (problems[q.id]) body.push(textBlock(problems[q.id]!, { color: 'Attention', spacing: 'None' }));
  }
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    actions: [{ type: 'Action.Execute', title: 'Send answers', verb: 'reports.feedback', data: { subjectId: data.subjectId, kind: data.kind }, style: 'positive' }],
  };
}
