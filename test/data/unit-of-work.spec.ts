import demoStaff from '../../data/seed/demo-staff.json';
import { applySeed } from '../../data/seed/apply-seed';
import { parseSeedFile } from '../../data/seed/seed-file';
import { Outbox } from '../../data/stores/outbox';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { SqlUnitOfWork } from '../../data/transactions';
import { DeliverySignals } from '../../bot/core/delivery-signals';
import { OutboxWriter } from '../../bot/core/outbox-writer';
import { RequestService } from '../../domain/requests/request-service';
import { TriageService } from '../../domain/requests/triage-service';
import type { StaffMember } from '../../domain/staff';
import { openTempDatabase, type TempDatabase } from '../../testkit/temp-database';

const quiet = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } as never;
const COACH = '00000000-0000-4000-8000-000000000001';
const DEA = '00000000-0000-4000-8000-000000000002';
const skill = { type: 'skill_support', input: { topic: 'retention', description: 'How to support someone back to work', requiredBy: null } } as never;

describe('a use case writes all or nothing (SQLite, migrations run)', () => {
  let db: TempDatabase;
  let coach: StaffMember;
  let dea: StaffMember;
  let queued: string[];
  let requests: RequestService;
  let triage: TriageService;
  const count = async (table: string) => Number((await db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const outboxDown = () => db.dataSource.query("CREATE TRIGGER outbox_down BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'the outbox is not writable'); END;");
  const outboxUp = () => db.dataSource.query('DROP TRIGGER outbox_down');

  beforeAll(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, parseSeedFile(JSON.stringify(demoStaff)));
    const directory = new SqlStaffDirectory(db.dataSource);
    coach = (await directory.findByAadObjectId(COACH))!;
    dea = (await directory.findByAadObjectId(DEA))!;
    const uow = new SqlUnitOfWork(db.dataSource);
    const signals = new DeliverySignals();
    queued = [];
    signals.onQueued((id) => queued.push(id));
    const clock = { now: () => new Date() };
    const notifier = new OutboxWriter({ outbox: new Outbox(db.dataSource), directory, signals, uow, clock, logger: quiet });
    const store = new SqlSupportRequestStore(db.dataSource);
    requests = new RequestService({ store, directory, notifier, clock, uow });
    triage = new TriageService({ store, directory, notifier, clock, uow });
  });
  afterAll(() => db.close());

  it('saves no request when the card for its DEA cannot be queued, and tells the deliverer of nothing', async () => {
    await outboxDown();
    await expect(requests.submit(coach, skill, 'key-1')).rejects.toThrow(/outbox is not writable/);
    await outboxUp();
    expect(await count('support_request')).toBe(0);
    expect(await count('request_event')).toBe(0);
    expect(queued).toEqual([]);
  });

  it('saves the request and its card together, and tells the deliverer once both are committed', async () => {
    const request = await requests.submit(coach, skill, 'key-2');
    expect(await count('support_request')).toBe(1);
    const rows = await db.dataSource.query('SELECT id, kind, subjectId FROM outbox');
    expect(rows).toEqual([{ id: queued[0], kind: 'request_card', subjectId: request.id }]);
  });

  it('leaves a triage change undone when the card it queues cannot be written', async () => {
    const [request] = await new SqlSupportRequestStore(db.dataSource).listByRequester(coach.id, 1);
    await outboxDown();
    await expect(triage.accept(dea, request!.id, request!.version, 'skill_conference')).rejects.toThrow(/outbox is not writable/);
    await outboxUp();
    expect(await new SqlSupportRequestStore(db.dataSource).findById(request!.id)).toMatchObject({ status: 'submitted', version: request!.version, channel: null });
    const accepted = await triage.accept(dea, request!.id, request!.version, 'skill_conference');
    expect(accepted).toMatchObject({ status: 'accepted', version: request!.version + 1 });
  });
});
