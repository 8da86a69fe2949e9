import { directoryChanged } from '../../data/stores/staff-directory';
import type { Activity } from 'botbuilder';
import { addMonths, londonDate } from '../../domain/requests/calendar-date';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { cardInputs, cardText, exchange, firstCard, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

const J = 'new-request';
const today = londonDate(new Date());
const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);

const claimantForm = (overrides: Record<string, string> = {}) => ({
  journey: J,
  step: 'form',
  action: 'submit',
  surname: 'Smith',
  nino: 'ab 12 34 56 c',
  benefits: 'UC,PIP',
  challenges: 'Anxiety makes travelling to interviews hard.',
  whyNeeded: 'Advice on reasonable adjustments for job search.',
  requiredBy: inTwoWeeks,
  ...overrides,
});

async function startClaimantForm(bot: TestBot, who: string = PEOPLE.coach): Promise<void> {
  const typeCard = firstCard(await exchange(bot, who, 'new request'));
  expect(visibleText([{ attachments: [{ contentType: 'x', content: typeCard }] }])).toContain('One to One Claimant Support');
  await exchange(bot, who, { journey: J, step: 'type', action: 'choose', choice: 'claimant_support' });
}

function text(replies: readonly Partial<Activity>[]): string {
  return visibleText(replies);
}

