import { applySeed } from '../../data/seed/apply-seed';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { SqlInterventionStore } from '../../data/stores/interventions';
import { workingDayAhead } from '../support/working-day';
import { cardInputs, cardText, cardVerbs, choiceValues, exchange, firstCard, invokeAs, PEOPLE, startTestBot, visibleText, type TestBot } from '../support/test-bot';

const WP = '00000000-0000-4000-8000-000000000007';
const EA = '00000000-0000-4000-8000-000000000008';
const NINO = 'AB123456C';

async function settle(bot: TestBot): Promise<void> {
  await bot.app.background.idle();
  await bot.app.notifier.idle();
}

function caseIdIn(card: Record<string, unknown>): string {
  return JSON.stringify(card).match(/"caseId":"([0-9a-f-]{36})"/)![1]!;
}

function versionIn(card: Record<string, unknown>): number {
  return Number(JSON.stringify(card).match(/"caseId":"[0-9a-f-]{36}","version":(\d+)/)![1]);
}

const COMPLEX = { personName: 'Sam', employer: 'Crawley Logistics Ltd', need: 'Can no longer lift after a back injury; may need a managed transfer to a desk role.', claimant: 'yes', surname: 'Quill', nino: 'AB 12 34 56 C', assessment: 'possibly_complex' };

