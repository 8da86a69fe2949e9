import { MessageFactory, type AdaptiveCardInvokeResponse, type TurnContext } from 'botbuilder';
import { forumCard, forumPostCard } from '../../cards/forum-cards';
import { messageCard, type AdaptiveCard } from '../../cards/render';
import { cardAttachment } from '../../dialogs/card-attachment';
import { isDomainError } from '../../domain/errors';
import type { ForumPost, ForumService } from '../../domain/partnerships/forum';
import type { StaffDirectory } from '../../domain/ports';
import type { StaffMember } from '../../domain/staff';
import { cardResponse } from '../core/invoke-response';
import { typedTextNotOnCard, typedTextSentence } from '../core/typed-text';

/** What people write in their own words on the forum's forms. */
const POST_TEXT = ['topic', 'body'];
const ANSWER_TEXT = ['answer'];

export interface ForumActionDeps {
  readonly forum: ForumService;
  readonly directory: StaffDirectory;
}

/** The Hub feedback forum in Teams: every click is answered with the card as it now is, a refusal keeping what was typed. */
export class ForumActions {
  constructor(private readonly deps: ForumActionDeps) {}

  private readonly names = async (ids: readonly string[]): Promise<ReadonlyMap<string, string>> =>
    new Map((await this.deps.directory.findByIds([...ids])).map((p) => [p.id, p.name]));

  async command(turn: TurnContext, person: StaffMember): Promise<void> {
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(forumCard(await this.deps.forum.view(person, this.names)))));
  }

  /**
   * Newer or older posts, on a card of their own below the one clicked (which keeps anything typed in
   * its post form). `offset` is null when the click's data could not be read: the newest posts then, and why.
   */
  async page(turn: TurnContext, person: StaffMember, offset: number | null): Promise<void> {
    const view = await this.deps.forum.view(person, this.names, offset ?? 0);
    const note =
      offset === null
        ? 'That page of the forum could not be read: here are the newest posts.'
        : offset > 0 && view.offset === 0
          ? 'There are fewer posts on the forum now: here are the newest.'
          : null;
    await turn.sendActivity(MessageFactory.attachment(cardAttachment(forumCard(view, note ? { note: { text: note, tone: 'attention' } } : {}))));
  }

  /** A post from the forum's list, whole, on its own card (the DEA's answer box with it): sent below the list, which stays as it is. */
  async open(turn: TurnContext, person: StaffMember, postId: string): Promise<void> {
    // An id as the store makes them; anything else is no post, and is not looked up.
    const card = postId && postId.length <= 64 ? await this.postCard(postId, person) : null;
    await turn.sendActivity(card ? MessageFactory.attachment(cardAttachment(card)) : 'That post is not on your district’s forum. Say "forum" to see the posts as they are now.');
  }

  async post(person: StaffMember, data: Record<string, unknown>, typed: Record<string, string>): Promise<AdaptiveCardInvokeResponse> {
    try {
      await this.deps.forum.post(person, data);
      return cardResponse(forumCard(await this.deps.forum.view(person, this.names), { note: { text: 'Posted. Your district’s DEAs have been sent it to answer.', tone: 'good' } }));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const view = await this.deps.forum.view(person, this.names);
      const form = { problems: { ...error.problems }, values: typed };
      // No form to post from on the forum as it is now (no district): what was written is given back in the note.
      const lost = typedTextNotOnCard(forumCard(view, form), typed, POST_TEXT);
      return cardResponse(forumCard(view, { ...form, note: { text: `${error.message} Nothing was posted.${typedTextSentence(lost, POST_TEXT)}`, tone: 'attention' } }));
    }
  }

  async answer(person: StaffMember, postId: string, version: number, answer: string | undefined, typed: Record<string, string>): Promise<AdaptiveCardInvokeResponse> {
    try {
      const answered = await this.deps.forum.answer(person, postId, version, answer);
      return cardResponse(forumPostCard(answered, await this.names([answered.post.authorId, person.id]), { note: { text: 'Answered. The colleague who posted has been told.', tone: 'good' } }));
    } catch (error) {
      if (!isDomainError(error)) throw error;
      const seen = error.kind === 'not_found' ? null : await this.deps.forum.find(person, postId);
      if (!seen) return cardResponse(messageCard(`${error.message} Nothing was saved.${typedTextSentence(typed, ANSWER_TEXT)}`));
      const names = await this.names(this.namedIn(seen.post));
      const form = { problems: { ...error.problems }, values: typed };
      // Answered by another DEA meanwhile (or not theirs to answer), the post has no answer box: the answer typed is given back in the note, to copy.
      const lost = typedTextNotOnCard(forumPostCard(seen, names, form), typed, ANSWER_TEXT);
      return cardResponse(forumPostCard(seen, names, { ...form, note: { text: `${error.message} Nothing was saved.${typedTextSentence(lost, ANSWER_TEXT)}`, tone: 'attention' } }));
    }
  }

  /** The post's card for someone the outbox sends it to; null when it is gone or not of their district. */
  async postCard(postId: string, recipient: StaffMember): Promise<AdaptiveCard | null> {
    const seen = await this.deps.forum.find(recipient, postId);
    return seen ? forumPostCard(seen, await this.names(this.namedIn(seen.post))) : null;
  }

  private namedIn(post: ForumPost): string[] {
    return [post.authorId, ...(post.answeredById ? [post.answeredById] : [])];
  }
}
