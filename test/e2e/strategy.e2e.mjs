/* global performance */
// Dana, the DEA, proposes a joint local strategy; Tom, her team leader who owns it, gets its card at a
// glance: what it is, his action, why behind "Show details", and "Do not agree" only under "More".
import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { cardCount, openChat, openPlayground, say, screenshot, startPlayground, step, waitForCard, withBotAndBrowser } from './harness.mjs';
import { actionButton, typeInto } from './card-inputs.mjs';

const WCTL = path.join(import.meta.dirname, '..', '..', 'playground', 'wctl.m365agentsplayground.yml');

describe('a joint local strategy', { timeout: 300_000 }, () => {
  const ctx = withBotAndBrowser();

  test('Dana proposes it; Tom reads its card at a glance and agrees', { timeout: 240_000 }, async (t) => {
    const { bot, browser } = ctx;
    const start = performance.now();
    const dea = await startPlayground({ bot, as: 'dea' });
    const wctl = await startPlayground({ bot, as: WCTL });
    const dana = await openPlayground(browser, dea);
    const tom = await openPlayground(browser, wctl);
    await openChat(dana, 'Personal Chat');
    await openChat(tom, 'Personal Chat');
    step(t, start, 'playgrounds open');

    const mark = await cardCount(dana);
    await say(dana, 'partnerships');
    const menu = await waitForCard(dana, 'Your partnership work', { after: mark });
    await actionButton(menu, 'Strategies').click();
    const list = await waitForCard(dana, 'Your strategies');
    await actionButton(list, 'New strategy').click();
    await list.getByRole('radio', { name: 'Joint local strategy', exact: true }).click();
    await typeInto(dana, list.getByLabel('Title'), 'Psychosis peer support');
    await typeInto(dana, list.getByLabel('Why it is needed'), 'Five claimants this autumn had no local peer support for psychosis.');
    // Without the gaps it addresses the bot refuses it: the form comes back open, what was typed kept.
    await actionButton(list, 'Start the strategy').click();
    const refused = await waitForCard(dana, 'Say what gaps it addresses');
    assert.equal(await refused.getByLabel('Title').inputValue(), 'Psychosis peer support');
    await refused.getByLabel('The gaps it addresses').scrollIntoViewIfNeeded();
    await screenshot(dana, 'strategy-00-refused-form-open');
    step(t, start, 'a refused strategy came back open');
    await typeInto(dana, refused.getByLabel('The gaps it addresses'), 'No local peer support group for psychosis.');
    await actionButton(refused, 'Start the strategy').click();
    const proposed = await waitForCard(dana, 'Strategy: Psychosis peer support');
    const danaText = await proposed.innerText();
    assert.match(danaText, /Nothing for you to do now: waiting for Tom Baker to agree/);
    assert.doesNotMatch(danaText, /Five claimants this autumn/, 'why waits behind Show details');
    await screenshot(dana, 'strategy-01-dana-proposed');
    step(t, start, 'strategy proposed');

    const owner = await waitForCard(tom, 'Strategy: Psychosis peer support', { timeout: 30_000 });
    const tomText = await owner.innerText();
    assert.match(tomText, /Your action: Dana Morgan asks you to agree to this joint local strategy/);
    assert.doesNotMatch(tomText, /Five claimants this autumn/);
    await screenshot(tom, 'strategy-02-tom-to-agree');
    await actionButton(owner, 'Show details').click();
    await owner.getByText('Five claimants this autumn', { exact: false }).waitFor();
    await screenshot(tom, 'strategy-03-tom-details');
    await actionButton(owner, 'Agree').click();
    const agreed = await waitForCard(tom, 'You agreed. The DEA has been told it can go ahead.');
    assert.match(await agreed.innerText(), /Nothing for you to do now: waiting for Dana Morgan to take it forward/);
    await screenshot(tom, 'strategy-04-tom-agreed');
    step(t, start, 'Tom agreed');
  });
});
