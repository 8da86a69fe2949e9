import { checkCard, DATA_EXPORT_ID } from '../../cards/card-check';
import { forumCard } from '../../cards/forum-cards';
import { withMobileFallbacks } from '../../cards/mobile-fallbacks';
import { SUBJECT_ACCESS_CARD_CHARS, subjectAccessCards } from '../../cards/privacy/privacy-cards';
import type { AdaptiveCard } from '../../cards/render';
import { FORUM_LIMITS, FORUM_PAGE, type ForumPost } from '../../domain/partnerships/forum';
import type { SubjectAccessDocument } from '../../domain/privacy/subject-access';

/** Text a card's JSON writes as long as it can: quotes, backslashes, line breaks, a control character, an emoji. */
const awkward = (length: number, mark: string) => `${mark} `.concat('"quoted" \\ line\n\u0001 😀 '.repeat(Math.ceil(length / 20))).slice(0, length);

/** Every element under a card, its ShowCard cards included. */
function elements(node: unknown, into: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => elements(n, into));
  else if (node && typeof node === 'object') {
    into.push(node as Record<string, unknown>);
    Object.values(node).forEach((n) => elements(n, into));
  }
  return into;
}

/** As the bot sends it: what the size is checked on. */
const sent = (card: AdaptiveCard) => withMobileFallbacks(card);

describe('list cards stay inside Teams’ message size whatever they hold, and lose nothing', () => {
  it('a subject access answer of 60 rows of the longest text, and one value longer than a message, comes in messages each well inside the limit, every value whole when its pieces are joined', () => {
    const longValue = awkward(100_000, 'Long');
    const rows = Array.from({ length: 60 }, (_, i) => [
      { label: 'Id', value: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` },
      { label: 'At', value: '2026-11-02T10:00:00.000Z' },
      { label: 'Body', value: i === 30 ? longValue : awkward(4000, `Body ${i}`) },
      { label: 'Summary', value: awkward(1000, `Summary ${i}`) },
    ]);
    const references = Array.from({ length: 400 }, (_, i) => `DEA-${String(i + 1).padStart(6, '0')}`);
    const doc: SubjectAccessDocument = { receivedAt: new Date(), due: '2026-12-02', hcpDue: '2026-11-09', references, searched: ['By National Insurance number.'], sections: [{ title: 'Messages about the requests', hcpMaterial: false, rows }] };
    const data = { cases: references, tables: { 'Messages about the requests': rows.map((row) => Object.fromEntries(row.map((f) => [f.label, f.value]))) } };

    const cards = subjectAccessCards(doc, data).map(sent);
    expect(cards.length).toBeGreaterThan(2);
    for (const card of cards) {
      expect(checkCard(card)).toEqual([]);
      expect(JSON.stringify(card).length).toBeLessThanOrEqual(SUBJECT_ACCESS_CARD_CHARS);
    }
    // Read: each row's values, a value split over facts joined again ("Body", "Body (continued)").
    const facts = elements(cards.map((c) => c.body)).filter((e) => e.type === 'FactSet').flatMap((e) => e.facts as { title: string; value: string }[]);
    const values = (label: string) => facts.filter((f) => f.title === label || f.title === `${label} (continued)`).reduce<string[]>((all, f) => (f.title === label ? [...all, f.value] : [...all.slice(0, -1), all[all.length - 1] + f.value]), []);
    expect(values('Body')).toEqual(rows.map((row) => row[2]!.value));
    expect(values('Summary')).toEqual(rows.map((row) => row[3]!.value));
    // As data: the parts joined are the data.
    const json = elements(cards.map((c) => c.actions)).filter((e) => e.id === DATA_EXPORT_ID).map((e) => String(e.text)).join('');
    expect(JSON.parse(json)).toEqual(data);
  });

  it('a subject access answer that fits is one message, with the data behind a button', () => {
    const doc: SubjectAccessDocument = { receivedAt: new Date(), due: '2026-12-02', hcpDue: '2026-11-09', references: ['DEA-000001'], searched: ['By National Insurance number.'], sections: [{ title: 'Claimant details', hcpMaterial: false, rows: [[{ label: 'Surname', value: 'Fenwick-Oyelaran' }]] }] };
    const cards = subjectAccessCards(doc, { cases: ['DEA-000001'] });
    expect(cards).toHaveLength(1);
    expect(JSON.parse(String(elements(cards[0]!.actions).find((e) => e.id === DATA_EXPORT_ID)!.text))).toEqual({ cases: ['DEA-000001'] });
  });

  it('the forum’s page of the longest posts and answers, in text a card writes longest, stays well inside the limit, each post a click from all of it', () => {
    const posts: ForumPost[] = Array.from({ length: FORUM_PAGE }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      district: 'Surrey and Sussex',
      authorId: 'coach',
      topic: awkward(FORUM_LIMITS.topic, `Topic ${i}`),
      body: awkward(FORUM_LIMITS.body, `Post ${i}`),
      answer: i % 2 ? awkward(FORUM_LIMITS.answer, `Answer ${i}`) : null,
      answeredById: i % 2 ? 'dea' : null,
      answeredAt: i % 2 ? new Date() : null,
      version: 2,
      createdAt: new Date('2026-11-02T10:00:00Z'),
    }));
    const names = new Map([['coach', 'Amira Shah'], ['dea', 'Dana Morgan']]);
    for (const mayAnswer of [true, false]) {
      // A middle page, both ways to page shown: the largest a page of the forum's card gets.
      const answerable = new Set(mayAnswer ? posts.filter((p) => !p.answer).map((p) => p.id) : []);
      const card = sent(forumCard({ district: 'Surrey and Sussex', posts, names, mayAnswer, answerable, offset: FORUM_PAGE, hasOlder: true }));
      expect(checkCard(card)).toEqual([]);
      expect(JSON.stringify(card).length).toBeLessThanOrEqual(15_000);
      const opens = elements(card.body).filter((e) => e.type === 'Action.Submit').map((e) => (e.data as { postId: string }).postId);
      expect(opens).toEqual(posts.map((p) => p.id));
    }
  });
});
