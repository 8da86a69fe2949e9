/* global performance */
// An employer adviser registers a possibly complex retention case in her playground; the DEA, in
// his, records that he undertakes it as a DEA Support Intervention; the employer adviser sees it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cardCount, openChat, openPlayground, say, screenshot, startPlayground, step, waitForCard, withBotAndBrowser } from './harness.mjs';
import { actionButton, typeInto } from './card-inputs.mjs';

const EMPLOYER_ADVISER = 'playground/employer-adviser.m365agentsplayground.yml';

describe('a complex retention case, taken by the DEA as a support intervention', { timeout: 300_000 }, () => {
  const ctx = withBotAndBrowser();

  test('Grace Adeyemi registers it, Dana Morgan consults and takes it, Grace sees the next step', { timeout: 240_000 }, async (t) => {
    const { bot, browser } = ctx;
    const start = performance.now();
    // One playground at a time: each page's first load is the slowest part on a busy machine.
    const adviser = await startPlayground({ bot, as: EMPLOYER_ADVISER });
    assert.equal(adviser.currentUser.name, 'Grace Adeyemi');
    const grace = await openPlayground(browser, adviser);
    const dea = await startPlayground({ bot, as: 'dea' });
    const dana = await openPlayground(browser, dea);
    await openChat(grace, 'Personal Chat');
    await openChat(dana, 'Personal Chat');
    step(t, start, `playgrounds: Grace on ${adviser.url}, Dana on ${dea.url}`);

    // 1. Her help card names what an employer adviser does.
    let mark = await cardCount(grace);
    await say(grace, 'help');
    const help = await waitForCard(grace, 'What you can do, Grace', { after: mark });
    const helpText = await help.innerText();
    assert.match(helpText, /Retention cases/);
    assert.match(helpText, /Actions from outcomes/);
    await screenshot(grace, 'retention-01-grace-help');

    // 2. She registers a possibly complex case.
    mark = await cardCount(grace);
    await say(grace, 'retention cases');
    const list = await waitForCard(grace, 'You have no retention cases yet', { after: mark });
    mark = await cardCount(grace);
    await actionButton(list, 'Register a retention case').click();
    const form = await waitForCard(grace, 'Register a retention case', { after: mark });
    const texts = form.locator('input[type="text"], input:not([type])');
    await typeInto(grace, form.getByLabel('The person (first name or initials)'), 'Sam');
    await typeInto(grace, form.getByLabel('Their employer'), 'Crawley Logistics Ltd');
    await typeInto(grace, form.locator('textarea').first(), 'Can no longer lift after a back injury; may need a managed transfer to a desk role.');
    await form.getByRole('radio', { name: /^Yes: a DEA Support Intervention/ }).click();
    await typeInto(grace, form.getByLabel('Surname (claimants only)'), 'Quill');
    await typeInto(grace, form.getByLabel('National Insurance number (claimants only)'), 'AB 12 34 56 C');
    await form.getByRole('radio', { name: 'Possibly complex: consult the DEA', exact: true }).click();
    assert.ok((await texts.count()) >= 4);
    await screenshot(grace, 'retention-02-grace-form');
    await actionButton(form, 'Register the case').click();
    const registered = await waitForCard(grace, 'Registered and sent to the DEA to consult');
    const registeredText = await registered.innerText();
    assert.match(registeredText, /Retention case RET-000001/);
    assert.match(registeredText, /Waiting for the employer adviser and DEA to agree the next step/);
    await screenshot(grace, 'retention-03-grace-registered');
    step(t, start, 'RET-000001 registered and sent to Dana');

    // 3. The case reaches Dana; he records the next step they agreed.
    const danaCard = await waitForCard(dana, 'Retention case RET-000001', { timeout: 30_000 });
    const danaText = await danaCard.innerText();
    assert.match(danaText, /The employer adviser asks you to consult on this case/);
    assert.match(danaText, /AB 12 34 56 C/);
    await screenshot(dana, 'retention-04-dana-case');
    await actionButton(danaCard, 'Record the next step').click();
    const route = danaCard.getByRole('radio', { name: 'The DEA undertakes the retention activity as a DEA Support Intervention', exact: true });
    await route.waitFor({ state: 'visible' });
    await route.click();
    await typeInto(dana, danaCard.locator('textarea').first(), 'The relationship with the employer is strained: I will meet Sam and the employer together.');
    await screenshot(dana, 'retention-05-dana-next-step');
    await actionButton(danaCard, 'Record the next step').last().click();
    const agreed = await waitForCard(dana, 'Next step recorded. The employer adviser has been told.');
    const agreedText = await agreed.innerText();
    assert.match(agreedText, /Yes: it is a DEA Support Intervention request for the DEA to book/);
    await screenshot(dana, 'retention-06-dana-agreed');
    step(t, start, 'Dana takes it as a DEA Support Intervention');

    // 4. Grace is told, and the intervention is a request like any other (to book, and counted).
    const told = await waitForCard(grace, 'The DEA undertakes the retention activity as a DEA Support Intervention', { timeout: 30_000 });
    assert.match(await told.innerText(), /I will meet Sam and the employer together/);
    await told.scrollIntoViewIfNeeded();
    await screenshot(grace, 'retention-07-grace-told');
    const danaRequest = await waitForCard(dana, 'DEA-000001', { timeout: 30_000 }).catch(() => null);
    t.diagnostic(`the DEA Support Intervention request reached Dana's chat: ${danaRequest !== null}`);
    step(t, start, 'Grace sees the next step');
  });
});