describe('new request (work coach)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => bot.close());

  it('explains each type in a line, then takes claimant support through to a saved case, a confirmation and the DEA card', async () => {
    const typeReplies = await exchange(bot, PEOPLE.coach, 'new request');
    expect(text(typeReplies)).toMatch(/One to One Claimant Support[\s\S]*progress a claimant[\s\S]*One to One Skill Support[\s\S]*knowledge gap/);
    const form = firstCard(await exchange(bot, PEOPLE.coach, { journey: J, step: 'type', action: 'choose', choice: 'claimant_support' }));
    expect(Object.keys(cardInputs(form))).toEqual(['surname', 'nino', 'benefits', 'challenges', 'whyNeeded', 'requiredBy', 'declaredSelfHarm']);

    const summary = await exchange(bot, PEOPLE.coach, claimantForm());
    expect(text(summary)).toContain('Check your request to Dana Morgan');
    expect(text(summary)).toContain('AB 12 34 56 C');

    const confirmation = await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'confirm' });
    const shown = text(confirmation);
    expect(shown).toMatch(/Sent to Dana Morgan: DEA-000001/);
    expect(shown).toMatch(/Copy this into LMS conversations:[\s\S]*DEA Support Request DEA-000001 \(One to One Claimant Support\) sent to DEA Dana Morgan/);

    const stored = await new SqlSupportRequestStore(bot.app.dataSource).findByNumber(1);
    expect(stored).toMatchObject({
      reference: 'DEA-000001',
      type: 'claimant_support',
      status: 'submitted',
      version: 1,
      urgent: false,
      requiredBy: inTwoWeeks,
      claimant: { surname: 'Smith', nino: 'AB123456C', benefits: ['UC', 'PIP'] },
      description: 'Anxiety makes travelling to interviews hard.',
      reason: 'Advice on reasonable adjustments for job search.',
    });

    // The DEA has not opened the app yet: the card waits in the outbox and arrives on their first visit;
    // meanwhile the coach is told, once, that their DEA has not got the app and what to do.
    await bot.app.notifier.idle();
    expect(bot.connector.sentTo(`a:personal-${PEOPLE.dea}`)).toHaveLength(0);
    const notice = text(bot.connector.sentTo(`a:personal-${PEOPLE.coach}`));
    expect(notice).toContain('Dana Morgan has not opened DEA Support in Teams yet, so they have not seen your request DEA-000001.');
    expect(notice).not.toMatch(/Smith|AB ?12 ?34 ?56 ?C|Anxiety/);
    await exchange(bot, PEOPLE.dea, 'hello');
    await bot.connector.waitFor((calls) => calls.some((c) => c.conversationId === `a:personal-${PEOPLE.dea}`));
    const deaCard = text(bot.connector.sentTo(`a:personal-${PEOPLE.dea}`));
    expect(deaCard).toContain('DEA-000001: One to One Claimant Support');
    expect(deaCard).toContain('AB 12 34 56 C');
    expect(deaCard).toContain('Anxiety makes travelling');
  });

  it('sends the DEA the card at once when the DEA has opened the app before', async () => {
    await exchange(bot, PEOPLE.dea, 'help');
    await startClaimantForm(bot);
    await exchange(bot, PEOPLE.coach, claimantForm());
    await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'confirm' });
    await bot.connector.waitFor((calls) => calls.some((c) => c.conversationId === `a:personal-${PEOPLE.dea}`));
    expect(text(bot.connector.sentTo(`a:personal-${PEOPLE.dea}`))).toContain('DEA-000001');
  });

  it('keeps everything typed and names each problem when the form has mistakes', async () => {
    await startClaimantForm(bot);
    const longText = 'x'.repeat(1001);
    const replies = await exchange(bot, PEOPLE.coach, claimantForm({ nino: 'DA123456C', surname: '', challenges: longText, requiredBy: '2020-01-01' }));
    const card = firstCard(replies);
    const shown = text(replies);
    expect(shown).toContain('There are 4 problems');
    expect(shown).toContain('A National Insurance number never starts with D.');
    expect(shown).toContain("Enter the claimant's surname.");
    expect(shown).toContain('must be 1000 characters or fewer (it is 1001)');
    expect(shown).toContain('cannot be in the past');
    expect(cardInputs(card)).toMatchObject({ nino: 'DA123456C', benefits: 'UC,PIP', challenges: longText, requiredBy: '2020-01-01' });
  });

  it.each([
    ['a prefix never issued', { nino: 'GB123456A' }, 'never issued'],
    ['a second letter O', { nino: 'AO123456A' }, 'second letter of a National Insurance number is never O'],
    ['a suffix E', { nino: 'AB123456E' }, '2 letters, 6 numbers and a letter A to D'],
    ['a date more than 3 months away', { requiredBy: addMonths(today, 4) }, 'within 3 months'],
    ['no benefits', { benefits: '' }, 'Choose the benefits'],
    ['an empty description', { whyNeeded: '   ' }, 'Enter why DEA support is needed.'],
  ])('refuses %s with a clear message', async (_name, change, message) => {
    await startClaimantForm(bot);
    expect(text(await exchange(bot, PEOPLE.coach, claimantForm(change)))).toContain(message);
  });

  it('refuses a non-benefit claimant and points to other support, saving nothing', async () => {
    await startClaimantForm(bot);
    const question = await exchange(bot, PEOPLE.coach, claimantForm({ benefits: 'PIP,DLA' }));
    expect(text(question)).toContain('This claimant is a non-benefit claimant');
    const answer = await exchange(bot, PEOPLE.coach, { journey: J, step: 'vulnerability', action: 'choose', choice: 'neither' });
    expect(text(answer)).toMatch(/non-benefit claimant.*Refer them to another source of support or information: your local disability hub lists them/);
    // The local Disability Hub is where to look for that support.
    expect(text(answer)).toContain('say "hub" and some words');
    expect(await bot.app.dataSource.getRepository('SupportRequest').count()).toBe(0);
  });

  it('offers "Edit the request" on the non-benefit question: back to the form with everything typed', async () => {
    await startClaimantForm(bot);
    const question = await exchange(bot, PEOPLE.coach, claimantForm({ benefits: 'PIP' }));
    const buttons = JSON.stringify(firstCard(question));
    expect(buttons).toContain('"title":"Edit the request"');
    expect(buttons).toContain('"action":"edit"');
    const form = firstCard(await exchange(bot, PEOPLE.coach, { journey: J, step: 'vulnerability', action: 'edit' }));
    expect(cardInputs(form)).toMatchObject({ surname: 'Smith', nino: 'ab 12 34 56 c', benefits: 'PIP', challenges: 'Anxiety makes travelling to interviews hard.' });
  });

  it('keeps everything typed after "Neither": told where to refer them, free to carry on, and Edit brings back the form to add the benefit that was missed', async () => {
    await startClaimantForm(bot);
    await exchange(bot, PEOPLE.coach, claimantForm({ benefits: 'PIP', surname: 'Forgotten' }));
    const answer = await exchange(bot, PEOPLE.coach, { journey: J, step: 'vulnerability', action: 'choose', choice: 'neither' });
    // The seed's wording, as before, and where to refer them.
    expect(text(answer)).toMatch(/non-benefit claimant, and the DEA cannot support them.*Refer them to another source of support or information/);
    // What was typed is kept, with a way back to it in case a benefit was not ticked.
    const kept = answer.flatMap((a) => a.attachments ?? []).map((a) => a.content as Record<string, unknown>).find((c) => cardText(c).includes('What you typed is kept'))!;
    const buttons = kept.actions as { title: string; data: Record<string, unknown> }[];
    expect(buttons.map((b) => b.title)).toEqual(['Edit the request', 'Cancel']);
    expect(await bot.app.dataSource.getRepository('SupportRequest').count()).toBe(0);
    // The conversation is over: the coach can do something else in between.
    expect(text(await exchange(bot, PEOPLE.coach, 'my requests'))).not.toMatch(/choose one of the options/);
    const form = firstCard(await exchange(bot, PEOPLE.coach, buttons[0]!.data));
    expect(cardInputs(form)).toMatchObject({ surname: 'Forgotten', nino: 'ab 12 34 56 c', benefits: 'PIP', challenges: 'Anxiety makes travelling to interviews hard.' });
    // The claimant gets ESA too: no question this time, the summary.
    expect(text(await exchange(bot, PEOPLE.coach, claimantForm({ benefits: 'PIP,ESA', surname: 'Forgotten' })))).toContain('Check your request to Dana Morgan');
    await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'confirm' });
    const stored = await new SqlSupportRequestStore(bot.app.dataSource).findByNumber(1);
    expect(stored).toMatchObject({ claimant: { surname: 'Forgotten', benefits: ['PIP', 'ESA'] }, vulnerability: null, urgent: false });
    // Sent: the draft is gone.
    await exchange(bot, PEOPLE.coach, 'new request');
    expect(cardInputs(firstCard(await exchange(bot, PEOPLE.coach, 'claimant')))).toMatchObject({ surname: '', nino: '' });
  });

  it('removes what was typed after "Neither" only when the coach cancels', async () => {
    await startClaimantForm(bot);
    await exchange(bot, PEOPLE.coach, claimantForm({ benefits: 'DLA' }));
    const answer = await exchange(bot, PEOPLE.coach, { journey: J, step: 'vulnerability', action: 'choose', choice: 'neither' });
    const kept = answer.flatMap((a) => a.attachments ?? []).map((a) => a.content as Record<string, unknown>).find((c) => cardText(c).includes('What you typed is kept'))!;
    const cancel = (kept.actions as { title: string; data: Record<string, unknown> }[]).find((b) => b.title === 'Cancel')!;
    expect(text(await exchange(bot, PEOPLE.coach, cancel.data))).toMatch(/Cancelled. Nothing was saved or sent./);
    await exchange(bot, PEOPLE.coach, 'new request');
    const form = firstCard(await exchange(bot, PEOPLE.coach, 'claimant'));
    expect(cardInputs(form)).toMatchObject({ surname: '', nino: '' });
    expect(await bot.app.dataSource.getRepository('SupportRequest').count()).toBe(0);
  });

  it('lets a declared intention of self-harm through, urgent, showing the 6 point plan at once', async () => {
    await startClaimantForm(bot);
    await exchange(bot, PEOPLE.coach, claimantForm({ benefits: 'AA' }));
    const replies = await exchange(bot, PEOPLE.coach, { journey: J, step: 'vulnerability', action: 'choose', choice: 'suicide_or_self_harm' });
    // The 6 point plan comes first, named as it is; the card adds no procedure of its own.
    expect(text([replies[0]!])).toMatch(/^Do this now: the claimant declared an intention to attempt suicide or self harm[\s\S]*1\. Follow the 6 point plan now[\s\S]*call 999/);
    expect(text([replies[0]!])).not.toMatch(/Samaritans|Stay with|Record what happened/);
    expect(text(replies)).toContain('URGENT');
    await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'confirm' });
    const stored = await new SqlSupportRequestStore(bot.app.dataSource).findByNumber(1);
    expect(stored).toMatchObject({ urgent: true, vulnerability: 'suicide_or_self_harm' });
  });

  it('records a declaration of suicide or self-harm for any claimant: urgent, with the steps to take shown at once', async () => {
    await startClaimantForm(bot);
    const replies = await exchange(bot, PEOPLE.coach, claimantForm({ benefits: 'UC', declaredSelfHarm: 'yes' }));
    expect(text([replies[0]!])).toMatch(/^Do this now[\s\S]*1\. Follow the 6 point plan now[\s\S]*3\. The DEA can help/);
    expect(text(replies)).toContain('URGENT');
    await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'confirm' });
    const stored = await new SqlSupportRequestStore(bot.app.dataSource).findByNumber(1);
    expect(stored).toMatchObject({ urgent: true, vulnerability: 'suicide_or_self_harm' });
  });

  it('takes skill support: topic, description and date', async () => {
    await exchange(bot, PEOPLE.coach, 'new request');
    const form = firstCard(await exchange(bot, PEOPLE.coach, 'skill'));
    expect(Object.keys(cardInputs(form))).toEqual(['topic', 'description', 'requiredBy']);
    await exchange(bot, PEOPLE.coach, { journey: J, step: 'form', action: 'submit', topic: 'reasonable_adjustments', description: 'Adjustments for a claimant with dyslexia', requiredBy: inTwoWeeks });
    await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'confirm' });
    const stored = await new SqlSupportRequestStore(bot.app.dataSource).findByNumber(1);
    expect(stored).toMatchObject({ type: 'skill_support', topic: 'reasonable_adjustments', claimant: null });
  });

  it('lets the coach edit from the summary with everything still filled in', async () => {
    await startClaimantForm(bot);
    await exchange(bot, PEOPLE.coach, claimantForm());
    const form = firstCard(await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'edit' }));
    expect(cardInputs(form)).toMatchObject({ surname: 'Smith', nino: 'ab 12 34 56 c', benefits: 'UC,PIP' });
  });

  it('leaves nothing saved after cancel at any step, and says so', async () => {
    await startClaimantForm(bot);
    await exchange(bot, PEOPLE.coach, claimantForm());
    expect(text(await exchange(bot, PEOPLE.coach, 'cancel'))).toMatch(/Cancelled/);
    expect(await bot.app.dataSource.getRepository('SupportRequest').count()).toBe(0);
    // A fresh start is fresh: the cancelled draft is gone too.
    await exchange(bot, PEOPLE.coach, 'new request');
    const form = firstCard(await exchange(bot, PEOPLE.coach, 'claimant'));
    expect(cardInputs(form)).toMatchObject({ surname: '', nino: '' });
    // Cancel from the card's own button.
    expect(text(await exchange(bot, PEOPLE.coach, { journey: J, step: 'form', action: 'cancel' }))).toMatch(/Cancelled/);
  });

  it('answers help in the middle without losing the place', async () => {
    await startClaimantForm(bot);
    expect(text(await exchange(bot, PEOPLE.coach, 'help'))).toMatch(/still in the middle/);
    expect(text(await exchange(bot, PEOPLE.coach, claimantForm()))).toContain('Check your request');
  });

  it('asks for the form again when the coach types instead of using it', async () => {
    await startClaimantForm(bot);
    expect(text(await exchange(bot, PEOPLE.coach, 'Smith AB123456C'))).toMatch(/fill in the form above/);
  });

  it('lists my requests newest first, opens one, and withdraws it; the DEA copy is updated', async () => {
    await exchange(bot, PEOPLE.dea, 'help');
    for (const surname of ['First', 'Second']) {
      await startClaimantForm(bot);
      await exchange(bot, PEOPLE.coach, claimantForm({ surname }));
      await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'confirm' });
    }
    const list = text(await exchange(bot, PEOPLE.coach, 'my requests'));
    expect(list.indexOf('DEA-000002')).toBeLessThan(list.indexOf('DEA-000001'));
    expect(list).toContain('Waiting for the DEA');

    const store = new SqlSupportRequestStore(bot.app.dataSource);
    const first = (await store.findByNumber(1))!;
    const opened = firstCard(await exchange(bot, PEOPLE.coach, { verb: 'request.open', requestId: first.id }));
    // Withdrawing is confirmed on the card: its button is inside the confirmation.
    const confirm = (opened.actions as { title: string; card?: { actions: { verb?: string; data: Record<string, unknown> }[] } }[]).find((a) => a.title === 'Withdraw request');
    const withdrawAction = confirm?.card?.actions.find((a) => a.verb === 'request.withdraw');
    expect(withdrawAction?.data).toEqual({ requestId: first.id, version: 1 });

    await bot.connector.waitFor((calls) => calls.filter((c) => c.conversationId === `a:personal-${PEOPLE.dea}`).length >= 2);
    bot.connector.clear();
    const invoke = await bot.post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `invoke-${Date.now()}`,
      channelId: 'msteams',
      from: { id: 'x', aadObjectId: PEOPLE.coach },
      recipient: { id: 'bot' },
      conversation: { id: `a:personal-${PEOPLE.coach}`, conversationType: 'personal' },
      value: { action: { type: 'Action.Execute', verb: 'request.withdraw', data: withdrawAction!.data } },
    } as Partial<Activity>);
    expect(invoke.status).toBe(200);
    const body = invoke.body as { statusCode: number; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(JSON.stringify(body.value)).toContain('You withdrew this request');
    expect((await store.findByNumber(1))?.status).toBe('withdrawn');

    // Every posted copy (the DEA's) now shows the new status.
    await bot.connector.waitFor((calls) => calls.some((c) => c.method === 'PUT' && c.conversationId === `a:personal-${PEOPLE.dea}`));
    const update = bot.connector.calls.find((c) => c.method === 'PUT')!;
    expect(visibleText([update.activity])).toContain('Withdrawn');

    // The same click again (a stale card) changes nothing and says so.
    const again = await bot.post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `invoke-again-${Date.now()}`,
      channelId: 'msteams',
      from: { id: 'x', aadObjectId: PEOPLE.coach },
      recipient: { id: 'bot' },
      conversation: { id: `a:personal-${PEOPLE.coach}`, conversationType: 'personal' },
      value: { action: { type: 'Action.Execute', verb: 'request.withdraw', data: withdrawAction!.data } },
    } as Partial<Activity>);
    expect(JSON.stringify((again.body as { value: unknown }).value)).toContain('changed since you last saw it');
  });

  it('does not let another coach withdraw or see a request', async () => {
    await startClaimantForm(bot);
    await exchange(bot, PEOPLE.coach, claimantForm());
    await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'confirm' });
    const request = (await new SqlSupportRequestStore(bot.app.dataSource).findByNumber(1))!;
    const otherCoach = '00000000-0000-4000-8000-000000000101';
    const invoke = await bot.post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      id: `invoke-other-${Date.now()}`,
      channelId: 'msteams',
      from: { id: 'y', aadObjectId: otherCoach },
      recipient: { id: 'bot' },
      conversation: { id: `a:personal-${otherCoach}`, conversationType: 'personal' },
      value: { action: { type: 'Action.Execute', verb: 'request.withdraw', data: { requestId: request.id, version: 1 } } },
    } as Partial<Activity>);
    const shown = JSON.stringify((invoke.body as { value: unknown }).value);
    expect(shown).toContain('Only the person who made a request can withdraw it');
    expect(shown).not.toContain('AB 12 34 56 C');
    expect((await new SqlSupportRequestStore(bot.app.dataSource).findByNumber(1))?.status).toBe('submitted');
  });
});

