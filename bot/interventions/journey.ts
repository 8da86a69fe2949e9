import { z } from 'zod';
import { meetingSummaryCard } from '../../cards/outcome-forms';
import type { AdaptiveCard } from '../../cards/render';
import { LIST_PAGE_VERBS, qualityListCard } from '../../cards/list-cards';
import { Interventions1763910000000 } from '../../data/migrations/1763910000000-Interventions';
import { consentRecordSchema, interventionOverrideSchema, meetingRecordSchema, qualityCheckSchema } from '../../data/schema/interventions';
import { NEXT_STEP_LABELS } from '../../domain/outcomes/next-steps';
import { participantsOf, relationshipTo } from '../../domain/requests/participants';
import type { StaffMember } from '../../domain/staff';
import { verb, type Journey } from '../core/journey';
import { auditedPage, listRoutes } from '../core/list-routes';
import { CASE_CARD_KINDS } from '../core/outbox-writer';
import { refreshPostedCopies } from '../privacy/posted-copies';
import { OverrideActions } from './override-actions';

const text = z.string().optional();
const OVERRIDE = z.object({ overrideId: z.string().min(1).max(64), overrideNote: text });

/**
 * The posted copies of the team leader's card to agree a further intervention and of a meeting
 * summary: both are about the claimant in people's own words, so erasure and retention re-render them
 * once those words are overwritten.
 */
export const INTERVENTION_LIVE_CARDS = { override: 'intervention_override', summary: 'meeting_summary' } as const;

/**
 * Consent, three way and claimant support interventions, outcomes after each meeting and the team
 * leaders' quality checks (seed 000 §14–28, §35–42, §69).
 */
