import { AutoSaveStateMiddleware, MemoryStorage, UserState, type Activity, type Middleware, type TurnContext } from 'botbuilder';
import { DialogTurnStatus } from 'botbuilder-dialogs';
import { DialogTestClient } from 'botbuilder-testing';
import demoStaff from '../../data/seed/demo-staff.json';
import { applySeed } from '../../data/seed/apply-seed';
import { parseSeedFile } from '../../data/seed/seed-file';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { NewRequestDialog, type SavedDraft } from '../../dialogs/new-request-dialog';
import { setTurnPerson } from '../../dialogs/turn-person';
import { RequestService } from '../../domain/requests/request-service';
import type { StaffMember } from '../../domain/staff';
import { openTempDatabase, type TempDatabase } from '../../testkit/temp-database';
import { FakeNotifier } from '../domain/interventions/fakes';

const J = 'new-request';
const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
const submit = (value: Record<string, string>): Partial<Activity> => ({ type: 'message', value: { journey: J, ...value } });
/** Everything a reply shows, cards included, as one string to search. */
const shown = (reply: Partial<Activity> | undefined): string => JSON.stringify(reply ?? {});

/** One step of a conversation: what the person sends, and what the dialog's first reply must show. */
interface Step {
  readonly send: string | Partial<Activity>;
  readonly shows: readonly (string | RegExp)[];
  readonly hides?: readonly (string | RegExp)[];
}

/** Conversations with the new-request dialog alone, each from `new request` to where it ends. */
const CONVERSATIONS: readonly { name: string; steps: readonly Step[]; ends: DialogTurnStatus; saved: number }[] = [
  {
    name: 'a skill request, from the choice of type to the confirmation',
    steps: [
      { send: 'new request', shows: ['One to One Claimant Support', 'One to One Skill Support'] },
      { send: submit({ step: 'type', action: 'choose', choice: 'skill_support' }), shows: ['topic', 'requiredBy'] },
      { send: submit({ step: 'form', action: 'submit', topic: 'retention', description: 'Keeping a colleague in work after surgery.', requiredBy: inTwoWeeks }), shows: ['Check your request to Dana Morgan', 'Keeping a colleague in work'] },
      { send: submit({ step: 'confirm', action: 'confirm' }), shows: [/Sent to Dana Morgan: DEA-00000\d/] },
    ],
    ends: DialogTurnStatus.complete,
    saved: 1,
  },
  {
    name: 'a claimant request with a National Insurance number that cannot be one: the form comes back with what was typed',
    steps: [
      { send: 'new request', shows: ['One to One Claimant Support'] },
      { send: submit({ step: 'type', action: 'choose', choice: 'claimant_support' }), shows: ['surname', 'nino'] },
      {
        send: submit({ step: 'form', action: 'submit', surname: 'Smith', nino: 'QQ123456A', benefits: 'UC', challenges: 'Travel is hard.', whyNeeded: 'Adjustments.', requiredBy: inTwoWeeks }),
        shows: ['A National Insurance number never starts with Q.', 'Smith', 'Travel is hard.'],
        hides: ['Check your request'],
      },
    ],
    ends: DialogTurnStatus.waiting,
    saved: 0,
  },
  {
    name: 'cancelled at the summary: nothing is saved or sent',
    steps: [
      { send: 'new request', shows: ['One to One Skill Support'] },
      { send: submit({ step: 'type', action: 'choose', choice: 'skill_support' }), shows: ['topic'] },
      { send: submit({ step: 'form', action: 'submit', topic: 'other', description: 'Something else.', requiredBy: inTwoWeeks }), shows: ['Check your request'] },
      { send: submit({ step: 'confirm', action: 'cancel' }), shows: ['Cancelled. Nothing was saved or sent.'] },
    ],
    ends: DialogTurnStatus.complete,
    saved: 0,
  },
];

