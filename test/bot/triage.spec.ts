import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import type { NewSupportRequest } from '../../domain/requests/ports';
import type { SupportRequest } from '../../domain/requests/support-request';
import type { Activity } from 'botbuilder';
import { TriageService } from '../../domain/requests/triage-service';
import { cardInputs, cardText, cardVerbs, chatNow, choiceValues, exchange, invokeAs, linesTo, messageFrom, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

const OTHER_COACH = '00000000-0000-4000-8000-000000000101';
const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function fileRequest(bot: TestBot, overrides: Partial<NewSupportRequest> & { requesterAad?: string } = {}): Promise<SupportRequest> {
  const directory = new SqlStaffDirectory(bot.app.dataSource);
  const requester = (await directory.findByAadObjectId(overrides.requesterAad ?? PEOPLE.coach))!;
  const { requesterAad: _ignored, ...rest } = overrides;
  return new SqlSupportRequestStore(bot.app.dataSource).create(
    {
      type: 'claimant_support',
      requesterId: requester.id,
      deaId: requester.deaId!,
      claimant: { surname: 'Smith', nino: 'AB123456C', benefits: ['UC'] },
      topic: null,
      description: 'Challenges',
      reason: 'Why',
      requiredBy: dayOffset(10),
      urgent: false,
      vulnerability: null,
      ...rest,
    },
    new Date(),
  );
}

async function stored(bot: TestBot, id: string): Promise<SupportRequest> {
  return (await new SqlSupportRequestStore(bot.app.dataSource).findById(id))!;
}

describe('DEA triage on the request card', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
    // Everyone has opened the app, so proactive cards can reach them.
    for (const who of [PEOPLE.coach, PEOPLE.dea, PEOPLE.wctl, OTHER_COACH]) await exchange(bot, who, 'help');
    bot.connector.clear();
  });
  afterEach(async () => bot.close());

  it('shows each person their own view: the DEA the actions, the coach their status and withdraw, the team leader read only', async () => {
    const request = await fileRequest(bot);
    const data = { requestId: request.id, version: 1 };
    const dea = await invokeAs(bot, PEOPLE.dea, 'request.refresh', data);
    expect(cardVerbs(dea.card)).toEqual(['request.accept', 'request.ask', 'request.redirect']);
    // Automatic refresh for the two people in the request, by their Teams user ids (MRIs).
    expect((dea.card.refresh as { userIds: string[] }).userIds).toEqual([`29:${PEOPLE.coach}`, `29:${PEOPLE.dea}`]);
    expect(cardText(dea.card)).toContain('AB 12 34 56 C');
    const coach = await invokeAs(bot, PEOPLE.coach, 'request.refresh', data);
    expect(cardVerbs(coach.card)).toEqual(['request.withdraw']);
    const leader = await invokeAs(bot, PEOPLE.wctl, 'request.refresh', data);
    expect(cardVerbs(leader.card)).toEqual([]);
    expect(cardText(leader.card)).toContain('You can read this request. There is nothing for you to do.');
    expect(cardText(leader.card)).not.toContain('AB 12 34 56 C');
    expect(cardText(leader.card)).not.toContain('Smith');
    expect(cardText(leader.card)).not.toContain('Challenges');
    expect(cardText(leader.card)).not.toContain('Universal Credit');
    const stranger = await invokeAs(bot, OTHER_COACH, 'request.refresh', data);
    expect(cardText(stranger.card)).toContain('not yours to see');
  });

  it('accepts with a channel: the card says so, the coach is told, the copies are updated and it is audited', async () => {
    const request = await fileRequest(bot);
    // Normal delivery, as Teams does: the posted card gets an id that later updates use.
    await bot.post(messageFrom(PEOPLE.dea, undefined, { value: { verb: 'request.open', requestId: request.id } } as Partial<Activity>));
    await bot.connector.waitFor((calls) => calls.some((c) => c.conversationId === `a:personal-${PEOPLE.dea}`));
    const accepted = await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, channel: 'case_conference' });
    expect(cardText(accepted.card)).toMatch(/Accepted\. The work coach has been told/);
    expect(cardText(accepted.card)).toContain('Work coach and DEA case conference');
    expect(await stored(bot, request.id)).toMatchObject({ status: 'accepted', channel: 'case_conference', version: 2 });

    await bot.connector.waitFor((calls) => calls.some((c) => c.conversationId === `a:personal-${PEOPLE.coach}`));
    expect(visibleText(bot.connector.sentTo(`a:personal-${PEOPLE.coach}`))).toMatch(/Accepted[\s\S]*case conference/);
    await bot.connector.waitFor((calls) => calls.some((c) => c.method === 'PUT'));
    const updated = bot.connector.calls.find((c) => c.method === 'PUT')!;
    expect(updated.conversationId).toBe(`a:personal-${PEOPLE.dea}`);
    expect(visibleText([updated.activity])).toContain('Work coach and DEA case conference');
    const events = await bot.app.dataSource.query('SELECT action, fromStatus, toStatus, actorId FROM request_event WHERE requestId = ? ORDER BY at', [request.id]);
    expect(events.map((e: { action: string }) => e.action)).toEqual(['submit', 'accept:case_conference']);
    expect(events[1]).toMatchObject({ fromStatus: 'submitted', toStatus: 'accepted', actorId: request.deaId });
  });

  it('keeps one live card per person: a change to a card they have is a line, and opening it again moves the card', async () => {
    const request = await fileRequest(bot);
    const open = () => bot.post(messageFrom(PEOPLE.dea, undefined, { value: { verb: 'request.open', requestId: request.id } } as Partial<Activity>));
    await open();
    await bot.connector.waitFor((calls) => calls.some((c) => c.conversationId === `a:personal-${PEOPLE.dea}`));
    // The coach has no copy yet: the question reaches them as the card itself.
    await invokeAs(bot, PEOPLE.dea, 'request.ask', { requestId: request.id, version: 1, question: 'Which benefits?' });
    await bot.app.notifier.idle();
    expect(linesTo(bot, PEOPLE.coach)).toEqual([]);
    expect(visibleText(chatNow(bot, PEOPLE.coach))).toContain('Which benefits?');
    // The DEA has a copy: the answer is a line saying who did what, and the copy shows the answer.
    const before = bot.connector.sentTo(`a:personal-${PEOPLE.dea}`).length;
    await invokeAs(bot, PEOPLE.coach, 'request.answer', { requestId: request.id, version: 2, answer: 'Only UC' });
    await bot.app.notifier.idle();
    const posted = bot.connector.sentTo(`a:personal-${PEOPLE.dea}`).slice(before);
    expect(posted.filter((a) => a.attachments?.length)).toEqual([]);
    expect(linesTo(bot, PEOPLE.dea)).toEqual([expect.stringMatching(new RegExp(`^${request.reference}: Amira Shah answered your question\\. \\(\\w+ \\d+ \\w+, \\d\\d:\\d\\d\\)$`))]);
    expect(visibleText(chatNow(bot, PEOPLE.dea))).toContain('Only UC');
    // Opened again, the request's card is posted anew and the older copy says where it went.
    await open();
    await bot.connector.waitFor((calls) => calls.filter((c) => c.conversationId === `a:personal-${PEOPLE.dea}` && c.method === 'POST' && c.activity.attachments?.length).length >= 2);
    const cards = chatNow(bot, PEOPLE.dea).filter((a) => a.attachments?.length);
    expect(visibleText([cards[0]!])).toBe(`${request.reference}: this card is now further down this chat, where it is kept up to date.`);
    expect(visibleText([cards[1]!])).toContain('Only UC');
    const copies = await bot.app.dataSource.query('SELECT activityId FROM posted_card WHERE requestId = ? AND recipientAad = ?', [request.id, PEOPLE.dea]);
    expect(copies).toHaveLength(1);
  });

  it('shows the team leader an urgent request as URGENT only, without the reason', async () => {
    const request = await fileRequest(bot, { urgent: true, vulnerability: 'suicide_or_self_harm', claimant: { surname: 'Smith', nino: 'AB123456C', benefits: ['PIP'] } });
    const leader = await invokeAs(bot, PEOPLE.wctl, 'request.refresh', { requestId: request.id, version: 1 });
    expect(cardText(leader.card)).toContain('URGENT');
    expect(cardText(leader.card)).not.toMatch(/suicide|self-harm|Personal Independence/i);
    const dea = await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id, version: 1 });
    expect(cardText(dea.card)).toContain('URGENT: declared intention to attempt suicide or self harm');
  });

  it('keeps what the DEA typed when the click is refused because the card was stale', async () => {
    const request = await fileRequest(bot);
    await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, channel: 'informational_support' });
    const stale = await invokeAs(bot, PEOPLE.dea, 'request.ask', { requestId: request.id, version: 1, question: 'Does the claimant use a hearing loop?' });
    expect(cardText(stale.card)).toContain('What you typed: “Does the claimant use a hearing loop?”');
  });

  it('starts each card with what it is and what the reader must do, details behind "Show details", and at most three buttons', async () => {
    const request = await fileRequest(bot);
    const { card } = await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id });
    const body = card.body as Record<string, unknown>[];
    expect(body[0]).toMatchObject({ text: `${request.reference}: One to One Claimant Support`, style: 'heading' });
    expect(body.map((b) => b.text)).toContain('Your action: accept this request with a type of support, ask for more information, or redirect it.');
    const toggle = body.find((b) => b.type === 'ActionSet') as { actions: Record<string, unknown>[] };
    expect(toggle.actions[0]).toMatchObject({ type: 'Action.ToggleVisibility', title: 'Show details', targetElements: ['details'] });
    const details = body.find((b) => b.id === 'details')!;
    expect(details.isVisible).toBe(false);
    // Nobody is shown themselves as a fact: the DEA's own name is not a fact on the DEA's card.
    expect(JSON.stringify(details)).toContain('Requested by');
    expect(JSON.stringify(details)).not.toContain('"title":"DEA"');
    const actions = card.actions as Record<string, unknown>[];
    expect(actions.filter((a) => a.mode !== 'secondary').map((a) => a.title)).toEqual(['Accept', 'Ask for more information']);
    // Declining is never first, and says on the card what will happen and who is told.
    const decline = actions.find((a) => a.title === 'Redirect or decline')!;
    expect(decline.mode).toBe('secondary');
    expect(cardText(decline.card as Record<string, unknown>)).toContain('The request is closed and Amira Shah is told, with your reason');
  });

  it("shows the DEA a colleague's job role, as the subject of their request", async () => {
    const request = await fileRequest(bot, { requesterAad: PEOPLE.colleague, type: 'colleague_support', claimant: null, description: 'A returner needs a workstation assessment', reason: 'Reasonable adjustments' });
    const { card } = await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id });
    const text = cardText(card);
    expect(text).toContain(`${request.reference}: Service Delivery Coach support request`);
    expect(text).toContain('From Sofia Russo, Service Delivery Coach');
    expect(text).toContain('A returner needs a workstation assessment');
    // One to one support or information only (seed §65): a colleague is in no group of work coaches.
    expect(choiceValues(card, 'channel')).toEqual(['skill_conference', 'informational_support']);
    // Labelled for a colleague, who is not a work coach.
    expect(cardText(card)).toContain('One to one support with the DEA (skill conference)');
    expect(cardText(card)).not.toContain('Work coach and DEA skill conference');
    const refused = await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: request.version, channel: 'group_conference' });
    expect(cardText(refused.card)).toContain("Group work coach conference does not fit a colleague's request");
    expect(cardText(refused.card)).toContain("For a colleague's request, choose one to one support with the DEA (skill conference) or informational support.");
    expect((await new SqlSupportRequestStore(bot.app.dataSource).findById(request.id))?.status).toBe('submitted');
  });

  it('confirms a withdrawal on the card, saying what happens and who is told', async () => {
    const request = await fileRequest(bot);
    const { card } = await invokeAs(bot, PEOPLE.coach, 'request.refresh', { requestId: request.id });
    const actions = card.actions as Record<string, unknown>[];
    expect(actions.filter((a) => a.mode !== 'secondary')).toEqual([]);
    const withdraw = actions.find((a) => a.title === 'Withdraw request')!;
    expect(withdraw).toMatchObject({ type: 'Action.ShowCard', mode: 'secondary' });
    const confirm = withdraw.card as Record<string, unknown>;
    expect(cardText(confirm)).toContain('If you withdraw it, the request is closed and Dana Morgan is told.');
    expect(confirm.actions).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: 'request.withdraw', title: 'Yes, withdraw the request', style: 'destructive' })]);
    // The coach's card does not name the coach as a fact.
    expect(JSON.stringify(card)).not.toContain('"title":"Requested by"');
  });

  it('brings a refused form back open, each problem beside its field and everything typed kept', async () => {
    const request = await fileRequest(bot);
    const refusedAccept = await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, question: 'Typed in another form' });
    const body = refusedAccept.card.body as Record<string, unknown>[];
    // The Accept form is in the card's body, not behind its button.
    const open = body.find((b) => b.style === 'emphasis' && JSON.stringify(b).includes('"id":"channel"'))!;
    expect(open).toBeDefined();
    const text = JSON.stringify(open);
    expect(text.indexOf('"id":"channel"')).toBeLessThan(text.indexOf('Choose the type of support'));
    expect(JSON.stringify(open)).toContain('request.accept');
    expect((refusedAccept.card.actions as Record<string, unknown>[]).map((a) => a.title)).not.toContain('Accept');
    // What was typed elsewhere on the card is kept in its field.
    const ask = (refusedAccept.card.actions as Record<string, unknown>[]).find((a) => a.title === 'Ask for more information')!;
    expect(cardInputs(ask.card as Record<string, unknown>)).toMatchObject({ question: 'Typed in another form' });
  });

  it('leaves the card in place, with what was typed, when a click fails on our side (not the database)', async () => {
    const request = await fileRequest(bot);
    const broken = jest.spyOn(TriageService.prototype, 'askForInformation').mockRejectedValueOnce(new TypeError("Cannot read properties of undefined (reading 'id')"));
    try {
      const { status, body } = await bot.post({
        type: 'invoke',
        name: 'adaptiveCard/action',
        id: 'invoke-broken',
        channelId: 'msteams',
        from: { id: `29:${PEOPLE.dea}`, aadObjectId: PEOPLE.dea },
        recipient: { id: '28:dea-bot' },
        conversation: { id: `a:personal-${PEOPLE.dea}`, conversationType: 'personal' },
        value: { action: { type: 'Action.Execute', verb: 'request.ask', data: { requestId: request.id, version: 1, question: 'Which benefits exactly?' } } },
      } as Partial<Activity>);
      // An error answer, not a card: Teams keeps the card as it was, the question still typed in it.
      expect(status).toBe(200);
      expect(body).toEqual({
        statusCode: 500,
        type: 'application/vnd.microsoft.error',
        value: { code: 'InternalServerError', message: expect.stringContaining('The card is as it was, with anything you typed: in a minute, check before sending it again.') },
      });
      expect(broken).toHaveBeenCalledTimes(1);
    } finally {
      broken.mockRestore();
    }
    expect(await stored(bot, request.id)).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('refuses a coach pressing the DEA\'s button, and changes nothing', async () => {
    const request = await fileRequest(bot);
    const pressed = await invokeAs(bot, PEOPLE.coach, 'request.accept', { requestId: request.id, version: 1, channel: 'case_conference' });
    expect(cardText(pressed.card)).toContain('Only the DEA the request was sent to can do that. Nothing was changed.');
    expect(await stored(bot, request.id)).toMatchObject({ status: 'submitted', version: 1 });
  });

  it('answers a stale click with the current card and a note', async () => {
    const request = await fileRequest(bot);
    await invokeAs(bot, PEOPLE.dea, 'request.ask', { requestId: request.id, version: 1, question: 'Which benefit exactly?' });
    const stale = await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, channel: 'case_conference' });
    expect(cardText(stale.card)).toContain('changed since you last saw it');
    expect(cardText(stale.card)).toContain('DEA asked for more information');
    expect((await stored(bot, request.id)).status).toBe('info_requested');
  });

  it('lets exactly one of two simultaneous clicks win', async () => {
    const request = await fileRequest(bot);
    const results = await Promise.all([
      invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, channel: 'case_conference' }),
      invokeAs(bot, PEOPLE.dea, 'request.redirect', { requestId: request.id, version: 1, redirectReason: 'Employer adviser instead' }),
    ]);
    const won = results.filter((r) => !cardText(r.card).includes('changed since you last saw it'));
    expect(won).toHaveLength(1);
    const final = await stored(bot, request.id);
    expect(final.version).toBe(2);
    const events = await bot.app.dataSource.query('SELECT COUNT(*) AS n FROM request_event WHERE requestId = ?', [request.id]);
    expect(events[0].n).toBe(2);
  });

  it('asks the coach for more information; the answer shows on the DEA card and the request is back with the DEA', async () => {
    const request = await fileRequest(bot);
    const empty = await invokeAs(bot, PEOPLE.dea, 'request.ask', { requestId: request.id, version: 1, question: '  ' });
    expect(cardText(empty.card)).toContain('Enter your question.');
    await invokeAs(bot, PEOPLE.dea, 'request.ask', { requestId: request.id, version: 1, question: 'Is the claimant on ESA as well?' });
    await bot.connector.waitFor((calls) => calls.some((c) => c.conversationId === `a:personal-${PEOPLE.coach}`));
    const coachCard = bot.connector.sentTo(`a:personal-${PEOPLE.coach}`)[0]!;
    expect(visibleText([coachCard])).toContain('Is the claimant on ESA as well?');
    expect(cardVerbs(coachCard.attachments![0]!.content as Record<string, unknown>)).toEqual(['request.answer', 'request.withdraw']);

    const answered = await invokeAs(bot, PEOPLE.coach, 'request.answer', { requestId: request.id, version: 2, answer: 'No, only UC.' });
    expect(cardText(answered.card)).toContain('Your answer was sent to the DEA.');
    const dea = await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id, version: 3 });
    expect(cardText(dea.card)).toMatch(/Dana Morgan asked for more information[\s\S]*Is the claimant on ESA as well\?[\s\S]*Amira Shah answered[\s\S]*No, only UC\./);
    expect((await stored(bot, request.id)).status).toBe('submitted');
  });

  it('redirects with a reason; two marked inappropriate tell the team leader once', async () => {
    for (let i = 0; i < 3; i++) {
      const request = await fileRequest(bot);
      const done = await invokeAs(bot, PEOPLE.dea, 'request.redirect', { requestId: request.id, version: 1, redirectReason: 'This is for the employer adviser', inappropriate: 'yes' });
      expect(cardText(done.card)).toContain('Redirected');
    }
    await bot.app.notifier.idle();
    const leaderCards = visibleText(bot.connector.sentTo(`a:personal-${PEOPLE.wctl}`));
    expect(leaderCards.match(/Requests to the DEA marked inappropriate/g)).toHaveLength(1);
    expect(leaderCards).toContain('Amira Shah');
    const coachCards = visibleText(bot.connector.sentTo(`a:personal-${PEOPLE.coach}`));
    expect(coachCards).toContain('This is for the employer adviser');
  });

  it('tells the team leader once when coaches of the team keep asking about one skill topic', async () => {
    const team = [PEOPLE.coach, OTHER_COACH, PEOPLE.coach, OTHER_COACH];
    for (const who of team) {
      await exchange(bot, who, 'new request');
      await exchange(bot, who, 'skill');
      await exchange(bot, who, { journey: 'new-request', step: 'form', action: 'submit', topic: 'retention', description: 'Retention help', requiredBy: dayOffset(7) });
      await exchange(bot, who, { journey: 'new-request', step: 'confirm', action: 'confirm' });
    }
    await bot.app.notifier.idle();
    const leaderCards = visibleText(bot.connector.sentTo(`a:personal-${PEOPLE.wctl}`));
    expect(leaderCards.match(/Repeated requests on one skill topic/g)).toHaveLength(1);
    expect(leaderCards).toMatch(/3 skill support requests on retention/);
    expect(leaderCards).toMatch(/Amira Shah, Ben Turner|Ben Turner, Amira Shah/);
  });

  it('gives informational support: a holding response with a date, then the information, which closes it', async () => {
    const request = await fileRequest(bot, { type: 'skill_support', claimant: null, topic: 'retention' });
    const accepted = await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, channel: 'informational_support' });
    expect(cardVerbs(accepted.card)).toEqual(['request.inform', 'request.hold']);

    const past = await invokeAs(bot, PEOPLE.dea, 'request.hold', { requestId: request.id, version: 2, holdingText: 'Looking into it', expectedReturn: '2020-01-01' });
    expect(cardText(past.card)).toContain('cannot be in the past');
    expect(JSON.stringify(past.card)).toContain('Looking into it');

    const held = await invokeAs(bot, PEOPLE.dea, 'request.hold', { requestId: request.id, version: 2, holdingText: 'Looking into it', expectedReturn: dayOffset(5) });
    expect(cardText(held.card)).toMatch(/Holding response from Dana Morgan[\s\S]*Expected back by/);
    const sent = await invokeAs(bot, PEOPLE.dea, 'request.inform', { requestId: request.id, version: 3, summary: 'Retention guidance', information: 'See the retention toolkit on the Disability Hub.' });
    expect(cardText(sent.card)).toContain('The information was sent and the request closed.');
    expect(await stored(bot, request.id)).toMatchObject({ status: 'closed', version: 4 });
  });

  it('refuses claimant-only channels for a request without a claimant', async () => {
    const request = await fileRequest(bot, { type: 'skill_support', claimant: null, topic: 'retention' });
    const refused = await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: request.id, version: 1, channel: 'three_way_intervention' });
    expect(cardText(refused.card)).toContain('needs a claimant');
    expect((await stored(bot, request.id)).status).toBe('submitted');
  });

  it("offers a team leader's request for a claimant only the channels that fit it, and refuses the others beside the channel field (seed §39)", async () => {
    const coach = (await new SqlStaffDirectory(bot.app.dataSource).findByAadObjectId(PEOPLE.coach))!;
    const asked = await fileRequest(bot, { requesterAad: PEOPLE.wctl, deaId: coach.deaId!, requestedChannel: 'claimant_support_intervention', claimantCoachId: coach.id });
    const deaCard = (await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: asked.id, version: 1 })).card;
    expect(choiceValues(deaCard, 'channel')).toEqual(['informational_support', 'group_conference', 'claimant_support_intervention']);
    for (const channel of ['case_conference', 'three_way_intervention', 'skill_conference']) {
      const refused = await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: asked.id, version: 1, channel });
      const text = cardText(refused.card);
      expect(text).toContain("does not fit a team leader's request");
      // Beside the channel field, in the Accept form brought back open.
      const form = (refused.card.body as Record<string, unknown>[]).find((b) => JSON.stringify(b).includes('"id":"channel"'))!;
      expect(JSON.stringify(form)).toContain("For a team leader's request, choose a claimant support intervention, informational support or a group work coach conference.");
      expect(await stored(bot, asked.id)).toMatchObject({ status: 'submitted', version: 1, channel: null });
    }
    const accepted = await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: asked.id, version: 1, channel: 'claimant_support_intervention' });
    expect(cardText(accepted.card)).toContain('Claimant support intervention by the DEA');
    expect(await stored(bot, asked.id)).toMatchObject({ status: 'accepted', channel: 'claimant_support_intervention' });

    // A work coach's own request keeps every channel.
    const own = await fileRequest(bot);
    expect(choiceValues((await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: own.id, version: 1 })).card, 'channel')).toHaveLength(6);
  });

  it('tells a team leader to check the quality of a meeting only when they can, else where it stands', async () => {
    // A case conference accepted but not booked: nothing to check yet, and no button for it.
    const conference = await fileRequest(bot);
    await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: conference.id, version: 1, channel: 'case_conference' });
    const waiting = (await invokeAs(bot, PEOPLE.wctl, 'request.refresh', { requestId: conference.id, version: 2 })).card;
    expect(cardVerbs(waiting)).toEqual([]);
    expect(cardText(waiting)).toContain('Nothing for you to do now: waiting for Dana Morgan to book the meeting.');
    expect(cardText(waiting)).not.toContain('check the quality');

    // A skill conference the team leader may book (seed §17), withdrawn before it was booked.
    const skill = await fileRequest(bot, { type: 'skill_support', claimant: null, topic: 'retention' });
    await invokeAs(bot, PEOPLE.dea, 'request.accept', { requestId: skill.id, version: 1, channel: 'skill_conference' });
    expect(cardVerbs((await invokeAs(bot, PEOPLE.wctl, 'request.refresh', { requestId: skill.id, version: 2 })).card)).toContain('booking.book');
    await invokeAs(bot, PEOPLE.coach, 'request.withdraw', { requestId: skill.id, version: 2 });
    const withdrawn = (await invokeAs(bot, PEOPLE.wctl, 'request.refresh', { requestId: skill.id, version: 3 })).card;
    expect(cardVerbs(withdrawn)).toEqual([]);
    expect(cardText(withdrawn)).toContain('Nothing for you to do now: this request was withdrawn.');
    expect(cardText(withdrawn)).not.toContain('check the quality');
  });

  it('lists the DEA queue: urgent first, then by date needed, overdue marked; not for coaches', async () => {
    const later = await fileRequest(bot, { requiredBy: dayOffset(20) });
    const sooner = await fileRequest(bot, { requiredBy: dayOffset(3) });
    const urgent = await fileRequest(bot, { requiredBy: dayOffset(30), urgent: true });
    const overdue = await fileRequest(bot, { requiredBy: dayOffset(-2) });
    const closed = await fileRequest(bot);
    await invokeAs(bot, PEOPLE.dea, 'request.redirect', { requestId: closed.id, version: 1, redirectReason: 'Not for me' });
    const queue = visibleText(await exchange(bot, PEOPLE.dea, 'queue'));
    const order = [urgent, overdue, sooner, later].map((r) => queue.indexOf(r.reference));
    expect(order.every((p) => p >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(queue).toContain(`OVERDUE ${overdue.reference}`);
    expect(queue).toContain(`URGENT ${urgent.reference}`);
    expect(queue).not.toContain(closed.reference);
    expect(visibleText(await exchange(bot, PEOPLE.coach, 'queue'))).toMatch(/The queue is for DEAs/);
  });

  it("answers text over a field's limit (from a client that ignores maxLength) with the field's message, in a card well inside Teams' size", async () => {
    const request = await fileRequest(bot);
    const huge = 'x'.repeat(200_000);
    const { card } = await invokeAs(bot, PEOPLE.dea, 'request.ask', { requestId: request.id, version: 1, question: huge });
    expect(cardText(card)).toContain('Your question must be 1000 characters or fewer (it is 200000).');
    expect(JSON.stringify(card).length).toBeLessThan(40_000);
    expect((await stored(bot, request.id)).version).toBe(1);

    // The new-request form comes back the same way.
    await exchange(bot, PEOPLE.coach, 'new request');
    await exchange(bot, PEOPLE.coach, { journey: 'new-request', step: 'type', action: 'choose', choice: 'skill_support' });
    const replies = await exchange(bot, PEOPLE.coach, { journey: 'new-request', step: 'form', action: 'submit', topic: 'retention', description: huge, requiredBy: dayOffset(10) });
    expect(JSON.stringify(replies).length).toBeLessThan(40_000);
    expect(visibleText(replies)).toMatch(/characters or fewer/);
  });
});
