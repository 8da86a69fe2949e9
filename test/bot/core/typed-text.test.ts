import { typedTextNotOnCard, typedTextSentence } from '../../../bot/core/typed-text';

describe('typed text given back on a refused click', () => {
  it('says the non-empty free-text values, in the order sent, and nothing else', () => {
    const typed = { requestId: 'r-1', version: '3', answer: '  Use the toolkit.  ', nino: 'AB123456C', summary: ' ', question: 'Is a loop fitted?' };
    expect(typedTextSentence(typed, ['answer', 'summary', 'question'])).toBe(' What you typed: “Use the toolkit. / Is a loop fitted?”');
    expect(typedTextSentence(typed, ['summary'])).toBe('');
    expect(typedTextSentence({}, ['answer'])).toBe('');
  });

  it('finds the free text no input of the card holds any more, in forms behind buttons too', () => {
    const card = {
      type: 'AdaptiveCard',
      body: [{ type: 'Input.Text', id: 'note', value: 'kept here' }],
      actions: [{ type: 'Action.ShowCard', card: { type: 'AdaptiveCard', body: [{ type: 'Container', items: [{ type: 'Input.Text', id: 'answer', value: 'an answer' }] }] } }],
    };
    expect(typedTextNotOnCard(card, { note: 'kept here', answer: 'an answer' }, ['note', 'answer'])).toEqual({});
    expect(typedTextNotOnCard(card, { note: 'kept here', answer: 'another answer', reason: 'gone', date: '2026-01-01' }, ['note', 'answer', 'reason'])).toEqual({ answer: 'another answer', reason: 'gone' });
    // A button's data is not an input.
    expect(typedTextNotOnCard({ type: 'AdaptiveCard', actions: [{ type: 'Action.Execute', data: { type: 'Input.Text', id: 'answer', value: 'x' } }] }, { answer: 'x' }, ['answer'])).toEqual({ answer: 'x' });
  });
});