describe('the new-request dialog alone (DialogTestClient, real SQLite)', () => {
  let db: TempDatabase;
  let coach: StaffMember;

  beforeAll(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, parseSeedFile(JSON.stringify(demoStaff)));
    coach = (await new SqlStaffDirectory(db.dataSource).findByAadObjectId('00000000-0000-4000-8000-000000000001'))!;
  });
  afterAll(() => db.close());

  it.each(CONVERSATIONS)('$name', async ({ steps, ends, saved }) => {
    const store = new SqlSupportRequestStore(db.dataSource);
    const before = (await store.listByRequester(coach.id, 100)).length;
    const requests = new RequestService({ store, directory: new SqlStaffDirectory(db.dataSource), notifier: new FakeNotifier(), clock: { now: () => new Date() } });
    const drafts = new UserState(new MemoryStorage()).createProperty<SavedDraft | undefined>('requestDraft');
    // The bot identifies the sender before any dialog runs.
    const identify: Middleware = { onTurn: async (turn: TurnContext, next) => { setTurnPerson(turn, coach); await next(); } };
    const client = new DialogTestClient('msteams', new NewRequestDialog(requests, drafts), undefined, [identify]);
    for (const step of steps) {
      const reply = await client.sendActivity(step.send);
      for (const expected of step.shows) expect(shown(reply)).toMatch(expected);
      for (const hidden of step.hides ?? []) expect(shown(reply)).not.toMatch(hidden);
    }
    expect(client.dialogTurnResult.status).toBe(ends);
    expect((await store.listByRequester(coach.id, 100)).length - before).toBe(saved);
  });
});

