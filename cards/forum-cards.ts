import { FORUM_LIMITS, mayAnswerPost, type ForumPost, type ForumView } from '../domain/partnerships/forum';
import { describeDate, londonDate } from '../domain/requests/calendar-date';
import type { StaffMember } from '../domain/staff';
import { showCardAction } from './form-card';
import { glanceCard, textBlock, type GlanceNote } from './glance-card';
import type { AdaptiveCard } from './render';

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

function postBlock(post: ForumPost, names: ReadonlyMap<string, string>, mayAnswer: boolean): Record<string, unknown> {
  const items: Record<string, unknown>[] = [
    textBlock(post.topic, { weight: 'Bolder' }),
    textBlock(byLine(post, names), { isSubtle: true, spacing: 'None', size: 'Small' }),
    textBlock(post.body, { spacing: 'Small', maxLines: 4 }),
    post.answer
      ? textBlock(`Answer from ${names.get(post.answeredById ?? '') ?? 'a DEA'}: ${post.answer}`, { spacing: 'Small' })
      : textBlock('Not answered yet.', { isSubtle: true, spacing: 'Small' }),
  ];
  if (mayAnswer && !post.answer) items.push({ type: 'ActionSet', actions: [answerForm(post, {})] });
  return { type: 'Container', separator: true, spacing: 'Medium', items };
}

/** `forum`: the district's Hub feedback forum, newest posts first; a DEA answers here. */
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
  const waiting = view.posts.filter((p) => !p.answer).length;
  return glanceCard({
    title: `${view.district} Disability Hub feedback forum`,
    subtitle: 'Feedback from jobcentre colleagues on health and disability issues. The district’s DEAs answer here.',
    note: options.note,
    yourAction: view.mayAnswer
      ? waiting
        ? `Your action: answer the ${waiting === 1 ? 'post' : `${waiting} posts`} waiting for an answer.`
        : 'Nothing for you to do now: every post has an answer.'
      : 'Your action: post feedback on a health or disability issue when you have some. Your DEA answers here.',
    keyFacts: [],
    blocks: view.posts.length ? view.posts.map((p) => postBlock(p, view.names, view.mayAnswer)) : [textBlock('Nobody has posted yet.', { isSubtle: true })],
    details: { facts: [], paragraphs: [] },
    actions: [postForm(options)],
    problems: options.problems,
  });
}

/** One post, as sent to the DEAs to answer and to its author once answered. */
export function forumPostCard(post: ForumPost, names: ReadonlyMap<string, string>, viewer: StaffMember, options: ForumCardOptions = {}): AdaptiveCard {
  const mayAnswer = mayAnswerPost(viewer, post);
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
