import { FORUM_LIMITS, FORUM_PAGE, FORUM_PREVIEW, type ForumPost, type ForumPostView, type ForumView } from '../domain/partnerships/forum';
import { describeDate, londonDate } from '../domain/requests/calendar-date';
import { showCardAction } from './form-card';
import { glanceCard, textBlock, type GlanceNote } from './glance-card';
import type { AdaptiveCard } from './render';
import { preview } from './text-cut';

export interface ForumCardOptions {
  readonly note?: GlanceNote;
  readonly values?: Readonly<Record<string, string>>;
  readonly problems?: Readonly<Record<string, string>>;
}

const NO_CLAIMANT = 'The whole district reads the forum: write about the issue, never a claimant’s name, NINO or health details.';

function postForm(options: ForumCardOptions): Record<string, unknown> {
  return showCardAction({
    title: 'Post feedback',
    verb: 'forum.post',
    submitTitle: 'Post it',
    intro: NO_CLAIMANT,
    data: {},
    values: options.values,
    problems: options.problems,
    fields: [
      { id: 'topic', kind: 'text', label: 'What it is about', required: true, errorMessage: 'Enter what it is about.', maxLength: FORUM_LIMITS.topic, placeholder: 'For example: autism and group sessions' },
      { id: 'body', kind: 'multiline', label: 'Your feedback', required: true, errorMessage: 'Enter your feedback.', maxLength: FORUM_LIMITS.body },
    ],
  });
}

function answerForm(post: ForumPost, options: ForumCardOptions): Record<string, unknown> {
  return showCardAction({
    title: 'Answer',
    verb: 'forum.answer',
    submitTitle: 'Send the answer',
    intro: 'Everyone in the district sees your answer; the colleague who posted is told.',
    data: { postId: post.id, version: post.version },
    values: options.values,
    problems: options.problems,
    fields: [{ id: 'answer', kind: 'multiline', label: 'Your answer', required: true, errorMessage: 'Enter your answer.', maxLength: FORUM_LIMITS.answer }],
  });
}

function byLine(post: ForumPost, names: ReadonlyMap<string, string>): string {
  return `From ${names.get(post.authorId) ?? 'a colleague'}, ${describeDate(londonDate(post.createdAt))}`;
}

/** The Action.Submit verb that sends a post's own card, with all of it (and the answer box for a DEA). */
export const FORUM_OPEN_VERB = 'forum.open';
/**
 * The Action.Submit verb that sends another page of the forum's posts as a new card below: the card
 * clicked stays as it is, with anything half typed in its post form.
 */
export const FORUM_PAGE_VERB = 'forum.page';

/**
 * A post as the list shows it: its start and its answer's, so a page of long posts stays inside
 * Teams' message size. A post cut short, or waiting for this DEA's answer, opens on its own card:
 * an answer is written with the whole post in front of the DEA, not its first lines.
 */
