import { ForumService, type ForumPost, type ForumStore } from '../../../domain/partnerships/forum';
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
  async listIn(district: string, limit: number) {
    return this.posts.filter((p) => p.district === district).reverse().slice(0, limit);
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
    const answered = await service.answer(dea, post.id, 1, 'See the hidden impairment toolkit.');
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
    expect(await store.listIn('Surrey and Sussex', 10)).toEqual([]);
    const post = await service.post(coach, { topic: 'Epilepsy and work search', body: 'What adjustments help?' });
    await expect(service.answer(dea, post.id, 1, 'Ask about AB 12 34 56 C first')).rejects.toMatchObject({ problems: { answer: 'Take out the National Insurance number.' } });
  });
});
