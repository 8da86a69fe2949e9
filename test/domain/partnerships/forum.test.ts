import { FORUM_PAGE, ForumService, answerRefusal, mayAnswerPost, type ForumPost, type ForumStore } from '../../../domain/partnerships/forum';
import type { StaffMember } from '../../../domain/staff';
import { immediateUnitOfWork } from '../../../domain/unit-of-work';
import { person } from './in-memory';

class MemoryForum implements ForumStore {
  posts: ForumPost[] = [];
  async create(post: Pick<ForumPost, 'district' | 'authorId' | 'topic' | 'body'>, at: Date) {
    const made: ForumPost = { ...post, id: `post-${this.posts.length + 1}`, answer: null, answeredById: null, answeredAt: null, version: 1, createdAt: at };
    this.posts.push(made);
    return made;
  }
  async find(id: string) {
    return this.posts.find((p) => p.id === id) ?? null;
  }
  async listIn(district: string, limit: number, offset: number) {
    return this.posts.filter((p) => p.district === district).reverse().slice(offset, offset + limit);
  }
  async answer(id: string, version: number, answer: { text: string; byId: string }, at: Date) {
    const post = this.posts.find((p) => p.id === id);
    if (!post || post.version !== version) return false;
    this.posts = this.posts.map((p) => (p.id === id ? { ...p, answer: answer.text, answeredById: answer.byId, answeredAt: at, version: version + 1 } : p));
    return true;
  }
}

