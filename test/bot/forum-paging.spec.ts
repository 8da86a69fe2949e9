import { applySeed } from '../../data/seed/apply-seed';
import { SqlForumStore } from '../../data/stores/partnerships';
import { CARD_SIZE_LIMIT_BYTES } from '../../cards/card-check';
import { FORUM_LIMITS, FORUM_PAGE } from '../../domain/partnerships/forum';
import { cardText, cardVerbs, exchange, firstCard, invokeAs, PEOPLE, startTestBot, submitsIn, type TestBot } from '../support/test-bot';

const CARA = '00000000-0000-4000-8000-0000000000c5';
const chat = (aad: string) => `a:personal-${aad}`;

/** The forum's paging buttons: their titles and the offset each sends. */
const pagesOf = (card: Record<string, unknown>) =>
  ((card.actions ?? []) as Record<string, unknown>[])
    .filter((a) => a.type === 'Action.Submit' && (a.data as { verb?: string }).verb === 'forum.page')
    .map((a) => ({ title: a.title, offset: (a.data as { offset: number }).offset }));
/** A page of the forum as the bot sends it, below the card clicked (which is left as it is, with any draft in its post form). */
const pageAs = async (bot: TestBot, aad: string, data: Record<string, unknown>) => {
  const sent = await exchange(bot, aad, { verb: 'forum.page', ...data });
  expect(sent.filter((a) => a.attachments?.length)).toHaveLength(1);
  // A new message, never an update of the card clicked.
  expect(bot.connector.calls.filter((c) => c.method === 'PUT')).toEqual([]);
  return { card: firstCard(sent) };
};
/** The size Teams counts, as the card check does (UTF-16). */
const sizeOf = (card: Record<string, unknown>) => JSON.stringify(card).length * 2;