export const interventionsJourney: Journey = {
  name: 'interventions',
  capabilities: [
    {
      command: null,
      title: 'Consent, booking and outcomes',
      description: "When the DEA accepts a three way or a claimant support intervention, the request card takes you through the claimant's consent and the booking; after a meeting, it asks for the outcome.",
      roles: ['work_coach'],
    },
    {
      command: null,
      title: 'After each meeting',
      description: 'Record outcomes and send your summary of outputs from the request card; ask your team leader to agree a 4th claimant support intervention.',
      roles: ['dea'],
    },
    {
      command: 'quality checks',
      title: 'Quality checks (QAS)',
      description: "Your DEAs' meetings, and your work coaches' conferences and three ways with any DEA: mark one for a QAS check and record the result. Agree further interventions on the cards you get.",
      roles: ['work_coach_team_leader'],
      menu: "For team leaders: your DEAs' and your work coaches' meetings to mark for a QAS check, and the results",
    },
  ],
  entities: [consentRecordSchema, interventionOverrideSchema, meetingRecordSchema, qualityCheckSchema],
  migrations: [Interventions1763910000000],
  build: ({ services, directory, logger, clock, updates }) => {
    const { answers, interventions, outcomes, quality, requestStore, lists, access, postedCards } = services;
    const audited = auditedPage(access);
    const overrides = new OverrideActions(interventions, requestStore, directory, logger, access);
    const renderSummary = async (recordId: string, recipient: StaffMember): Promise<AdaptiveCard | null> => {
      const record = await outcomes.findRecord(recordId);
      const request = record ? await requestStore.findById(record.requestId) : null;
      if (!record || !request) return null;
      const participants = await participantsOf(directory, request);
      // The summary is about the claimant in the meeting's own words: its showing is in the access log.
      access.saw(recipient, 'request', request.id, relationshipTo(participants, recipient), 'card');
      return meetingSummaryCard(record, request, participants);
    };
    const copies = { postedCards, directory, updates, logger };
    const checks = listRoutes(LIST_PAGE_VERBS.quality, async (p, offset) => audited('team leader', await lists.checkable(p, offset), p), qualityListCard, clock);
    return {
      commands: {
        'quality checks': checks.command,
      },
      verbs: [
        checks.verb,
        answers.verb('consent.threeWay', z.object({ conditionality: text, explained: text, answer: text, availability: text, letterFormat: text }), async (p, t, d) => {
          const { request, consent, caseConference } = await interventions.captureThreeWayConsent(p, t.requestId, t.version, d);
          return {
            request,
            note:
              consent.answer === 'agreed'
                ? 'Consent recorded. Next: book the three way intervention.'
                : `Recorded that the claimant did not agree. ${caseConference ? `Case conference request ${caseConference} was raised in its place` : 'A case conference request was raised in its place'}; the DEA has been told.`,
          };
        }),
        answers.verb('consent.intervention', z.object({ confirmed: text, letterFormat: text }), async (p, t, d) => ({
          request: await interventions.confirmInterventionConsent(p, t.requestId, t.version, { confirmed: d.confirmed, letterFormat: d.letterFormat }),
          note: 'Pre-conditions confirmed. The DEA has been told and will contact the claimant to arrange it.',
        })),
        answers.verb('intervention.askOverride', z.object({ overrideReason: text }), async (p, t, d) => ({
          request: await interventions.askForOverride(p, t.requestId, t.version, d.overrideReason),
          note: 'Your team leader has been asked to agree. You will get a message here when they answer.',
        })),
        answers.verb('outcome.record', z.object({ actions: text, nextSteps: text }), async (p, t, d) => {
          const { request, followUps } = await outcomes.recordOutcome(p, t.requestId, t.version, d);
          const started = followUps.map((f) => `${NEXT_STEP_LABELS[f.step]}: ${f.reference}`).join('; ');
          return { request, note: `Outcome recorded.${started ? ` Started: ${started}.` : ''}` };
        }),
        answers.verb('outcome.summary', z.object({ summary: text }), async (p, t, d) => ({ request: await outcomes.recordSummary(p, t.requestId, t.version, d), note: 'Your summary of outputs was sent.' })),
        answers.verb('qas.mark', z.object({}), async (p, t) => ({ request: await quality.mark(p, t.requestId, t.version), note: 'Marked for a QAS check. Record the result here after the check.' })),
        answers.verb('qas.record', z.object({ qasResult: text, qasNotes: text }), async (p, t, d) => ({ request: await quality.record(p, t.requestId, t.version, { result: d.qasResult, notes: d.qasNotes }), note: 'QAS result recorded.' })),
        verb('intervention.agree', OVERRIDE, ({ person, data }) => overrides.decide(person, 'intervention.agree', data.overrideId, 'agreed', data.overrideNote)),
        verb('intervention.decline', OVERRIDE, ({ person, data }) => overrides.decide(person, 'intervention.decline', data.overrideId, 'declined', data.overrideNote)),
      ],
      cards: {
        [CASE_CARD_KINDS.override]: {
          render: (overrideId, recipient) => overrides.render(overrideId, recipient),
          posted: (overrideId, recipientAad, activityId, reference) => postedCards.record({ requestId: overrideId, recipientAad, activityId, reference }),
        },
        [CASE_CARD_KINDS.summary]: {
          render: renderSummary,
          posted: (recordId, recipientAad, activityId, reference) => postedCards.record({ requestId: recordId, recipientAad, activityId, reference }),
        },
      },
      liveCards: {
        [INTERVENTION_LIVE_CARDS.override]: async (overrideId) => {
          const override = await interventions.findOverride(overrideId);
          const request = override ? await requestStore.findById(override.requestId) : null;
          if (!request) return;
          await refreshPostedCopies(copies, { kind: INTERVENTION_LIVE_CARDS.override, subjectId: overrideId }, (viewer) => overrides.render(overrideId, viewer), request.reference);
        },
        [INTERVENTION_LIVE_CARDS.summary]: async (recordId) => {
          const record = await outcomes.findRecord(recordId);
          const request = record ? await requestStore.findById(record.requestId) : null;
          if (!request) return;
          await refreshPostedCopies(copies, { kind: INTERVENTION_LIVE_CARDS.summary, subjectId: recordId }, (viewer) => renderSummary(recordId, viewer), request.reference);
        },
      },
      jobs: [{ name: 'markEndedMeetings', everyMs: 60_000, run: () => outcomes.markEndedMeetings() }],
    };
  },
};
