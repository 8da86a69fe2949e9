import { z } from 'zod';
import { GroupConferences1763920000000 } from '../../data/migrations/1763920000000-GroupConferences';
import { ConferenceMeetingPlace1764810000000 } from '../../data/migrations/1764810000000-ConferenceMeetingPlace';
import { conferenceLabel } from '../../data/privacy/ended-case-cards';
import { conferenceCaseSchema, conferencePlanSchema, conferenceQasSchema, groupConferenceSchema } from '../../data/schema/conferences';
import type { ConversationReference } from 'botbuilder';
import { CONFERENCE_DIARY_WORK, PLAN_BOOKING_WORK } from '../../domain/conferences/group-conference-service';
import { onlyShows, verb, type Journey } from '../core/journey';
import { errorForLog } from '../logger';
import type { GlanceNote } from '../../cards/glance-card';
import type { StaffMember } from '../../domain/staff';
import { CONFERENCE_VERBS, ConferenceActions } from './conference-actions';
import { CONFERENCE_CASES_LIVE_CARD, CONFERENCE_KINDS, PLAN_LIVE_CARD } from './conference-notifier';
import { refreshPostedCopies } from '../privacy/posted-copies';

/** Every conference card names what it is about; the rest of its inputs are checked in the domain. */
const CONFERENCE_DATA = z
  .object({
    planId: z.string().max(64).optional(),
    conferenceId: z.string().max(64).optional(),
    version: z.union([z.string(), z.number()]).optional(),
  })
  .passthrough();

/** An Input.Toggle sends "true" or "false": a yes or no from here on. */
const toggle = z.union([z.literal('true'), z.literal('false'), z.boolean()]).optional().transform((v) => v === true || v === 'true');

/** The plan's first card: whose cohort, how long, and whom else to invite. */
const PLAN_REQUEST = CONFERENCE_DATA.extend({
  deaId: z.string().max(64).optional(),
  durationMinutes: z.union([z.string(), z.number()]).optional().transform((v) => (v === undefined || v === '' ? undefined : Number(v))),
  inviteWctl: toggle,
  inviteWorkPsychologist: toggle,
  meetingMethod: z.string().max(20).optional(),
  venue: z.string().max(1000).optional(),
  room: z.string().max(1000).optional(),
  timeOfDay: z.string().max(20).optional(),
});

