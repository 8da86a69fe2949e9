import { conflict, invalid, notAllowed, notFound, withoutStacks, type DomainError } from '../errors';
import type { Clock } from '../ports';
import { hasRole, type StaffMember } from '../staff';
import type { UnitOfWork } from '../unit-of-work';
import { looksLikeNino } from '../requests/nino';
import type { PartnershipDirectory } from './ports';

/**
 * The feedback forum on the local Disability Hub (seed 000 §61): jobcentre colleagues post feedback
 * on health and disability issues, and the district's DEAs answer. Posts are about issues, never a
 * claimant: the forum is read by everyone in the district.
 */
export interface ForumPost {
  readonly id: string;
  readonly district: string;
  readonly authorId: string;
  readonly topic: string;
  readonly body: string;
  readonly answer: string | null;
  readonly answeredById: string | null;
  readonly answeredAt: Date | null;
  readonly version: number;
  readonly createdAt: Date;
}

export const FORUM_LIMITS = { topic: 120, body: 2000, answer: 2000 } as const;
/** How many posts the forum shows at once, newest first; older ones a page at a time. */
export const FORUM_PAGE = 10;
/**
 * How much of a post, and of its answer, the forum's list shows (in characters, fewer when the text
 * is full of quotes or line breaks, and at most a few paragraphs): a page of posts at their longest
 * would pass Teams' message size. The whole post is one click away, on its own card.
 */
export const FORUM_PREVIEW = { characters: 200, paragraphs: 4 } as const;

export interface ForumStore {
  create(post: Pick<ForumPost, 'district' | 'authorId' | 'topic' | 'body'>, at: Date): Promise<ForumPost>;
  find(id: string): Promise<ForumPost | null>;
  /** The district's posts, newest first, at most `limit` of them after skipping the `offset` newest. */
  listIn(district: string, limit: number, offset: number): Promise<ForumPost[]>;
  /** Records the answer if the post is still at `expectedVersion`; false when it moved on. */
  answer(id: string, expectedVersion: number, answer: { text: string; byId: string }, at: Date): Promise<boolean>;
}

export interface ForumNotifier {
  /** To each DEA of the district: a post to answer. */
  posted(post: ForumPost, deaIds: readonly string[]): Promise<void>;
  /** To the author: their post was answered. */
  answered(post: ForumPost): Promise<void>;
}

export interface ForumDeps {
  readonly store: ForumStore;
  readonly directory: Pick<PartnershipDirectory, 'districtOf' | 'deasAndCoachesIn'>;
  readonly notifier: ForumNotifier;
  readonly clock: Clock;
  /** The post (or answer) and the cards it sends commit together. */
  readonly uow: UnitOfWork;
}

export type ForumVerb = 'post' | 'answer';

/** Who may do what on the forum: anyone of the district posts; a DEA of the district answers a colleague's post not yet answered. */
export function forumRefusal(person: StaffMember, personDistrict: string | null, verb: ForumVerb, post?: ForumPost): DomainError | null {
  if (verb === 'post') return personDistrict ? null : noDistrict();
  return answerRefusal(person, personDistrict, post);
}

function noDistrict(): DomainError {
  return invalid('The staff directory does not say which jobcentre you work in, so there is no forum for you yet. Ask whoever keeps the directory.');
}

/**
 * Why this person may not answer this post, or null: the one rule behind the answer button on the
 * forum's list, the answer box on the post's own card and the answer click. A DEA's own post waits
 * for another DEA of the district: it is feedback to them, and was sent to them, not to its author.
 */
export function answerRefusal(person: Pick<StaffMember, 'id' | 'roles'>, personDistrict: string | null, post: ForumPost | undefined): DomainError | null {
  if (!personDistrict) return noDistrict();
  if (!post || post.district !== personDistrict) return notFound('That post is not on your district’s forum.');
  if (!hasRole(person, 'dea')) return notAllowed('The DEAs of the district answer posts on the forum.');
  if (post.answer) return conflict('This post has already been answered.');
  return post.authorId === person.id ? notAllowed('You posted this: another DEA of the district answers it.') : null;
}

/** Whether this person may answer this post now (`answerRefusal` finds nothing to refuse). */
export function mayAnswerPost(person: Pick<StaffMember, 'id' | 'roles'>, personDistrict: string | null, post: ForumPost): boolean {
  return withoutStacks(() => answerRefusal(person, personDistrict, post)) === null;
}

/** A post as one person sees it on its own card. */
export interface ForumPostView {
  readonly post: ForumPost;
  /** Their answer box is shown (`mayAnswerPost`). */
  readonly mayAnswer: boolean;
}

export interface ForumView {
  readonly district: string | null;
  readonly posts: readonly ForumPost[];
  /** Names of the people who posted and answered, by id. */
  readonly names: ReadonlyMap<string, string>;
  /** The viewer answers posts (a DEA of the district). */
  readonly mayAnswer: boolean;
  /** The posts of this page the viewer may answer now, by id (`mayAnswerPost`). */
  readonly answerable: ReadonlySet<string>;
  /** How many newer posts come before this page (0: it is the newest). */
  readonly offset: number;
  /** Older posts follow this page. */
  readonly hasOlder: boolean;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

export class ForumService {
  constructor(private readonly deps: ForumDeps) {}

