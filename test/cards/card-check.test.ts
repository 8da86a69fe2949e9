import { checkCard } from '../../cards/card-check';
import { confirmAction, glanceCard } from '../../cards/glance-card';
import { EXECUTE_FALLBACK_KEY, withMobileFallbacks } from '../../cards/mobile-fallbacks';
import type { AdaptiveCard } from '../../cards/render';

/** A card as the bot sends it: with its fallbacks for Teams mobile. */
const card = (body: unknown[], actions: unknown[] = []) => withMobileFallbacks({ type: 'AdaptiveCard', version: '1.5', body, actions });
const execute = (title: string) => ({ type: 'Action.Execute', title, verb: 'x.y', data: {} });

describe('the card check run over every card the tests see', () => {
  it('passes a card that follows the conventions', () => {
    const good = glanceCard({
      title: 'DEA-000001: One to One Claimant Support',
      yourAction: 'Your action: record the outcome.',
      keyFacts: [{ label: 'Status', value: 'Held' }],
      details: { facts: [{ label: 'Sent', value: 'Monday 7 December 2026' }], paragraphs: [] },
      actions: [execute('One'), execute('Two'), execute('Three'), execute('Four')],
      secondary: [confirmAction({ title: 'Withdraw request', verb: 'request.withdraw', data: { requestId: 'a' }, consequence: 'The DEA is told.', confirmTitle: 'Yes, withdraw' })],
    });
    expect(checkCard(withMobileFallbacks(good))).toEqual([]);
    // The fourth button waits under "More".
    expect((good.actions as { title: string; mode?: string }[]).filter((a) => a.mode !== 'secondary').map((a) => a.title)).toEqual(['One', 'Two', 'Three']);
  });

  it('names each problem', () => {
    const problems = checkCard(
      card(
        [
          { type: 'TextBlock', text: 'See seed §38' },
          { type: 'TextBlock', text: 'Case 3f2b8c1e-0000-4000-8000-000000000001' },
          { type: 'Input.Text', id: 'surname', isRequired: true },
          { type: 'TextBlock', text: '${title}' },
        ],
        [execute('A'), execute('B'), execute('C'), execute('D')],
      ),
    );
    expect(problems).toEqual([
      'a template expression was left unexpanded ("${")',
      'card shows 4 buttons at once (A, B, C, D); at most 3',
      'card: an internal reference is shown in "See seed §38"',
      'card: a raw id is shown in "Case 3f2b8c1e-0000-4000-8000-000000000001"',
      'card: the input "surname" has no label',
      'card: the required input "surname" has no error message',
    ]);
  });

  it('checks the forms a button opens, and the size against Teams’ limit', () => {
    const nested = card([{ type: 'TextBlock', text: 'Question' }], [{ type: 'Action.ShowCard', title: 'Answer', card: card([{ type: 'Input.Date', id: 'when', label: '' }]) }]);
    expect(checkCard(nested)).toEqual(['card › "Answer": the input "when" has no label']);
    const big = card([{ type: 'TextBlock', text: 'x'.repeat(30_000) }]);
    expect(checkCard(big)).toEqual([expect.stringMatching(/^the card is \d+ KB, more than 40 KB$/)]);
  });

  it('reads a link by what it says, not its address; and lets someone quote their own id to be added', () => {
    expect(checkCard(card([{ type: 'TextBlock', text: '[Join the Teams meeting](https://teams.microsoft.com/l/meetup-join/3f2b8c1e-0000-4000-8000-000000000001)' }]))).toEqual([]);
    expect(checkCard(card([{ type: 'TextBlock', text: 'Ask to be added, quoting your Teams id 3f2b8c1e-0000-4000-8000-000000000001.' }]))).toEqual([]);
  });

  it('asks for the fallbacks Teams mobile needs: fallbackText, a Submit behind each Execute, a Table’s text', () => {
    const bare = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'Table', columns: [{ width: 1 }], rows: [] }], actions: [execute('Go')] };
    expect(checkCard(bare)).toEqual([
      'the card has no fallbackText for clients that cannot show it',
      'card: a Table has no fallback for Teams mobile',
      'card: the button "Go" has no Action.Submit fallback for Teams mobile',
    ]);
    expect(checkCard(withMobileFallbacks(bare as AdaptiveCard))).toEqual([]);
  });
});