describe('new request (colleagues and missing DEA)', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
  });
  afterEach(async () => bot.close());

  it('lets a service delivery coach ask the DEA with a reason and a criticality', async () => {
    const form = firstCard(await exchange(bot, PEOPLE.colleague, 'new request'));
    expect(Object.keys(cardInputs(form))).toEqual(['reason', 'description', 'criticality', 'requiredBy']);
    const missing = await exchange(bot, PEOPLE.colleague, { journey: J, step: 'form', action: 'submit', reason: 'Skills support', description: 'Claimant with hearing loss', criticality: '' });
    expect(text(missing)).toContain('urgent or non-urgent');
    await exchange(bot, PEOPLE.colleague, { journey: J, step: 'form', action: 'submit', reason: 'Skills support', description: 'Claimant with hearing loss', criticality: 'urgent' });
    await exchange(bot, PEOPLE.colleague, { journey: J, step: 'confirm', action: 'confirm' });
    const stored = await new SqlSupportRequestStore(bot.app.dataSource).findByNumber(1);
    expect(stored).toMatchObject({ type: 'colleague_support', urgent: true, reason: 'Skills support', requiredBy: null });
  });

  it('tells a coach with no DEA so, and whom to ask, keeping what they typed', async () => {
    await startClaimantForm(bot);
    await exchange(bot, PEOPLE.coach, claimantForm({ surname: 'Kept' }));
    await bot.app.dataSource.query(`UPDATE staff SET deaId = NULL WHERE aadObjectId = '${PEOPLE.coach}'`);
    // As the seed says when it changes the directory.
    directoryChanged();
    const replies = await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'confirm' });
    expect(text(replies)).toMatch(/no DEA assigned.*Tom Baker.*What you typed is kept/);
    expect(await bot.app.dataSource.getRepository('SupportRequest').count()).toBe(0);

    const dea = (await bot.app.dataSource.query(`SELECT id FROM staff WHERE aadObjectId = '${PEOPLE.dea}'`)) as { id: string }[];
    await bot.app.dataSource.query(`UPDATE staff SET deaId = '${dea[0]!.id}' WHERE aadObjectId = '${PEOPLE.coach}'`);
    directoryChanged();
    const form = firstCard(await exchange(bot, PEOPLE.coach, 'new request'));
    expect(cardInputs(form)).toMatchObject({ surname: 'Kept', nino: 'ab 12 34 56 c' });
  });

  it('lets a Work Coach Team Leader ask directly for a DEA claimant support intervention (seed §39)', async () => {
    const typeCard = firstCard(await exchange(bot, PEOPLE.wctl, 'new request'));
    const offered = visibleText([{ attachments: [{ contentType: 'x', content: typeCard }] }]);
    expect(offered).toContain('Claimant support intervention by the DEA');
    expect(offered).toContain('Support for you or your team');
    expect(offered).not.toContain('One to One Skill Support');
    expect(text(await exchange(bot, PEOPLE.wctl, 'skill'))).toContain('Please choose one of the options');
    // The form asks whose claimant it is (seed §41: the summary goes to the claimant's work coach),
    // from the work coaches the team leader leads, by name.
    const form = firstCard(await exchange(bot, PEOPLE.wctl, { journey: J, step: 'type', action: 'choose', choice: 'claimant_support' }));
    const coachChoice = JSON.stringify(form);
    expect(coachChoice).toContain("Claimant's work coach");
    const amira = (await bot.app.dataSource.query(`SELECT id FROM staff WHERE aadObjectId = '${PEOPLE.coach}'`)) as { id: string }[];
    expect(coachChoice).toContain(`{"title":"Amira Shah","value":"${amira[0]!.id}"}`);
    expect(coachChoice).not.toContain('Dana Morgan');
    // Not chosen, or not one of theirs: the form again, the reason beside the field, the rest kept.
    const unchosen = firstCard(await exchange(bot, PEOPLE.wctl, claimantForm({ benefits: 'UC' })));
    expect(cardText(unchosen)).toContain("Choose the claimant's work coach: the DEA's summary goes to them, to follow up.");
    expect(cardInputs(unchosen)).toMatchObject({ surname: 'Smith' });
    const stranger = firstCard(await exchange(bot, PEOPLE.wctl, claimantForm({ benefits: 'UC', claimantCoach: '00000000-0000-4000-8000-00000000dead' })));
    expect(cardText(stranger)).toContain("Choose the claimant's work coach from the list: only your team's work coaches can be named.");
    const summary = firstCard(await exchange(bot, PEOPLE.wctl, claimantForm({ benefits: 'UC', claimantCoach: amira[0]!.id })));
    expect(cardText(summary)).toMatch(/Claimant's work coach[\s\S]*Amira Shah/);
    await exchange(bot, PEOPLE.wctl, { journey: J, step: 'confirm', action: 'confirm' });
    const stored = await new SqlSupportRequestStore(bot.app.dataSource).findByNumber(1);
    expect(stored).toMatchObject({ type: 'claimant_support', requestedChannel: 'claimant_support_intervention', status: 'submitted', claimantCoachId: amira[0]!.id });
    // The coach may open it and sees their own claimant in full; the DEA sees whose claimant it is.
    const coachCard = (await invokeAs(bot, PEOPLE.coach, 'request.refresh', { requestId: stored!.id })).card;
    expect(cardText(coachCard)).toMatch(/NI number[\s\S]*AB 12 34 56 C/);
    expect(cardText(coachCard)).toMatch(/Requested by[\s\S]*Tom Baker/);
    // The DEA sees what was asked for, preselected on the Accept form.
    const card = (await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: stored!.id, version: stored!.version })).card;
    expect(cardText(card)).toMatch(/Type of support asked for[\s\S]*Claimant support intervention by the DEA/);
    expect(cardText(card)).toMatch(/Claimant's work coach[\s\S]*Amira Shah/);
    expect(JSON.stringify(card)).toMatch(/"id":"channel"[^}]*"value":"claimant_support_intervention"|"value":"claimant_support_intervention"[^}]*"id":"channel"/);
  });

  it('lets a Work Coach Team Leader who manages two DEAs ask for an intervention: the form at once, and the request goes to the chosen coach\'s DEA (seed §39)', async () => {
    const [tom] = (await bot.app.dataSource.query(`SELECT id, jobcentreId FROM staff WHERE aadObjectId = '${PEOPLE.wctl}'`)) as { id: string; jobcentreId: string }[];
    const stamp = '2026-11-30 10:00:00.000';
    await bot.app.dataSource.query('INSERT INTO staff (id, aadObjectId, name, email, jobcentreId, deaId, teamLeaderId, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?)', [
      'second-dea', '00000000-0000-4000-8000-0000000009aa', 'Rita Vance', 'rita.vance@jobcentre.example', tom!.jobcentreId, tom!.id, stamp, stamp,
    ]);
    await bot.app.dataSource.query("INSERT INTO staff_role (staffId, role) VALUES ('second-dea', 'dea')");
    await bot.app.dataSource.query("UPDATE staff SET deaId = 'second-dea' WHERE aadObjectId = '00000000-0000-4000-8000-000000000101'");
    directoryChanged();
    const [ben] = (await bot.app.dataSource.query("SELECT id FROM staff WHERE aadObjectId = '00000000-0000-4000-8000-000000000101'")) as { id: string }[];

    const started = await exchange(bot, PEOPLE.wctl, 'new request');
    expect(text(started)).not.toContain('no DEA assigned');
    const form = firstCard(started);
    expect(cardText(form)).toContain("You have no DEA of your own, so you can ask for a claimant support intervention: it goes to the DEA of the claimant's work coach you choose.");
    expect(JSON.stringify(form)).toContain(`{"title":"Ben Turner","value":"${ben!.id}"}`);
    const summary = firstCard(await exchange(bot, PEOPLE.wctl, claimantForm({ benefits: 'UC', claimantCoach: ben!.id })));
    expect(cardText(summary)).toContain('Check your request to Rita Vance');
    await exchange(bot, PEOPLE.wctl, { journey: J, step: 'confirm', action: 'confirm' });
    const stored = await new SqlSupportRequestStore(bot.app.dataSource).findByNumber(1);
    expect(stored).toMatchObject({ type: 'claimant_support', deaId: 'second-dea', claimantCoachId: ben!.id, requestedChannel: 'claimant_support_intervention' });
  });

  it('tells a DEA that requests come to them', async () => {
    expect(text(await exchange(bot, PEOPLE.dea, 'new request'))).toMatch(/as a DEA you receive them here/);
  });
});

