import { applySeed } from '../../data/seed/apply-seed';
import { SqlHubStore } from '../../data/stores/partnerships';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { HubChangeRow, HubEntryRow, StrategyMeetingRow } from '../../data/schema/partnerships';
import type { CalendarEventRow } from '../../data/schema/calendar';
import { cardInputs, cardText, cardVerbs, choiceValues, exchange, firstCard, invokeAs, PEOPLE, startTestBot, submitsIn, visibleText, type TestBot } from '../support/test-bot';
import { SqlForumStore, SqlPartnerStore, SqlStrategyStore } from '../../data/stores/partnerships';
import { CARD_SIZE_LIMIT_BYTES } from '../../cards/card-check';
import { FORUM_LIMITS, FORUM_PAGE } from '../../domain/partnerships/forum';

const SPOC = '00000000-0000-4000-8000-000000000301';
const chat = (aad: string) => `a:personal-${aad}`;
/** Inputs anywhere on a card, including its ShowCard forms. */
const allInputs = (card: Record<string, unknown>) => ({ ...cardInputs({ body: card.actions }), ...cardInputs(card) });

const toolkit = { title: 'Hidden impairment toolkit', summary: 'How to spot and support hidden impairments such as autism and dyslexia.', link: 'https://intranet.example/hidden-impairment', kind: 'toolkit' };

