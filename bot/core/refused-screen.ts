import type { FormState, GlanceNote } from '../../cards/glance-card';
import { messageCard, type AdaptiveCard } from '../../cards/render';
import { isDomainError, type DomainError } from '../../domain/errors';
import { typedTextNotOnCard, typedTextSentence, withNoteText } from './typed-text';

/** What a card sent, less its ids: what the person typed. */
export type Inputs = Readonly<Record<string, string>>;

/** A journey's screen drawn again as it now is, with a note and its forms filled in. */
export type Screen = (note: GlanceNote, form: FormState) => Promise<AdaptiveCard>;

/**
 * The card a refused click answers with, in every journey: the screen drawn again, its forms filled
 * with what was typed and each problem beside its field. The note says what was typed is kept only
 * when it is: free text whose form is no longer on the screen (answered by someone else, say, or the
 * screen gone) is given back in the note instead, to copy. A refusal of who may act, or of something
 * no longer there, is said in words, with the free text given back.
 *
 * `changed` (default true): a conflict means the screen now shows something changed since it was
 * seen, and says so; false where the screen is a fresh form rather than the thing that changed.
 */
export async function refusedScreen(error: DomainError, typed: Inputs, freeText: readonly string[], screen: Screen, options: { changed?: boolean } = {}): Promise<AdaptiveCard> {
  if (error.kind === 'not_allowed' || error.kind === 'not_found') return messageCard(`${error.message} Nothing was changed.${typedTextSentence(typed, freeText)}`);
  const told = `${error.kind === 'conflict' && options.changed !== false ? 'This changed since you last saw it: this is how it is now. ' : ''}${error.message}`;
  // The screen is drawn once (some are showings of a case, recorded as such); its note is then said as it turned out.
  const drawn = `${told} What you typed is kept.`;
  let card: AdaptiveCard;
  try {
    card = await screen({ text: drawn, tone: 'attention' }, { values: typed, problems: error.problems });
  } catch (screenError) {
    if (!isDomainError(screenError)) throw screenError;
    return messageCard(`${error.message}${typedTextSentence(typed, freeText)}`);
  }
  const lost = typedTextNotOnCard(card, typed, freeText);
  const typedAny = Object.entries(typed).filter(([, value]) => value.trim());
  const keptAny = Object.keys(typedTextNotOnCard(card, typed, typedAny.map(([key]) => key))).length < typedAny.length;
  const said = Object.keys(lost).length ? `${told}${typedTextSentence(lost, freeText)}` : keptAny ? drawn : told;
  return said === drawn ? card : withNoteText(card, drawn, said);
}
