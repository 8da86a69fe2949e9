import { showCardAction } from '../../cards/form-card';
import { withRefusedFormsOpen } from '../../cards/refused-forms';
import type { AdaptiveCard } from '../../cards/render';
import { cardResponse } from '../../bot/core/invoke-response';
import { cardAttachment } from '../../dialogs/card-attachment';

const fields = [{ id: 'title', kind: 'text' as const, label: 'Title', required: true, errorMessage: 'Enter a title.', maxLength: 120 }];
const form = (problems?: Record<string, string>) => showCardAction({ title: 'New strategy', verb: 'strategy.propose', submitTitle: 'Start the strategy', data: {}, fields, values: { title: 'Too long a title' }, problems });
const texts = (node: unknown): string[] => JSON.stringify(node).match(/"text":"[^"]*"/g) ?? [];

describe('a refused form comes back open, wherever its button was', () => {
  it('leaves a card with no refused form as it was (the same object)', () => {
    const card: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Your strategies' }], actions: [form()] };
    expect(withRefusedFormsOpen(card)).toBe(card);
  });

  it("opens a refused form among the card's own buttons at the end of the card, with what was typed and the problem", () => {
    const card: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Your strategies' }], actions: [{ type: 'Action.Execute', title: 'Open', verb: 'strategy.open' }, form({ title: 'Keep the title to 120 characters.' })] };
    const shown = withRefusedFormsOpen(card);
    expect((shown.actions as { title: string }[]).map((a) => a.title)).toEqual(['Open']);
    const opened = (shown.body as Record<string, unknown>[]).at(-1)!;
    expect(opened).toMatchObject({ type: 'Container', style: 'emphasis' });
    expect(texts(opened)).toEqual(expect.arrayContaining(['"text":"New strategy"', '"text":"⚠ Keep the title to 120 characters."']));
    expect(JSON.stringify(opened)).toContain('"value":"Too long a title"');
    expect(JSON.stringify(opened)).toContain('"verb":"strategy.propose"');
  });

  it('opens a refused form whose button sat in the body under that button set, keeping the set’s other buttons', () => {
    const card: AdaptiveCard = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Container', items: [{ type: 'TextBlock', text: 'Meeting on 3 March' }, { type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Move', verb: 'x.move' }, form({ title: 'Enter a title.' })] }] }, { type: 'TextBlock', text: 'After' }],
    };
    const shown = withRefusedFormsOpen(card);
    const items = ((shown.body as Record<string, unknown>[])[0]!.items as Record<string, unknown>[]).map((i) => i.type);
    expect(items).toEqual(['TextBlock', 'ActionSet', 'Container']);
    expect(JSON.stringify(shown)).not.toContain('refused-form');
    expect(texts(shown).at(-1)).toBe('"text":"After"');
  });

  it('is applied to every card that leaves the bot: an answer to a click and a sent card', () => {
    const card: AdaptiveCard = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Your strategies' }], actions: [form({ title: 'Enter a title.' })] };
    for (const shown of [cardResponse(card).value as unknown as AdaptiveCard, cardAttachment(card).content as AdaptiveCard]) {
      expect(shown.actions).toEqual([]);
      expect(texts(shown)).toContain('"text":"⚠ Enter a title."');
    }
  });
});