describe('fallbacks for Teams mobile (cards to version 1.2)', () => {
  const sent = withMobileFallbacks({
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'DEA-000001: One to One Claimant Support', style: 'heading' },
      { type: 'Container', id: 'details', isVisible: false, items: [{ type: 'TextBlock', text: 'Hidden detail' }] },
      { type: 'TextBlock', text: 'Your action: book the **conference**.' },
      {
        type: 'Table',
        columns: [{ width: 1 }, { width: 2 }],
        rows: [{ type: 'TableRow', cells: [{ type: 'TableCell', items: [{ type: 'TextBlock', text: 'January' }] }, { type: 'TableCell', items: [{ type: 'TextBlock', text: 'Group 1: Tuesday 5 January, 10:00' }] }] }],
      },
      { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Open', verb: 'request.refresh', data: { requestId: 'r1', version: 2 } }] },
    ],
    actions: [{ type: 'Action.ShowCard', title: 'Book', card: { type: 'AdaptiveCard', body: [], actions: [{ type: 'Action.Execute', title: 'Book it', verb: 'booking.book', style: 'positive', data: { requestId: 'r1', version: 2 } }] } }],
  });

  it('gives the card a plain-text summary: its title and your action, not what is hidden', () => {
    expect(sent.fallbackText).toBe('DEA-000001: One to One Claimant Support. Your action: book the conference.');
  });

  it('puts a Submit behind every Execute, in the body and in the forms buttons open, carrying the verb and the data', () => {
    const json = JSON.stringify(sent);
    expect(json).toContain(JSON.stringify({ type: 'Action.Submit', title: 'Open', data: { requestId: 'r1', version: 2, [EXECUTE_FALLBACK_KEY]: 'request.refresh' } }));
    expect(json).toContain(JSON.stringify({ type: 'Action.Submit', title: 'Book it', style: 'positive', data: { requestId: 'r1', version: 2, [EXECUTE_FALLBACK_KEY]: 'booking.book' } }));
  });

  it('shows a Table as one line of text per row', () => {
    const table = (sent.body as Record<string, unknown>[])[3]!;
    expect(table.fallback).toEqual({ type: 'Container', items: [{ type: 'TextBlock', text: 'January · Group 1: Tuesday 5 January, 10:00', wrap: true, spacing: 'Small' }] });
  });

  it('is idempotent', () => {
    expect(withMobileFallbacks(sent)).toEqual(sent);
  });

  it('never changes the card it is given, and copies only the parts it adds to', () => {
    const facts = { type: 'FactSet', facts: [{ title: 'Status', value: 'Held' }] };
    const given: AdaptiveCard = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'DEA-000002: Skill Support' }, facts, { type: 'ActionSet', actions: [execute('Open')] }],
      actions: [{ type: 'Action.Submit', title: 'Help', data: { command: 'help' } }],
    };
    const before = JSON.stringify(given);
    const out = withMobileFallbacks(given);
    expect(JSON.stringify(given)).toBe(before);
    expect(out).not.toBe(given);
    expect(out.fallbackText).toBe('DEA-000002: Skill Support');
    const body = out.body as Record<string, unknown>[];
    // The ActionSet gained a fallback, so it (and the body holding it) are new; the rest is the same object.
    expect(body).not.toBe(given.body);
    expect(body[1]).toBe(facts);
    expect(body[2]).not.toBe((given.body as unknown[])[2]);
    expect(out.actions).toBe(given.actions);
    // A card with nothing to add is a shallow copy that only gains its summary.
    const plainCard: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5', body: [facts] };
    const plainOut = withMobileFallbacks(plainCard);
    expect(plainOut.body).toBe(plainCard.body);
    expect(plainCard.fallbackText).toBeUndefined();
  });
});
