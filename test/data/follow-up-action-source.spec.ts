import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { applySeed } from '../../data/seed/apply-seed';
import { parseSeedFile } from '../../data/seed/seed-file';
import { SqlFollowUpActionStore } from '../../data/stores/follow-up-actions';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { NewFollowUpAction } from '../../domain/follow-up-actions/ports';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

describe('follow-up actions: one of a kind per request and where it was agreed', () => {
  let db: TempDatabase;
  beforeEach(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, parseSeedFile(readFileSync(join(__dirname, '..', '..', 'data', 'seed', 'demo-staff.json'), 'utf8')));
  });
  afterEach(async () => db.close());

  it("starts a group conference's work psychologist action for a case whose own outcome's is long done; each only once", async () => {
    const coach = (await new SqlStaffDirectory(db.dataSource).findByAadObjectId('00000000-0000-4000-8000-000000000001'))!;
    const request = await new SqlSupportRequestStore(db.dataSource).create(
      { type: 'claimant_support', requesterId: coach.id, deaId: coach.deaId!, claimant: { surname: 'Smith', nino: 'AB123456C', benefits: ['UC'] }, topic: null, description: 'Challenges', reason: 'Why', requiredBy: null, urgent: false, vulnerability: null },
      new Date('2026-11-02T10:00:00Z'),
    );
    const actions = new SqlFollowUpActionStore(db.dataSource);
    const action = (source: string | null, status: 'unassigned' | 'done'): NewFollowUpAction => ({
      requestId: request.id,
      requestReference: request.reference,
      kind: 'work_psychologist',
      source,
      jobcentreId: coach.jobcentreId,
      requesterId: coach.id,
      deaId: coach.deaId!,
      assigneeId: null,
      status,
      createdById: coach.deaId!,
      createdAt: new Date('2026-11-02T10:00:00Z'),
      dueBy: new Date('2026-11-16T10:00:00Z'),
      assignedAt: null,
    });
    const own = await actions.create(action(null, 'done'));
    expect(own).toMatchObject({ created: true, action: { source: null, status: 'done' } });
    const fromConference = await actions.create(action('group-case:case-7', 'unassigned'));
    expect(fromConference).toMatchObject({ created: true, action: { source: 'group-case:case-7', status: 'unassigned' } });
    expect(fromConference.action.id).not.toBe(own.action.id);
    // Each again (the outcome sent twice) finds its own, and nothing more is saved.
    expect(await actions.create(action(null, 'unassigned'))).toMatchObject({ created: false, action: { id: own.action.id, status: 'done' } });
    expect(await actions.create(action('group-case:case-7', 'unassigned'))).toMatchObject({ created: false, action: { id: fromConference.action.id } });
    expect((await actions.forRequest(request.id)).map((a) => a.source).sort()).toEqual(['group-case:case-7', null].sort());
    // The database itself holds to it, whatever a caller skips.
    await expect(db.dataSource.query("INSERT INTO follow_up_action (id, requestId, requestReference, kind, source, requesterId, deaId, status, createdById, createdAt, dueBy, version) SELECT 'x', requestId, requestReference, kind, source, requesterId, deaId, status, createdById, createdAt, dueBy, 1 FROM follow_up_action WHERE source = ''")).rejects.toThrow(/UNIQUE constraint failed/);
  });
});