/** Group work coach conferences: plans kept 4 months ahead, cases, outcomes and the check list (seed 000 §29–34, §69). */
export const conferencesJourney: Journey = {
  name: 'conferences',
  capabilities: [
    {
      command: 'plan group conferences',
      title: 'Plan group conferences',
      description: 'Group a DEA’s cohort (at most 10 a group) and book a conference a month per group, kept 4 months ahead.',
      roles: ['work_coach_team_leader'],
      menu: "For team leaders: group a DEA's cohort and book monthly group conferences 4 months ahead",
    },
    {
      command: 'nominate case',
      title: 'Nominate a case for a group conference',
      description: '3–4 cases are discussed at each group conference: put one forward from a request, or a new one.',
      roles: ['work_coach', 'work_coach_team_leader'],
    },
  ],
  entities: [conferencePlanSchema, groupConferenceSchema, conferenceCaseSchema, conferenceQasSchema],
  migrations: [GroupConferences1763920000000, ConferenceMeetingPlace1764810000000],
  build: ({ services, directory, clock, logger, updates }) => {
    const { store, plans, cases } = services.conferences;
    const refreshPlanCard = async (planId: string, note?: GlanceNote): Promise<void> => {
      const where = await store.cardOf(planId);
      if (!where) return;
      try {
        await updates.update({ kind: PLAN_LIVE_CARD, subjectId: planId }, where.reference as Partial<ConversationReference>, where.activityId, await actions.renderPlan(planId, note ? { note } : {}));
      } catch (error) {
        // Progress on the card is a courtesy: the booking goes on, and the card is right when reopened.
        logger.warn({ planId, err: errorForLog(error) }, 'could not update the plan card');
      }
    };
    const recordCopy = (conferenceId: string, recipientAad: string, activityId: string, reference: Partial<ConversationReference>) => services.postedCards.record({ requestId: conferenceId, recipientAad, activityId, reference });
    // Booking shows its progress on the plan's card step by step, so it waits for each update.
    const actions = new ConferenceActions({ plans, cases, store, directory, clock, logger, onPlanChanged: refreshPlanCard, access: services.access });
    return {
      commands: {
        'plan group conferences': onlyShows((turn, person) => actions.planCommand(turn, person)),
        'nominate case': onlyShows((turn, person) => actions.nominateCommand(turn, person)),
      },
      verbs: CONFERENCE_VERBS.map((name) => verb(name, name === 'conference.draft' ? PLAN_REQUEST : CONFERENCE_DATA, ({ person, data, typed, turn }) => actions.answer(name, person, data, typed, turn))),
      cards: {
        // Where the case list and the summary were posted is kept: they show new cases' notes.
        [CONFERENCE_KINDS.cases]: { render: (conferenceId, recipient) => actions.outboxCards.cases(conferenceId, recipient), posted: recordCopy },
        [CONFERENCE_KINDS.summary]: { render: (conferenceId, recipient) => actions.outboxCards.summary(conferenceId, recipient), posted: recordCopy },
        [CONFERENCE_KINDS.qas]: { render: (conferenceId) => actions.outboxCards.qas(conferenceId) },
        [CONFERENCE_KINDS.changed]: { render: (conferenceId, recipient) => actions.outboxCards.changed(conferenceId, recipient) },
        [CONFERENCE_KINDS.cancelled]: { render: (conferenceId) => actions.outboxCards.cancelled(conferenceId) },
        [CONFERENCE_KINDS.again]: { render: (conferenceId) => actions.outboxCards.again(conferenceId) },
      },
      liveCards: {
        [PLAN_LIVE_CARD]: (planId) => refreshPlanCard(planId),
        [CONFERENCE_CASES_LIVE_CARD]: async (conferenceId) => {
          const conference = await store.findConference(conferenceId);
          const plan = conference ? await store.findPlan(conference.planId) : null;
          if (!conference || !plan) return;
          // The team leader was sent the summary; the DEA, the case list.
          const render = (viewer: StaffMember) => (viewer.id === plan.wctlId ? actions.outboxCards.summary(conferenceId, viewer) : actions.outboxCards.cases(conferenceId, viewer));
          await refreshPostedCopies({ postedCards: services.postedCards, directory, updates, logger }, { kind: CONFERENCE_CASES_LIVE_CARD, subjectId: conferenceId }, render, conferenceLabel(conference));
        },
      },
      work: {
        // Books a confirmed plan's pending and failed conferences, showing progress on its card; a
        // run after a stop part-way finds the meetings already made (one transactionId each).
        // A moved or cancelled conference's meeting, moved or removed in the DEA's diary (and so in
        // every attendee's); the plan's card then shows it done.
        [CONFERENCE_DIARY_WORK]: async (conferenceId) => {
          const done = await plans.writeDiary(conferenceId);
          const conference = done ?? (await store.findConference(conferenceId));
          // The team leader who moved or cancelled it reads on the card that the diaries now say so.
          if (conference) await refreshPlanCard(conference.planId, done ? actions.diaryDoneNote(done) : undefined);
        },
        [PLAN_BOOKING_WORK]: async (planId) => {
          const plan = await store.findPlan(planId);
          if (plan?.status !== 'confirmed') return;
          try {
            await plans.book(planId, () => refreshPlanCard(planId));
          } finally {
            await refreshPlanCard(planId);
          }
        },
      },
      jobs: [
        {
          name: 'runConferenceJobs',
          everyMs: 15 * 60_000,
          // Every instance runs these on its timer; leases in SQL make each piece of work happen once.
          // They run one after another (the top-up and the cohort sync change the same plans); one
          // failing does not stop the others, and the first failure is passed on for the caller to log.
          run: async () => {
            const now = clock.now();
            let failure: unknown = null;
            for (const job of [() => plans.topUp(now), () => plans.syncCohorts(now), () => cases.sendCaseLists(now), () => cases.remindQas(now)]) {
              await job().catch((error: unknown) => {
                failure ??= error;
              });
            }
            if (failure) throw failure;
          },
        },
      ],
    };
  },
};
