import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applySeed } from '../../data/seed/apply-seed';
import { parseSeedFile } from '../../data/seed/seed-file';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { NewSupportRequest } from '../../domain/requests/ports';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

describe('SqlSupportRequestStore', () => {
  let db: TempDatabase;
  let store: SqlSupportRequestStore;
  let base: NewSupportRequest;
  const at = new Date('2026-11-23T10:15:30.123Z');

  beforeEach(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, parseSeedFile(readFileSync(join(__dirname, '..', '..', 'data', 'seed', 'demo-staff.json'), 'utf8')));
    const directory = new SqlStaffDirectory(db.dataSource);
    const coach = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000001'))!;
    store = new SqlSupportRequestStore(db.dataSource);
    base = {
      type: 'claimant_support',
      requesterId: coach.id,
      deaId: coach.deaId!,
      claimant: { surname: "O'Neill", nino: 'AB123456C', benefits: ['UC', 'PIP'] },
      topic: null,
      description: 'Challenges',
      reason: 'Why',
      requiredBy: '2026-12-01',
      urgent: true,
      vulnerability: 'clearly_vulnerable',
    };
  });
  afterEach(async () => db.close());

  it('stores the case with its claimant and reads back exactly what was saved', async () => {
    const saved = await store.create(base, at);
    expect(saved).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      reference: 'DEA-000001',
      type: 'claimant_support',
      status: 'submitted',
      version: 1,
      requesterId: base.requesterId,
      deaId: base.deaId,
      claimant: base.claimant,
      topic: null,
      description: 'Challenges',
      reason: 'Why',
      requiredBy: '2026-12-01',
      urgent: true,
      vulnerability: 'clearly_vulnerable',
      channel: null,
      inappropriate: false,
      parentRequestId: null,
      requestedChannel: null,
      claimantCoachId: null,
      messages: [],
      createdAt: at,
      updatedAt: at,
    });
    const events = await db.dataSource.query('SELECT action, fromStatus, toStatus, actorId FROM request_event');
    expect(events).toEqual([{ action: 'submit', fromStatus: null, toStatus: 'submitted', actorId: base.requesterId }]);
  });

  it('keeps the claimant as each request entered them: a later request never rewrites an earlier one', async () => {
    const first = await store.create(base, at);
    await store.create({ ...base, claimant: { surname: 'Smith', nino: 'AB123456C', benefits: ['ESA'] } }, at);
    expect((await store.findById(first.id))?.claimant).toEqual(base.claimant);
    const claimants = await db.dataSource.query('SELECT surname, benefits FROM claimant ORDER BY surname');
    expect(claimants).toEqual([{ surname: "O'Neill", benefits: 'UC,PIP' }, { surname: 'Smith', benefits: 'ESA' }]);
  });

  it('makes one request of a submission sent twice, even at the same moment', async () => {
    const [a, b] = await Promise.all([store.createOnce({ ...base, submissionKey: 'k-1' }, at), store.createOnce({ ...base, submissionKey: 'k-1' }, at)]);
    expect(a.request.id).toBe(b.request.id);
    // Exactly one of the two saved it, so only that one tells anybody.
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await db.dataSource.getRepository('SupportRequest').count()).toBe(1);
    expect(await store.createOnce({ ...base, submissionKey: 'k-1' }, new Date(at.getTime() + 1000))).toEqual({ request: a.request, created: false });
  });

  it('gives requests made at the same moment distinct, consecutive references', async () => {
    const saved = await Promise.all(Array.from({ length: 6 }, () => store.create({ ...base, claimant: null, type: 'skill_support', topic: 'retention' }, at)));
    expect(saved.map((r) => r.reference).sort()).toEqual(['DEA-000001', 'DEA-000002', 'DEA-000003', 'DEA-000004', 'DEA-000005', 'DEA-000006']);
  });

  it('changes status only from the version seen, auditing who, what, when, from and to', async () => {
    const saved = await store.create(base, at);
    const later = new Date(at.getTime() + 60_000);
    const withdrawn = await store.changeStatus({ requestId: saved.id, expectedVersion: 1, to: 'withdrawn', actorId: base.requesterId, action: 'withdraw', at: later });
    expect(withdrawn).toMatchObject({ status: 'withdrawn', version: 2, updatedAt: later });
    await expect(
      store.changeStatus({ requestId: saved.id, expectedVersion: 1, to: 'submitted', actorId: base.requesterId, action: 'again', at: later }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    const events = await db.dataSource.query("SELECT action, fromStatus, toStatus FROM request_event WHERE action = 'withdraw'");
    expect(events).toEqual([{ action: 'withdraw', fromStatus: 'submitted', toStatus: 'withdrawn' }]);
  });

  it('with the request as the caller read it, writes without reading it again, and still refuses a version that moved on', async () => {
    const saved = await store.create(base, at);
    const later = new Date(at.getTime() + 60_000);
    const accepted = await store.changeStatus({ requestId: saved.id, expectedVersion: 1, to: 'accepted', actorId: base.deaId, action: 'accept:case_conference', at: later, channel: 'case_conference', current: saved });
    expect(accepted).toEqual({ ...saved, status: 'accepted', version: 2, updatedAt: later, channel: 'case_conference' });
    expect(await store.findById(saved.id)).toEqual(accepted);
    // The caller's copy is out of date: the write is refused, whatever that copy says.
    await expect(store.changeStatus({ requestId: saved.id, expectedVersion: 1, to: 'withdrawn', actorId: base.requesterId, action: 'withdraw', at: later, current: saved })).rejects.toMatchObject({ kind: 'conflict' });
    expect(await store.findById(saved.id)).toMatchObject({ status: 'accepted', version: 2 });
  });

  it('refuses a change of status the state machine does not allow, and changes nothing', async () => {
    const saved = await store.create(base, at);
    await expect(store.changeStatus({ requestId: saved.id, expectedVersion: 1, to: 'held', actorId: base.deaId, action: 'held', at })).rejects.toMatchObject({ kind: 'invalid' });
    await expect(store.changeStatus({ requestId: saved.id, expectedVersion: 1, to: 'submitted', actorId: base.deaId, action: 'same', at })).rejects.toMatchObject({ kind: 'invalid' });
    expect(await store.findById(saved.id)).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('moves only the version on with touch, auditing the action with the status unchanged', async () => {
    const saved = await store.create(base, at);
    const touched = await store.touch({ requestId: saved.id, expectedVersion: 1, actorId: base.deaId, action: 'noted', at, message: { kind: 'note', text: 'A note' } });
    expect(touched).toMatchObject({ status: 'submitted', version: 2 });
    expect(touched.messages.map((m) => m.text)).toEqual(['A note']);
    await expect(store.touch({ requestId: saved.id, expectedVersion: 1, actorId: base.deaId, action: 'stale', at })).rejects.toMatchObject({ kind: 'conflict' });
    const events = await db.dataSource.query("SELECT action, fromStatus, toStatus FROM request_event WHERE action = 'noted'");
    expect(events).toEqual([{ action: 'noted', fromStatus: 'submitted', toStatus: 'submitted' }]);
  });

  it('lets exactly one of two simultaneous changes win', async () => {
    const saved = await store.create(base, at);
    const results = await Promise.allSettled(
      ['a', 'b'].map((who) => store.changeStatus({ requestId: saved.id, expectedVersion: 1, to: 'withdrawn', actorId: base.requesterId, action: who, at })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('lists a requester\'s cases newest first', async () => {
    await store.create(base, at);
    await store.create({ ...base, claimant: null, type: 'skill_support', topic: 'retention' }, new Date(at.getTime() + 1000));
    const mine = await store.listByRequester(base.requesterId, 10);
    expect(mine.map((r) => r.reference)).toEqual(['DEA-000002', 'DEA-000001']);
  });
});