describe('privacy', () => {
  it('writes neither the NINO nor the surname nor the health text to the logs during a whole journey', async () => {
    const bot = await startTestBot();
    try {
      await exchange(bot, PEOPLE.dea, 'help');
      await startClaimantForm(bot);
      await exchange(bot, PEOPLE.coach, claimantForm({ surname: 'Zebedee', nino: 'AB 98 76 54 D', challenges: 'Severe agoraphobia', benefits: 'PIP' }));
      await exchange(bot, PEOPLE.coach, { journey: J, step: 'vulnerability', action: 'choose', choice: 'clearly_vulnerable' });
      await exchange(bot, PEOPLE.coach, { journey: J, step: 'confirm', action: 'confirm' });
      await exchange(bot, PEOPLE.coach, 'my requests');
      await bot.app.notifier.idle();
      const logs = bot.logs.join('');
      expect(logs.length).toBeGreaterThan(200);
      expect(logs).not.toMatch(/AB ?98 ?76 ?54 ?D/i);
      expect(logs).not.toContain('Zebedee');
      expect(logs).not.toContain('agoraphobia');
    } finally {
      await bot.close();
    }
  });
});

describe('a double click on "Send"', () => {
  it('makes one request, and tells the DEA once', async () => {
    const bot = await startTestBot();
    try {
      await exchange(bot, PEOPLE.dea, 'help');
      bot.connector.clear();
      await startClaimantForm(bot);
      await exchange(bot, PEOPLE.coach, claimantForm());
      const send = { journey: J, step: 'confirm', action: 'confirm' };
      const [first, second] = await Promise.all([exchange(bot, PEOPLE.coach, send), exchange(bot, PEOPLE.coach, send)]);
      expect(text([...first, ...second])).toContain('DEA-000001');
      expect(text([...first, ...second])).not.toContain('DEA-000002');
      expect(await bot.app.dataSource.getRepository('SupportRequest').count()).toBe(1);
      await bot.app.notifier.idle();
      expect(bot.connector.sentTo(`a:personal-${PEOPLE.dea}`)).toHaveLength(1);
    } finally {
      await bot.close();
    }
  });
});
