import type { PrivacyAsk } from '../../domain/privacy/privacy-policy';
import type { SubjectAccessDocument, SubjectAccessSection } from '../../domain/privacy/subject-access';
import { DATA_EXPORT_ID } from '../card-check';
import type { AdaptiveCard } from '../render';
import { pieces, preview } from '../text-cut';

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

/**
 * Each message of a subject access answer is held to about this many characters of card JSON
 * (Teams refuses a message over about 100 KB counted in UTF-16; the tests hold every card to 40 KB):
 * what is held about a claimant with a long history goes over several messages, never cut short.
 */
export const SUBJECT_ACCESS_CARD_CHARS = 15_000;

/** Room kept in each message for what the card gets on its way out (its fallback text, a summary line). */
const SEND_ROOM = 500;
/** A value longer than this (in JSON characters) goes over several facts: "Body", "Body (continued)". */
const LONGEST_FACT = SUBJECT_ACCESS_CARD_CHARS - 2_000;
/** The case list on the first message; every case is in the data (JSON) too. */
const CASES_SHOWN_CHARS = 2_000;

type Element = Record<string, unknown>;
type Fact = { title: string; value: string };

const TITLE = 'Information held about the claimant';
const heading = (text: string): Element => ({ type: 'TextBlock', text, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' });
const card = (body: Element[], actions?: Element[]): AdaptiveCard => ({ type: 'AdaptiveCard', version: '1.5', body, ...(actions ? { actions } : {}) });
const size = (value: unknown): number => JSON.stringify(value).length;
const sectionHeading = (title: string, continued: boolean): Element => ({ type: 'TextBlock', text: continued ? `${title} (continued)` : title, weight: 'Bolder', wrap: true, separator: true });

function jsonButton(title: string, json: string): Element {
  return { type: 'Action.ShowCard', title, card: card([{ type: 'TextBlock', id: DATA_EXPORT_ID, text: json, wrap: true, fontType: 'Monospace', size: 'Small' }]) };
}

/** What the reader is to do, the cases and dates, and how the search was made: the start of every answer. */
function summary(doc: SubjectAccessDocument, title: string): Element[] {
  const cases = preview(doc.references.join(', '), CASES_SHOWN_CHARS);
  return [
    heading(title),
    {
      type: 'TextBlock',
      wrap: true,
      text:
        doc.references.length === 0
          ? 'Nothing is held about them under what you entered. The request is recorded.'
          : `Check it and send it on by ${doc.due}. Specialist Advice material is due by ${doc.hcpDue}. The request is recorded.`,
    },
    {
      type: 'FactSet',
      facts: [
        { title: 'Cases', value: cases.cut ? `${cases.text} (${doc.references.length} in all: every one is in the data)` : cases.text || 'None' },
        { title: 'Due', value: doc.due },
        { title: 'Specialist Advice due', value: doc.hcpDue },
      ],
    },
    { type: 'TextBlock', text: 'How we searched', weight: 'Bolder', wrap: true },
    ...doc.searched.map((line) => ({ type: 'TextBlock', text: line, wrap: true, spacing: 'Small' })),
  ];
}

/** A row as a person reads it: internal ids left out (they are in the data), values readable. */
function factsOf(row: SubjectAccessSection['rows'][number]): Fact[] {
  return row.filter((f) => !RAW_ID.test(f.value)).map((f) => ({ title: f.label, value: readable(f.value) }));
}

/** The facts of a row, each value long enough to fill a message split over several: joined, they give it back whole. */
function splitFacts(facts: readonly Fact[]): Fact[] {
  return facts.flatMap((f) => pieces(f.value, LONGEST_FACT).map((value, i) => ({ title: i === 0 ? f.title : `${f.title} (continued)`, value })));
}

/** A section's rows as people read them; a row of ids only has nothing to read. */
function rowsOf(section: SubjectAccessSection): Fact[][] {
  return section.rows.map(factsOf).filter((facts) => facts.length > 0);
}

/** Every section's rows, one FactSet a row, with its section's heading before its first row. */
function allRows(doc: SubjectAccessDocument): Element[] {
  return doc.sections.flatMap((section) => {
    const rows = rowsOf(section);
    return rows.length ? [sectionHeading(section.title, false), ...rows.map((facts) => ({ type: 'FactSet', facts }))] : [];
  });
}

/**
 * The rows, in messages: `firstRoom` characters of rows in the first (after its summary), `room` in
 * each after it. A long row's facts (and a very long value's pieces) run on into the next message,
 * which starts with the heading of the section it goes on with.
 */
function readableParts(doc: SubjectAccessDocument, firstRoom: number, room: number): Element[][] {
  const parts: Element[][] = [];
  let body: Element[] = [];
  let used = 0;
  let budget = firstRoom;
  /** The section whose heading the message being filled shows. */
  let headed: string | null = null;
  const push = (element: Element) => {
    body.push(element);
    used += size(element) + 1;
  };
  // The first message has its summary whatever follows, so it may go on with no rows of its own.
  const mayMoveOn = () => body.length > 0 || parts.length === 0;
  const nextMessage = () => {
    parts.push(body);
    body = [];
    used = 0;
    budget = room;
    headed = null;
  };
  for (const section of doc.sections) {
    let begun = false;
    const headingCost = () => (headed === section.title ? 0 : size(sectionHeading(section.title, begun)) + 1);
    const factSet = (facts: Fact[]) => {
      if (headed !== section.title) push(sectionHeading(section.title, begun));
      headed = section.title;
      begun = true;
      const set = { type: 'FactSet', facts };
      push(set);
      return set;
    };
    for (const row of rowsOf(section)) {
      const facts = splitFacts(row);
      const whole = size({ type: 'FactSet', facts }) + 1;
      // A short row starts the next message rather than running over two; a long one fills this one
      // first, as keeping it whole could leave most of a message empty, and take more messages.
      if (used + headingCost() + whole > budget && mayMoveOn() && whole <= room / 4) nextMessage();
      let set: { facts: Fact[] } | null = null;
      for (const fact of facts) {
        const cost = size(fact) + 1;
        if (set && used + cost <= budget) {
          set.facts.push(fact);
          used += cost;
          continue;
        }
        if (used + headingCost() + size({ type: 'FactSet', facts: [fact] }) + 1 > budget && mayMoveOn()) nextMessage();
        set = factSet([fact]);
      }
    }
  }
  parts.push(body);
  return parts;
}

function jsonPartCard(n: number, of: number, first: number, json: string): AdaptiveCard {
  return card(
    [heading(`The same as data (JSON), part ${n} of ${of}`), { type: 'TextBlock', text: `The data runs from part ${first} to part ${of}: put the parts together in order, one after another, to have all of it.`, wrap: true }],
    [jsonButton('Show this part of the data', json)],
  );
}

/** What the first of several messages says is held, and where the rest is. */
function contents(doc: SubjectAccessDocument, firstData: number, of: number): Element[] {
  const held = doc.sections.filter((s) => s.rows.length > 0).map((s) => ({ title: s.title, value: s.rows.length === 1 ? '1 record' : `${s.rows.length} records` }));
  const data = firstData === of ? `part ${of}` : `parts ${firstData} ${firstData + 1 === of ? 'and' : 'to'} ${of}`;
  return [
    { type: 'TextBlock', text: 'What is held', weight: 'Bolder', wrap: true, separator: true },
    { type: 'FactSet', facts: held },
    { type: 'TextBlock', weight: 'Bolder', wrap: true, text: `This is too long for one message, so it comes in ${of} parts: first the information held, starting here, then the same as data (JSON) in ${data}. Send them all on together.` },
  ];
}

/**
 * Everything held, to read, and the same as data (JSON): one message when it fits (the data behind
 * a button), otherwise several, each inside Teams' limit: the information held from the first on,
 * then the data. Nothing held is left out of them.
 */
export function subjectAccessCards(doc: SubjectAccessDocument, data: Readonly<Record<string, unknown>>): AdaptiveCard[] {
  const budget = SUBJECT_ACCESS_CARD_CHARS - SEND_ROOM;
  // Not indented: in a card every line break and quote of it counts twice, and more would spill into another message.
  const json = JSON.stringify(data);
  const one = card([...summary(doc, TITLE), ...allRows(doc)], [jsonButton('Show the same as data (JSON)', json)]);
  if (size(one) <= budget) return [one];

  // Each message's own headings and notes, with part numbers at their longest, come off its budget.
  const most = 9_999;
  const head = (n: number, of: number) => `${TITLE}, part ${n} of ${of}`;
  const rowParts = readableParts(doc, budget - size(card([...summary(doc, head(most, most)), ...contents(doc, most - 2, most)])), budget - size(card([heading(head(most, most))])));
  const dataParts = pieces(json, budget - size(jsonPartCard(most, most, most, '')));
  const of = rowParts.length + dataParts.length;
  const firstData = rowParts.length + 1;
  const [firstRows = [], ...rest] = rowParts;
  return [
    card([...summary(doc, head(1, of)), ...contents(doc, firstData, of), ...firstRows]),
    ...rest.map((rows, i) => card([heading(head(i + 2, of)), ...rows])),
    ...dataParts.map((piece, i) => jsonPartCard(firstData + i, of, firstData, piece)),
  ];
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
