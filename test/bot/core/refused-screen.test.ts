import { refusedScreen, type Screen } from '../../../bot/core/refused-screen';
import { messageCard, type AdaptiveCard } from '../../../cards/render';
import { conflict, invalid, notAllowed } from '../../../domain/errors';

const TEXT = ['notes', 'title'];

/** A screen with a notes form that shows what it is given, as the journeys' cards do. */
const withForm: Screen = async (note, form) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'TextBlock', text: note.text },
    { type: 'Input.Text', id: 'notes', value: form.values?.notes ?? '' },
  ],
});

/** The screen as it now is has no form any more (the thing was closed, answered, or is gone). */
const formGone: Screen = async (note) => messageCard(note.text);

function texts(card: AdaptiveCard): string[] {
  return ((card.body as { text?: string }[] | undefined) ?? []).flatMap((b) => (b.text ? [b.text] : []));
}

describe('a refused click, in every journey', () => {
  it('draws the screen again with the form as typed and says so', async () => {
    const card = await refusedScreen(invalid('Enter a date.', { date: 'Enter a date.' }), { notes: 'Agreed a peer group.' }, TEXT, withForm);
    expect(texts(card)).toEqual(['Enter a date. What you typed is kept.']);
    expect(card.body).toContainEqual({ type: 'Input.Text', id: 'notes', value: 'Agreed a peer group.' });
  });

  it('gives the typed words back in the note when the screen no longer has their form, instead of claiming they are kept', async () => {
    const card = await refusedScreen(invalid('This strategy is closed.'), { notes: 'Agreed a peer group.', date: '2027-01-04' }, TEXT, formGone);
    expect(texts(card)).toEqual(['This strategy is closed. What you typed: “Agreed a peer group.”']);
  });

  it('says the screen shows a change on a conflict, unless the screen is a fresh form', async () => {
    const changed = await refusedScreen(conflict('Someone else answered first.'), { notes: 'Mine.' }, TEXT, withForm);
    expect(texts(changed)).toEqual(['This changed since you last saw it: this is how it is now. Someone else answered first. What you typed is kept.']);
    const fresh = await refusedScreen(conflict('A plan already exists.'), { notes: 'Mine.' }, TEXT, withForm, { changed: false });
    expect(texts(fresh)).toEqual(['A plan already exists. What you typed is kept.']);
  });

  it('answers in words, with the typed words, when the person may not act or the thing is gone, or the screen cannot be drawn', async () => {
    const refused = await refusedScreen(notAllowed('Only the strategy’s lead can do that.'), { notes: 'Agreed a peer group.', title: '' }, TEXT, withForm);
    expect(texts(refused)).toEqual(['Only the strategy’s lead can do that. Nothing was changed. What you typed: “Agreed a peer group.”']);
    const undrawable = await refusedScreen(invalid('Choose a time.'), { title: 'Peer support' }, TEXT, async () => {
      throw invalid('That strategy no longer exists.');
    });
    expect(texts(undrawable)).toEqual(['Choose a time. What you typed: “Peer support”']);
  });

  it('does not claim anything is kept when nothing was typed', async () => {
    expect(texts(await refusedScreen(invalid('This strategy is closed.'), {}, TEXT, formGone))).toEqual(['This strategy is closed.']);
  });
});
