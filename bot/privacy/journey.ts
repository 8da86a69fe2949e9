import { MessageFactory, type TurnContext } from 'botbuilder';
import { erasedCard, ninoFormCard, subjectAccessCards, whoLookedCard, type PrivacyAsk } from '../../cards/privacy/privacy-cards';
import { cardAttachment } from '../../dialogs/card-attachment';
import { Privacy1764400000000 } from '../../data/migrations/1764400000000-Privacy';
import { accessLogSchema, privacyRecordSchema } from '../../data/schema/privacy';
import { isDomainError } from '../../domain/errors';
import { checkClaimantKey, type ClaimantKey } from '../../domain/privacy/claimant-key';
import type { StaffMember } from '../../domain/staff';
import { onlyShows, type Journey } from '../core/journey';
import { privacyRefusal } from '../../domain/privacy/privacy-policy';
import { PrivacyActions } from './privacy-actions';
import { applyRetention } from './retention';
import { SqlJobLeases } from '../../data/stores/job-leases';

const LEAD = ['data_protection_lead'] as const;

/** Data protection: erasure, subject access, the audit of reads and retention of claimant data. */
export const privacyJourney: Journey = {
  name: 'privacy',
  // Typed commands only (no manifest entry: the menu is full); shown on the help card to those who may use them.
  capabilities: [
    { command: 'subject access', title: 'Subject access request', description: 'Everything held about a claimant, by National Insurance number (or, for someone who claims no benefit, the name and employer on their retention case), to read and as data (JSON). Due in one calendar month; Specialist Advice material in five working days.', roles: LEAD },
    { command: 'erase claimant', title: 'Erase a claimant\'s details', description: 'Remove a claimant\'s details from every case, keeping the counts for reports.', roles: LEAD },
    { command: 'who looked', title: 'Who looked at a claimant\'s cases', description: 'Who has been shown a claimant\'s cases, and when.', roles: [...LEAD, 'work_coach_team_leader'] },
  ],
  entities: [privacyRecordSchema, accessLogSchema],
  migrations: [Privacy1764400000000],
  build: ({ config, dataSource, outbox, updates, clock, logger, services }) => {
    const actions = new PrivacyActions({ dataSource, outbox, clock, logger });
    const leases = new SqlJobLeases(dataSource);
    const retention = () => applyRetention({ dataSource, records: actions.records, log: actions.log, leases, updates, redactPostedCards: (cases) => actions.redactPostedCards(cases), rules: config.retention, clock, logger });
    // The form only: nothing is read or kept until it is sent.
    const form = (ask: PrivacyAsk) =>
      onlyShows(async (turn: TurnContext, person: StaffMember) => {
        const refusal = privacyRefusal(ask, person);
        await turn.sendActivity(refusal ?? MessageFactory.attachment(cardAttachment(ninoFormCard(ask))));
      });
    const typedIn = (data: Record<string, unknown>) => ({
      nino: typeof data.nino === 'string' ? data.nino : '',
      personName: typeof data.personName === 'string' ? data.personName : '',
      employer: typeof data.employer === 'string' ? data.employer : '',
    });
    /** Reads who it is about from a submitted form (a NINO, or a name and employer); a refused one comes back with the form, as typed. */
    const withKey = (ask: PrivacyAsk, work: (turn: TurnContext, person: StaffMember, key: ClaimantKey, data: Record<string, unknown>) => Promise<void>) => async (turn: TurnContext, person: StaffMember, data: Record<string, unknown>) => {
      const typed = typedIn(data);
      const check = checkClaimantKey(typed, ask !== 'privacy.seen');
      if (!check.ok) {
        await turn.sendActivity(MessageFactory.attachment(cardAttachment(ninoFormCard(ask, { ...typed, problems: check.problems }))));
        return;
      }
      try {
        await work(turn, person, check.key, data);
      } catch (error) {
        if (!isDomainError(error)) throw error;
        await turn.sendActivity(error.message);
      }
    };
    return {
      // Showings are written before the card that shows them leaves; this writes any a render noted for a card that never went.
      jobs: [
        { name: 'writeAccessLog', everyMs: 15_000, run: () => services.access.flush() },
        // Every instance looks each hour; one a day does it.
        { name: 'applyRetention', everyMs: 60 * 60_000, run: retention },
      ],
      commands: { 'subject access': form('privacy.access'), 'erase claimant': form('privacy.erase'), 'who looked': form('privacy.seen') },
      submits: {
        'privacy.access': withKey('privacy.access', async (turn, person, key) => {
          const { document, data } = await actions.subjectAccess(person, key);
          // Teams takes files from a bot only through a consent card and OneDrive: the messages carry
          // both the readable document and the data, in as many as Teams' message size needs.
          await turn.sendActivities(subjectAccessCards(document, data).map((card) => MessageFactory.attachment(cardAttachment(card))));
        }),
        'privacy.erase': withKey('privacy.erase', async (turn, person, key, data) => {
          if (data.confirm !== 'yes') {
            await turn.sendActivity(MessageFactory.attachment(cardAttachment(ninoFormCard('privacy.erase', { ...typedIn(data), confirmProblem: 'Confirm the erasure has been agreed.' }))));
            return;
          }
          const { references, counts } = await actions.erase(person, key);
          await turn.sendActivity(MessageFactory.attachment(cardAttachment(erasedCard(references, Object.values(counts).reduce((a, b) => a + b, 0)))));
        }),
        'privacy.seen': withKey('privacy.seen', async (turn, person, key) => {
          // This form asks for a NINO only, so a key that passed the check has one.
          await turn.sendActivity(MessageFactory.attachment(cardAttachment(whoLookedCard(await actions.whoLooked(person, key.nino!)))));
        }),
      },
    };
  },
};
