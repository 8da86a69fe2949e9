import type { SupplierRequestRow } from '../../data/schema/hcp-activity';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { TestClock } from '../support/conference-fixture';
import { cardInputs, cardText, exchange, firstCard, invokeAs, PEOPLE, startTestBot, type TestBot } from '../support/test-bot';

const CONTACT = '00000000-0000-4000-8000-000000000205'; // Lucy Fernandes, Crawley's contact
const MANAGER = '00000000-0000-4000-8000-000000000005'; // Mark Ellis, activity manager, Surrey and Sussex
const MEASURE = 'Supplier response time in the provision of HCPs: requests for HCPs fulfilled within two weeks';
const COUNTED = 'A request counts as fulfilled only when the supplier’s HCP started covering within 14 days of the day it was made: this is measured to the day cover started, recorded with the supplier’s answer, not to the day the answer was typed.';

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
    for (const who of [PEOPLE.hcp, CONTACT, MANAGER]) await exchange(bot, who, 'help');
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
    expect(cardText(november)).toContain(`**${MEASURE}**: This period: 0 of 1 fulfilled within two weeks; 1 not met (1 with cover starting after the two weeks); 2 pending, still inside the two weeks (1 with cover promised in time)`);
    expect(cardText(november)).toContain(COUNTED);

    // Tuesday 8 December: SUP-000003's cover started on 30 November; SUP-000004 is still without cover after two weeks.
    clock.at = new Date('2026-12-08T10:00:00Z');
    const later = await reportCard('2026-11');
    const figure = '1 of 3 fulfilled within two weeks; 2 not met (1 with cover starting after the two weeks, 1 with no cover two weeks after the request); 0 pending, still inside the two weeks. 7.0 days from request to cover on average';
    expect(cardText(later)).toContain(`**${MEASURE}**: This period: ${figure}`);
    const csv = await csvOf(later);
    expect(csv).toContain(`${MEASURE},"${figure}"\r\n`);
    expect(csv).toContain(COUNTED);
  });
});
