import { ConversationState, MemoryStorage, TestAdapter, type TurnContext } from 'botbuilder';
import { DialogSet, TextPrompt, WaterfallDialog, type DialogStateManagerConfiguration } from 'botbuilder-dialogs';
import { KeptDialogScopes } from '../../../bot/core/dialog-scopes';

describe('KeptDialogScopes: the dialog memory scopes built once, not on every turn', () => {
  it('gives every later turn the first turn’s scopes, and dialogs still read and keep their state', async () => {
    const conversationState = new ConversationState(new MemoryStorage());
    const dialogs = new DialogSet(conversationState.createProperty('dialogState'));
    dialogs.add(new TextPrompt('name'));
    dialogs.add(
      new WaterfallDialog('ask', [
        (step) => step.prompt('name', 'Your name?'),
        async (step) => {
          // Read through the memory scopes: the prompt's answer and this turn's activity.
          await step.context.sendActivity(`Thanks ${String(step.result)}, you said "${String(step.state.getValue('turn.activity.text'))}"`);
          return step.endDialog();
        },
      ]),
    );
    const kept = new KeptDialogScopes();
    const configurations: DialogStateManagerConfiguration[] = [];
    const adapter = new TestAdapter(async (turn: TurnContext) => {
      await kept.around(turn, async () => {
        const dc = await dialogs.createContext(turn);
        configurations.push(dc.state.configuration);
        const result = await dc.continueDialog();
        if (!dc.context.responded && result.status === 'empty') await dc.beginDialog('ask');
      });
      await conversationState.saveChanges(turn);
    });

    await adapter.send('hi').assertReply('Your name?').send('Sam').assertReply('Thanks Sam, you said "Sam"').send('again').assertReply('Your name?');

    expect(configurations).toHaveLength(3);
    expect(configurations[0]!.memoryScopes.map((s) => s.name)).toEqual(expect.arrayContaining(['turn', 'dialog', 'conversation', 'user', 'settings']));
    // If botbuilder-dialogs stopped reading the kept set from the turn, each turn would build its own.
    expect(configurations[1]).toBe(configurations[0]);
    expect(configurations[2]).toBe(configurations[0]);
  });
});
