import { MemoryStorage, UserState, type Activity, type Middleware, type TurnContext } from 'botbuilder';
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
