import type { ConversationReference } from 'botbuilder';
import { ConversationPace } from '../../data/stores/conversation-pace';
import { PostedCards } from '../../data/stores/posted-cards';
import { isDomainError } from '../../domain/errors';
import { statementsDuring } from '../../testkit/statement-log';
import { openTempDatabase, type TempDatabase } from '../../testkit/temp-database';

const chat = (id: string): Partial<ConversationReference> => ({ conversation: { id, isGroup: false, conversationType: 'personal', name: '' }, serviceUrl: 'https://smba.example/' });
const DEA_CHAT = chat('a:dea-chat');

describe('where cards were posted, and the pace of each chat (SQLite, migrations run)', () => {
  let db: TempDatabase;
  let posted: PostedCards;

  beforeEach(async () => {
    db = await openTempDatabase();
    posted = new PostedCards(db.dataSource);
  });
  afterEach(() => db.close());

  it('keeps one row for a copy recorded twice, as last recorded, in one statement each time', async () => {
    const sent = await statementsDuring(db.dataSource, async () => {
      await posted.record({ requestId: 'request-1', recipientAad: 'DEA-AAD', activityId: 'activity-1', reference: DEA_CHAT }, new Date('2026-12-01T10:00:00Z'));
      await posted.record({ requestId: 'request-1', recipientAad: 'dea-aad', activityId: 'activity-1', reference: { ...DEA_CHAT, locale: 'en-GB' } }, new Date('2026-12-02T10:00:00Z'));
    });
    expect(sent.map((s) => s.sql.split(' ')[0])).toEqual(['INSERT', 'INSERT']);
    expect(await posted.forRequest('request-1')).toEqual([{ requestId: 'request-1', recipientAad: 'dea-aad', activityId: 'activity-1', reference: { ...DEA_CHAT, locale: 'en-GB' } }]);
    const rows = (await db.dataSource.query('SELECT postedAt FROM posted_card')) as { postedAt: string }[];
    expect(rows).toEqual([{ postedAt: '2026-12-02 10:00:00.000' }]);
  });

  it('keeps a copy in another chat, or another message in the same chat, as its own row', async () => {
    await posted.record({ requestId: 'request-1', recipientAad: 'dea-aad', activityId: 'activity-1', reference: DEA_CHAT });
    await posted.record({ requestId: 'request-1', recipientAad: 'dea-aad', activityId: 'activity-2', reference: DEA_CHAT });
    await posted.record({ requestId: 'request-1', recipientAad: 'coach-aad', activityId: 'activity-1', reference: chat('a:coach-chat') });
    expect((await posted.forRequest('request-1')).map((c) => `${c.recipientAad} ${c.activityId}`).sort()).toEqual(['coach-aad activity-1', 'dea-aad activity-1', 'dea-aad activity-2']);
  });

  it('refuses an id longer than its column, as every insert does, and writes nothing', async () => {
    let refusal: unknown;
    try {
      await posted.record({ requestId: 'request-1', recipientAad: 'dea-aad', activityId: 'x'.repeat(201), reference: DEA_CHAT });
    } catch (error) {
      refusal = error;
    }
    expect(isDomainError(refusal) && refusal.kind).toBe('invalid');
    expect(await posted.forRequest('request-1')).toEqual([]);
  });

  it('makes a chat’s pace once, however many instances start it at the same time', async () => {
    const now = new Date('2026-12-01T10:00:00Z');
    const here = new ConversationPace(db.dataSource);
    const there = new ConversationPace(db.dataSource);
    expect(await here.reserve('a:dea-chat', now)).toEqual({ granted: true });
    // The other instance has not seen the row: its insert finds it there, and it takes the next slot.
    expect(await there.reserve('a:dea-chat', now)).toEqual({ granted: true });
    const rows = (await db.dataSource.query('SELECT nextAt, version FROM conversation_pace')) as { nextAt: string; version: number }[];
    expect(rows).toEqual([{ nextAt: '2026-12-01 10:00:01.100', version: 2 }]);
  });
});