describe('the new-request dialog: team leaders asking through their coaches, and a non-benefit claimant (real SQLite)', () => {
  let db: TempDatabase;
  let directory: SqlStaffDirectory;
  let store: SqlSupportRequestStore;
  const stamp = '2026-11-30 10:00:00.000';
  const byAad = async (aad: string): Promise<StaffMember> => (await directory.findByAadObjectId(aad))!;
  /** A person added to the directory, led by `teamLeaderId`, with `deaId` as their DEA. */
  const addStaff = async (id: string, name: string, role: string, links: { deaId?: string; teamLeaderId?: string } = {}): Promise<StaffMember> => {
    const tom = await byAad('00000000-0000-4000-8000-000000000003');
    await db.dataSource.query('INSERT INTO staff (id, aadObjectId, name, email, jobcentreId, deaId, teamLeaderId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', [
      id, `00000000-0000-4000-8000-${id.padStart(12, '0')}`, name, `${id}@jobcentre.example`, tom.jobcentreId, links.deaId ?? null, links.teamLeaderId ?? null, stamp, stamp,
    ]);
    await db.dataSource.query('INSERT INTO staff_role (staffId, role) VALUES (?, ?)', [id, role]);
    return (await directory.findById(id))!;
  };
  const clientFor = (person: StaffMember) => {
    const requests = new RequestService({ store, directory, notifier: new FakeNotifier(), clock: { now: () => new Date() } });
    const userState = new UserState(new MemoryStorage());
    const drafts = userState.createProperty<SavedDraft | undefined>('requestDraft');
    const identify: Middleware = { onTurn: async (turn: TurnContext, next) => { setTurnPerson(turn, person); await next(); } };
    // Saved at the end of each turn, as the bot does: a draft outlives its conversation.
    return new DialogTestClient('msteams', new NewRequestDialog(requests, drafts), undefined, [identify, new AutoSaveStateMiddleware(userState)]);
  };
  const claimantForm = (values: Record<string, string>) =>
    submit({ step: 'form', action: 'submit', surname: 'Smith', nino: 'AB123456C', benefits: 'UC', challenges: 'Travel is hard.', whyNeeded: 'Adjustments.', requiredBy: inTwoWeeks, ...values });

  beforeAll(async () => {
    db = await openTempDatabase();
    await applySeed(db.dataSource, parseSeedFile(JSON.stringify(demoStaff)));
    directory = new SqlStaffDirectory(db.dataSource);
    store = new SqlSupportRequestStore(db.dataSource);
  });
  afterAll(() => db.close());

  it('a Service Delivery Team Leader with no DEA, whose team leader manages the DEA, gets the form and the request goes to the coach\'s DEA', async () => {
    const sdtl = await addStaff('5d71', 'Sam Leader', 'service_delivery_team_leader');
    await db.dataSource.query("UPDATE staff SET teamLeaderId = ? WHERE aadObjectId = '00000000-0000-4000-8000-000000000003'", [sdtl.id]);
    const amira = await byAad('00000000-0000-4000-8000-000000000001');
    const client = clientFor(sdtl);
    const form = shown(await client.sendActivity('new request'));
    expect(form).not.toContain('no DEA assigned');
    expect(form).toContain("Claimant's work coach");
    expect(form).toContain(`{"title":"Amira Shah","value":"${amira.id}"}`);
    expect(shown(await client.sendActivity(claimantForm({ claimantCoach: amira.id })))).toContain('Check your request to Dana Morgan');
    expect(shown(await client.sendActivity(submit({ step: 'confirm', action: 'confirm' })))).toMatch(/Sent to Dana Morgan/);
    expect(await store.listByRequester(sdtl.id, 10)).toEqual([expect.objectContaining({ deaId: amira.deaId, claimantCoachId: amira.id, requestedChannel: 'claimant_support_intervention' })]);
  });

  it('a team leader who chooses a coach with no DEA: the form again, the reason beside the coach, the rest kept', async () => {
    const leader = await addStaff('5d72', 'Lee Leader', 'work_coach_team_leader');
    const dea = await byAad('00000000-0000-4000-8000-000000000002');
    const withDea = await addStaff('5d73', 'Cara With', 'work_coach', { deaId: dea.id, teamLeaderId: leader.id });
    const without = await addStaff('5d74', 'Nell Without', 'work_coach', { teamLeaderId: leader.id });
    const client = clientFor(leader);
    expect(shown(await client.sendActivity('new request'))).toContain('You have no DEA of your own');
    const again = shown(await client.sendActivity(claimantForm({ claimantCoach: without.id, surname: 'Keptname' })));
    expect(again).toContain('Nell Without has no DEA assigned in the staff directory');
    expect(again).toContain('Keptname');
    expect(again).not.toContain('Check your request');
    expect(shown(await client.sendActivity(claimantForm({ claimantCoach: withDea.id, surname: 'Keptname' })))).toContain('Check your request to Dana Morgan');
  });

  it('a team leader with no DEA, none of whose coaches has one, is told there is no DEA, as before', async () => {
    const leader = await addStaff('5d75', 'Ola Leader', 'work_coach_team_leader');
    await addStaff('5d76', 'Pat Nodea', 'work_coach', { teamLeaderId: leader.id });
    const client = clientFor(leader);
    expect(shown(await client.sendActivity('new request'))).toContain('You have no DEA assigned in the staff directory');
    expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
  });

  it('"Neither" for a non-benefit claimant: where to refer them, everything kept; Edit brings it back and a benefit added lets it go', async () => {
    const coach = await byAad('00000000-0000-4000-8000-000000000101');
    const client = clientFor(coach);
    await client.sendActivity('new request');
    await client.sendActivity(submit({ step: 'type', action: 'choose', choice: 'claimant_support' }));
    const question = shown(await client.sendActivity(claimantForm({ benefits: 'PIP', surname: 'Missedesa' })));
    expect(question).toContain('This claimant is a non-benefit claimant');
    expect(question).toContain('Edit the request');
    expect(shown(await client.sendActivity(submit({ step: 'vulnerability', action: 'choose', choice: 'neither' })))).toContain('the DEA cannot support them');
    // Then what was typed is kept, with a way back to it; the conversation is over.
    const kept = client.getNextReply() as Partial<Activity>;
    expect(shown(kept)).toMatch(/What you typed is kept[\s\S]*"title":"Edit the request"/);
    expect(client.dialogTurnResult.status).toBe(DialogTurnStatus.complete);
    const edit = ((kept.attachments![0]!.content as { actions: { title: string; data: Record<string, string> }[] }).actions).find((a) => a.title === 'Edit the request')!;
    const form = shown(await client.sendActivity({ type: 'message', value: edit.data }));
    expect(form).toContain('Missedesa');
    expect(form).toContain('Travel is hard.');
    expect(shown(await client.sendActivity(claimantForm({ benefits: 'PIP,ESA', surname: 'Missedesa' })))).toContain('Check your request to Dana Morgan');
    expect(shown(await client.sendActivity(submit({ step: 'confirm', action: 'confirm' })))).toMatch(/Sent to Dana Morgan/);
    expect(await store.listByRequester(coach.id, 10)).toEqual([expect.objectContaining({ claimant: { surname: 'Missedesa', nino: 'AB123456C', benefits: ['PIP', 'ESA'] }, vulnerability: null })]);
  });
});
