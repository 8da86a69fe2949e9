import type { PrivacyAsk } from '../../domain/privacy/privacy-policy';
import type { SubjectAccessDocument } from '../../domain/privacy/subject-access';
import { DATA_EXPORT_ID } from '../card-check';
import type { AdaptiveCard } from '../render';

export type { PrivacyAsk };

const ASKS: Readonly<Record<PrivacyAsk, { title: string; intro: string; submit: string; confirm?: string }>> = {
  'privacy.access': {
    title: 'Subject access request',
    intro: 'Enter the claimant\'s National Insurance number. For someone in work who claims no benefit, enter the name and employer the employer adviser recorded instead. You get everything held about them, to check and send on. The request and its due date are recorded.',
    submit: 'Get the information',
  },
  'privacy.erase': {
    title: 'Erase a claimant\'s details',
    intro: 'This removes the claimant\'s National Insurance number, surname and everything written about them from every case, and updates the cards already posted. Counts for reports are kept. This cannot be undone.',
    submit: 'Erase',
    confirm: 'I confirm the claimant asked for erasure and it has been agreed',
  },
  'privacy.seen': {
    title: 'Who has looked at a claimant\'s cases',
    intro: 'Enter the claimant\'s National Insurance number to see who has been shown their cases, and when.',
    submit: 'Show who looked',
  },
};

/** What was typed into the form, and the problems found, each shown beside its field. */
export interface PrivacyFormState {
  readonly nino?: string;
  readonly personName?: string;
  readonly employer?: string;
  readonly problems?: Readonly<Partial<Record<'nino' | 'personName' | 'employer', string>>>;
  readonly confirmProblem?: string;
}

/**
 * A form asking for a NINO (and, for subject access and erasure, the name and employer of someone
 * who claims no benefit), kept as typed with each problem beside its field when refused.
 */
export function ninoFormCard(ask: PrivacyAsk, state: PrivacyFormState = {}): AdaptiveCard {
  const a = ASKS[ask];
  const byPerson = ask !== 'privacy.seen';
  const problem = (field: 'nino' | 'personName' | 'employer') => {
    const text = state.problems?.[field];
    if (text) body.push({ type: 'TextBlock', text: `⚠ ${text}`, color: 'Attention', weight: 'Bolder', wrap: true, spacing: 'Small' });
  };
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: a.title, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
    { type: 'TextBlock', text: a.intro, wrap: true },
    { type: 'Input.Text', id: 'nino', label: 'National Insurance number', value: state.nino ?? '', placeholder: 'For example, QQ 12 34 56 C', isRequired: !byPerson, errorMessage: 'Enter the claimant\'s National Insurance number.', maxLength: 13 },
  ];
  problem('nino');
  if (byPerson) {
    body.push(
      { type: 'TextBlock', text: 'If they claim no benefit', weight: 'Bolder', wrap: true, separator: true },
      { type: 'TextBlock', text: 'Their retention case has no National Insurance number. Enter both, as the employer adviser recorded them.', wrap: true, isSubtle: true, spacing: 'None' },
      { type: 'Input.Text', id: 'personName', label: 'Their name', value: state.personName ?? '', maxLength: 100, errorMessage: 'Enter their name, as the employer adviser recorded it.' },
    );
    problem('personName');
    body.push({ type: 'Input.Text', id: 'employer', label: 'Their employer', value: state.employer ?? '', maxLength: 200, errorMessage: 'Enter their employer, as the employer adviser recorded it.' });
    problem('employer');
  }
  if (a.confirm) {
    body.push({ type: 'Input.Toggle', id: 'confirm', title: a.confirm, label: 'Confirm', valueOn: 'yes', valueOff: 'no', value: 'no', isRequired: true, errorMessage: 'Confirm the erasure has been agreed.' });
    if (state.confirmProblem) body.push({ type: 'TextBlock', text: `⚠ ${state.confirmProblem}`, color: 'Attention', weight: 'Bolder', wrap: true, spacing: 'Small' });
  }
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    // Erasure is destructive: not styled as the primary action.
    actions: [{ type: 'Action.Submit', title: a.submit, ...(ask === 'privacy.erase' ? { style: 'destructive' } : {}), data: { verb: ask } }],
  };
}