  /**
   * A page of the district's posts, newest first, from `offset`. A page past the end (posts erased
   * since the reader's card was drawn) gives the newest page instead of an empty one.
   */
  async view(person: StaffMember, names: (ids: readonly string[]) => Promise<ReadonlyMap<string, string>>, offset = 0): Promise<ForumView> {
    if (!Number.isSafeInteger(offset) || offset < 0) throw invalid('That page of the forum could not be read.');
    const district = await this.deps.directory.districtOf(person);
    let from = offset;
    // One more than the page: whether older posts follow, without counting them all.
    let rows = district ? await this.deps.store.listIn(district, FORUM_PAGE + 1, from) : [];
    if (district && rows.length === 0 && from > 0) {
      from = 0;
      rows = await this.deps.store.listIn(district, FORUM_PAGE + 1, 0);
    }
    const posts = rows.slice(0, FORUM_PAGE);
    const ids = [...new Set(posts.flatMap((p) => [p.authorId, ...(p.answeredById ? [p.answeredById] : [])]))];
    return {
      district,
      posts,
      names: await names(ids),
      mayAnswer: !!district && hasRole(person, 'dea'),
      answerable: new Set(posts.filter((p) => mayAnswerPost(person, district, p)).map((p) => p.id)),
      offset: from,
      hasOlder: rows.length > FORUM_PAGE,
    };
  }

  /** A colleague's feedback; every DEA of the district is sent it to answer. */
  async post(person: StaffMember, input: { topic?: unknown; body?: unknown }): Promise<ForumPost> {
    const district = await this.deps.directory.districtOf(person);
    const refusal = forumRefusal(person, district, 'post');
    if (refusal) throw refusal;
    const problems: Record<string, string> = {};
    const topic = text(input.topic);
    const body = text(input.body);
    if (!topic) problems.topic = 'Enter what it is about, in a few words.';
    else if (topic.length > FORUM_LIMITS.topic) problems.topic = `Keep it to ${FORUM_LIMITS.topic} characters or fewer.`;
    if (!body) problems.body = 'Enter your feedback.';
    else if (body.length > FORUM_LIMITS.body) problems.body = `Keep it to ${FORUM_LIMITS.body} characters or fewer.`;
    // Every DEA of the district is sent the post, its topic in the notification: it names no claimant.
    const noClaimant = 'The forum is about issues, not claimants: take out the National Insurance number.';
    if (topic && looksLikeNino(topic)) problems.topic = noClaimant;
    if (body && looksLikeNino(body)) problems.body = noClaimant;
    if (Object.keys(problems).length) throw invalid('Some of the post needs correcting.', problems);
    const deas = (await this.deps.directory.deasAndCoachesIn(district!)).filter((p) => hasRole(p, 'dea') && p.id !== person.id);
    return this.deps.uow.run(async () => {
      const post = await this.deps.store.create({ district: district!, authorId: person.id, topic, body }, this.deps.clock.now());
      await this.deps.notifier.posted(post, deas.map((d) => d.id));
      return post;
    });
  }

  /** A DEA's answer; the author is told. */
  async answer(person: StaffMember, postId: string, version: number, answer: unknown): Promise<ForumPostView> {
    const post = await this.deps.store.find(postId);
    const district = await this.deps.directory.districtOf(person);
    const refusal = forumRefusal(person, district, 'answer', post ?? undefined);
    if (refusal) throw refusal;
    const reply = text(answer);
    if (!reply) throw invalid('Enter your answer.', { answer: 'Enter your answer.' });
    if (reply.length > FORUM_LIMITS.answer) throw invalid(`Keep the answer to ${FORUM_LIMITS.answer} characters or fewer.`, { answer: `Keep it to ${FORUM_LIMITS.answer} characters or fewer.` });
    if (looksLikeNino(reply)) throw invalid('The forum is about issues, not claimants: take out the National Insurance number.', { answer: 'Take out the National Insurance number.' });
    return this.deps.uow.run(async () => {
      if (!(await this.deps.store.answer(post!.id, version, { text: reply, byId: person.id }, this.deps.clock.now()))) throw conflict('This post changed since you opened it: it may have been answered already.');
      const answered = (await this.deps.store.find(post!.id))!;
      await this.deps.notifier.answered(answered);
      return { post: answered, mayAnswer: mayAnswerPost(person, district, answered) };
    });
  }

  /** A post of the person's district, as they see it; null when it is gone or of another district. */
  async find(person: StaffMember, postId: string): Promise<ForumPostView | null> {
    const post = await this.deps.store.find(postId);
    const district = await this.deps.directory.districtOf(person);
    return post && post.district === district ? { post, mayAnswer: mayAnswerPost(person, district, post) } : null;
  }
}
