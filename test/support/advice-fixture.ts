import { TestClock } from './conference-fixture';
import { exchange, PEOPLE, startTestBot, type TestBot } from './test-bot';

/** Lucy Fernandes, Crawley's nominated contact. */
export const CONTACT = '00000000-0000-4000-8000-000000000205';
/** Mark Ellis, HCP Activity Manager for Surrey and Sussex. */
export const MANAGER = '00000000-0000-4000-8000-000000000005';
/** Helen Okoro's mailbox: the HCP covering Crawley. */
export const HELEN = 'helen.okoro@hcp.example';
/** A person's personal chat with the bot, as the stand-in connector names it. */
export const chat = (aad: string) => `a:personal-${aad}`;

/**
 * A Specialist Advice spec's bot, started for each test at `at` (its clock put back there each time)
 * with `opened` having opened the app (the coach, Helen, Crawley's contact and the activity manager,
 * unless said), and the connector's record cleared; closed after each test, first checking every
 * card it sent was well formed when `checkCards`. `use` is given the bot each test runs against.
 */
export function adviceBotEachTest(at: string, use: (bot: TestBot) => void, options: { opened?: readonly string[]; checkCards?: boolean } = {}): TestClock {
  const clock = new TestClock(new Date(at));
  let bot: TestBot | null = null;
  beforeEach(async () => {
    clock.at = new Date(at);
    bot = await startTestBot({ clock });
    for (const who of options.opened ?? [PEOPLE.coach, PEOPLE.hcp, CONTACT, MANAGER]) await exchange(bot, who, 'help');
    bot.connector.clear();
    use(bot);
  });
  afterEach(async () => {
    if (options.checkCards) expect(bot!.cardProblems).toEqual([]);
    await bot?.close();
  });
  return clock;
}

/** A coach's Specialist Advice request form as sent: an eligible claimant, face to face, booked. */
export const ADVICE_REQUEST = {
  surname: 'Zebedee',
  nino: 'AB123456C',
  benefit: 'UC',
  healthCondition: 'yes',
  wcaStatus: 'had',
  wcaSummary: 'Limited capability for work',
  background: 'Has not worked for two years',
  conditions: 'Chronic back pain and anxiety',
  adviceTypes: 'adjustments',
  channel: 'face_to_face',
  complex: '',
  when: 'booked',
  consent: 'true',
  gpConsent: 'yes',
};

/** The ids of the proposed times on a coach's card. */
export function slotsOf(card: Record<string, unknown>): string[] {
  const slot = (card.body as Record<string, unknown>[]).flatMap((b) => (b.items as Record<string, unknown>[] | undefined) ?? []).find((i) => i.id === 'slot') as { choices: { value: string }[] } | undefined;
  return slot?.choices.map((c) => c.value) ?? [];
}