describe('the local Disability Hub, opportunities and partners through the bot', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    // Everyone has opened the app once, so cards can reach them.
    for (const who of [PEOPLE.coach, PEOPLE.dea, PEOPLE.wctl, SPOC]) await exchange(bot, who, 'help');
  });
  afterAll(async () => bot.close());
  beforeEach(() => bot.connector.clear());

  it('the DEA adds an entry, the single point of contact publishes it, and a coach finds it with "hub" and some words', async () => {
    // Before: nothing found, said plainly.
    expect(visibleText(await exchange(bot, PEOPLE.coach, 'hub hidden impairment'))).toContain('Nothing on the Surrey and Sussex Hub matches “hidden impairment”');

    // A coach is not offered to add; a DEA is.
    expect(cardVerbs(firstCard(await exchange(bot, PEOPLE.coach, 'hub')))).toEqual([]);
    expect(cardVerbs(firstCard(await exchange(bot, PEOPLE.dea, 'hub')))).toEqual(['hub.propose']);

    // A bad web address is named beside its field, and everything typed is kept.
    const refused = await invokeAs(bot, PEOPLE.dea, 'hub.propose', { ...toolkit, link: 'javascript:alert(1)' });
    expect(cardText(refused.card)).toContain('Enter a web address starting with https://');
    expect(allInputs(refused.card)).toMatchObject({ title: toolkit.title, summary: toolkit.summary, link: 'javascript:alert(1)', kind: 'toolkit' });

    const sent = await invokeAs(bot, PEOPLE.dea, 'hub.propose', toolkit);
    expect(cardText(sent.card)).toContain('Sent to Nadia Brooks to publish');
    expect(cardText(sent.card)).toContain('Waiting to be published');
    // Not on the Hub for coaches yet.
    expect(visibleText(await exchange(bot, PEOPLE.coach, 'hub hidden'))).toContain('Nothing on the Surrey and Sussex Hub matches');

    // The single point of contact gets it as a card.
    await bot.connector.waitFor(() => bot.connector.sentTo(chat(SPOC)).length === 1);
    const request = bot.connector.sentTo(chat(SPOC))[0]!;
    const requestCard = request.attachments![0]!.content as Record<string, unknown>;
    expect(cardText(requestCard)).toContain('Dana Morgan asks you to add this to the Hub');
    expect(cardVerbs(requestCard)).toEqual(['hub.publish', 'hub.decline']);
    const change = (await bot.app.dataSource.getRepository<HubChangeRow>('HubChange').findOne({ where: { title: toolkit.title } }))!;

    // Only the contact it was sent to can publish it; the DEA's click shows nothing more.
    const byDea = await invokeAs(bot, PEOPLE.dea, 'hub.publish', { changeId: change.id, version: change.version });
    expect(cardText(byDea.card)).toContain('Only the single point of contact it was sent to can publish this change. Nothing was changed.');

    const published = await invokeAs(bot, SPOC, 'hub.publish', { changeId: change.id, version: change.version });
    expect(cardText(published.card)).toContain('You marked this published');
    expect(cardVerbs(published.card)).toEqual([]);
    // The same click again (a second delivery) changes nothing.
    expect(cardText((await invokeAs(bot, SPOC, 'hub.publish', { changeId: change.id, version: change.version })).card)).toContain('already been published');
    await bot.connector.waitFor(() => bot.connector.sentTo(chat(PEOPLE.dea)).length === 1);
    expect(visibleText(bot.connector.sentTo(chat(PEOPLE.dea)))).toContain('Your Hub change is published');

    const found = firstCard(await exchange(bot, PEOPLE.coach, 'hub Hidden  impairment'));
    expect(cardText(found)).toContain('You found 1 entry on the Surrey and Sussex Hub');
    expect(cardText(found)).toContain(toolkit.title);
    expect(JSON.stringify(found)).toContain(toolkit.link);
  });

  it('the DEA asks for an entry to change and to come off; it stays as it is until published', async () => {
    const entry = (await bot.app.dataSource.getRepository<HubEntryRow>('HubEntry').findOne({ where: { title: toolkit.title } }))!;
    const deaView = firstCard(await exchange(bot, PEOPLE.dea, 'hub'));
    expect(cardVerbs(deaView)).toEqual(expect.arrayContaining(['hub.propose']));
    expect(JSON.stringify(deaView)).toContain('"verb":"hub.change"');

    const empty = await invokeAs(bot, PEOPLE.dea, 'hub.change', { entryId: entry.id, ...toolkit, title: '' });
    expect(cardText(empty.card)).toContain('Enter a title.');
    const changed = await invokeAs(bot, PEOPLE.dea, 'hub.change', { entryId: entry.id, ...toolkit, title: 'Hidden impairment toolkit 2027' });
    expect(cardText(changed.card)).toContain('Sent to Nadia Brooks');
    // One change waits at a time.
    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'hub.remove', { entryId: entry.id })).card)).toContain('already waiting');
    expect(cardText(firstCard(await exchange(bot, PEOPLE.coach, 'hub hidden')))).not.toContain('2027');

    const pending = (await bot.app.dataSource.getRepository<HubChangeRow>('HubChange').findOne({ where: { entryId: entry.id, status: 'requested' } }))!;
    const declined = await invokeAs(bot, SPOC, 'hub.decline', { changeId: pending.id, version: pending.version, reason: '' });
    expect(cardText(declined.card)).toContain('Enter why it cannot be published.');
    await invokeAs(bot, SPOC, 'hub.decline', { changeId: pending.id, version: pending.version, reason: 'Please use the full name of the toolkit.' });
    await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(chat(PEOPLE.dea))).includes('was not published'));
    expect(visibleText(bot.connector.sentTo(chat(PEOPLE.dea)))).toContain('Please use the full name of the toolkit.');
    expect(cardText(firstCard(await exchange(bot, PEOPLE.coach, 'hub hidden')))).toContain(toolkit.title);

    await invokeAs(bot, PEOPLE.dea, 'hub.remove', { entryId: entry.id });
    const removal = (await bot.app.dataSource.getRepository<HubChangeRow>('HubChange').findOne({ where: { entryId: entry.id, status: 'requested' } }))!;
    expect(removal.action).toBe('remove');
    await invokeAs(bot, SPOC, 'hub.publish', { changeId: removal.id, version: removal.version });
    expect(cardText(firstCard(await exchange(bot, PEOPLE.coach, 'hub hidden')))).toContain('Nothing on the Surrey and Sussex Hub matches');
  });

  it('an employment opportunity on the Hub is changed as one: its change form offers and keeps its kind, and a new entry written on the form cannot be one', async () => {
    const dana = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.dea))!;
    const summary = 'Two-week paid trials for up to four claimants, near Crawley station.';
    const opportunity = await new SqlHubStore(bot.app.dataSource).createEntry({ district: 'Surrey and Sussex', title: 'Warehouse job trials at Parcelco', summary, link: null, kind: 'employment_opportunity', status: 'published', keeperId: dana.id }, new Date());
    const view = firstCard(await exchange(bot, PEOPLE.dea, 'hub parcelco'));
    const forms = (verb: string) => {
      const found: Record<string, unknown>[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          const n = node as Record<string, unknown>;
          if (n.type === 'Action.ShowCard' && JSON.stringify(n.card).includes(`"verb":"${verb}"`)) found.push(n.card as Record<string, unknown>);
          else Object.values(n).forEach(walk);
        }
      };
      walk(view);
      return found;
    };
    const [changeForm] = forms('hub.change');
    // The entry's own kind is offered and chosen, so sending the form as it is keeps it an opportunity.
    expect(choiceValues(changeForm, 'kind')).toContain('employment_opportunity');
    expect(cardInputs(changeForm!)).toMatchObject({ title: 'Warehouse job trials at Parcelco', kind: 'employment_opportunity' });
    // A new entry is not offered it: opportunities reach the Hub by being shared with the cohort.
    expect(choiceValues(forms('hub.propose')[0], 'kind')).not.toContain('employment_opportunity');

    const sent = await invokeAs(bot, PEOPLE.dea, 'hub.change', { entryId: opportunity.id, title: 'Warehouse job trials at Parcelco (spring)', summary, link: '', kind: 'employment_opportunity' });
    expect(cardText(sent.card)).toContain('Sent to Nadia Brooks to publish');
    const changes = bot.app.dataSource.getRepository<HubChangeRow>('HubChange');
    expect(await changes.findOne({ where: { entryId: opportunity.id, status: 'requested' } })).toMatchObject({ action: 'change', kind: 'employment_opportunity', title: 'Warehouse job trials at Parcelco (spring)' });

    // What the card does not offer, the click is not allowed: said beside the field, with what was typed kept.
    const refused = await invokeAs(bot, PEOPLE.dea, 'hub.propose', { title: 'Retail job trials', summary: 'Trials at the new shopping centre.', link: '', kind: 'employment_opportunity' });
    expect(cardText(refused.card)).toContain('An employment opportunity goes on the Hub when you share it with your work coaches');
    expect(allInputs(refused.card)).toMatchObject({ title: 'Retail job trials', summary: 'Trials at the new shopping centre.' });
    expect(await bot.app.dataSource.getRepository<HubEntryRow>('HubEntry').count({ where: { title: 'Retail job trials' } })).toBe(0);
    expect(bot.cardProblems).toEqual([]);
    await changes.delete({ entryId: opportunity.id });
    await bot.app.dataSource.getRepository<HubEntryRow>('HubEntry').delete({ id: opportunity.id });
  });

  it('the DEA shares an opportunity with every coach in one step, with the conditionality reminder, and on the Hub', async () => {
    // A coach has no partnership menu; a DEA's offers the three parts of the work.
    expect(visibleText(await exchange(bot, PEOPLE.coach, 'partnerships'))).toContain('Partnerships and strategies are for DEAs and their team leaders.');
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'opportunity.form', {})).card)).toContain('Only a Disability Employment Adviser');
    expect(cardVerbs(firstCard(await exchange(bot, PEOPLE.dea, 'partnerships')))).toEqual(['opportunity.form', 'partner.list', 'strategy.list']);
    const form = (await invokeAs(bot, PEOPLE.dea, 'opportunity.form', {})).card;
    expect(cardText(form)).toMatch(/It goes to your \d+ work coaches at once/);
    expect(cardVerbs(form)).toEqual(['opportunity.share']);

    const missing = await invokeAs(bot, PEOPLE.dea, 'opportunity.share', { kind: 'job_trial', status: 'available', title: 'Job trials at Greenway' });
    expect(cardText(missing.card)).toContain('Enter what it is, who it suits and how to refer a claimant.');
    expect(cardInputs(missing.card)).toMatchObject({ kind: 'job_trial', title: 'Job trials at Greenway' });

    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const dana = (await directory.findByAadObjectId(PEOPLE.dea))!;
    const cohort = await bot.app.dataSource.getRepository('Staff').count({ where: { deaId: dana.id } });
    const shared = await invokeAs(bot, PEOPLE.dea, 'opportunity.share', { kind: 'job_trial', status: 'available', title: 'Job trials at Greenway Garden Centre', summary: 'Four-week trials for up to 3 claimants, near Crawley station.', link: '', onHub: 'true' });
    expect(cardText(shared.card)).toMatch(/was sent to your \d+ work coaches, with the reminder about conditionality\. It was also sent to Nadia Brooks to go on the Hub\./);
    const rows = await bot.app.dataSource.query(`SELECT COUNT(*) AS n FROM outbox WHERE kind = 'opportunity'`);
    // Every coach of the cohort (a service delivery coach with Dana as DEA is not one).
    expect(Number(rows[0].n)).toBeGreaterThanOrEqual(cohort - 1);
    await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(chat(PEOPLE.coach))).includes('Greenway'));
    const coachCard = visibleText(bot.connector.sentTo(chat(PEOPLE.coach)));
    expect(coachCard).toContain('New opportunity: Job trials at Greenway Garden Centre');
    expect(coachCard).toContain('fully understand the conditionality requirement');
    await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(chat(SPOC))).includes('Greenway'));
  });

  it('a district with many partners: the card shows 10 by name and finds the others by part of a name, inside Teams’ message size', async () => {
    const dana = (await bot.app.dataSource.query('SELECT id FROM staff WHERE aadObjectId = ?', [PEOPLE.dea]))[0].id as string;
    const store = new SqlPartnerStore(bot.app.dataSource);
    for (let i = 1; i <= 60; i++) {
      const n = String(i).padStart(2, '0');
      await store.create('Surrey and Sussex', dana, { name: `Partner ${n} ${i === 42 ? 'Horsham Mind' : 'Surgery'}`, kind: 'gp_surgery', contact: `contact${n}@surgery.example.org`, website: null, focus: 'x'.repeat(400), lastMetOn: null }, new Date());
    }
    const list = (await invokeAs(bot, PEOPLE.dea, 'partner.list', {})).card;
    expect(choiceValues(list, 'partnerId')).toHaveLength(10);
    expect(cardText(list)).toContain('Partner 01 Surgery');
    expect(cardText(list)).not.toContain('Partner 11 Surgery');
    expect(cardText(list)).toContain('More partners are on the list than are shown here');
    expect(JSON.stringify(list).length).toBeLessThan(20_000);
    const found = (await invokeAs(bot, PEOPLE.dea, 'partner.list', { find: 'horsham' })).card;
    expect(cardText(found)).toContain('Partners whose name holds “horsham”:');
    expect(cardText(found)).toContain('Partner 42 Horsham Mind');
    expect(choiceValues(found, 'partnerId')).toHaveLength(1);
    // A name with a % in it is found as typed, not as a pattern.
    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'partner.list', { find: '%' })).card)).toContain('No partner on the list has “%” in their name.');
    expect(bot.cardProblems).toEqual([]);
    await bot.app.dataSource.query('DELETE FROM external_partner');
  });

  it('the DEA keeps the district’s partners and tells the district when a service changes', async () => {
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'partner.list', {})).card)).toContain('Only a Disability Employment Adviser');
    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'partner.list', {})).card)).toContain('There are no partners on the list yet');
    const future = await invokeAs(bot, PEOPLE.dea, 'partner.add', { name: 'Crawley Mind', kind: 'charity', contact: 'hello@crawleymind.example', focus: 'Mental health groups', lastMetOn: '2099-01-01' });
    expect(cardText(future.card)).toContain('The date you last met must be today or in the past.');
    expect(allInputs(future.card)).toMatchObject({ name: 'Crawley Mind', lastMetOn: '2099-01-01' });
    const added = await invokeAs(bot, PEOPLE.dea, 'partner.add', { name: 'Crawley Mind', kind: 'charity', contact: 'hello@crawleymind.example', focus: 'Mental health groups', lastMetOn: '2026-11-02' });
    expect(cardText(added.card)).toContain('Crawley Mind was added.');
    // One "Tell the district" form, choosing among the partners shown.
    expect(cardVerbs(added.card)).toEqual(['partner.notice', 'partner.add']);
    const [partnerId] = choiceValues(added.card, 'partnerId');

    const noImpact = await invokeAs(bot, PEOPLE.dea, 'partner.notice', { partnerId, change: 'Closing on 31 January' });
    expect(cardText(noImpact.card)).toContain('Enter what it means for claimants');
    expect(allInputs(noImpact.card)).toMatchObject({ partnerId, change: 'Closing on 31 January' });
    // No partner chosen (a client that ignores the form's required field): said beside it, the rest kept.
    const noPartner = await invokeAs(bot, PEOPLE.dea, 'partner.notice', { change: 'Closing on 31 January', impact: 'Refer elsewhere.' });
    expect(cardText(noPartner.card)).toContain('Choose one of your district’s partners.');
    expect(allInputs(noPartner.card)).toMatchObject({ change: 'Closing on 31 January', impact: 'Refer elsewhere.' });
    const told = await invokeAs(bot, PEOPLE.dea, 'partner.notice', { partnerId, change: 'Closing on 31 January', impact: 'Refer claimants to NHS Talking Therapies instead.' });
    expect(cardText(told.card)).toMatch(/The change at Crawley Mind was sent to \d+ people in Surrey and Sussex\./);
    await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(chat(PEOPLE.coach))).includes('Crawley Mind'));
    expect(visibleText(bot.connector.sentTo(chat(PEOPLE.coach)))).toContain('Service change: Crawley Mind');
    // Not to the sender, nor to people who are neither DEAs nor coaches.
    expect(visibleText(bot.connector.sentTo(chat(PEOPLE.dea)))).not.toContain('Service change');
    expect(visibleText(bot.connector.sentTo(chat(PEOPLE.wctl)))).not.toContain('Service change');
  });

  it('the DEA records a meeting with a partner and changes how to reach them, on the partner’s card; a refusal keeps what was typed; an update over details not seen is refused', async () => {
    const dana = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.dea))!;
    const partners = new SqlPartnerStore(bot.app.dataSource);
    const carers = await partners.create('Surrey and Sussex', dana.id, { name: 'Horsham Carers Hub', kind: 'charity', contact: 'info@horshamcarers.example.org', website: null, focus: 'Support for unpaid carers', lastMetOn: null }, new Date());
    /** The inputs of the card's update form, folded behind its button or opened in the card after a refusal. */
    const updateForm = (card: Record<string, unknown>): Record<string, unknown> => {
      const opened = (card.body as Record<string, unknown>[]).find((b) => b.style === 'emphasis' && JSON.stringify(b).includes('"verb":"partner.update"'));
      const folded = (card.actions as Record<string, unknown>[]).find((a) => a.type === 'Action.ShowCard' && a.title === 'Update')?.card as Record<string, unknown> | undefined;
      expect(Boolean(opened) !== Boolean(folded)).toBe(true);
      return cardInputs(opened ? { body: opened.items } : folded!);
    };

    // On the list, at a glance: who is not met yet, and the way in to record a meeting.
    const list = (await invokeAs(bot, PEOPLE.dea, 'partner.list', { find: 'carers' })).card;
    expect(cardText(list)).toContain('Disability charity · not met yet');
    expect(cardText(list)).toContain('Your action: arrange to meet Horsham Carers Hub, face to face if you can. Then open the partner and choose **Update** to record it.');
    expect(JSON.stringify(list)).toContain(`"verb":"partner.open","data":{"partnerId":"${carers.id}"}`);
    const opened = (await invokeAs(bot, PEOPLE.dea, 'partner.open', { partnerId: carers.id })).card;
    expect(cardText(opened)).toContain('Your action: arrange to meet them, face to face if you can, then choose **Update** to record it.');
    expect(cardVerbs(opened)).toEqual(['partner.update', 'partner.list']);
    expect(updateForm(opened)).toEqual({ lastMetOn: '', contact: 'info@horshamcarers.example.org', website: '' });
    const version = Number(JSON.stringify(opened).match(/"verb":"partner\.update","data":\{"partnerId":"[^"]+","version":(\d+)\}/)![1]);

    // A meeting not yet held, and no way to reach them: each said beside its field, everything typed kept.
    const refused = await invokeAs(bot, PEOPLE.dea, 'partner.update', { partnerId: carers.id, version, lastMetOn: '2099-01-01', contact: '', website: 'horshamcarers' });
    for (const problem of ['The date you last met must be today or in the past.', 'Enter how to reach them', 'Enter a web address starting with https://']) expect(cardText(refused.card)).toContain(problem);
    expect(updateForm(refused.card)).toEqual({ lastMetOn: '2099-01-01', contact: '', website: 'horshamcarers' });
    // A year typed wrong is caught too.
    const longAgo = await invokeAs(bot, PEOPLE.dea, 'partner.update', { partnerId: carers.id, version, lastMetOn: '1926-12-01', contact: 'Priya Shah, 01403 555 0199', website: '' });
    expect(cardText(longAgo.card)).toContain('The date you last met must be in the last 10 years. Check the year.');
    expect(updateForm(longAgo.card)).toEqual({ lastMetOn: '1926-12-01', contact: 'Priya Shah, 01403 555 0199', website: '' });
    expect(await partners.find(carers.id)).toMatchObject({ lastMetOn: null, contact: 'info@horshamcarers.example.org', version: 1 });

    const updated = await invokeAs(bot, PEOPLE.dea, 'partner.update', { partnerId: carers.id, version, lastMetOn: '2026-12-01', contact: 'Priya Shah, 01403 555 0199', website: 'https://horshamcarers.example.org' });
    expect(cardText(updated.card)).toContain('Horsham Carers Hub: your meeting on Tuesday 1 December 2026 is recorded, and their contact details are changed.');
    expect(cardText(updated.card)).toContain('Disability charity · last met Tuesday 1 December 2026');
    expect(cardText(updated.card)).toContain('Nothing for you to do now. After your next meeting with them, or when their contact changes, choose **Update**.');
    expect(updateForm(updated.card)).toEqual({ lastMetOn: '2026-12-01', contact: 'Priya Shah, 01403 555 0199', website: 'https://horshamcarers.example.org' });
    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'partner.list', { find: 'carers' })).card)).toContain('Disability charity · last met Tuesday 1 December 2026');

    // Sent from the card as it was before: refused, with the details as they are now and what was typed kept.
    const stale = await invokeAs(bot, PEOPLE.dea, 'partner.update', { partnerId: carers.id, version, lastMetOn: '2026-11-20', contact: 'info@horshamcarers.example.org', website: '' });
    expect(cardText(stale.card)).toContain('This changed since you last saw it: this is how it is now. Someone else updated this partner’s details since you opened the form: check them, then send yours again. What you typed is kept.');
    expect(cardText(stale.card)).toContain('last met Tuesday 1 December 2026');
    expect(updateForm(stale.card)).toEqual({ lastMetOn: '2026-11-20', contact: 'info@horshamcarers.example.org', website: '' });
    expect(await partners.find(carers.id)).toMatchObject({ lastMetOn: '2026-12-01', contact: 'Priya Shah, 01403 555 0199', version: 2 });
    // Two saves from the same version, however close together: the statement itself lets one through.
    await expect(partners.update(carers.id, 1, { contact: 'x', website: null, lastMetOn: null }, new Date())).rejects.toMatchObject({ kind: 'conflict' });
    await expect(partners.update('00000000-0000-4000-8000-00000000dead', 1, { contact: 'x', website: null, lastMetOn: null }, new Date())).rejects.toMatchObject({ kind: 'not_found' });

    // A coach sees nothing of it, and a click of theirs changes nothing.
    for (const [verb, data] of [['partner.open', { partnerId: carers.id }], ['partner.update', { partnerId: carers.id, version: 2, lastMetOn: '2026-12-02', contact: 'x', website: '' }]] as const) {
      const text = cardText((await invokeAs(bot, PEOPLE.coach, verb, data)).card);
      expect(text).toContain('Only a Disability Employment Adviser can keep the list of external partners. Nothing was changed.');
      expect(text).not.toContain('Priya');
    }
    expect(bot.cardProblems).toEqual([]);
  });

  it('the DEA proposes a joint local strategy; it goes ahead once the owning team leader agrees; actions are added and done', async () => {
    expect(cardVerbs(firstCard(await exchange(bot, PEOPLE.wctl, 'partnerships')))).toEqual(['strategy.list']);
    const list = (await invokeAs(bot, PEOPLE.dea, 'strategy.list', {})).card;
    expect(cardText(list)).toContain('You have no strategies yet.');
    expect(cardVerbs(list)).toEqual(['strategy.propose']);

    const noWhy = await invokeAs(bot, PEOPLE.dea, 'strategy.propose', { kind: 'joint_local', title: 'Psychosis support', gapNote: 'No local peer support' });
    expect(cardText(noWhy.card)).toContain('Enter why the strategy is needed');
    expect(allInputs(noWhy.card)).toMatchObject({ kind: 'joint_local', title: 'Psychosis support', gapNote: 'No local peer support' });
    // The form comes back open in the card, not folded behind "New strategy".
    expect((noWhy.card.actions as { title: string }[]).map((a) => a.title)).not.toContain('New strategy');
    const opened = (noWhy.card.body as Record<string, unknown>[]).find((b) => b.style === 'emphasis' && JSON.stringify(b).includes('"verb":"strategy.propose"'));
    expect(JSON.stringify(opened)).toContain('Enter why the strategy is needed');

    const proposed = await invokeAs(bot, PEOPLE.dea, 'strategy.propose', { kind: 'joint_local', title: 'Psychosis support', why: 'Five cases this autumn had no local provision.', gapNote: 'No local peer support', internalPartners: 'third_party_provision,work_psychologist' });
    expect(cardText(proposed.card)).toContain('Sent to Tom Baker to agree. It goes ahead once they do.');
    // The lead cannot add actions before agreement: the card offers nothing yet.
    expect(cardVerbs(proposed.card)).toEqual([]);
    expect(cardText(proposed.card)).toContain('Nothing for you to do now: waiting for Tom Baker to agree before it goes ahead.');

    await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(chat(PEOPLE.wctl))).includes('Psychosis support'));
    const ownerCard = bot.connector.sentTo(chat(PEOPLE.wctl))[0]!.attachments![0]!.content as Record<string, unknown>;
    expect(cardText(ownerCard)).toContain('Dana Morgan asks you to agree to this joint local strategy');
    expect(cardVerbs(ownerCard)).toEqual(['strategy.agree', 'strategy.decline']);
    // At a glance: what it is, then the action; why behind Show details; not agreeing is never a first button, and is confirmed.
    const ownerBody = ownerCard.body as Record<string, unknown>[];
    expect(ownerBody[0]).toMatchObject({ text: 'Strategy: Psychosis support' });
    expect(ownerBody.find((b) => typeof b.text === 'string' && /^(Your action|Nothing for you to do now)/.test(b.text))).toMatchObject({ text: 'Your action: Dana Morgan asks you to agree to this joint local strategy. It cannot go ahead until you do.' });
    expect(JSON.stringify(ownerBody.find((b) => b.id === 'details'))).toContain('Five cases this autumn had no local provision.');
    expect(ownerBody.find((b) => b.id === 'details')).toMatchObject({ isVisible: false });
    const ownerActions = ownerCard.actions as Record<string, unknown>[];
    expect(ownerActions.map((a) => [a.title, a.mode ?? 'primary'])).toEqual([['Agree', 'primary'], ['Do not agree', 'secondary']]);
    expect(JSON.stringify(ownerActions[1])).toContain('"style":"destructive"');
    const data = JSON.stringify(ownerCard).match(/"strategyId":"([^"]+)","version":(\d+)/)!;
    const [strategyId, version] = [data[1]!, Number(data[2])];

    // A coach sees nothing of it.
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'strategy.open', { strategyId })).card)).not.toContain('Psychosis');
    const agreed = await invokeAs(bot, PEOPLE.wctl, 'strategy.agree', { strategyId, version });
    expect(cardText(agreed.card)).toContain('You agreed. The DEA has been told it can go ahead.');
    expect(cardText(agreed.card)).toContain('Nothing for you to do now: waiting for Dana Morgan to take it forward. You may add actions and book meetings too.');
    expect(cardVerbs(agreed.card)).toEqual(['strategy.add-action', 'strategy.meetings', 'strategy.close']);
    await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(chat(PEOPLE.dea))).includes('Going ahead'));

    const added = await invokeAs(bot, PEOPLE.dea, 'strategy.add-action', { strategyId, version: version + 1, text: 'Ask Third Party Provision about a peer support group', owner: 'Third Party Provision' });
    expect(cardText(added.card)).toContain('Third Party Provision · Not started');
    const actionId = JSON.stringify(added.card).match(/"actionId":"([^"]+)"/)![1]!;
    const started = await invokeAs(bot, PEOPLE.wctl, 'strategy.action-status', { strategyId, actionId, status: 'in_progress' });
    expect(cardText(started.card)).toContain('Third Party Provision · In progress');
    const finished = await invokeAs(bot, PEOPLE.wctl, 'strategy.action-status', { strategyId, actionId, status: 'done' });
    expect(cardText(finished.card)).toContain('1 done, the latest: Ask Third Party Provision about a peer support group');

    // Forty more, each as long as an action may be: what is still to do shows 10 at a time, each with its button.
    const strategies = new SqlStrategyStore(bot.app.dataSource);
    for (let i = 1; i <= 40; i++) await strategies.addAction({ strategyId, text: `Action ${i}: ${'x'.repeat(380)}`, owner: 'Employer Engagement', status: 'open' }, new Date(Date.now() + i * 1000));
    const many = (await invokeAs(bot, PEOPLE.dea, 'strategy.open', { strategyId })).card;
    expect(cardText(many)).toContain('Action 1: x');
    expect(cardText(many)).not.toContain('Action 11: x');
    expect(cardText(many)).toContain('And 30 more to do: they show here as these are done.');
    expect(JSON.stringify(many).match(/"verb":"strategy\.action-status"/g)).toHaveLength(10);
    expect(bot.cardProblems).toEqual([]);
  });

  it('informational support: the coach gets the Hub entries that fit the information the DEA sent', async () => {
    const hub = new SqlHubStore(bot.app.dataSource);
    const dana = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.dea))!;
    for (const title of ['Anxiety UK peer support', 'Anxiety at work: a guide', 'Sussex anxiety courses', 'Anxiety and travel']) {
      await hub.createEntry({ district: 'Surrey and Sussex', title, summary: 'Support for people with anxiety.', link: null, kind: 'guidance', status: 'published', keeperId: dana.id }, new Date());
    }
    const directory = new SqlStaffDirectory(bot.app.dataSource);
    const amira = (await directory.findByAadObjectId(PEOPLE.coach))!;
    const request = await new SqlSupportRequestStore(bot.app.dataSource).create(
      { type: 'skill_support', requesterId: amira.id, deaId: amira.deaId!, claimant: null, topic: 'disability_specific_information', description: 'Where to find support for anxiety', reason: 'Advice', requiredBy: null, urgent: false, vulnerability: null },
      new Date(),
    );
    const accepted = await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, channel: 'informational_support' });
    expect(cardVerbs(accepted.card)).toContain('request.inform');
    expect(cardText(accepted.card)).toContain('say "hub" and some words to find them');
    bot.connector.clear();
    const sent = await invokeAs(bot, PEOPLE.dea, 'request.inform', { requestId: request.id, version: 2, summary: 'Anxiety support', information: 'Start with the guide on the Hub.' });
    expect(cardText(sent.card)).toContain('The work coach also gets the Hub entries that fit it.');
    await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(chat(PEOPLE.coach))).includes('From the Surrey and Sussex Disability Hub'));
    const hubCard = bot.connector.sentTo(chat(PEOPLE.coach)).flatMap((a) => (a.attachments ?? []).map((x) => x.content as Record<string, unknown>)).find((c) => cardText(c).includes('From the Surrey and Sussex Disability Hub'))!;
    expect(cardText(hubCard)).toContain('Your action: read these alongside the information');
    expect(cardText(hubCard)).toContain('3 of 4 entries shown. Say **hub anxiety support** to see more.');
    expect((hubCard.actions as { title: string; data: unknown }[])[0]).toEqual({ type: 'Action.Submit', title: 'More from the Hub', data: { command: 'hub anxiety support' } });
    // The "more" button's command shows every entry that fits.
    const more = firstCard(await exchange(bot, PEOPLE.coach, { command: 'hub anxiety support' }));
    expect(cardText(more)).toContain('You found 4 entries on the Surrey and Sussex Hub');
    expect(bot.cardProblems).toEqual([]);
  });

  it('a non-benefit claimant the DEA cannot support: the coach is shown the Hub’s charities and provision to refer them to', async () => {
    const hub = new SqlHubStore(bot.app.dataSource);
    const dana = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.dea))!;
    await hub.createEntry({ district: 'Surrey and Sussex', title: 'Crawley Mind', summary: 'Mental health charity: drop-in and courses.', link: 'https://crawleymind.example.org', kind: 'external_charity', status: 'published', keeperId: dana.id }, new Date());
    await hub.createEntry({ district: 'Surrey and Sussex', title: 'Not yet published charity', summary: 'Waiting.', link: null, kind: 'external_charity', status: 'awaiting_publication', keeperId: dana.id }, new Date());
    await hub.createEntry({ district: 'Cumbria and Lancashire', title: 'Another district’s charity', summary: 'Elsewhere.', link: null, kind: 'external_charity', status: 'published', keeperId: dana.id }, new Date());
    await exchange(bot, PEOPLE.coach, 'new request');
    await exchange(bot, PEOPLE.coach, { journey: 'new-request', step: 'type', action: 'choose', choice: 'claimant_support' });
    const form = { journey: 'new-request', step: 'form', action: 'submit', surname: 'Smith', nino: 'AB123456C', benefits: 'PIP,DLA', challenges: 'Travel is hard.', whyNeeded: 'Advice.', requiredBy: new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10) };
    await exchange(bot, PEOPLE.coach, form);
    const answer = await exchange(bot, PEOPLE.coach, { journey: 'new-request', step: 'vulnerability', action: 'choose', choice: 'neither' });
    const all = visibleText(answer);
    expect(all).toContain('the DEA cannot support them');
    expect(all).toContain('From the Surrey and Sussex Disability Hub');
    expect(all).toContain('Your action: refer the claimant to one that fits');
    expect(all).toContain('Crawley Mind');
    expect(all).not.toContain('Not yet published charity');
    expect(all).not.toContain('Another district’s charity');
    // Guidance and toolkits are not other sources of support for the claimant.
    expect(all).not.toContain('Anxiety at work: a guide');
    expect(bot.cardProblems).toEqual([]);
  });

  it('the Hub feedback forum: a coach posts, the DEA is sent it and answers, the coach is told; typed on the help card', async () => {
    const help = firstCard(await exchange(bot, PEOPLE.coach, 'help'));
    expect(JSON.stringify(help)).toContain('"command":"forum"');
    const empty = firstCard(await exchange(bot, PEOPLE.coach, 'forum'));
    expect(cardText(empty)).toContain('Surrey and Sussex Disability Hub feedback forum');
    expect(cardText(empty)).toContain('Your action: post feedback on a health or disability issue');
    expect(cardVerbs(empty)).toEqual(['forum.post']);
    const refused = await invokeAs(bot, PEOPLE.coach, 'forum.post', { topic: '', body: 'Coaches are unsure how to adapt group sessions for autistic claimants.' });
    expect(cardText(refused.card)).toContain('Enter what it is about, in a few words.');
    expect(allInputs(refused.card)).toMatchObject({ body: 'Coaches are unsure how to adapt group sessions for autistic claimants.' });
    bot.connector.clear();
    const posted = await invokeAs(bot, PEOPLE.coach, 'forum.post', { topic: 'Autism and group sessions', body: 'Coaches are unsure how to adapt group sessions for autistic claimants.' });
    expect(cardText(posted.card)).toContain('Posted. Your district’s DEAs have been sent it to answer.');
    expect(cardText(posted.card)).toContain('Not answered yet.');
    await bot.connector.waitFor(() => bot.connector.sentTo(chat(PEOPLE.dea)).length === 1);
    const toDea = bot.connector.sentTo(chat(PEOPLE.dea))[0]!.attachments![0]!.content as Record<string, unknown>;
    expect(cardText(toDea)).toContain('Hub forum: Autism and group sessions');
    expect(cardText(toDea)).toContain('Your action: answer this post on the Disability Hub forum.');
    expect(cardVerbs(toDea)).toEqual(['forum.answer']);
    const postId = JSON.stringify(toDea).match(/"postId":"([0-9a-f-]{36})"/)![1]!;
    // A coach cannot answer; the DEA can, once.
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'forum.answer', { postId, version: 1, answer: 'Me' })).card)).toContain('The DEAs of the district answer posts on the forum.');
    const answered = await invokeAs(bot, PEOPLE.dea, 'forum.answer', { postId, version: 1, answer: 'Use the hidden impairment toolkit on the Hub.' });
    expect(cardText(answered.card)).toContain('Answered. The colleague who posted has been told.');
    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'forum.answer', { postId, version: 1, answer: 'Again' })).card)).toContain('This post has already been answered.');
    await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(chat(PEOPLE.coach))).includes('this post has an answer'));
    const forum = cardText(firstCard(await exchange(bot, PEOPLE.coach, 'forum')));
    expect(forum).toContain('Answer from Dana Morgan: Use the hidden impairment toolkit on the Hub.');
    expect(bot.cardProblems).toEqual([]);
  });

  it('a strategy’s meetings: a series in the diaries as durable work, the invitation saying why, notes after each meeting', async () => {
    const proposed = await invokeAs(bot, PEOPLE.dea, 'strategy.propose', { kind: 'employment', title: 'Job trials in logistics', why: 'Few job trials for claimants with back conditions.', gapNote: 'No trials this year', internalPartners: 'work_psychologist' });
    const [, strategyId, version] = JSON.stringify(proposed.card).match(/"strategyId":"([^"]+)","version":(\d+)/)!;
    expect(cardVerbs(proposed.card)).toContain('strategy.meetings');
    const today = new Date().toISOString().slice(0, 10);
    const refused = await invokeAs(bot, PEOPLE.dea, 'strategy.meetings', { strategyId, version, firstDate: today, time: '10:00', cadence: 'monthly', count: '3', mode: 'face_to_face', externalEmails: 'not an email' });
    expect(cardText(refused.card)).toContain('Choose a date after today.');
    expect(cardText(refused.card)).toContain('Enter email addresses like name@example.org');
    expect(allInputs(refused.card)).toMatchObject({ externalEmails: 'not an email', count: '3' });
    const first = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    const booked = await invokeAs(bot, PEOPLE.dea, 'strategy.meetings', { strategyId, version, firstDate: first, time: '10:00', cadence: 'monthly', count: '3', mode: 'face_to_face', externalEmails: 'ops@logistics.example.org' });
    expect(cardText(booked.card)).toContain('3 meetings are being added to the diaries.');
    // The DEA is told who the invitations go to, by name or group, as the diary work will invite them.
    expect(cardText(booked.card)).toMatch(/Invited: .*\(owns the strategy\)/);
    await bot.app.background.idle();
    // The diaries are written after the answer, by the durable work.
    const written = () => bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').count({ where: { subject: 'Strategy meeting: Job trials in logistics' } });
    for (let i = 0; i < 100 && (await written()) < 3; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const events = await bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent').find({ where: { subject: 'Strategy meeting: Job trials in logistics' } });
    expect(events[0]).toMatchObject({ mailbox: 'dana.morgan@jobcentre.example' });
    expect(events[0]!.body).toContain('Why this strategy is needed: Few job trials for claimants with back conditions.');
    // The owning team leader and the work psychologist by role, the external partner by email.
    for (const who of ['tom.baker@jobcentre.example', 'paul.avery@jobcentre.example', 'ops@logistics.example.org']) expect(events[0]!.attendees).toContain(who);
    // After the first meeting: its notes.
    const repo = bot.app.dataSource.getRepository<StrategyMeetingRow>('StrategyMeeting');
    const [firstMeeting] = await repo.find({ where: { strategyId }, order: { startsAt: 'ASC' } });
    const early = await invokeAs(bot, PEOPLE.dea, 'strategy.meeting-notes', { strategyId, meetingId: firstMeeting!.id, version: 1, notes: 'Too soon' });
    expect(cardText(early.card)).toContain('Record the notes once the meeting has started.');
    await repo.update({ id: firstMeeting!.id }, { startsAt: new Date(Date.now() - 3_600_000), endsAt: new Date(Date.now() - 60_000) });
    const open = await invokeAs(bot, PEOPLE.dea, 'strategy.open', { strategyId });
    expect(cardText(open.card)).toContain('no notes yet');
    expect(JSON.stringify(open.card)).toContain('"verb":"strategy.meeting-notes"');
    const noted = await invokeAs(bot, PEOPLE.wctl, 'strategy.meeting-notes', { strategyId, meetingId: firstMeeting!.id, version: 1, notes: 'Employer Engagement to find two warehouse job trials by March.' });
    expect(cardText(noted.card)).toContain('The meeting’s notes are recorded.');
    expect(cardText(noted.card)).toContain('Employer Engagement to find two warehouse job trials by March.');
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'strategy.meeting-notes', { strategyId, meetingId: firstMeeting!.id, version: 2, notes: 'x' })).card)).not.toContain('warehouse');

    // Notes typed on a card shown before the strategy was closed: refused, and the closed strategy's
    // card has no notes form, so the words come back in its note to copy rather than being lost.
    const [{ version: strategyVersion }] = await bot.app.dataSource.query('SELECT version FROM strategy WHERE id = ?', [strategyId]);
    const closedCard = (await invokeAs(bot, PEOPLE.wctl, 'strategy.close', { strategyId, version: strategyVersion })).card;
    expect(cardText(closedCard)).toContain('The strategy is closed.');
    expect(cardText(closedCard)).not.toContain('Next meeting');
    // Its two meetings still to come are taken out of the diaries after the click; the one held stays.
    await bot.app.background.idle();
    for (let i = 0; i < 100 && (await written()) > 1; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await written()).toBe(1);
    expect((await repo.find({ where: { strategyId }, order: { startsAt: 'ASC' } })).map((m) => m.status)).toEqual(['booked', 'cancelled', 'cancelled']);
    const late = await invokeAs(bot, PEOPLE.dea, 'strategy.meeting-notes', { strategyId, meetingId: firstMeeting!.id, version: 2, notes: 'Two trials agreed with Parcelco.' });
    expect(cardText(late.card)).toContain('This strategy is closed. What you typed: “Two trials agreed with Parcelco.”');
    expect(cardText(late.card)).not.toContain('What you typed is kept');
    expect(bot.cardProblems).toEqual([]);
  });

  it('a strategy with the work psychologist: Paul, Dana’s work psychologist, is sent it, opens it and adds to it; other strategies stay hidden from him', async () => {
    const WP = '00000000-0000-4000-8000-000000000007';
    await exchange(bot, WP, 'help');
    bot.connector.clear();
    const other = await invokeAs(bot, PEOPLE.dea, 'strategy.propose', { kind: 'provision', title: 'Peer support provision', why: 'No peer support groups near Crawley.', gapNote: 'No peer support' });
    const [, otherId] = JSON.stringify(other.card).match(/"strategyId":"([^"]+)"/)!;
    const proposed = await invokeAs(bot, PEOPLE.dea, 'strategy.propose', { kind: 'work_psychologist', title: 'Fluctuating conditions awareness', why: 'Coaches are unsure how to set work search for fluctuating conditions.', gapNote: 'No awareness session this year', areas: 'condition_management,work_coach_awareness' });
    expect(cardText(proposed.card)).toContain('Started. Tom Baker, who owns it, and Paul Avery, your work psychologist, have been told.');
    expect(cardText(proposed.card)).toContain('Work psychologist');
    const [, strategyId, version] = JSON.stringify(proposed.card).match(/"strategyId":"([^"]+)","version":(\d+)/)!;

    // Paul is sent it, as the owner is; only the strategy with the work psychologist.
    await bot.connector.waitFor(() => visibleText(bot.connector.sentTo(chat(WP))).includes('Fluctuating conditions awareness'));
    await bot.app.notifier.idle();
    const sent = bot.connector.sentTo(chat(WP));
    expect(sent).toHaveLength(1);
    const wpCard = sent[0]!.attachments![0]!.content as Record<string, unknown>;
    expect(cardText(wpCard)).toContain('Your action: add the actions you and Dana Morgan agree.');
    // He works on its actions; agreeing, booking meetings and closing are not his.
    expect(cardVerbs(wpCard)).toEqual(['strategy.add-action']);
    expect(visibleText(sent)).not.toContain('Peer support provision');

    const opened = await invokeAs(bot, WP, 'strategy.open', { strategyId });
    expect(cardText(opened.card)).toContain('Strategy: Fluctuating conditions awareness');
    const added = await invokeAs(bot, WP, 'strategy.add-action', { strategyId, version, text: 'Run an awareness session for the cohort', owner: 'Paul Avery' });
    expect(cardText(added.card)).toContain('Action added.');
    expect(cardText(added.card)).toContain('Paul Avery · Not started');
    const actionId = JSON.stringify(added.card).match(/"actionId":"([^"]+)"/)![1]!;
    expect(cardText((await invokeAs(bot, WP, 'strategy.action-status', { strategyId, actionId, status: 'in_progress' })).card)).toContain('Paul Avery · In progress');
    expect(cardText((await invokeAs(bot, WP, 'strategy.agree', { strategyId, version: Number(version) + 1 })).card)).toContain('Only the team leader who owns this strategy can agree to it. Nothing was changed.');
    expect(cardText((await invokeAs(bot, WP, 'strategy.close', { strategyId, version: Number(version) + 1 })).card)).toContain('can close it. Nothing was changed.');

    // Another kind of strategy stays invisible to him.
    const refused = cardText((await invokeAs(bot, WP, 'strategy.open', { strategyId: otherId })).card);
    expect(refused).toContain('Only the DEA who leads this strategy and the team leader who owns it can see it.');
    expect(refused).not.toContain('Peer support');
    expect(cardText((await invokeAs(bot, WP, 'strategy.add-action', { strategyId: otherId, version: 1, text: 'x', owner: 'y' })).card)).toContain('Nothing was changed.');

    // His way in: "partnerships" lists the strategies he takes part in, and no more.
    const menu = firstCard(await exchange(bot, WP, 'partnerships'));
    expect(cardVerbs(menu)).toEqual(['strategy.list']);
    expect(cardText(menu)).toContain('See the strategies you create with your DEA');
    const list = cardText((await invokeAs(bot, WP, 'strategy.list', {})).card);
    expect(list).toContain('Fluctuating conditions awareness');
    for (const hidden of ['Peer support provision', 'Psychosis support', 'Job trials in logistics']) expect(list).not.toContain(hidden);
    // A coach is still refused, and sees nothing of it.
    expect(visibleText(await exchange(bot, PEOPLE.coach, 'partnerships'))).toContain('Partnerships and strategies are for DEAs and their team leaders.');
    expect(cardText((await invokeAs(bot, PEOPLE.coach, 'strategy.open', { strategyId })).card)).not.toContain('Fluctuating');
    expect(bot.cardProblems).toEqual([]);
  });

  it('the Hub feedback forum: a second DEA who answers a post already answered gets back the answer they typed, to copy', async () => {
    // A second DEA of the district: the post goes to both.
    const cara = '00000000-0000-4000-8000-0000000000c4';
    await applySeed(bot.app.dataSource, { jobcentres: [], staff: [{ aadObjectId: cara, name: 'Cara Diaz', email: 'cara.diaz@jobcentre.example', roles: ['dea'], jobcentre: 'Horsham' }] });
    await exchange(bot, cara, 'help');
    bot.connector.clear();
    await invokeAs(bot, PEOPLE.coach, 'forum.post', { topic: 'Fluctuating conditions', body: 'How should coaches set work search for claimants whose condition varies week to week?' });
    await bot.connector.waitFor(() => bot.connector.sentTo(chat(PEOPLE.dea)).length === 1 && bot.connector.sentTo(chat(cara)).length === 1);
    const toCara = bot.connector.sentTo(chat(cara))[0]!.attachments![0]!.content as Record<string, unknown>;
    expect(cardVerbs(toCara)).toEqual(['forum.answer']);
    const [, postId, version] = JSON.stringify(toCara).match(/"postId":"([0-9a-f-]{36})","version":(\d+)/)!;
    // Dana answers first; Cara, still on the card as it was, sends the answer she typed.
    const first = await invokeAs(bot, PEOPLE.dea, 'forum.answer', { postId, version: Number(version), answer: 'Agree a flexible claimant commitment and review it monthly.' });
    expect(cardText(first.card)).toContain('Answered. The colleague who posted has been told.');
    const typed = 'Use the fluctuating conditions guidance: set work search by the good days and the bad.';
    const late = await invokeAs(bot, cara, 'forum.answer', { postId, version: Number(version), answer: typed });
    const text = cardText(late.card);
    expect(text).toContain('This post has already been answered. Nothing was saved.');
    // Her answer box is gone from the card as it now is: what she typed is in the note, to copy.
    expect(cardVerbs(late.card)).toEqual([]);
    expect(text).toContain(`What you typed: “${typed}”`);
    expect(text).toContain('Agree a flexible claimant commitment and review it monthly.');
    expect(bot.cardProblems).toEqual([]);
  });

  it('a strategy’s meetings invite the internal partners the DEA chose: their work psychologist (of the district), their cohort and its team leaders', async () => {
    // The district's only work psychologist now works at Horsham; Dana Morgan is at Crawley.
    await applySeed(bot.app.dataSource, { jobcentres: [], staff: [{ aadObjectId: '00000000-0000-4000-8000-000000000007', name: 'Paul Avery', email: 'paul.avery@jobcentre.example', roles: ['work_psychologist'], jobcentre: 'Horsham' }] });
    const title = 'Retention with local employers';
    const proposed = await invokeAs(bot, PEOPLE.dea, 'strategy.propose', { kind: 'employment', title, why: 'Several claimants lost jobs they could have kept.', gapNote: 'No retention support', internalPartners: 'work_psychologist,work_coaches,customer_services_leader,work_coach_team_leader' });
    // An employment strategy is with Employer Engagement (seed 000 §49): added for the DEA, and said so.
    expect(cardText(proposed.card)).toContain('Started. Tom Baker, who owns it, has been told. Employer Engagement is included as a partner, so its meetings invite them.');
    expect(cardText(proposed.card)).toContain('Employer Engagement, Work psychologist, Work coaches, Customer Services Leader, Work Coach Team Leader');
    const [, strategyId, version] = JSON.stringify(proposed.card).match(/"strategyId":"([^"]+)","version":(\d+)/)!;
    const first = new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10);
    const booked = await invokeAs(bot, PEOPLE.dea, 'strategy.meetings', { strategyId, version, firstDate: first, time: '10:00', cadence: 'once', mode: 'teams', externalEmails: '' });
    expect(cardText(booked.card)).toContain('The meeting is being added to the diaries.');
    expect(cardText(booked.card)).toContain('Employer Engagement: Grace Adeyemi');
    await bot.app.background.idle();
    const repo = bot.app.dataSource.getRepository<CalendarEventRow>('CalendarEvent');
    for (let i = 0; i < 100 && (await repo.count({ where: { subject: `Strategy meeting: ${title}` } })) < 1; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    const [event] = await repo.find({ where: { subject: `Strategy meeting: ${title}` } });
    const invited = (JSON.parse(event!.attendees) as { email: string }[]).map((a) => a.email);
    const dana = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.dea))!;
    const cohort = ((await bot.app.dataSource.query('SELECT email FROM staff WHERE deaId = ?', [dana.id])) as { email: string }[]).map((r) => r.email).filter((e) => e !== 'sofia.russo@jobcentre.example');
    expect(cohort).toHaveLength(30);
    // Employer Engagement (Grace Adeyemi, the employer adviser at Dana's jobcentre), the work psychologist Dana works with, every coach of her cohort and their team leader (who also owns it); each once, never Dana.
    expect(invited.sort()).toEqual(['grace.adeyemi@jobcentre.example', 'paul.avery@jobcentre.example', 'tom.baker@jobcentre.example', ...cohort].sort());
    expect(bot.cardProblems).toEqual([]);
  });

  it('the Hub feedback forum at its longest: a page of the longest posts and answers stays inside Teams’ message size, each read whole on its own card', async () => {
    const staffId = async (aad: string) => (await bot.app.dataSource.query('SELECT id FROM staff WHERE aadObjectId = ?', [aad]))[0].id as string;
    const [coach, dea] = [await staffId(PEOPLE.coach), await staffId(PEOPLE.dea)];
    // The most each field takes, in text a card's JSON writes longer (quotes, line breaks).
    const longest = (what: string, i: number, length: number) => `${what} ${i}: "Autism" and \\group\\ sessions.\n`.concat('How should coaches adapt group sessions for claimants who find them hard? '.repeat(40)).slice(0, length);
    const store = new SqlForumStore(bot.app.dataSource);
    const posts = [];
    for (let i = 0; i < FORUM_PAGE; i++) posts.push(await store.create({ district: 'Surrey and Sussex', authorId: coach, topic: longest('Topic', i, FORUM_LIMITS.topic), body: longest('Post', i, FORUM_LIMITS.body) }, new Date(Date.now() + 60_000 + i * 1000)));

    // The DEA: every post waits for an answer, written with the whole post in front of her.
    const toAnswer = firstCard(await exchange(bot, PEOPLE.dea, 'forum'));
    expect(JSON.stringify(toAnswer).length * 2).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);
    expect(cardText(toAnswer)).toContain(`Your action: answer the ${FORUM_PAGE} posts waiting for an answer.`);
    const opens = submitsIn(toAnswer);
    expect(opens.map((o) => o.title)).toEqual(posts.map(() => 'Read and answer'));
    for (const post of posts) {
      const open = opens.find((o) => o.data.postId === post.id)!;
      const whole = firstCard(await exchange(bot, PEOPLE.dea, open.data));
      expect(cardText(whole)).toContain(post.body);
      expect(cardVerbs(whole)).toEqual(['forum.answer']);
    }

    // Answered at the longest: the coach reads the start of each, and all of it on its own card.
    const answers = posts.map((_, i) => longest('Answer', i, FORUM_LIMITS.answer));
    for (const [i, post] of posts.entries()) expect(await store.answer(post.id, post.version, { text: answers[i]!, byId: dea }, new Date())).toBe(true);
    const list = firstCard(await exchange(bot, PEOPLE.coach, 'forum'));
    expect(JSON.stringify(list).length * 2).toBeLessThanOrEqual(CARD_SIZE_LIMIT_BYTES);
    const text = cardText(list);
    for (const post of posts) {
      expect(text).toContain(post.topic);
      expect(text).toContain(`${post.body.slice(0, 60)}`);
      expect(text).not.toContain(post.body);
    }
    const more = submitsIn(list);
    expect(more.map((o) => o.title)).toEqual(posts.map(() => 'Read more'));
    for (const [i, post] of posts.entries()) {
      const whole = cardText(firstCard(await exchange(bot, PEOPLE.coach, more.find((o) => o.data.postId === post.id)!.data)));
      expect(whole).toContain(post.body);
      expect(whole).toContain(answers[i]);
    }
    // A post that is not of the reader's district (or no post at all) is not shown.
    expect(visibleText(await exchange(bot, PEOPLE.coach, { verb: 'forum.open', postId: '00000000-0000-4000-8000-00000000dead' }))).toContain('That post is not on your district’s forum.');
    expect(bot.cardProblems).toEqual([]);
    await bot.app.dataSource.query('DELETE FROM hub_forum_post');
  });
});