describe('the Hub feedback forum (seed 000 §61)', () => {
  const coach = person('wc-1', ['work_coach']);
  const dea = person('dea-1', ['dea']);
  const otherDea = person('dea-2', ['dea']);
  const farDea = person('dea-9', ['dea'], { jobcentreId: 'far' });
  const nowhere = person('wc-0', ['work_coach'], { jobcentreId: null });
  const districtOf = async (p: StaffMember) => (p.jobcentreId === 'far' ? 'Cumbria and Lancashire' : p.jobcentreId ? 'Surrey and Sussex' : null);

  function setUp() {
    const store = new MemoryForum();
    const sent: string[] = [];
    const service = new ForumService({
      store,
      directory: { districtOf, deasAndCoachesIn: async (d) => [coach, dea, otherDea, farDea].filter((p) => p.jobcentreId !== 'far' || d === 'Cumbria and Lancashire') },
      notifier: { posted: async (post, ids) => void sent.push(...ids.map((i) => `${post.topic} -> ${i}`)), answered: async (post) => void sent.push(`answered -> ${post.authorId}`) },
      clock: { now: () => new Date('2026-12-01T10:00:00Z') },
      uow: immediateUnitOfWork,
    });
    return { store, sent, service };
  }

  it('a colleague posts; every DEA of the district is sent it to answer; a missing field is named', async () => {
    const { service, sent } = setUp();
    await expect(service.post(coach, { topic: ' ', body: 'x'.repeat(2001) })).rejects.toMatchObject({ problems: { topic: expect.any(String), body: 'Keep it to 2000 characters or fewer.' } });
    await expect(service.post(nowhere, { topic: 'Autism', body: 'How?' })).rejects.toMatchObject({ kind: 'invalid', message: expect.stringContaining('does not say which jobcentre') });
    const post = await service.post(coach, { topic: 'Autism and group sessions', body: 'How do we adapt them?' });
    expect(post).toMatchObject({ district: 'Surrey and Sussex', authorId: 'wc-1', answer: null });
    expect(sent).toEqual(['Autism and group sessions -> dea-1', 'Autism and group sessions -> dea-2']);
  });

  it('a DEA of the district answers once; the author is told; others may not answer', async () => {
    const { service, sent } = setUp();
    const post = await service.post(coach, { topic: 'Autism', body: 'How?' });
    await expect(service.answer(coach, post.id, 1, 'Try this')).rejects.toMatchObject({ kind: 'not_allowed' });
    await expect(service.answer(farDea, post.id, 1, 'Try this')).rejects.toMatchObject({ kind: 'not_found' });
    await expect(service.answer(dea, post.id, 1, '  ')).rejects.toMatchObject({ problems: { answer: 'Enter your answer.' } });
    const answered = (await service.answer(dea, post.id, 1, 'See the hidden impairment toolkit.')).post;
    expect(answered).toMatchObject({ answer: 'See the hidden impairment toolkit.', answeredById: 'dea-1', version: 2 });
    await expect(service.answer(otherDea, post.id, 1, 'Me too')).rejects.toMatchObject({ kind: 'conflict' });
    expect(sent).toContain('answered -> wc-1');
    const view = await service.view(dea, async (ids) => new Map(ids.map((i) => [i, i.toUpperCase()])));
    expect(view).toMatchObject({ district: 'Surrey and Sussex', mayAnswer: true, posts: [expect.objectContaining({ id: post.id })] });
    expect(view.names.get('wc-1')).toBe('WC-1');
    expect((await service.view(coach, async () => new Map())).mayAnswer).toBe(false);
  });

  it('names no claimant: a National Insurance number in a topic, a post or an answer is refused beside it, and nothing is sent', async () => {
    const { service, sent, store } = setUp();
    await expect(service.post(coach, { topic: 'QQ123456C and epilepsy', body: 'How do we help Ms Smith, qq 12 34 56 c?' })).rejects.toMatchObject({
      kind: 'invalid',
      problems: { topic: expect.stringContaining('take out the National Insurance number'), body: expect.stringContaining('take out the National Insurance number') },
    });
    expect(sent).toEqual([]);
    expect(await store.listIn('Surrey and Sussex', 10, 0)).toEqual([]);
    const post = await service.post(coach, { topic: 'Epilepsy and work search', body: 'What adjustments help?' });
    await expect(service.answer(dea, post.id, 1, 'Ask about AB 12 34 56 C first')).rejects.toMatchObject({ problems: { answer: 'Take out the National Insurance number.' } });
  });
  it('a DEA’s own post waits for another DEA: the list, the post’s card and the answer click all say so, from one rule', async () => {
    const { service } = setUp();
    const own = await service.post(dea, { topic: 'Access to Work delays', body: 'Claims are taking twelve weeks.' });
    const theirs = await service.post(coach, { topic: 'Autism', body: 'How?' });
    const names = async () => new Map<string, string>();
    // Dana, its author: not offered, not on its card, refused.
    expect([...((await service.view(dea, names)).answerable ?? [])]).toEqual([theirs.id]);
    expect(await service.find(dea, own.id)).toMatchObject({ post: { id: own.id }, mayAnswer: false });
    expect(mayAnswerPost(dea, 'Surrey and Sussex', own)).toBe(false);
    expect(answerRefusal(dea, 'Surrey and Sussex', own)).toMatchObject({ kind: 'not_allowed', message: 'You posted this: another DEA of the district answers it.' });
    await expect(service.answer(dea, own.id, 1, 'Answering myself')).rejects.toMatchObject({ kind: 'not_allowed', message: 'You posted this: another DEA of the district answers it.' });
    // Another DEA of the district: offered, on its card, answers it.
    expect([...((await service.view(otherDea, names)).answerable ?? [])].sort()).toEqual([own.id, theirs.id].sort());
    expect(await service.find(otherDea, own.id)).toMatchObject({ mayAnswer: true });
    expect(await service.answer(otherDea, own.id, 1, 'Use the Access to Work fast track.')).toMatchObject({ post: { answeredById: 'dea-2' }, mayAnswer: false });
    // A coach, or a DEA of another district, is never offered it.
    expect((await service.view(coach, names)).answerable?.size).toBe(0);
    expect(await service.find(farDea, theirs.id)).toBeNull();
  });

  it('pages the forum newest first, a page at a time; past the end it shows the newest page; a bad offset is refused', async () => {
    const { service, store } = setUp();
    for (let i = 1; i <= 2 * FORUM_PAGE + 3; i++) await store.create({ district: 'Surrey and Sussex', authorId: 'wc-1', topic: `Post ${i}`, body: 'x' }, new Date(Date.UTC(2026, 10, 1, 9, i)));
    await store.create({ district: 'Cumbria and Lancashire', authorId: 'dea-9', topic: 'Far away', body: 'x' }, new Date());
    const names = async () => new Map<string, string>();
    const topics = (posts: readonly ForumPost[]) => posts.map((p) => p.topic);
    const first = await service.view(coach, names);
    expect(first).toMatchObject({ offset: 0, hasOlder: true });
    expect(topics(first.posts)).toEqual(Array.from({ length: FORUM_PAGE }, (_, i) => `Post ${23 - i}`));
    const second = await service.view(coach, names, FORUM_PAGE);
    expect(second).toMatchObject({ offset: FORUM_PAGE, hasOlder: true });
    expect(topics(second.posts)).toEqual(Array.from({ length: FORUM_PAGE }, (_, i) => `Post ${13 - i}`));
    const last = await service.view(coach, names, 2 * FORUM_PAGE);
    expect(last).toMatchObject({ offset: 2 * FORUM_PAGE, hasOlder: false });
    expect(topics(last.posts)).toEqual(['Post 3', 'Post 2', 'Post 1']);
    // Posts erased since the card was drawn: the newest page, not an empty one.
    const past = await service.view(coach, names, 5 * FORUM_PAGE);
    expect(past).toMatchObject({ offset: 0, hasOlder: true });
    expect(topics(past.posts)).toEqual(topics(first.posts));
    await expect(service.view(coach, names, -1)).rejects.toMatchObject({ kind: 'invalid' });
    await expect(service.view(coach, names, 1.5)).rejects.toMatchObject({ kind: 'invalid' });
  });
});