describe('retention cases: the employer adviser, the DEA and the work psychologist', () => {
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
    for (const who of [PEOPLE.dea, WP, EA, PEOPLE.hcp]) await exchange(bot, who, 'help');
    bot.connector.clear();
  });
  afterEach(async () => bot.close());

  it('offers the form only to employer advisers, and keeps what was typed beside each problem', async () => {
    expect(visibleText(await exchange(bot, PEOPLE.coach, { verb: 'retention.new' }))).toContain('registered by employer advisers');
    const list = firstCard(await exchange(bot, EA, 'retention cases'));
    expect(cardText(list)).toContain('Register a retention case');
    const form = firstCard(await exchange(bot, EA, { verb: 'retention.new' }));
    expect(cardText(form)).toContain('Register a retention case');
    expect(cardVerbs(form)).toEqual(['retention.register']);
    const refused = await invokeAs(bot, EA, 'retention.register', { ...COMPLEX, nino: 'not a nino', need: '' });
    expect(cardText(refused.card)).toContain('Describe the need');
    expect(cardInputs(refused.card)).toMatchObject({ personName: 'Sam', employer: 'Crawley Logistics Ltd', nino: 'not a nino' });
  });

  it('a straightforward adjustment is resolved and recorded by the employer adviser alone', async () => {
    const registered = await invokeAs(bot, EA, 'retention.register', { ...COMPLEX, claimant: 'no', assessment: 'straightforward' });
    const text = cardText(registered.card);
    expect(text).toContain('Registered. Resolve the adjustment');
    expect(text).toContain('Straightforward reasonable adjustment, resolved by the employer adviser');
    expect(cardVerbs(registered.card)).toEqual(expect.arrayContaining(['retention.outcome', 'retention.consultDea']));
    const caseId = caseIdIn(registered.card);
    // Nobody else may read it.
    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'retention.refresh', { caseId })).card)).toBe('This retention case is not yours to see.');
    const closed = await invokeAs(bot, EA, 'retention.outcome', { caseId, version: 1, outcome: 'retained_with_adjustments', outcomeNote: 'Adjustable desk and a later start agreed.' });
    expect(cardText(closed.card)).toContain('Outcome recorded. The case is closed.');
    expect(cardVerbs(closed.card)).toEqual([]);
    expect(visibleText(await exchange(bot, EA, 'retention cases'))).toContain('Straightforward reasonable adjustment, resolved by the employer adviser: 1');
  });

  it('a complex case goes to the DEA; they undertake it as a DEA Support Intervention that counts towards the claimant’s interventions; an HCP advises only', async () => {
    const registered = await invokeAs(bot, EA, 'retention.register', COMPLEX);
    expect(cardText(registered.card)).toContain('sent to the DEA to consult');
    const caseId = caseIdIn(registered.card);
    await settle(bot);
    const toDea = bot.connector.sentTo(`a:personal-${PEOPLE.dea}`);
    expect(visibleText(toDea)).toContain('The employer adviser asks you to consult on this case');
    expect(visibleText(toDea)).toContain('AB 12 34 56 C');
    const deaCard = firstCard(toDea);
    expect(cardVerbs(deaCard)).toContain('retention.agree');
    // The employer adviser cannot record the next step alone.
    const byEa = await invokeAs(bot, EA, 'retention.agree', { caseId, version: 1, route: 'dea_support_intervention', agreedNote: 'x' });
    expect(cardText(byEa.card)).toContain('The DEA records the next step');

    const noNote = await invokeAs(bot, PEOPLE.dea, 'retention.agree', { caseId, version: 1, route: 'dea_support_intervention', agreedNote: '' });
    expect(cardText(noNote.card)).toContain('Say what you and the employer adviser agreed.');
    const deaCopy = toDea[0]!.id!;
    bot.connector.clear();
    // Clicked on the DEA's posted copy: the answer replaces it, and no refresh wipes its note.
    const agreed = await invokeAs(
      bot,
      PEOPLE.dea,
      'retention.agree',
      { caseId, version: 1, route: 'dea_support_intervention', agreedNote: 'Relationship with the employer is strained: I will meet Sam and the employer.' },
      { replyToId: deaCopy },
    );
    const agreedText = cardText(agreed.card);
    expect(agreedText).toContain('The DEA undertakes the retention activity as a DEA Support Intervention');
    expect(agreedText).toContain('Yes: it is a DEA Support Intervention request for the DEA to book');
    // It is a claimant support intervention request, accepted, with the claimant's NINO: once booked it counts (seed §36).
    const request = (await new SqlSupportRequestStore(bot.app.dataSource).findByNumber(1))!;
    expect(request).toMatchObject({ status: 'accepted', channel: 'claimant_support_intervention', claimant: { nino: NINO } });
    const interventions = new SqlInterventionStore(bot.app.dataSource);
    expect(await interventions.countInterventions(NINO, 'none', ['accepted'])).toBe(1);
    await settle(bot);
    expect(bot.connector.calls.filter((c) => c.method === 'PUT' && c.activity.id === deaCopy)).toEqual([]);
    expect(visibleText(bot.connector.sentTo(`a:personal-${EA}`))).toContain('I will meet Sam and the employer.');

    // An HCP is consulted, in a consultative role only.
    const version = versionIn(agreed.card);
    const hcpId = (await bot.app.dataSource.query(`SELECT id FROM staff WHERE aadObjectId = '${PEOPLE.hcp}'`))[0].id as string;
    const consulted = await invokeAs(bot, EA, 'retention.consultHcp', { caseId, version, hcpId });
    expect(cardText(consulted.card)).toContain('The Health Care Professional has been asked for their advice.');
    await settle(bot);
    const hcpCard = visibleText(bot.connector.sentTo(`a:personal-${PEOPLE.hcp}`));
    expect(hcpCard).toContain('You are consulted for advice only');
    expect(hcpCard).not.toContain('AB 12 34 56 C');
    const byHcp = await invokeAs(bot, PEOPLE.hcp, 'retention.outcome', { caseId, version: version + 1, outcome: 'other', outcomeNote: 'x' });
    expect(cardText(byHcp.card)).toContain('The person leading the retention activity records its outcome.');

    // The DEA could not resolve it, and records so: the work psychologist conducts it and records the outcome.
    await invokeAs(bot, PEOPLE.dea, 'retention.unableToResolve', { caseId, version: version + 1, referralNote: 'The employer wants an occupational assessment.' });
    const referred = await invokeAs(bot, PEOPLE.dea, 'retention.refer', { caseId, version: version + 2 });
    expect(cardText(referred.card)).toContain('Referred to the work psychologist');
    await settle(bot);
    expect(visibleText(bot.connector.sentTo(`a:personal-${WP}`))).toContain('You lead the retention activity');
    const closed = await invokeAs(bot, WP, 'retention.outcome', { caseId, version: version + 3, outcome: 'managed_transfer', outcomeNote: 'Moved to a dispatch desk role.' });
    expect(cardText(closed.card)).toContain('Closed on');
    expect(visibleText(await exchange(bot, PEOPLE.dea, 'retention cases'))).toContain('Referred to the work psychologist, who conducts the retention activity: 1');
  });

  it('the employer adviser confirms only the pre-conditions that apply to them, and the DEA may then book the DEA Support Intervention (seed 000 §38, §68)', async () => {
    const caseId = caseIdIn((await invokeAs(bot, EA, 'retention.register', COMPLEX)).card);
    await invokeAs(bot, PEOPLE.dea, 'retention.agree', { caseId, version: 1, route: 'dea_support_intervention', agreedNote: 'I will meet Sam and the employer.' });
    await settle(bot);
    const requests = new SqlSupportRequestStore(bot.app.dataSource);
    let request = (await requests.findByNumber(1))!;
    // The request comes to the employer adviser, who made it, to confirm the pre-conditions.
    const eaCard = firstCard(bot.connector.sentTo(`a:personal-${EA}`).filter((a) => JSON.stringify(a).includes('consent.intervention')));
    const eaText = cardText(eaCard);
    expect(eaText).toContain('Your action: confirm the pre-conditions.');
    expect(choiceValues(eaCard, 'confirmed')).toEqual(['consent_gained', 'told_dea_will_contact', 'told_voluntary']);
    for (const notTheirs of ['I discussed the case with my Work Coach Team Leader', 'normal conditionality still apply', 'I agreed with the DEA']) expect(eaText).not.toContain(notTheirs);
    expect(eaText).toContain('The DEA undertakes this retention activity as a DEA Support Intervention. Before they book it, confirm each of these.');
    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id, version: request.version })).card)).toContain('The requester confirms the pre-conditions first.');

    const confirmed = await invokeAs(bot, EA, 'consent.intervention', { requestId: request.id, version: request.version, confirmed: 'consent_gained,told_dea_will_contact,told_voluntary', letterFormat: 'standard' });
    expect(cardText(confirmed.card)).toContain('Pre-conditions confirmed');
    request = (await requests.findByNumber(1))!;
    const deaCard = (await invokeAs(bot, PEOPLE.dea, 'request.refresh', { requestId: request.id, version: request.version })).card;
    expect(cardText(deaCard)).not.toContain('The requester confirms the pre-conditions first.');
    expect(cardVerbs(deaCard)).toContain('booking.book');
    await invokeAs(bot, PEOPLE.dea, 'booking.book', { requestId: request.id, version: request.version, otherDate: workingDayAhead(8), otherTime: '11:00', durationMinutes: '60', mode: 'face_to_face', claimantContact: 'phone' });
    await settle(bot);
    expect((await requests.findByNumber(1))!.status).toBe('booked');
    expect(bot.cardProblems).toEqual([]);
  });

  it('with nobody to consult or refer to, the card offers no button and says why, in the words a click from an older card is refused with (seed 000 §67–68)', async () => {
    const NO_DEA = 'Nobody at this case’s jobcentre is a DEA in the staff directory, so there is no DEA to consult: ask whoever keeps the directory to add your DEA.';
    const NO_WP = 'Nobody in your district is a work psychologist in the staff directory, so there is nobody to refer the case to: ask whoever keeps the directory to add them.';
    // A case the DEA undertook and could not resolve, before the district's only work psychologist moves to another district.
    const unresolved = caseIdIn((await invokeAs(bot, EA, 'retention.register', { ...COMPLEX, claimant: 'no' })).card);
    await invokeAs(bot, PEOPLE.dea, 'retention.agree', { caseId: unresolved, version: 1, route: 'dea_support_intervention', agreedNote: 'I will meet Sam and the employer.' });
    await applySeed(bot.app.dataSource, {
      jobcentres: [],
      staff: [
        { aadObjectId: WP, name: 'Paul Avery', email: 'paul.avery@jobcentre.example', roles: ['work_psychologist'], jobcentre: 'Carlisle' },
        // The case's jobcentre (Crawley) is left without a DEA.
        { aadObjectId: PEOPLE.dea, name: 'Dana Morgan', email: 'dana.morgan@jobcentre.example', roles: ['dea'], jobcentre: 'Horsham' },
      ],
    });

    const straightforward = await invokeAs(bot, EA, 'retention.register', { ...COMPLEX, claimant: 'no', assessment: 'straightforward' });
    expect(cardVerbs(straightforward.card)).not.toContain('retention.consultDea');
    expect(cardVerbs(straightforward.card)).toContain('retention.outcome');
    expect(cardText(straightforward.card)).toContain(`Resolve the reasonable adjustment, then record the outcome. ${NO_DEA}`);
    const consult = await invokeAs(bot, EA, 'retention.consultDea', { caseId: caseIdIn(straightforward.card), version: 1 });
    expect(cardText(consult.card)).toContain(`${NO_DEA} Nothing was changed.`);

    const unable = await invokeAs(bot, PEOPLE.dea, 'retention.unableToResolve', { caseId: unresolved, version: 2, referralNote: 'The employer wants an occupational assessment.' });
    expect(cardVerbs(unable.card)).not.toContain('retention.refer');
    expect(cardVerbs(unable.card)).toContain('retention.outcome');
    const unableText = cardText(unable.card);
    expect(unableText).toContain(`You are unable to resolve the retention issue. ${NO_WP} You may still record its outcome.`);
    expect(unableText).toContain('Recorded that you are unable to resolve it.');
    expect(unableText).not.toContain('You may now refer the case');
    const refer = await invokeAs(bot, PEOPLE.dea, 'retention.refer', { caseId: unresolved, version: 3 });
    expect(cardText(refer.card)).toContain(`${NO_WP} Nothing was changed.`);
    expect(bot.cardProblems).toEqual([]);
  });

  it('the DEA’s work psychologist is the district’s when their jobcentre has none: the case is referred to them (seed 000 §68)', async () => {
    // The district's only work psychologist now works at Horsham; the DEA and the employer adviser are at Crawley.
    await applySeed(bot.app.dataSource, { jobcentres: [], staff: [{ aadObjectId: WP, name: 'Paul Avery', email: 'paul.avery@jobcentre.example', roles: ['work_psychologist'], jobcentre: 'Horsham' }] });
    for (const registration of [{ ...COMPLEX, claimant: 'no' }, COMPLEX]) {
      const referredCase = caseIdIn((await invokeAs(bot, EA, 'retention.register', registration)).card);
      await invokeAs(bot, PEOPLE.dea, 'retention.agree', { caseId: referredCase, version: 1, route: 'dea_support_intervention', agreedNote: 'I will meet Sam and the employer.' });
      await invokeAs(bot, PEOPLE.dea, 'retention.unableToResolve', { caseId: referredCase, version: 2, referralNote: 'The employer wants an occupational assessment.' });
      const referred = await invokeAs(bot, PEOPLE.dea, 'retention.refer', { caseId: referredCase, version: 3 });
      expect(cardText(referred.card)).not.toContain('Nobody');
      expect(cardText(referred.card)).toContain('Referred to the work psychologist');
      expect(cardText(referred.card)).toContain('Paul Avery');
    }
    await settle(bot);
    const toWp = visibleText(bot.connector.sentTo(`a:personal-${WP}`));
    expect(toWp).toContain('RET-000001');
    expect(toWp).toContain('RET-000002');
    expect(toWp).toContain('You lead the retention activity');
    expect(bot.cardProblems).toEqual([]);
  });

  it('the work psychologist is not offered at the consultation: only once the DEA has undertaken it and recorded they are unable to resolve it may they refer it; refused clicks keep what was typed (seed 000 §68)', async () => {
    const allInputs = (card: Record<string, unknown>) => ({ ...cardInputs({ body: card.actions }), ...cardInputs(card) });
    const caseId = caseIdIn((await invokeAs(bot, EA, 'retention.register', { ...COMPLEX, claimant: 'no' })).card);
    await settle(bot);
    // At the consultation the DEA is offered the other next steps only, and no referral.
    const deaCard = firstCard(bot.connector.sentTo(`a:personal-${PEOPLE.dea}`));
    expect(choiceValues(deaCard, 'route')).toEqual(['employer_adviser', 'dea_supports_employer_adviser', 'dea_support_intervention']);
    expect(cardText(deaCard)).not.toContain('Referred to the work psychologist');
    expect(cardVerbs(deaCard)).not.toContain('retention.refer');

    // Sent anyway (a card from before): refused, the reason beside the choice, the note typed kept, nobody told.
    bot.connector.clear();
    const agreedNote = 'An occupational assessment first, then a phased return.';
    const early = await invokeAs(bot, PEOPLE.dea, 'retention.agree', { caseId, version: 1, route: 'work_psychologist', agreedNote });
    const earlyText = cardText(early.card);
    expect(earlyText).toContain('The work psychologist comes in only if the DEA is unable to resolve the retention issue. Agree another next step now; if you then cannot resolve it, record that on the case and refer it. Nothing was changed.');
    expect(earlyText).toContain('⚠ The work psychologist comes in only if the DEA is unable to resolve the retention issue.');
    expect(allInputs(early.card)).toMatchObject({ agreedNote });
    // The refused form is shown open, in the card's body, to send again with another next step.
    expect(cardVerbs({ actions: early.card.body })).toContain('retention.agree');
    await settle(bot);
    expect(bot.connector.sentTo(`a:personal-${WP}`)).toEqual([]);
    const [row] = await bot.app.dataSource.query('SELECT status, route, workPsychologistId, version FROM retention_case WHERE id = ?', [caseId]);
    expect(row).toEqual({ status: 'consulting', route: null, workPsychologistId: null, version: 1 });

    // Undertaking it as a DEA Support Intervention: they may say they are unable to resolve it, not refer it yet.
    const taken = await invokeAs(bot, PEOPLE.dea, 'retention.agree', { caseId, version: 1, route: 'dea_support_intervention', agreedNote: 'I will meet Sam and the employer.' });
    expect(cardVerbs(taken.card)).toEqual(expect.arrayContaining(['retention.outcome', 'retention.unableToResolve']));
    expect(cardVerbs(taken.card)).not.toContain('retention.refer');
    expect(cardText(taken.card)).toContain('If you are unable to resolve it, say so here: you may then refer it to the work psychologist.');
    const why = 'The employer wants an occupational assessment before any transfer.';
    const tooSoon = await invokeAs(bot, PEOPLE.dea, 'retention.refer', { caseId, version: 2, referralNote: why });
    expect(cardText(tooSoon.card)).toContain('Record that you are unable to resolve the retention issue first: then you may refer the case to the work psychologist. Nothing was changed.');
    // What they typed as the reason is on the form that now asks for it.
    expect(allInputs(tooSoon.card)).toMatchObject({ referralNote: why });
    expect(cardText(tooSoon.card)).not.toContain('What you typed:');

    // They record it: now, and only now, the referral is offered; the employer adviser sees where it stands.
    const unable = await invokeAs(bot, PEOPLE.dea, 'retention.unableToResolve', { caseId, version: 2, referralNote: why });
    const unableText = cardText(unable.card);
    expect(unableText).toContain('Recorded that you are unable to resolve it. You may now refer the case to the work psychologist, or record its outcome.');
    expect(unableText).toContain('You are unable to resolve the retention issue: you may refer the case to the work psychologist, who will conduct the retention activity, or record its outcome.');
    expect(unableText).toContain(`The DEA is unable to resolve it: ${why}`);
    expect(cardVerbs(unable.card)).toEqual(expect.arrayContaining(['retention.outcome', 'retention.refer']));
    expect(cardVerbs(unable.card)).not.toContain('retention.unableToResolve');
    const byEa = (await invokeAs(bot, EA, 'retention.refresh', { caseId })).card;
    expect(cardText(byEa)).toContain('Dana Morgan is unable to resolve the retention issue, and may refer the case to the work psychologist.');
    expect(cardVerbs(byEa)).not.toContain('retention.refer');

    const referred = await invokeAs(bot, PEOPLE.dea, 'retention.refer', { caseId, version: 3 });
    expect(cardText(referred.card)).toContain('Referred to the work psychologist, who has been told.');
    await settle(bot);
    expect(visibleText(bot.connector.sentTo(`a:personal-${WP}`))).toContain('You lead the retention activity');
    expect(bot.cardProblems).toEqual([]);
  });

  it('with two DEAs at the case’s jobcentre, “Consult the DEA” asks which, in name order; a refusal keeps the choice beside its problem; the DEA chosen is consulted and told (seed 000 §67)', async () => {
    const ALEX = '00000000-0000-4000-8000-000000000402';
    const HARRY = '00000000-0000-4000-8000-000000000403';
    await applySeed(bot.app.dataSource, {
      jobcentres: [],
      staff: [
        { aadObjectId: ALEX, name: 'Alex Brennan', email: 'alex.brennan@jobcentre.example', roles: ['dea'], jobcentre: 'Crawley' },
        { aadObjectId: HARRY, name: 'Harry Other', email: 'harry.other@jobcentre.example', roles: ['dea'], jobcentre: 'Horsham' },
      ],
    });
    await exchange(bot, ALEX, 'help');
    bot.connector.clear();
    const idOf = async (aad: string) => (await bot.app.dataSource.query('SELECT id FROM staff WHERE aadObjectId = ?', [aad]))[0].id as string;
    const [alexId, danaId, harryId] = [await idOf(ALEX), await idOf(PEOPLE.dea), await idOf(HARRY)];
    /** The container of a field: its input and the problem beside it. */
    const fieldOf = (card: unknown, id: string): Record<string, unknown>[] => {
      let found: Record<string, unknown>[] = [];
      const walk = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(walk);
        else if (node && typeof node === 'object') {
          const n = node as Record<string, unknown>;
          if (Array.isArray(n.items) && n.items.some((i) => (i as Record<string, unknown>).id === id)) found = n.items as Record<string, unknown>[];
          Object.values(n).forEach(walk);
        }
      };
      walk(card);
      return found;
    };

    const registered = await invokeAs(bot, EA, 'retention.register', { ...COMPLEX, claimant: 'no', assessment: 'straightforward' });
    const caseId = caseIdIn(registered.card);
    // The button opens a small form: the case's jobcentre's DEAs, by name, and no one else's.
    const [choice] = fieldOf(registered.card.actions, 'deaId');
    expect(choice).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true, choices: [{ title: 'Alex Brennan', value: alexId }, { title: 'Dana Morgan', value: danaId }] });
    expect(cardVerbs(registered.card)).toContain('retention.consultDea');

    // Not chosen, or a DEA of another jobcentre: the form comes back open, the choice kept and the problem beside it.
    const unchosen = await invokeAs(bot, EA, 'retention.consultDea', { caseId, version: 1 });
    expect(fieldOf(unchosen.card.body, 'deaId').map((i) => i.text)).toContain('⚠ Choose the DEA to consult.');
    const elsewhere = await invokeAs(bot, EA, 'retention.consultDea', { caseId, version: 1, deaId: harryId });
    expect(cardText(elsewhere.card)).toContain('Choose the DEA to consult. Nothing was changed.');
    const field = fieldOf(elsewhere.card.body, 'deaId');
    expect(field[0]).toMatchObject({ id: 'deaId', value: harryId });
    expect(field.map((i) => i.text)).toContain('⚠ Choose the DEA to consult.');

    // The DEA chosen is the one consulted, and told; the other is not.
    const consulted = await invokeAs(bot, EA, 'retention.consultDea', { caseId, version: 1, deaId: alexId });
    expect(cardText(consulted.card)).toContain('Sent to the DEA to consult.');
    expect(cardText(consulted.card)).toContain('Alex Brennan');
    await settle(bot);
    expect(visibleText(bot.connector.sentTo(`a:personal-${ALEX}`))).toContain('The employer adviser asks you to consult on this case');
    expect(bot.connector.sentTo(`a:personal-${PEOPLE.dea}`)).toEqual([]);
    expect(cardVerbs((await invokeAs(bot, ALEX, 'retention.refresh', { caseId })).card)).toContain('retention.agree');
    expect(cardText((await invokeAs(bot, PEOPLE.dea, 'retention.refresh', { caseId })).card)).toBe('This retention case is not yours to see.');
    expect(bot.cardProblems).toEqual([]);
  });

  it('advice typed while the case moves on is never lost: the form comes back filled while it is on the card, and in the note once the case is closed', async () => {
    const caseId = caseIdIn((await invokeAs(bot, EA, 'retention.register', COMPLEX)).card);
    await invokeAs(bot, PEOPLE.dea, 'retention.agree', { caseId, version: 1, route: 'dea_support_intervention', agreedNote: 'I will meet Sam and the employer.' });
    const hcpId = (await bot.app.dataSource.query(`SELECT id FROM staff WHERE aadObjectId = '${PEOPLE.hcp}'`))[0].id as string;
    const consulted = await invokeAs(bot, EA, 'retention.consultHcp', { caseId, version: 2, hcpId });
    expect(cardText(consulted.card)).toContain('The Health Care Professional has been asked for their advice.');
    const allInputs = (card: Record<string, unknown>) => ({ ...cardInputs({ body: card.actions }), ...cardInputs(card) });

    // The DEA refers the case meanwhile: the HCP's advice form is still on the card, and comes back with what they typed.
    await invokeAs(bot, PEOPLE.dea, 'retention.unableToResolve', { caseId, version: 3, referralNote: 'The employer wants an occupational assessment.' });
    await invokeAs(bot, PEOPLE.dea, 'retention.refer', { caseId, version: 4 });
    const first = 'Lifting restrictions for six weeks; a phased return to the desk role.';
    const stale = await invokeAs(bot, PEOPLE.hcp, 'retention.hcpAdvice', { caseId, version: 3, hcpAdvice: first });
    expect(cardText(stale.card)).toContain('The case changed since this card was shown.');
    expect(cardVerbs(stale.card)).toContain('retention.hcpAdvice');
    expect(allInputs(stale.card)).toMatchObject({ hcpAdvice: first });
    expect(cardText(stale.card)).not.toContain('What you typed:');

    // The work psychologist records the outcome, closing the case: the advice form is gone, so the advice typed is in the note, to copy.
    await invokeAs(bot, WP, 'retention.outcome', { caseId, version: 5, outcome: 'managed_transfer', outcomeNote: 'Moved to a dispatch desk role.' });
    const advice = 'A sit-stand desk and no lifting over 5 kg; review in three months.';
    const late = await invokeAs(bot, PEOPLE.hcp, 'retention.hcpAdvice', { caseId, version: 5, hcpAdvice: advice });
    const text = cardText(late.card);
    expect(text).toContain('The outcome of this retention case has been recorded: it is closed. Nothing was changed.');
    expect(cardVerbs(late.card)).toEqual([]);
    expect(text).toContain(`What you typed: “${advice}”`);
    expect(bot.cardProblems).toEqual([]);
  });
});

