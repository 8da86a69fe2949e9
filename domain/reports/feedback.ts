/**
 * Feedback that measures the expected outcomes of Specialist Advice: a short card to the work coach
 * after each conversation (their own view, and the claimant's as the coach records it), and a
 * periodic one to HCPs and Work Coach Team Leaders. Each answer is a score: 1 to 5 on a scale, or
 * 1 for yes and 0 for no.
 */

export type FeedbackKind = 'after_conversation' | 'periodic';

export interface FeedbackQuestion {
  readonly id: string;
  readonly kind: FeedbackKind;
  /** The question as the card asks it. */
  readonly ask: string;
  readonly scale: 'one_to_five' | 'yes_no';
  /** The expected outcome it measures, as the report names it. */
  readonly outcome: string;
}

export const FEEDBACK_QUESTIONS: readonly FeedbackQuestion[] = [
  { id: 'coach_confidence', kind: 'after_conversation', scale: 'one_to_five', ask: 'How confident do you now feel to support this claimant? (1 not at all, 5 very)', outcome: 'Work coaches are more confident to support claimants with a health condition or disability' },
  { id: 'coach_understanding', kind: 'after_conversation', scale: 'one_to_five', ask: 'How well do you now understand how their health condition interacts with work? (1 not at all, 5 very well)', outcome: 'Work coaches understand better how a health condition interacts with work' },
  { id: 'coach_tailor', kind: 'after_conversation', scale: 'one_to_five', ask: 'How able are you now to tailor support to their needs? (1 not at all, 5 fully)', outcome: 'Work coaches can tailor solutions and support to the claimant' },
  { id: 'claimant_confidence', kind: 'after_conversation', scale: 'yes_no', ask: 'Did the claimant say they feel more confident in the support you give them?', outcome: 'Claimants are more confident in the support their work coach gives' },
  { id: 'claimant_benefit', kind: 'after_conversation', scale: 'yes_no', ask: 'Did the claimant say the advice helps them manage their condition to move towards work?', outcome: 'Claimants benefit from advice on managing their condition to move towards work' },
  { id: 'claimant_steps', kind: 'after_conversation', scale: 'yes_no', ask: 'Did the claimant agree steps towards work?', outcome: 'Claimants consider and agree steps towards work' },
  { id: 'staff_confidence', kind: 'periodic', scale: 'one_to_five', ask: 'Over this period, how much has having an HCP improved the confidence and knowledge of colleagues working with claimants with health conditions? (1 not at all, 5 a lot)', outcome: 'Having HCPs improves the confidence and knowledge of jobcentre colleagues' },
  { id: 'jobcentre_offer', kind: 'periodic', scale: 'one_to_five', ask: 'How much does having an HCP in the jobcentre improve what it offers claimants with health conditions? (1 not at all, 5 a lot)', outcome: 'Having an HCP in the jobcentre improves its offer to claimants' },
];

export function questionsOf(kind: FeedbackKind): FeedbackQuestion[] {
  return FEEDBACK_QUESTIONS.filter((q) => q.kind === kind);
}

export interface FeedbackAnswer {
  readonly question: string;
  readonly score: number;
}

/**
 * The answers a card sent, checked: every question answered, each within its scale. Problems by
 * input id, for the card to show beside each question.
 */
export function readFeedback(kind: FeedbackKind, typed: Readonly<Record<string, string>>): { answers: FeedbackAnswer[] } | { problems: Record<string, string> } {
  const answers: FeedbackAnswer[] = [];
  const problems: Record<string, string> = {};
  for (const q of questionsOf(kind)) {
    const raw = (typed[q.id] ?? '').trim();
    const allowed = q.scale === 'one_to_five' ? ['1', '2', '3', '4', '5'] : ['0', '1'];
    if (!allowed.includes(raw)) problems[q.id] = q.scale === 'one_to_five' ? 'Choose a number from 1 to 5.' : 'Choose yes or no.';
    else answers.push({ question: q.id, score: Number(raw) });
  }
  return Object.keys(problems).length > 0 ? { problems } : { answers };
}