const RAW_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STORED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?Z$/;
const stampLondon = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A value as a person reads it: yes or no, a London date and time; the data block keeps it as stored. */
function readable(value: string): string {
  if (value === 'true') return 'Yes';
  if (value === 'false') return 'No';
  if (STORED_TIME.test(value)) return stampLondon.format(new Date(value));
  return value;
}

/** Cards stay well under Teams' 100 KB; the full document is in the attached file. */
const MAX_CARD_ROWS = 60;

/** JSON shown on the card up to this size (Teams refuses messages over about 100 KB). */
export const MAX_CARD_JSON = 40_000;

/** Everything held, to read; and the same as data (JSON) behind a button, when it fits on the card. */
export function subjectAccessCard(doc: SubjectAccessDocument, json?: string): AdaptiveCard {
  const body: Record<string, unknown>[] = [
    { type: 'TextBlock', text: 'Information held about the claimant', size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
    {
      type: 'TextBlock',
      wrap: true,
      text:
        doc.references.length === 0
          ? 'Nothing is held about them under what you entered. The request is recorded.'
          : `Check it and send it on by ${doc.due}. Specialist Advice material is due by ${doc.hcpDue}. The request is recorded.`,
    },
    { type: 'FactSet', facts: [{ title: 'Cases', value: doc.references.join(', ') || 'None' }, { title: 'Due', value: doc.due }, { title: 'Specialist Advice due', value: doc.hcpDue }] },
    { type: 'TextBlock', text: 'How we searched', weight: 'Bolder', wrap: true },
    ...doc.searched.map((line) => ({ type: 'TextBlock', text: line, wrap: true, spacing: 'Small' })),
  ];
  let shown = 0;
  for (const section of doc.sections) {
    if (section.rows.length === 0) continue;
    body.push({ type: 'TextBlock', text: section.title, weight: 'Bolder', wrap: true, separator: true });
    for (const row of section.rows) {
      if (shown++ >= MAX_CARD_ROWS) break;
      // Internal ids mean nothing to a reader; they are in the data (JSON) below.
      const facts = row.filter((f) => !RAW_ID.test(f.value)).map((f) => ({ title: f.label, value: readable(f.value) }));
      if (facts.length) body.push({ type: 'FactSet', facts });
    }
  }
  const fits = json !== undefined && json.length <= MAX_CARD_JSON;
  if (shown > MAX_CARD_ROWS || !fits) body.push({ type: 'TextBlock', text: 'There is more than fits on a card. Ask the team that runs this service for a full export from its database.', wrap: true, weight: 'Bolder' });
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body,
    ...(fits
      ? { actions: [{ type: 'Action.ShowCard', title: 'Show the same as data (JSON)', card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', id: DATA_EXPORT_ID, text: json, wrap: true, fontType: 'Monospace', size: 'Small' }] } }] }
      : {}),
  };
}

export function erasedCard(references: readonly string[], rows: number): AdaptiveCard {
  const text =
    references.length === 0
      ? 'Nothing is held about them under what you entered. Any unfinished drafts mentioning their National Insurance number were removed. The request is recorded.'
      : `The claimant's details were removed from ${references.join(', ')} (${rows} records). Cards already posted are being updated. The erasure is recorded.`;
  return { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Erasure done', size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' }, { type: 'TextBlock', text, wrap: true }] };
}

export interface SeenEntry {
  readonly at: string;
  readonly who: string;
  readonly reference: string;
  readonly relationship: string;
  readonly shown: string;
}

export function whoLookedCard(entries: readonly SeenEntry[]): AdaptiveCard {
  const body: Record<string, unknown>[] = [{ type: 'TextBlock', text: 'Who has looked at the claimant\'s cases', size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' }];
  if (entries.length === 0) body.push({ type: 'TextBlock', text: 'No one you can see has been shown these cases.', wrap: true });
  for (const e of entries) body.push({ type: 'TextBlock', wrap: true, spacing: 'Small', text: `${e.at}: ${e.who} (${e.relationship}) saw ${e.reference} on ${e.shown}` });
  return { type: 'AdaptiveCard', version: '1.5', body };
}

/** What a posted card of an ended case becomes: the reference only, since Teams keeps chat history. */
export function redactedCaseCard(reference: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: reference, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
      { type: 'TextBlock', text: 'This case has ended. Its details are no longer shown here.', wrap: true },
    ],
  };
}
