import type { SupplierRequestRow } from '../../data/schema/hcp-activity';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { TestClock } from '../support/conference-fixture';
import { cardInputs, cardText, exchange, firstCard, invokeAs, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';

const CONTACT = '00000000-0000-4000-8000-000000000205'; // Lucy Fernandes, Crawley's contact
const MANAGER = '00000000-0000-4000-8000-000000000005'; // Mark Ellis, activity manager, Surrey and Sussex
const OTHER_MANAGER = '00000000-0000-4000-8000-000000000204'; // Joanne Pike, activity manager, Cumbria and Lancashire
const MEASURE = 'Supplier response time in the provision of HCPs: requests for HCPs fulfilled within two weeks';
const COUNTED = 'A request counts as fulfilled only when the supplier’s HCP started covering within 14 days of the day it was made (or by the first day cover was needed, when that was later): this is measured to the day cover started, recorded with the supplier’s answer, not to the day the answer was typed.';

/**
 * Seed 002 §4.1: the supplier must "fulfil 100% of the Customer's requests for HCP provision within two
 * weeks of such request", and provide a replacement HCP for an absence; Annex 4 reports the "supplier
 * response time in the provision of HCPs". The answer the activity manager records for an HCP carries
 * the day cover starts, and the report counts a request fulfilled only by that day.
 */
describe('the supplier’s two weeks to provide an HCP, measured to the day cover starts (real HTTP, real SQLite)', () => {
  let bot: TestBot;
  // Monday 23 November 2026, 12:00 in London.
  const clock = new TestClock(new Date('2026-11-23T12:00:00Z'));
  beforeAll(async () => {
    bot = await startTestBot({ clock, env: { SA_TRIALS: 'Surrey and Sussex=2026-11-16/10' } });
    for (const who of [PEOPLE.hcp, CONTACT, MANAGER, OTHER_MANAGER]) await exchange(bot, who, 'help');
    bot.connector.clear();
  });
  afterAll(async () => {
    expect(bot.cardProblems).toEqual([]);
    await bot.close();
  });

  const requests = () => bot.app.dataSource.getRepository<SupplierRequestRow>('SupplierRequest').find({ order: { number: 'ASC' } });
  /** The form on a card (behind its button, or opened) that answers this one request. */
  const answerForm = (card: Record<string, unknown>, requestId: string): Record<string, unknown> => {
    let found: Record<string, unknown> | undefined;
    const walk = (node: unknown): void => {
      if (found || !node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach(walk);
      const n = node as Record<string, unknown>;
      const json = JSON.stringify(n);
      const ids = new Set([...json.matchAll(/"requestId":"([^"]+)"/g)].map((m) => m[1]));
      if ((n.type === 'AdaptiveCard' || n.type === 'Container') && ids.size === 1 && ids.has(requestId) && json.includes('"id":"answer"')) found = n;
      else Object.values(n).forEach(walk);
    };
    walk(card);
    if (!found) throw new Error(`no answer form for ${requestId}`);
    return found;
  };
  const inputOf = (form: Record<string, unknown>, id: string): Record<string, unknown> | undefined => {
    let found: Record<string, unknown> | undefined;
    const walk = (node: unknown): void => {
      if (found || !node || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach(walk);
      const n = node as Record<string, unknown>;
      if (n.id === id && typeof n.type === 'string' && n.type.startsWith('Input.')) found = n;
      else Object.values(n).forEach(walk);
    };
    walk(form);
    return found;
  };
  /** The cover day form: behind its button, or opened on the card itself after a refusal. */
  const coverForm = (card: Record<string, unknown>): Record<string, unknown> | undefined => {
    const shown = (card.actions as Record<string, unknown>[]).find((a) => a.type === 'Action.ShowCard' && a.title === 'Change a cover day');
    if (shown) return shown.card as Record<string, unknown>;
    return (card.body as Record<string, unknown>[]).find((b) => b.type === 'Container' && (b.items as Record<string, unknown>[] | undefined)?.[0]?.text === 'Change a cover day');
  };
  /** The form opened on the card itself (not behind its button). */
  const openedCoverForm = (card: Record<string, unknown>) => (card.body as Record<string, unknown>[]).find((b) => b.type === 'Container' && (b.items as Record<string, unknown>[] | undefined)?.[0]?.text === 'Change a cover day');
  const choicesOf = (form: Record<string, unknown>) => (inputOf(form, 'request')!.choices as { title: string; value: string }[]);
  const reportCard = async (period: string) => firstCard(await exchange(bot, MANAGER, `report ${period}`));
  const csvOf = async (card: Record<string, unknown>) => (await fetch((card.actions as { type: string; url: string }[]).find((a) => a.type === 'Action.OpenUrl')!.url)).text();

  it('the answer for a replacement asks for the day cover starts, with the due date beside it; an information request’s does not', async () => {
    const helen = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.hcp))!.id;
    expect(cardText((await invokeAs(bot, CONTACT, 'hcp.absent', { hcpId: helen, fromDate: '2026-11-23', toDate: '2026-11-25' })).card)).toContain('SUP-000001 asks the supplier for a replacement.');
    await invokeAs(bot, MANAGER, 'hcp.supplierRaise', { kind: 'ad_hoc_information', details: 'Clinic dates for December' });
    const [replacement, information] = await requests();
    const card = firstCard(await exchange(bot, MANAGER, 'supplier requests'));
    const form = answerForm(card, replacement!.id);
    expect(inputOf(form, 'coverOn')).toMatchObject({ type: 'Input.Date', label: 'Day the supplier’s HCP starts covering', isRequired: true, errorMessage: 'Choose the day cover starts.', min: '2026-11-23' });
    expect(JSON.stringify(form)).toContain('The supplier must provide cover within two weeks of the request: by Monday 7 December 2026. If they cannot send anyone yet, leave the request open.');
    expect(inputOf(answerForm(card, information!.id), 'coverOn')).toBeUndefined();
  });

  it('an answer with no day, or a day before the request, is refused beside the day, with everything typed kept', async () => {
    const [replacement] = await requests();
    const answer = 'Grace Mensah covers Helen from Wednesday 9 December';
    const none = await invokeAs(bot, MANAGER, 'hcp.supplierAnswer', { requestId: replacement!.id, version: replacement!.version, answer });
    expect(cardText(none.card)).toContain('Give the day the supplier’s HCP starts covering. What you typed is kept.');
    const form = answerForm(none.card, replacement!.id);
    expect(cardInputs({ body: form }).answer).toBe(answer);
    expect(JSON.stringify(form)).toContain('Enter the day the supplier’s HCP starts covering, as the supplier told you. If they cannot send anyone yet, leave the request open.');

    const before = await invokeAs(bot, MANAGER, 'hcp.supplierAnswer', { requestId: replacement!.id, version: replacement!.version, answer, coverOn: '2026-11-20' });
    const refused = answerForm(before.card, replacement!.id);
    expect(cardInputs({ body: refused })).toMatchObject({ answer, coverOn: '2026-11-20' });
    expect(JSON.stringify(refused)).toContain('Cover cannot start before the request was made on Monday 23 November 2026: enter the day the supplier’s HCP starts covering.');
    expect((await requests())[0]).toMatchObject({ status: 'open', answer: null, coverOn: null });
  });

  it('answered in time, but cover starting after the two weeks, is told as not met; a day still to come within them as in time once it comes', async () => {
    const [replacement] = await requests();
    const late = await invokeAs(bot, MANAGER, 'hcp.supplierAnswer', { requestId: replacement!.id, version: replacement!.version, answer: 'Grace Mensah covers Helen', coverOn: '2026-12-09' });
    expect(cardText(late.card)).toContain('Answer to SUP-000001 recorded. Cover from Wednesday 9 December 2026, after the supplier’s two weeks ended on Monday 7 December 2026: not met.');
    expect((await requests())[0]).toMatchObject({ status: 'answered', coverOn: '2026-12-09' });

    await invokeAs(bot, MANAGER, 'hcp.supplierRaise', { kind: 'provision', details: 'A second HCP for Crawley' });
    const provision = (await requests())[2]!;
    const promised = await invokeAs(bot, MANAGER, 'hcp.supplierAnswer', { requestId: provision.id, version: provision.version, answer: 'Sam Okafor starts on Monday', coverOn: '2026-11-30' });
    const text = cardText(promised.card);
    expect(text).toContain('Answer to SUP-000003 recorded. Cover to start Monday 30 November 2026, within the supplier’s two weeks: in time once that day comes.');
    // Both answered, neither yet in time: one late, one promised for a day still to come.
    expect(text).toContain('Answered in the last 3 months\n2, 0 in time');
    expect(text).toContain('SUP-000001** Replacement HCP for Helen Okoro (Monday 23 November 2026 to Wednesday 25 November 2026): cover from Wednesday 9 December 2026, after the supplier’s two weeks ended on Monday 7 December 2026: not met');
    // One more replacement, still waiting.
    await invokeAs(bot, MANAGER, 'hcp.supplierRaise', { kind: 'replacement', details: 'Cover for Helen next week' });
  });

  it('the report counts cover by its day: pending inside the two weeks, not met after them, and says so on the card and in the CSV', async () => {
    const november = await reportCard('this month');
    expect(cardText(november)).toContain(`**${MEASURE}**: This period: 0 of 1 fulfilled in time; 1 not met (1 with cover starting after the day it was due); 2 pending, not yet due (1 with cover promised in time)`);
    expect(cardText(november)).toContain(COUNTED);

    // Tuesday 8 December: SUP-000003's cover started on 30 November; SUP-000004 is still without cover after two weeks.
    clock.at = new Date('2026-12-08T10:00:00Z');
    const later = await reportCard('2026-11');
    const figure = '1 of 3 fulfilled in time; 2 not met (1 with cover starting after the day it was due, 1 with no cover by the day it was due); 0 pending, not yet due. 7.0 days from request to cover on average';
    expect(cardText(later)).toContain(`**${MEASURE}**: This period: ${figure}`);
    const csv = await csvOf(later);
    expect(csv).toContain(`${MEASURE},"${figure}"\r\n`);
    expect(csv).toContain(COUNTED);
  });

  it('each answered request for an HCP can have its cover day changed, chosen at its version in one small form; information and open requests cannot', async () => {
    const [, information] = await requests();
    await invokeAs(bot, MANAGER, 'hcp.supplierAnswer', { requestId: information!.id, version: information!.version, answer: 'Clinic dates sent by email' });
    const [replacement, answeredInformation, provision] = await requests();
    expect(answeredInformation!.status).toBe('answered');
    const card = firstCard(await exchange(bot, MANAGER, 'supplier requests'));
    const form = coverForm(card)!;
    expect(inputOf(form, 'request')).toMatchObject({ type: 'Input.ChoiceSet', label: 'Request', isRequired: true, errorMessage: 'Choose the request.' });
    // Newest first, as the list below them; SUP-000002 (information) and SUP-000004 (still open) are not offered.
    expect(choicesOf(form)).toEqual([
      { title: 'SUP-000003, HCP provision: cover from Monday 30 November 2026', value: `${provision!.id}:${provision!.version}` },
      { title: 'SUP-000001, Replacement HCP for Helen Okoro: cover from Wednesday 9 December 2026', value: `${replacement!.id}:${replacement!.version}` },
    ]);
    expect(inputOf(form, 'coverDay')).toMatchObject({ type: 'Input.Date', label: 'Day the supplier’s HCP started covering', isRequired: true, errorMessage: 'Choose the day cover started.' });
    expect(JSON.stringify(form)).toContain('"verb":"hcp.supplierCover"');
    // Another district's activity manager is offered none of them.
    expect(cardText(firstCard(await exchange(bot, OTHER_MANAGER, 'supplier requests')))).not.toContain('Change a cover day');
  });

  it('a day that is not one, or before the request, is refused beside the day; a stale card is told to look again; each keeps what was typed and changes nothing', async () => {
    const [replacement] = await requests();
    const chosen = `${replacement!.id}:${replacement!.version}`;
    const notADate = await invokeAs(bot, MANAGER, 'hcp.supplierCover', { request: chosen, coverDay: 'the 4th' });
    expect(cardText(notADate.card)).toContain('Check the cover day. What you typed is kept.');
    const opened = openedCoverForm(notADate.card)!;
    expect(cardInputs({ body: opened })).toEqual({ request: chosen, coverDay: 'the 4th' });
    expect(JSON.stringify(opened)).toContain('Enter a date, for example 2026-12-01.');

    const before = await invokeAs(bot, MANAGER, 'hcp.supplierCover', { request: chosen, coverDay: '2026-11-20' });
    const refused = openedCoverForm(before.card)!;
    expect(cardInputs({ body: refused })).toEqual({ request: chosen, coverDay: '2026-11-20' });
    expect(JSON.stringify(refused)).toContain('Cover cannot start before the request was made on Monday 23 November 2026: enter the day the supplier’s HCP starts covering.');

    const none = await invokeAs(bot, MANAGER, 'hcp.supplierCover', { request: '', coverDay: '2026-12-04' });
    expect(cardInputs({ body: openedCoverForm(none.card)! })).toEqual({ request: '', coverDay: '2026-12-04' });
    expect(JSON.stringify(openedCoverForm(none.card))).toContain('Choose the request whose cover day changes.');

    // Shown at an earlier version: told to look again, the request chosen again at its version now, the day kept.
    const stale = await invokeAs(bot, MANAGER, 'hcp.supplierCover', { request: `${replacement!.id}:${replacement!.version - 1}`, coverDay: '2026-12-04' });
    expect(cardText(stale.card)).toContain('This request changed since this card was shown: look again. What you typed is kept.');
    expect(cardInputs({ body: openedCoverForm(stale.card)! })).toEqual({ request: chosen, coverDay: '2026-12-04' });

    // Only the district's activity managers.
    expect(cardText((await invokeAs(bot, PEOPLE.hcp, 'hcp.supplierCover', { request: chosen, coverDay: '2026-12-04' })).card)).toContain('This is for HCP Activity Managers. Nothing was changed.');
    expect(cardText((await invokeAs(bot, OTHER_MANAGER, 'hcp.supplierCover', { request: chosen, coverDay: '2026-12-04' })).card)).toContain('That supplier request is not one of your district’s. Nothing was changed.');
    // An information request has no cover day.
    const information = (await requests())[1]!;
    expect(cardText((await invokeAs(bot, MANAGER, 'hcp.supplierCover', { request: `${information.id}:${information.version}`, coverDay: '2026-12-04' })).card)).toContain('Only a request for an HCP has a day cover starts.');
    expect((await requests())[0]).toMatchObject({ coverOn: '2026-12-09', version: replacement!.version });
  });

  it('a cover day changed is redrawn in place saying so, and the supplier figure counts from the new day: earlier into the two weeks, or later out of them', async () => {
    const [replacement] = await requests();
    await bot.app.notifier.idle();
    bot.connector.clear();
    const earlier = await invokeAs(bot, MANAGER, 'hcp.supplierCover', { request: `${replacement!.id}:${replacement!.version}`, coverDay: '2026-12-04' });
    const text = cardText(earlier.card);
    expect(text).toContain('Cover day of SUP-000001 changed to Friday 4 December 2026; the supplier figure counts from it. That is within the supplier’s two weeks.');
    expect(text).toContain('SUP-000001** Replacement HCP for Helen Okoro (Monday 23 November 2026 to Wednesday 25 November 2026): cover from Friday 4 December 2026, within the supplier’s two weeks');
    expect(text).toContain('Answered in the last 3 months\n3, 2 in time');
    const stored = (await requests())[0]!;
    // Only the day changes: the answer and when it was recorded stand.
    expect(stored).toMatchObject({ coverOn: '2026-12-04', version: replacement!.version + 1, answer: replacement!.answer, answeredById: replacement!.answeredById });
    expect(stored.answeredAt).toEqual(replacement!.answeredAt);
    // The form is closed again, offering the request at its new version.
    expect(openedCoverForm(earlier.card)).toBeUndefined();
    expect(choicesOf(coverForm(earlier.card)!)).toContainEqual({ title: 'SUP-000001, Replacement HCP for Helen Okoro: cover from Friday 4 December 2026', value: `${stored.id}:${stored.version}` });
    expect(cardText(await reportCard('2026-11'))).toContain(`**${MEASURE}**: This period: 2 of 3 fulfilled in time; 1 not met (1 with no cover by the day it was due)`);

    // SUP-000003's HCP did not start on 30 November after all, but on 14 December.
    const provision = (await requests())[2]!;
    const later = await invokeAs(bot, MANAGER, 'hcp.supplierCover', { request: `${provision.id}:${provision.version}`, coverDay: '2026-12-14' });
    expect(cardText(later.card)).toContain('Cover day of SUP-000003 changed to Monday 14 December 2026; the supplier figure counts from it. That is after the supplier’s two weeks ended on Monday 7 December 2026: not met.');
    expect(cardText(await reportCard('2026-11'))).toContain(`**${MEASURE}**: This period: 1 of 3 fulfilled in time; 2 not met (1 with cover starting after the day it was due, 1 with no cover by the day it was due)`);
    // Recording the answer told nobody, and changing its day tells nobody either: the card drawn again is the answer.
    await bot.app.notifier.idle();
    expect(bot.connector.calls).toEqual([]);
  });

  it('an answer recorded before cover days were asked for can be given one, and is counted from then on', async () => {
    await invokeAs(bot, MANAGER, 'hcp.supplierRaise', { kind: 'provision', details: 'An HCP for Horsham' });
    const raised = (await requests())[4]!;
    await invokeAs(bot, MANAGER, 'hcp.supplierAnswer', { requestId: raised.id, version: raised.version, answer: 'Priya Shah starts soon', coverOn: '2026-12-10' });
    // As an answer recorded before the day cover starts was asked for.
    await bot.app.dataSource.getRepository<SupplierRequestRow>('SupplierRequest').update({ id: raised.id }, { coverOn: null });
    const undated = (await requests())[4]!;
    const card = firstCard(await exchange(bot, MANAGER, 'supplier requests'));
    expect(cardText(card)).toContain('SUP-000005** HCP provision: answered Tuesday 8 December 2026, before the day cover starts was recorded: not counted');
    expect(choicesOf(coverForm(card)!)[0]).toEqual({ title: 'SUP-000005, HCP provision: no cover day recorded', value: `${undated.id}:${undated.version}` });
    const given = await invokeAs(bot, MANAGER, 'hcp.supplierCover', { request: `${undated.id}:${undated.version}`, coverDay: '2026-12-10' });
    expect(cardText(given.card)).toContain('Cover day of SUP-000005 recorded as Thursday 10 December 2026; the supplier figure counts from it. That is within the supplier’s two weeks: in time once that day comes.');
    expect((await requests())[4]).toMatchObject({ coverOn: '2026-12-10' });
  });

  it('a long list keeps the card inside Teams’ size: 15 waiting and 15 answered at the longest an answer may be, each offered for its cover day to change', async () => {
    // Each answer as long as an answer may be, in text a card's JSON writes longest.
    const answer = 'The supplier confirms a "replacement" HCP\\registered with the HCPC will cover the clinic days asked for.\n'.repeat(20).slice(0, 1000);
    for (let i = 0; i < 30; i++) await invokeAs(bot, MANAGER, 'hcp.supplierRaise', { kind: i % 2 ? 'provision' : 'replacement', details: `Cover for the Crawley clinic, week ${i + 1}, as agreed with the district office` });
    for (const r of (await requests()).filter((q) => q.status === 'open').slice(0, 16)) await invokeAs(bot, MANAGER, 'hcp.supplierAnswer', { requestId: r.id, version: r.version, answer, coverOn: '2026-12-15' });
    const card = firstCard(await exchange(bot, MANAGER, 'supplier requests'));
    expect(choicesOf(coverForm(card)!)).toHaveLength(15);
    expect(JSON.stringify(card).length * 2).toBeLessThan(40 * 1024);
  });
});