describe('retention cases and the claimant\'s rights', () => {
  const LEAD = '00000000-0000-4000-8000-000000000401';
  let bot: TestBot;
  beforeEach(async () => {
    bot = await startTestBot();
    for (const who of [PEOPLE.dea, EA, LEAD]) await exchange(bot, who, 'help');
    bot.connector.clear();
  });
  afterEach(async () => bot.close());

  it('an erasure by NINO removes the claimant\'s retention case details and updates its posted cards without them', async () => {
    const registered = await invokeAs(bot, EA, 'retention.register', COMPLEX);
    const caseId = caseIdIn(registered.card);
    await settle(bot);
    expect(visibleText(bot.connector.sentTo(`a:personal-${PEOPLE.dea}`))).toContain('Crawley Logistics');

    bot.connector.clear();
    expect(visibleText(await exchange(bot, LEAD, { verb: 'privacy.erase', nino: NINO, confirm: 'yes' }))).toContain('RET-000001');
    await settle(bot);
    await bot.connector.waitFor((calls) => calls.some((c) => c.method === 'PUT' && c.conversationId === `a:personal-${PEOPLE.dea}`));
    const update = visibleText(bot.connector.calls.filter((c) => c.method === 'PUT' && c.conversationId === `a:personal-${PEOPLE.dea}`).map((c) => c.activity));
    expect(update).toContain('RET-000001');
    for (const secret of ['Quill', 'AB 12 34 56 C', 'Crawley Logistics', 'lift after a back injury', 'Sam']) expect({ secret, shown: update.includes(secret) }).toEqual({ secret, shown: false });
    const [row] = await bot.app.dataSource.query('SELECT nino, surname, personName, need, status FROM retention_case WHERE id = ?', [caseId]);
    expect(row).toEqual({ nino: 'REMOVED', surname: 'Removed', personName: 'Removed', need: 'Removed at the claimant\'s request', status: 'consulting' });
  });
});
