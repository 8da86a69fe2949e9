import { checkCard } from '../../cards/card-check';
import { confirmAction, glanceCard } from '../../cards/glance-card';

const card = (body: unknown[], actions: unknown[] = []) => ({ type: 'AdaptiveCard', version: '1.5', body, actions });
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
    expect(checkCard(good)).toEqual([]);
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
    const nested = card([], [{ type: 'Action.ShowCard', title: 'Answer', card: card([{ type: 'Input.Date', id: 'when', label: '' }]) }]);
    expect(checkCard(nested)).toEqual(['card › "Answer": the input "when" has no label']);
    const big = card([{ type: 'TextBlock', text: 'x'.repeat(30_000) }]);
    expect(checkCard(big)).toEqual([expect.stringMatching(/^the card is \d+ KB, more than 40 KB$/)]);
  });

  it('reads a link by what it says, not its address; and lets someone quote their own id to be added', () => {
    expect(checkCard(card([{ type: 'TextBlock', text: '[Join the Teams meeting](https://teams.microsoft.com/l/meetup-join/3f2b8c1e-0000-4000-8000-000000000001)' }]))).toEqual([]);
    expect(checkCard(card([{ type: 'TextBlock', text: 'Ask to be added, quoting your Teams id 3f2b8c1e-0000-4000-8000-000000000001.' }]))).toEqual([]);
  });
});