function postBlock(post: ForumPost, names: ReadonlyMap<string, string>, toAnswer: boolean): Record<string, unknown> {
  const body = preview(post.body, FORUM_PREVIEW.characters, FORUM_PREVIEW.paragraphs);
  const answer = post.answer === null ? null : preview(post.answer, FORUM_PREVIEW.characters, FORUM_PREVIEW.paragraphs);
  const items: Record<string, unknown>[] = [
    textBlock(post.topic, { weight: 'Bolder' }),
    textBlock(byLine(post, names), { isSubtle: true, spacing: 'None', size: 'Small' }),
    textBlock(body.text, { spacing: 'Small' }),
    answer
      ? textBlock(`Answer from ${names.get(post.answeredById ?? '') ?? 'a DEA'}: ${answer.text}`, { spacing: 'Small' })
      : textBlock('Not answered yet.', { isSubtle: true, spacing: 'Small' }),
  ];
  if (toAnswer || body.cut || answer?.cut) {
    items.push({ type: 'ActionSet', actions: [{ type: 'Action.Submit', title: toAnswer ? 'Read and answer' : 'Read more', data: { verb: FORUM_OPEN_VERB, postId: post.id } }] });
  }
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

/** `forum`: the district's Hub feedback forum, newest posts first, each as far as its start; a DEA opens a post from here to answer it. */
export function forumCard(view: ForumView, options: ForumCardOptions = {}): AdaptiveCard {
  if (!view.district) {
    return glanceCard({
      title: 'Disability Hub feedback forum',
      note: options.note,
      yourAction: 'Nothing for you to do now: the staff directory does not say which jobcentre you work in, so there is no forum for you yet. Ask whoever keeps the directory.',
      keyFacts: [],
      details: { facts: [], paragraphs: [] },
      actions: [],
    });
  }
  const answerable = view.answerable;
  const waiting = view.posts.filter((p) => answerable.has(p.id)).length;
  // Posts still unanswered that this DEA may not answer: their own, waiting for another DEA.
  const unanswered = view.posts.filter((p) => !p.answer).length;
  const offset = view.offset;
  const paged = offset > 0 || view.hasOlder;
  const pages: Record<string, unknown>[] = [];
  if (offset > 0) pages.push({ type: 'Action.Submit', title: 'Newer posts', data: { verb: FORUM_PAGE_VERB, offset: Math.max(0, offset - FORUM_PAGE) } });
  if (view.hasOlder) pages.push({ type: 'Action.Submit', title: 'Older posts', data: { verb: FORUM_PAGE_VERB, offset: offset + view.posts.length } });
  return glanceCard({
    title: `${view.district} Disability Hub feedback forum`,
    subtitle: 'Feedback from jobcentre colleagues on health and disability issues. The district’s DEAs answer here.',
    note: options.note,
    yourAction: view.mayAnswer
      ? waiting
        ? `Your action: answer the ${waiting === 1 ? 'post' : `${waiting} posts`} waiting for an answer.`
        : unanswered
          ? `Nothing for you to do now: ${unanswered === 1 ? 'the post waiting here is yours' : 'the posts waiting here are yours'}, for another DEA to answer.`
          : `Nothing for you to do now: every post${paged ? ' here' : ''} has an answer.`
      : 'Your action: post feedback on a health or disability issue when you have some. Your DEA answers here.',
    keyFacts: [],
    blocks: view.posts.length
      ? [
          ...view.posts.map((p) => postBlock(p, view.names, answerable.has(p.id))),
          ...(paged ? [textBlock(`Posts ${offset + 1} to ${offset + view.posts.length}, newest first.`, { isSubtle: true, separator: true })] : []),
        ]
      : [textBlock('Nobody has posted yet.', { isSubtle: true })],
    details: { facts: [], paragraphs: [] },
    actions: [postForm(options), ...pages],
    problems: options.problems,
  });
}

/** One post, as sent to the DEAs to answer and to its author once answered; the answer box when this reader may answer it. */
export function forumPostCard(view: ForumPostView, names: ReadonlyMap<string, string>, options: ForumCardOptions = {}): AdaptiveCard {
  const { post, mayAnswer } = view;
  return glanceCard({
    title: `Hub forum: ${post.topic}`,
    subtitle: byLine(post, names),
    note: options.note,
    yourAction: mayAnswer
      ? 'Your action: answer this post on the Disability Hub forum.'
      : post.answer
        ? 'Nothing for you to do now: this post has an answer.'
        : 'Nothing for you to do now: waiting for a DEA to answer.',
    keyFacts: post.answer ? [{ label: 'Answered by', value: `${post.answeredById ? names.get(post.answeredById) ?? 'a DEA' : 'a DEA'}, ${post.answeredAt ? describeDate(londonDate(post.answeredAt)) : ''}` }] : [],
    blocks: [textBlock(post.body), ...(post.answer ? [textBlock('Answer', { weight: 'Bolder' }), textBlock(post.answer, { spacing: 'None' })] : [])],
    details: { facts: [], paragraphs: [] },
    actions: mayAnswer ? [answerForm(post, options)] : [],
    problems: options.problems,
  });
}
