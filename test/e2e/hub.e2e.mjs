/* global performance */
// The DEA adds an entry to the local Disability Hub and shares an opportunity with her cohort; the
// district provision tool's single point of contact publishes the entry; the work coach gets the
// opportunity and finds the entry with "hub" and some words; she posts on the Hub's feedback forum and
// Dana answers; Paul, the work psychologist, sees the DEAs he works with.
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { activityTemplate, cardCount, openChat, openPlayground, postToBot, say, screenshot, startPlayground, step, waitForCard, withBotAndBrowser } from './harness.mjs';
import { actionButton, typeInto } from './card-inputs.mjs';

/** Nadia Brooks, the district provision tool's single point of contact in the demo directory. */
const NADIA = { id: '29:nadia-brooks', name: 'Nadia Brooks', aadObjectId: '00000000-0000-4000-8000-000000000301' };

const ENTRY = {
  title: 'Hidden impairment toolkit',
  summary: 'How to spot and support hidden impairments such as autism, dyslexia and ADHD.',
  link: 'https://intranet.example/hidden-impairment-toolkit',
};

/** The change waiting to be published, read from the bot's own database (Nadia's card would carry the same ids). */
function waitingChange(bot, title) {
  const db = new Database(path.join(bot.dataDir, 'dea-bot.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(`SELECT id, version FROM hub_change WHERE title = ? AND status = 'requested'`).get(title);
  } finally {
    db.close();
  }
}

describe('the local Disability Hub', { timeout: 300_000 }, () => {
  const ctx = withBotAndBrowser();

  test('Dana adds a Hub entry and shares an opportunity; Amira gets it and finds the entry with "hub"', { timeout: 240_000 }, async (t) => {
    const { bot, browser } = ctx;
    const start = performance.now();
    const coach = await startPlayground({ bot });
    const dea = await startPlayground({ bot, as: 'dea' });
    const amira = await openPlayground(browser, coach);
    const dana = await openPlayground(browser, dea);
    await openChat(amira, 'Personal Chat');
    await openChat(dana, 'Personal Chat');
    step(t, start, `playgrounds: Amira on ${coach.url}, Dana on ${dea.url}`);

    // 1. Dana opens her district's Hub and adds an entry.
    let mark = await cardCount(dana);
    await say(dana, 'hub');
    const hub = await waitForCard(dana, 'Your local Disability Hub', { after: mark });
    assert.match(await hub.innerText(), /There is nothing on the Surrey and Sussex Hub yet/);
    await screenshot(dana, 'hub-01-dana-empty-hub');
    await actionButton(hub, 'Add to the Hub').click();
    await typeInto(dana, hub.getByLabel('Title'), ENTRY.title);
    await typeInto(dana, hub.getByLabel('Summary'), ENTRY.summary);
    await typeInto(dana, hub.getByLabel('Web address (optional)'), ENTRY.link);
    await hub.getByRole('radio', { name: 'Toolkit', exact: true }).click();
    await screenshot(dana, 'hub-02-dana-entry-form');
    await actionButton(hub, 'Send to be published').click();
    const sent = await waitForCard(dana, 'Sent to Nadia Brooks to publish');
    assert.match(await sent.innerText(), /Waiting to be published/);
    await screenshot(dana, 'hub-03-dana-entry-sent');
    step(t, start, 'entry sent to the single point of contact');

    // 2. Nadia publishes it (her click, straight to the bot, from her own chat).
    const change = waitingChange(bot, ENTRY.title);
    assert.ok(change, 'the change waits in the database');
    const template = await activityTemplate(dea);
    const { status, body } = await postToBot(bot, {
      ...template,
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: NADIA,
      conversation: { ...template.conversation, id: 'a:personal-nadia-brooks' },
      value: { action: { type: 'Action.Execute', verb: 'hub.publish', data: { changeId: change.id, version: change.version } }, trigger: 'manual' },
    });
    assert.equal(status, 200);
    assert.match(JSON.stringify(body), /You marked this published/);
    step(t, start, 'Nadia published the entry');

    // 3. Dana shares a job trial with her cohort, and on the Hub, in one step.
    mark = await cardCount(dana);
    await say(dana, 'partnerships');
    const menu = await waitForCard(dana, 'Your partnership work', { after: mark });
    await screenshot(dana, 'hub-04-dana-partnership-menu');
    await actionButton(menu, 'Share an opportunity').click();
    // Action.Execute: the form replaces the menu in place.
    const share = await waitForCard(dana, 'Share an opportunity with your work coaches');
    await share.getByRole('radio', { name: 'Job trial (Employer Engagement)', exact: true }).click();
    await typeInto(dana, share.getByLabel('Title'), 'Job trials at Greenway Garden Centre');
    await typeInto(dana, share.getByLabel('Summary'), 'Four-week trials for up to 3 claimants, near Crawley station. Refer through LMS.');
    await share.getByRole('checkbox', { name: 'Also put it on the local Disability Hub' }).click();
    await screenshot(dana, 'hub-05-dana-share-form');
    await actionButton(share, 'Share it').click();
    const shared = await waitForCard(dana, 'with the reminder about conditionality');
    assert.match(await shared.innerText(), /It was also sent to Nadia Brooks to go on the Hub/);
    await screenshot(dana, 'hub-06-dana-shared');
    step(t, start, 'opportunity shared');

    // 4. Amira gets the opportunity, with the conditionality reminder, and details behind "Show details".
    const opportunity = await waitForCard(amira, 'New opportunity: Job trials at Greenway Garden Centre', { timeout: 30_000 });
    const opportunityText = await opportunity.innerText();
    assert.match(opportunityText, /fully understand the conditionality requirement/);
    assert.doesNotMatch(opportunityText, /Four-week trials/, 'the summary waits behind Show details');
    await actionButton(opportunity, 'Show details').click();
    await opportunity.getByText(/Four-week trials/).waitFor({ state: 'visible' });
    await screenshot(amira, 'hub-07-amira-opportunity');
    step(t, start, 'Amira got the opportunity');

    // 5. Amira searches the Hub and finds the entry.
    mark = await cardCount(amira);
    await say(amira, 'hub hidden impairment');
    const found = await waitForCard(amira, 'You found 1 entry on the Surrey and Sussex Hub', { after: mark });
    const foundText = await found.innerText();
    assert.match(foundText, new RegExp(ENTRY.title));
    assert.match(foundText, /Toolkit/);
    await screenshot(amira, 'hub-08-amira-found');
    // Action.OpenUrl: the renderer draws it as a link-role button.
    await found.getByRole('link', { name: 'Open', exact: true }).or(found.getByRole('button', { name: 'Open', exact: true })).waitFor({ state: 'visible' });
    assert.doesNotMatch(foundText, /Add to the Hub/, 'a coach is not offered to add to the Hub');
    step(t, start, 'Amira found the entry with "hub hidden impairment"');

    // 6. Amira posts on the Hub's feedback forum; Dana gets it as a card and answers.
    mark = await cardCount(amira);
    await say(amira, 'forum');
    const forum = await waitForCard(amira, 'Surrey and Sussex Disability Hub feedback forum', { after: mark });
    assert.match(await forum.innerText(), /Your action: post feedback on a health or disability issue/);
    await actionButton(forum, 'Post feedback').click();
    await typeInto(amira, forum.getByLabel('What it is about'), 'Autism and group sessions');
    await typeInto(amira, forum.getByLabel('Your feedback'), 'Coaches are unsure how to adapt group sessions for autistic claimants.');
    await screenshot(amira, 'hub-09-amira-forum-post');
    await actionButton(forum, 'Post it').click();
    const posted = await waitForCard(amira, 'Posted. Your district’s DEAs have been sent it to answer.');
    assert.match(await posted.innerText(), /Not answered yet/);
    await screenshot(amira, 'hub-10-amira-forum-posted');
    const toDana = await waitForCard(dana, 'Hub forum: Autism and group sessions', { timeout: 30_000 });
    assert.match(await toDana.innerText(), /Your action: answer this post on the Disability Hub forum/);
    await actionButton(toDana, 'Answer').click();
    await typeInto(dana, toDana.getByLabel('Your answer'), 'Use the hidden impairment toolkit on the Hub: it has a section on group sessions.');
    await screenshot(dana, 'hub-11-dana-forum-answer');
    await actionButton(toDana, 'Send the answer').click();
    await waitForCard(dana, 'Answered. The colleague who posted has been told.');
    await screenshot(dana, 'hub-12-dana-forum-answered');
    step(t, start, 'forum post answered');

    // 7. Paul, the work psychologist, sees every DEA he works with on one page.
    const wpPlayground = await startPlayground({ bot, as: 'playground/work-psychologist.m365agentsplayground.yml' });
    const paul = await openPlayground(browser, wpPlayground);
    await openChat(paul, 'Personal Chat');
    mark = await cardCount(paul);
    await say(paul, 'work psychologist');
    const page = await waitForCard(paul, 'You and Dana Morgan, DEA', { after: mark });
    assert.match(await page.innerText(), /With Dana Morgan, DEA/);
    assert.match(await page.innerText(), /Nothing for you to do now|Your action/);
    await screenshot(paul, 'hub-13-paul-work-psychologist-page');
    step(t, start, 'Paul saw his DEAs');
  });
});
