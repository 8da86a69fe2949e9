import { CARD_SIZE_LIMIT_BYTES } from '../../cards/card-check';
import type { HcpActivityRow } from '../../data/schema/hcp-activity';
import { directoryChanged, SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { COACH_DROPDOWN_MAX } from '../../domain/coach-lookup';
import { compareCodes } from '../../domain/names';
import { TestClock } from '../support/conference-fixture';
import { cardInputs, cardText, choiceValues, exchange, firstCard, invokeAs, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';

const MANAGER = '00000000-0000-4000-8000-000000000005'; // Mark Ellis, activity manager, Surrey and Sussex
const J = 'new-request';
const NOTE = 'Returning to work after knee surgery, pain when standing';
/** Inputs anywhere on a card, including its ShowCard forms. */
const allInputs = (card: Record<string, unknown>) => ({ ...cardInputs({ body: card.actions }), ...cardInputs(card) });
/** The input `id` wherever it is on the card, ShowCard forms included. */
function inputOf(card: unknown, id: string): Record<string, unknown> | undefined {
  if (Array.isArray(card)) return card.map((c) => inputOf(c, id)).find(Boolean);
  if (!card || typeof card !== 'object') return undefined;
  const node = card as Record<string, unknown>;
  if (typeof node.type === 'string' && node.type.startsWith('Input.') && node.id === id) return node;
  return Object.values(node).map((v) => inputOf(v, id)).find(Boolean);
}
const bytes = (card: unknown) => JSON.stringify(card).length * 2;

/** 25 × 20 names no one in the demo directory has. */
const FIRST = ['Alice', 'Bilal', 'Carys', 'Declan', 'Esme', 'Finn', 'Gemma', 'Hamza', 'Ivy', 'Jonah', 'Keira', 'Luca', 'Maya', 'Noor', 'Oscar', 'Pippa', 'Rehan', 'Saoirse', 'Theo', 'Una', 'Victor', 'Wren', 'Yara', 'Zain', 'Cara'];
const LAST = ['Abbott', 'Barker', 'Chambers', 'Dawson', 'Emery', 'Foster', 'Gibson', 'Holt', 'Irving', 'Jarvis', 'Knight', 'Lawson', 'Mercer', 'Norris', 'Osborne', 'Parry', 'Quigley', 'Rowe', 'Sutton', 'Tate'];

interface Added {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

/**
 * Work coaches at Horsham (covered by Helen Okoro, in Mark Ellis's district) led by Tom Baker, written
 * straight into SQL as the directory's sync would: the last two share the name Sam Lee.
 */
async function addCoaches(bot: TestBot, count: number): Promise<Added[]> {
  const directory = new SqlStaffDirectory(bot.app.dataSource);
  const tom = (await directory.findByAadObjectId(PEOPLE.wctl))!;
  const [horsham] = (await bot.app.dataSource.query("SELECT id FROM jobcentre WHERE name = 'Horsham'")) as { id: string }[];
  const stamp = '2026-11-20 10:00:00.000';
  const added: Added[] = [];
  for (let i = 0; i < count; i++) {
    const shared = count >= 2 && i >= count - 2;
    const name = shared ? 'Sam Lee' : `${FIRST[i % FIRST.length]!} ${LAST[Math.floor(i / FIRST.length) % LAST.length]!}`;
    const email = shared ? `sam.lee${i === count - 1 ? '.2' : ''}@jobcentre.example` : `${name.toLowerCase().replace(' ', '.')}${i >= FIRST.length * LAST.length ? i : ''}@jobcentre.example`;
    const id = `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`;
    await bot.app.dataSource.query('INSERT INTO staff (id, aadObjectId, name, email, jobcentreId, deaId, teamLeaderId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)', [id, `10000000-0000-4000-9000-${String(i).padStart(12, '0')}`, name, email, horsham!.id, tom.id, stamp, stamp]);
    await bot.app.dataSource.query("INSERT INTO staff_role (staffId, role) VALUES (?, 'work_coach')", [id]);
    added.push({ id, name, email });
  }
  directoryChanged();
  return added;
}

describe('naming a work coach on a form where there are hundreds of them: a name or email instead of a drop-down (real HTTP, real SQLite)', () => {
  let bot: TestBot;
  let coaches: Added[];
  // Monday 23 November 2026, 10:00 in London.
  const clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
  beforeEach(async () => {
    clock.at = new Date('2026-11-23T10:00:00Z');
    bot = await startTestBot({ clock });
    coaches = await addCoaches(bot, 500);
  });
  afterEach(async () => {
    // Every card sent is checked against the bound, refused forms included.
    expect(bot.cardProblems).toEqual([]);
    await bot.close();
  });

  const person = async (aad: string) => (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(aad))!;
  const jobcentre = async (name: string) => (await bot.app.dataSource.getRepository<{ id: string; name: string }>('Jobcentre').findOneByOrFail({ name })).id;
  const activities = () => bot.app.dataSource.getRepository<HcpActivityRow>('HcpActivity').find({ order: { createdAt: 'ASC' } });
  const [sam1, sam2] = [() => coaches[498]!, () => coaches[499]!];

  it('the activity manager’s week card stays inside the bound and asks for the coach’s name or email; a shared name is refused asking for the email, an unknown one is refused, what was typed is kept; a name or email sets it for that coach', async () => {
    const helen = await person(PEOPLE.hcp);
    const week = firstCard(await exchange(bot, MANAGER, 'hcp week'));
    expect(bytes(week)).toBeLessThan(CARD_SIZE_LIMIT_BYTES);
    expect(choiceValues(week, 'coachId')).toEqual([]);
    expect(inputOf(week, 'coachId')).toMatchObject({ type: 'Input.Text', label: 'Individual case conference: the work coach’s name or email', placeholder: 'Full name or email' });
    expect(JSON.stringify(week)).not.toContain('Alice Abbott');

    const work = { hcpId: helen.id, kind: 'individual_case_conference', date: '2026-11-25', start: '11:00', end: '11:45', jobcentreId: await jobcentre('Horsham'), note: NOTE, caseReference: 'SA-000001' };
    const shared = await invokeAs(bot, MANAGER, 'hcp.setActivity', { ...work, coachId: 'sam lee' });
    expect(cardText(shared.card)).toContain('Some answers need changing. What you typed is kept.');
    expect(JSON.stringify(shared.card)).toContain('⚠ 2 work coaches of your district are called Sam Lee. Type the email of the one you mean.');
    expect(allInputs(shared.card)).toMatchObject({ coachId: 'sam lee', note: NOTE, start: '11:00', caseReference: 'SA-000001' });
    expect(bytes(shared.card)).toBeLessThan(CARD_SIZE_LIMIT_BYTES);
    const unknown = await invokeAs(bot, MANAGER, 'hcp.setActivity', { ...work, coachId: 'Alice Abbot' });
    expect(JSON.stringify(unknown.card)).toContain('⚠ No work coach of your district has that name or email. Check the spelling, or type their email.');
    expect(allInputs(unknown.card)).toMatchObject({ coachId: 'Alice Abbot', note: NOTE });
    // Refused for something else, the coach typed is named beside the field.
    const past = await invokeAs(bot, MANAGER, 'hcp.setActivity', { ...work, date: '2026-11-20', coachId: sam2().email.toUpperCase() });
    expect(cardText(past.card)).toContain('Set work activities for today or a later day.');
    expect(JSON.stringify(past.card)).toContain('Chosen: Sam Lee.');
    expect(allInputs(past.card)).toMatchObject({ coachId: sam2().email.toUpperCase(), note: NOTE });
    expect(await activities()).toEqual([]);

    // The email settles which Sam Lee; a whole name, in any case, names a coach of their own.
    const bySamsEmail = await invokeAs(bot, MANAGER, 'hcp.setActivity', { ...work, coachId: ` ${sam2().email} ` });
    expect(cardText(bySamsEmail.card)).toContain('Set for Helen Okoro and Sam Lee on Wednesday 25 November 2026. It goes into both their diaries, and they are told.');
    const byName = await invokeAs(bot, MANAGER, 'hcp.setActivity', { ...work, date: '2026-11-26', coachId: 'keira ABBOTT' });
    expect(cardText(byName.card)).toContain('Set for Helen Okoro and Keira Abbott on Thursday 26 November 2026.');
    const keira = coaches.find((c) => c.name === 'Keira Abbott')!;
    const set = (await activities()).map((a) => ({ date: a.date, coachId: a.coachId, takingPart: a.takingPart }));
    expect(set.sort((x, y) => compareCodes(String(x.date), String(y.date)))).toEqual([
      { date: '2026-11-25', coachId: sam2().id, takingPart: 'Sam Lee' },
      { date: '2026-11-26', coachId: keira.id, takingPart: 'Keira Abbott' },
    ]);
    expect(sam1().id).not.toBe(sam2().id);
  });

  it('the team leader’s case conference form stays inside the bound and takes the name or email of a coach he leads, refusing a shared or unknown one with what was typed kept', async () => {
    const tom = await person(PEOPLE.wctl);
    const form = firstCard(await exchange(bot, PEOPLE.wctl, 'case conference'));
    expect(bytes(form)).toBeLessThan(CARD_SIZE_LIMIT_BYTES);
    expect(choiceValues(form, 'coachId')).toEqual([]);
    expect(inputOf(form, 'coachId')).toMatchObject({ type: 'Input.Text', label: 'Individual only: the work coach’s name or email' });

    const typed = { kind: 'individual_case_conference', note: NOTE, caseReference: 'SA-000001' };
    const shared = await invokeAs(bot, PEOPLE.wctl, 'hcp.askConference', { ...typed, coachId: 'Sam Lee' });
    expect(JSON.stringify(shared.card)).toContain('⚠ 2 work coaches you lead are called Sam Lee. Type the email of the one you mean.');
    expect(allInputs(shared.card)).toMatchObject({ coachId: 'Sam Lee', note: NOTE, caseReference: 'SA-000001' });
    expect(bytes(shared.card)).toBeLessThan(CARD_SIZE_LIMIT_BYTES);
    // Kate Fisher is a work coach of the district, but not one of Tom's.
    const notHis = await invokeAs(bot, PEOPLE.wctl, 'hcp.askConference', { ...typed, coachId: 'Kate Fisher' });
    expect(JSON.stringify(notHis.card)).toContain('⚠ No work coach you lead has that name or email. Check the spelling, or type their email.');
    expect(allInputs(notHis.card)).toMatchObject({ coachId: 'Kate Fisher', note: NOTE });
    expect(await activities()).toEqual([]);

    const asked = await invokeAs(bot, PEOPLE.wctl, 'hcp.askConference', { ...typed, coachId: sam1().email });
    expect(cardText(asked.card)).toContain('Sent to the HCP Activity Manager. Sam Lee is told, and you will get this card again with the time.');
    expect(await activities()).toEqual([expect.objectContaining({ requestedById: tom.id, coachId: sam1().id, takingPart: 'Sam Lee' })]);
    // Ben Turner, one of the 30 he led before, by name.
    await invokeAs(bot, PEOPLE.wctl, 'hcp.askConference', { ...typed, coachId: 'ben turner' });
    const ben = await person('00000000-0000-4000-8000-000000000101');
    expect(await activities()).toContainEqual(expect.objectContaining({ coachId: ben.id, takingPart: 'Ben Turner' }));
  });

  it('the team leader’s claimant form stays inside the bound and takes the claimant’s coach by name or email; the summary names them and the request goes to them', async () => {
    await exchange(bot, PEOPLE.wctl, 'new request');
    const form = firstCard(await exchange(bot, PEOPLE.wctl, { journey: J, step: 'type', action: 'choose', choice: 'claimant_support' }));
    expect(bytes(form)).toBeLessThan(CARD_SIZE_LIMIT_BYTES);
    expect(choiceValues(form, 'claimantCoach')).toEqual([]);
    expect(inputOf(form, 'claimantCoach')).toMatchObject({ type: 'Input.Text', label: "Claimant's work coach: their name or email", isRequired: true });

    const claimant = { journey: J, step: 'form', action: 'submit', surname: 'Smith', nino: 'ab 12 34 56 c', benefits: 'UC', challenges: 'Anxiety makes travelling hard.', whyNeeded: 'Advice on adjustments.', requiredBy: '2026-12-04' };
    const shared = firstCard(await exchange(bot, PEOPLE.wctl, { ...claimant, claimantCoach: 'SAM LEE' }));
    expect(cardText(shared)).toContain('2 work coaches in your team are called Sam Lee. Type the email of the one you mean.');
    expect(cardInputs(shared)).toMatchObject({ claimantCoach: 'SAM LEE', surname: 'Smith', challenges: 'Anxiety makes travelling hard.' });
    const unknown = firstCard(await exchange(bot, PEOPLE.wctl, { ...claimant, claimantCoach: 'nobody@jobcentre.example' }));
    expect(cardText(unknown)).toContain('No work coach in your team has that name or email. Check the spelling, or type their email.');
    expect(cardInputs(unknown)).toMatchObject({ claimantCoach: 'nobody@jobcentre.example', surname: 'Smith' });

    const summary = firstCard(await exchange(bot, PEOPLE.wctl, { ...claimant, claimantCoach: sam2().email }));
    expect(cardText(summary)).toMatch(/Claimant's work coach[\s\S]*Sam Lee/);
    await exchange(bot, PEOPLE.wctl, { journey: J, step: 'confirm', action: 'confirm' });
    expect(await new SqlSupportRequestStore(bot.app.dataSource).findByNumber(1)).toMatchObject({ type: 'claimant_support', claimantCoachId: sam2().id });
  });
});

describe('naming a work coach where they are few: still a drop-down', () => {
  let bot: TestBot;
  const clock = new TestClock(new Date('2026-11-23T10:00:00Z'));
  beforeEach(async () => {
    bot = await startTestBot({ clock });
  });
  afterEach(async () => {
    expect(bot.cardProblems).toEqual([]);
    await bot.close();
  });

  it('lists the coaches of a small district and a team leader’s own team, up to the bound, then asks for a name or email', async () => {
    const week = firstCard(await exchange(bot, MANAGER, 'hcp week'));
    expect(inputOf(week, 'coachId')).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact', label: 'Individual case conference: the work coach it is with' });
    expect(choiceValues(week, 'coachId').length).toBeGreaterThan(0);
    expect(choiceValues(week, 'coachId').length).toBeLessThanOrEqual(COACH_DROPDOWN_MAX);

    // Tom leads 30: with 10 more, 40 are still listed; one more, and his form asks for a name or email.
    await addCoaches(bot, COACH_DROPDOWN_MAX - 30);
    const forty = firstCard(await exchange(bot, PEOPLE.wctl, 'case conference'));
    expect(inputOf(forty, 'coachId')).toMatchObject({ type: 'Input.ChoiceSet', style: 'compact' });
    expect(choiceValues(forty, 'coachId')).toHaveLength(COACH_DROPDOWN_MAX);
    await exchange(bot, PEOPLE.wctl, 'new request');
    const claimantForm = firstCard(await exchange(bot, PEOPLE.wctl, { journey: J, step: 'type', action: 'choose', choice: 'claimant_support' }));
    expect(choiceValues(claimantForm, 'claimantCoach')).toHaveLength(COACH_DROPDOWN_MAX);
    await exchange(bot, PEOPLE.wctl, 'cancel');

    await bot.app.dataSource.query("UPDATE staff SET teamLeaderId = (SELECT id FROM staff WHERE aadObjectId = ?) WHERE name = 'Kate Fisher'", [PEOPLE.wctl]);
    directoryChanged();
    const fortyOne = firstCard(await exchange(bot, PEOPLE.wctl, 'case conference'));
    expect(inputOf(fortyOne, 'coachId')).toMatchObject({ type: 'Input.Text', label: 'Individual only: the work coach’s name or email' });
    expect(choiceValues(fortyOne, 'coachId')).toEqual([]);
  });
});