describe('the Hub feedback forum through the bot: older posts a page at a time, and who answers a DEA’s own post', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    // A second DEA of the district, to answer Dana's own post.
    await applySeed(bot.app.dataSource, { jobcentres: [], staff: [{ aadObjectId: CARA, name: 'Cara Diaz', email: 'cara.diaz@jobcentre.example', roles: ['dea'], jobcentre: 'Horsham' }] });
    for (const who of [PEOPLE.coach, PEOPLE.dea, CARA]) await exchange(bot, who, 'help');
  });
  afterAll(async () => bot.close());
  beforeEach(() => bot.connector.clear());

  it('a DEA’s own post is not offered to them to answer, on the list or its card, and their answer is refused with what they typed; another DEA answers it', async () => {
    const posted = await invokeAs(bot, PEOPLE.dea, 'forum.post', { topic: 'Access to Work delays', body: 'Claims are taking twelve weeks to decide.' });
    expect(cardText(posted.card)).toContain('Posted.');
    // The list: no "Read and answer" on her own post, and nothing asked of her.
    const list = firstCard(await exchange(bot, PEOPLE.dea, 'forum'));
    expect(submitsIn(list).map((s) => s.title)).not.toContain('Read and answer');
    expect(cardText(list)).toContain('Nothing for you to do now: the post waiting here is yours, for another DEA to answer.');
    // Its card: no answer box either.
    await bot.connector.waitFor(() => bot.connector.sentTo(chat(CARA)).length === 1);
    const toCara = bot.connector.sentTo(chat(CARA))[0]!.attachments![0]!.content as Record<string, unknown>;
    const [, postId, version] = JSON.stringify(toCara).match(/"postId":"([0-9a-f-]{36})","version":(\d+)/)!;
    const own = firstCard(await exchange(bot, PEOPLE.dea, { verb: 'forum.open', postId }));
    expect(cardVerbs(own)).toEqual([]);
    expect(cardText(own)).toContain('Nothing for you to do now: waiting for a DEA to answer.');
    // Her answer all the same (a card from before): refused, with what she typed to copy.
    const typed = 'Ask the Access to Work adviser for the fast track.';
    const refused = cardText((await invokeAs(bot, PEOPLE.dea, 'forum.answer', { postId, version: Number(version), answer: typed })).card);
    expect(refused).toContain('You posted this: another DEA of the district answers it. Nothing was saved.');
    expect(refused).toContain(`What you typed: “${typed}”`);
    // Cara: offered it on the list and on its card, and answers it.
    expect(cardVerbs(toCara)).toEqual(['forum.answer']);
    expect(submitsIn(firstCard(await exchange(bot, CARA, 'forum'))).find((s) => s.data.postId === postId)?.title).toBe('Read and answer');
    const answered = await invokeAs(bot, CARA, 'forum.answer', { postId, version: Number(version), answer: 'Use the fast track for claims over eight weeks.' });
    expect(cardText(answered.card)).toContain('Answered. The colleague who posted has been told.');
    expect(bot.cardProblems).toEqual([]);
    await bot.app.dataSource.query('DELETE FROM hub_forum_post');
  });

  it('older posts a page at a time, newest first, each below the card clicked; past the end the newest page; a bad page says so; posting from a later page', async () => {
    const staffId = async (aad: string) => (await bot.app.dataSource.query('SELECT id FROM staff WHERE aadObjectId = ?', [aad]))[0].id as string;
    const coach = await staffId(PEOPLE.coach);
    const store = new SqlForumStore(bot.app.dataSource);
    const all = 2 * FORUM_PAGE + 3;
    // Each post at its longest, in text a card's JSON writes longer; numbered, the newest last.
    const topic = (i: number) => `Post ${String(i).padStart(2, '0')}`;
    const longest = (start: string, length: number) => `${start}: "Autism" and \\group\\ sessions.\n`.concat('How should coaches adapt group sessions for claimants who find them hard? '.repeat(40)).slice(0, length);
    for (let i = 1; i <= all; i++) await store.create({ district: 'Surrey and Sussex', authorId: coach, topic: longest(topic(i), FORUM_LIMITS.topic), body: longest(topic(i), FORUM_LIMITS.body) }, new Date(Date.now() - (all - i) * 60_000));
    const shown = (card: Record<string, unknown>) => Array.from({ length: all }, (_, i) => all - i).filter((i) => cardText(card).includes(`${topic(i)}: `));

    const first = firstCard(await exchange(bot, PEOPLE.coach, 'forum'));
    expect(shown(first)).toEqual(Array.from({ length: FORUM_PAGE }, (_, i) => all - i));
    expect(pagesOf(first)).toEqual([{ title: 'Older posts', offset: FORUM_PAGE }]);
    expect(cardText(first)).toContain(`Posts 1 to ${FORUM_PAGE}, newest first.`);

    const second = await pageAs(bot, PEOPLE.coach, { offset: FORUM_PAGE });
    expect(shown(second.card)).toEqual(Array.from({ length: FORUM_PAGE }, (_, i) => all - FORUM_PAGE - i));
    expect(pagesOf(second.card)).toEqual([
      { title: 'Newer posts', offset: 0 },
      { title: 'Older posts', offset: 2 * FORUM_PAGE },
    ]);
    expect(cardText(second.card)).toContain(`Posts ${FORUM_PAGE + 1} to ${2 * FORUM_PAGE}, newest first.`);

    const last = await pageAs(bot, PEOPLE.coach, { offset: String(2 * FORUM_PAGE) });
    expect(shown(last.card)).toEqual([3, 2, 1]);
    expect(pagesOf(last.card)).toEqual([{ title: 'Newer posts', offset: FORUM_PAGE }]);
    for (const card of [first, second.card, last.card]) expect(sizeOf(card)).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);

    // A DEA answers a post from the last page, opened from there.
    const open = submitsIn((await pageAs(bot, PEOPLE.dea, { offset: 2 * FORUM_PAGE })).card).find((s) => s.title === 'Read and answer')!;
    const whole = firstCard(await exchange(bot, PEOPLE.dea, open.data));
    const [, postId, version] = JSON.stringify(whole).match(/"postId":"([0-9a-f-]{36})","version":(\d+)/)!;
    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'forum.answer', { postId, version: Number(version), answer: 'Offer one to one sessions instead.' })).card)).toContain('Answered.');

    // Posts erased since the card was drawn: the newest page, and why, rather than an empty card.
    const gone = await pageAs(bot, PEOPLE.coach, { offset: 5 * FORUM_PAGE });
    expect(cardText(gone.card)).toContain('There are fewer posts on the forum now: here are the newest.');
    expect(shown(gone.card)).toEqual(shown(first));

    // Offsets no card sends: the newest page, and a plain sentence, never a failure.
    for (const data of [{ offset: -1 }, { offset: 'ten' }, { offset: 2.5 }, { offset: {} }, {}]) {
      const bad = await pageAs(bot, PEOPLE.coach, data);
      expect(cardText(bad.card)).toContain('That page of the forum could not be read: here are the newest posts.');
      expect(shown(bad.card)).toEqual(shown(first));
    }

    // Posting from a later page: the forum from its newest page, the new post first.
    const posted = await invokeAs(bot, PEOPLE.coach, 'forum.post', { topic: 'Post 99: hearing loops', body: 'The Crawley office hearing loop is broken.' });
    expect(cardText(posted.card)).toContain('Posted. Your district’s DEAs have been sent it to answer.');
    expect(cardText(posted.card)).toContain('Post 99: hearing loops');
    expect(pagesOf(posted.card)).toEqual([{ title: 'Older posts', offset: FORUM_PAGE }]);
    expect(bot.cardProblems).toEqual([]);
  });
});
