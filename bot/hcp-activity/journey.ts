import { z } from 'zod';
import { coachNoticeCard } from '../../cards/hcp-activity/activity-cards';
import { attendanceNoticeCard, supplierAnswerNote } from '../../cards/hcp-activity/manager-cards';
import { HcpActivity1764500000000 } from '../../data/migrations/1764500000000-HcpActivity';
import { HcpActivityDiary1764520000000 } from '../../data/migrations/1764520000000-HcpActivityDiary';
import { SupplierCoverDate1765870000000 } from '../../data/migrations/1765870000000-SupplierCoverDate';
import { HcpActivityCoach1765875000000 } from '../../data/migrations/1765875000000-HcpActivityCoach';
import { hcpActivitySchema, hcpAttendanceSchema, hcpNoticeSchema, hcpWeeklyNoteSchema, supplierRequestSchema } from '../../data/schema/hcp-activity';
import { weeklyNoteLabel } from '../../data/privacy/ended-case-cards';
import { SqlHcpActivityStore, SqlHcpRoles } from '../../data/stores/hcp-activity';
import { SqlJobLeases } from '../../data/stores/job-leases';
import { SqlRoleHolders } from '../../data/stores/role-holders';
import { SqlAdvicePeople, SqlAdviceStore } from '../../data/stores/specialist-advice';
import { SqlWorkingPatterns } from '../../data/stores/working-patterns';
import { SqlUnitOfWork } from '../../data/transactions';
import { londonDateFast } from '../../domain/calendar/london-time';
import { lastDayOfTrial } from '../../domain/reports/trials';
import { isDomainError } from '../../domain/errors';
import { describeDate } from '../../domain/requests/calendar-date';
import { HcpActivityService } from '../../domain/hcp-activity/activity-service';
import { HCP_DIARY_WORK, HcpDiaryWork } from '../../domain/hcp-activity/diary-work';
import { ACTIVITY_KIND_LABELS } from '../../domain/hcp-activity/records';
import { caseReferencesIn, coachToTell, reminderDue, WEEKLY_CONVERSATION_TARGET, weekStartOf } from '../../domain/hcp-activity/rules';
import { onlyShows, verb, type Journey } from '../core/journey';
import { refreshPostedCopies } from '../privacy/posted-copies';
import { HcpActivityActions } from './activity-actions';
import { AdviceDiary } from './diary';
import { ADVICE_HCP_AWAY_LINE } from '../specialist-advice/kinds';

/** Outbox kinds: an activity's card, and a weekly note's card, rendered for their recipient when delivered. */
export const HCP_ACTIVITY_CARD = 'hcp_activity';
export const HCP_WEEKLY_NOTE_CARD = 'hcp_weekly_note';
/** The activity manager's card of an absence (by its supplier request) or a late arrival, recorded by someone else. */
export const HCP_ABSENCE_CARD = 'hcp_absence';
export const HCP_LATE_CARD = 'hcp_late';
/** The short notice to the work coach a case conference was arranged for by someone else: no note, a button to its card. */
export const HCP_COACH_CARD = 'hcp_coach';
/**
 * The posted copies of an activity's card, when the activity is about a case: its note may describe
 * the claimant, so erasure and retention re-render them once the note is overwritten.
 */
export const HCP_ACTIVITY_LIVE_CARD = 'hcp_activity_case';
/**
 * The posted copies of a weekly note's card, when its text names a case (DEA-000123, SA-000012,
 * RET-000004): erasure and retention overwrite that text, and re-render them from it.
 */
export const HCP_WEEKLY_NOTE_LIVE_CARD = 'hcp_weekly_note_case';

const version = z.union([z.string(), z.number()]).optional().transform((v) => (v === undefined || v === '' ? null : Number(v)));
const ACTIVITY = z.object({ activityId: z.string().min(1).max(64), version }).passthrough();
const NOTE = z.object({ noteId: z.string().min(1).max(64), version }).passthrough();
const SUPPLIER = z.object({ requestId: z.string().min(1).max(64), version }).passthrough();
const ARRIVAL = z.object({ hcpId: z.string().max(64).optional() }).passthrough();
const ANY = z.object({}).passthrough();

/** What a card sent, less its ids: what the person typed, to give back on a refusal. */
function inputsOf(typed: Readonly<Record<string, string>>): Record<string, string> {
  const { activityId: _a, noteId: _n, requestId: _r, version: _v, ...inputs } = typed;
  return inputs;
}

/** HCPs' supporting activity, attendance and weekly note, and the activity manager's view of them. */
export const hcpActivityJourney: Journey = {
  name: 'hcp activity',
  capabilities: [
    { command: 'activity', title: 'Your supporting activity', description: 'Record case conferences, presentations and other work you do when no three-way conversation is booked, and see today’s free time.', roles: ['hcp'] },
    { command: 'weekly note', title: 'Your weekly note', description: 'Check the draft of your week’s activity and submit it to your activity manager.', roles: ['hcp'] },
    { command: 'arrived', title: 'Record an arrival', description: 'HCPs: record your arrival at today’s jobcentre. Contacts: record the arrival of the HCP you greet, or an absence.', roles: ['hcp', 'jobcentre_contact'] },
    { command: 'case conference', title: 'Ask for a case conference with an HCP', description: 'Ask the HCP Activity Manager for a case conference with the Health Care Professional; team leaders can set up a group one.', roles: ['work_coach', 'work_coach_team_leader'] },
    { command: 'hcp week', title: 'Your HCPs’ week', description: `Each HCP’s conversations against ${WEEKLY_CONVERSATION_TARGET} a week, supporting activity, attendance and weekly note; set work activities, record absences and notices.`, roles: ['hcp_activity_manager'] },
    { command: 'supplier requests', title: 'Supplier requests', description: 'Ask the HCP supplier for provision, a replacement or information, and record their answers against the time allowed.', roles: ['hcp_activity_manager'] },
  ],
  entities: [hcpActivitySchema, hcpWeeklyNoteSchema, hcpAttendanceSchema, supplierRequestSchema, hcpNoticeSchema],
  migrations: [HcpActivity1764500000000, HcpActivityDiary1764520000000, SupplierCoverDate1765870000000, HcpActivityCoach1765875000000],
  build: ({ dataSource, directory, outbox, clock, logger, services, config, work, updates }) => {
    const roles = new SqlHcpRoles(dataSource, directory);
    const advicePeople = new SqlAdvicePeople(dataSource, directory);
    const holders = new SqlRoleHolders(dataSource, directory);
    const store = new SqlHcpActivityStore(dataSource);
    const diaryWork = new HcpDiaryWork({ store, calendar: services.calendar, directory, jobcentre: (id) => advicePeople.jobcentre(id) });
    const adviceStore = new SqlAdviceStore(dataSource);
    const service = new HcpActivityService({
      store,
      diary: new AdviceDiary(adviceStore, services.calendar, new SqlWorkingPatterns(dataSource)),
      conversations: { startingIn: (hcpId, from, to) => adviceStore.forHcps([hcpId], from, to) },
      people: {
        jobcentre: (id) => advicePeople.jobcentre(id),
        jobcentresInCluster: (cluster) => advicePeople.jobcentresInCluster(cluster),
        hcpCovering: (id) => advicePeople.hcpCovering(id),
        hcpsInDistrict: (district) => advicePeople.hcpsInDistrict(district),
        officesInClustersOf: (ids) => advicePeople.officesInClustersOf(ids),
        managersInDistrict: (district) => roles.managersInDistrict(district),
        coachesInDistrictOf: (jobcentreId) => holders.holdersInDistrictOf('work_coach', jobcentreId),
      },
      directory,
      // Cards queued in a use case are sent only once it commits.
      notifier: {
        activity: (personId, activityId) => outbox.notify(personId, HCP_ACTIVITY_CARD, activityId),
        coach: (personId, activityId) => outbox.notify(personId, HCP_COACH_CARD, activityId),
        weeklyNote: (personId, noteId) => outbox.notify(personId, HCP_WEEKLY_NOTE_CARD, noteId),
        absence: (personId, requestId) => outbox.notify(personId, HCP_ABSENCE_CARD, requestId),
        lateArrival: (personId, attendanceId) => outbox.notify(personId, HCP_LATE_CARD, attendanceId),
        hcpAway: (coachId, conversationId) => outbox.notify(coachId, ADVICE_HCP_AWAY_LINE, conversationId),
      },
      work: work.scheduler,
      uow: new SqlUnitOfWork(dataSource),
      clock,
      // The same trial as the reports: each district's, from SA_TRIALS (the default for the rest).
      trialEndsOn: (district) => lastDayOfTrial(config.reports.trials.get(district) ?? config.reports.defaultTrial),
    });
    const actions = new HcpActivityActions({ service, clock, logger, access: services.access });
    const leases = new SqlJobLeases(dataSource);
    const gone = (error: unknown) => (isDomainError(error) ? null : Promise.reject(error));

    return {
      commands: {
        activity: onlyShows((turn, person) => actions.command(turn, () => actions.hcpCard(person))),
        // These two write, so they are claimed in SQL: the week's note is made the first time it is opened, and an arrival is recorded.
        'weekly note': (turn, person) => actions.command(turn, () => actions.myNoteCard(person)),
        arrived: (turn, person) => actions.command(turn, () => actions.arrivedCommand(person)),
        'case conference': onlyShows((turn, person) => actions.command(turn, () => actions.conferenceForm(person))),
        'hcp week': onlyShows((turn, person) => actions.command(turn, () => actions.managerCard(person))),
        'supplier requests': onlyShows((turn, person) => actions.command(turn, () => actions.supplierCard(person))),
      },
      verbs: [
        verb('hcp.record', ANY, ({ person, typed }) =>
          actions.answer(person, 'hcp.record', typed, async () => {
            const activity = await service.record(person, typed);
            return actions.hcpCard(person, { text: `Recorded: ${ACTIVITY_KIND_LABELS[activity.kind].toLowerCase()} on ${describeDate(activity.date!)}. It goes into your weekly note.`, tone: 'good' });
          }, (m, f) => actions.hcpCard(person, m, f)),
        ),
        verb('hcp.arrived', ARRIVAL, ({ person, data, typed }) =>
          actions.answer(person, 'hcp.arrived', typed, () => actions.arrivedClick(person, data.hcpId || null, typed.arrivedAt), (m, f) => actions.homeOf(person, m, f)),
        ),
        verb('hcp.absent', ANY, ({ person, typed }) => actions.answer(person, 'hcp.absent', typed, () => actions.absenceClick(person, typed), (m, f) => actions.homeOf(person, m, f))),
        verb('hcp.open', ACTIVITY, ({ person, data }) => actions.answer(person, 'hcp.open', {}, () => actions.activityOrMessage(person, data.activityId), (m) => actions.activityOrMessage(person, data.activityId, m))),
        verb('hcp.plan', ACTIVITY, ({ person, data, typed }) =>
          actions.answer(person, 'hcp.plan', inputsOf(typed), async () => {
            const planned = await service.plan(person, data.activityId, data.version, typed);
            return actions.activityOrMessage(person, planned, { text: await actions.arrangedNote(person, planned), tone: 'good' });
          }, (m, f) => actions.activityOrMessage(person, data.activityId, m, f)),
        ),
        verb('hcp.complete', ACTIVITY, ({ person, data, typed }) =>
          actions.answer(person, 'hcp.complete', inputsOf(typed), async () => actions.activityOrMessage(person, await service.complete(person, data.activityId, data.version, typed), { text: 'Recorded as held. It goes into your weekly note.', tone: 'good' }), (m, f) => actions.activityOrMessage(person, data.activityId, m, f)),
        ),
        verb('hcp.move', ACTIVITY, ({ person, data, typed }) =>
          actions.answer(person, 'hcp.move', inputsOf(typed), async () => actions.activityOrMessage(person, await service.move(person, data.activityId, data.version, typed), { text: 'Moved. The diaries are being changed and the others in it are told.', tone: 'good' }), (m, f) => actions.activityOrMessage(person, data.activityId, m, f)),
        ),
        verb('hcp.cancel', ACTIVITY, ({ person, data }) =>
          actions.answer(person, 'hcp.cancel', {}, async () => actions.activityOrMessage(person, await service.cancel(person, data.activityId, data.version), { text: 'Cancelled and taken out of the diaries.', tone: 'good' }), (m) => actions.activityOrMessage(person, data.activityId, m)),
        ),
        verb('hcp.askConference', ANY, ({ person, typed }) =>
          actions.answer(person, 'hcp.askConference', typed, async () => {
            const asked = await service.requestCaseConference(person, typed);
            return actions.activityOrMessage(person, asked, { text: await actions.arrangedNote(person, asked), tone: 'good' });
          }, (m, f) => actions.conferenceForm(person, m, f)),
        ),
        verb('hcp.note', ANY, ({ person }) => actions.answer(person, 'hcp.note', {}, () => actions.myNoteCard(person), (m) => actions.hcpCard(person, m))),
        verb('hcp.noteOpen', NOTE, ({ person, data }) => actions.answer(person, 'hcp.noteOpen', {}, async () => actions.noteCard(person, await service.noteById(data.noteId)), (m) => actions.homeOf(person, m))),
        ...(['hcp.noteSave', 'hcp.noteSubmit'] as const).map((name) =>
          verb(name, NOTE, ({ person, data, typed }) =>
            actions.answer(
              person,
              name,
              inputsOf(typed),
              async () => actions.noteCard(person, await service.saveNote(person, data.noteId, data.version, typed.body ?? '', name === 'hcp.noteSubmit'), { text: name === 'hcp.noteSubmit' ? 'Submitted to your activity manager.' : 'Saved. Submit it when it is ready.', tone: 'good' }),
              async (m, f) => actions.noteCard(person, await service.noteById(data.noteId), m, f),
            ),
          ),
        ),
        ...(['hcp.noteAccept', 'hcp.noteChange'] as const).map((name) =>
          verb(name, NOTE, ({ person, data, typed }) =>
            actions.answer(
              person,
              name,
              inputsOf(typed),
              async () => actions.noteCard(person, await service.review(person, data.noteId, data.version, name === 'hcp.noteAccept' ? 'accept' : 'change', typed.reason ?? ''), { text: name === 'hcp.noteAccept' ? 'Accepted. The HCP is told.' : 'Sent back to the HCP with your reason.', tone: 'good' }),
              async (m, f) => actions.noteCard(person, await service.noteById(data.noteId), m, f),
            ),
          ),
        ),
        verb('hcp.week', ANY, ({ person }) => actions.answer(person, 'hcp.week', {}, () => actions.managerCard(person), (m) => actions.homeOf(person, m))),
        verb('hcp.setActivity', ANY, ({ person, typed }) =>
          actions.answer(person, 'hcp.setActivity', typed, async () => {
            const activity = await service.setWorkActivity(person, typed);
            const hcp = await service.person(activity.hcpId);
            const told = coachToTell(activity, person.id);
            const coach = told ? await service.person(told).catch(() => null) : null;
            const text = coach ? `Set for ${hcp.name} and ${coach.name} on ${describeDate(activity.date!)}. It goes into both their diaries, and they are told.` : `Set for ${hcp.name} on ${describeDate(activity.date!)}. It goes into their diary, and they are told.`;
            return actions.managerCard(person, { text, tone: 'good' });
          }, (m, f) => actions.managerCard(person, m, f)),
        ),
        verb('hcp.notice', ANY, ({ person, typed }) => actions.answer(person, 'hcp.notice', typed, () => actions.noticeClick(person, typed), (m, f) => actions.managerCard(person, m, f))),
        verb('hcp.supplier', ANY, ({ person }) => actions.answer(person, 'hcp.supplier', {}, () => actions.supplierCard(person), (m) => actions.homeOf(person, m))),
        verb('hcp.supplierRaise', ANY, ({ person, typed }) =>
          actions.answer(person, 'hcp.supplierRaise', typed, async () => {
            const request = await service.raiseSupplierRequest(person, typed);
            return actions.supplierCard(person, { text: `Recorded as ${request.reference}. The supplier must answer by ${describeDate(request.dueOn)}.`, tone: 'good' });
          }, (m, f) => actions.supplierCard(person, m, f)),
        ),
        verb('hcp.supplierAnswer', SUPPLIER, ({ person, data, typed }) =>
          actions.answer(person, 'hcp.supplierAnswer', inputsOf(typed), async () => {
            const request = await service.recordSupplierAnswer(person, data.requestId, data.version, typed);
            return actions.supplierCard(person, { text: supplierAnswerNote(request, londonDateFast(clock.now())), tone: 'good' });
          }, (m, f) => actions.supplierCard(person, m, f, data.requestId)),
        ),
        // The day an answered request's cover really started: what the supplier figure counts from.
        verb('hcp.supplierCover', ANY, ({ person, typed }) =>
          actions.answer(person, 'hcp.supplierCover', typed, () => actions.coverDayClick(person, typed), (m, f) => actions.supplierCard(person, m, f, undefined, true)),
        ),
      ],
      cards: {
        // An activity or note gone, or no longer this person's, sends nothing.
        [HCP_ACTIVITY_CARD]: {
          render: (activityId, recipient) => actions.activityCard(recipient, activityId).catch(gone),
          // Kept only for an activity about a case: no other note may name a claimant.
          posted: async (activityId, recipientAad, postedId, reference) => {
            if ((await store.activity(activityId))?.caseReference) await services.postedCards.record({ requestId: activityId, recipientAad, activityId: postedId, reference });
          },
        },
        [HCP_COACH_CARD]: {
          // Rendered for the coach it was arranged for only: another recipient, or one no longer its coach, gets nothing.
          render: (activityId, recipient) => service.coachNotice(recipient, activityId).then(coachNoticeCard).catch(gone),
          // "Open it" puts the activity's card, note and all, in its place: kept, as the activity's own card is, to be overwritten with it.
          posted: async (activityId, recipientAad, postedId, reference) => {
            if ((await store.activity(activityId))?.caseReference) await services.postedCards.record({ requestId: activityId, recipientAad, activityId: postedId, reference });
          },
        },
        [HCP_ABSENCE_CARD]: { render: (requestId, recipient) => service.attendanceNotice(recipient, 'absence', requestId).then(attendanceNoticeCard).catch(gone) },
        [HCP_LATE_CARD]: { render: (attendanceId, recipient) => service.attendanceNotice(recipient, 'late', attendanceId).then(attendanceNoticeCard).catch(gone) },
        [HCP_WEEKLY_NOTE_CARD]: {
          render: (noteId, recipient) => service.noteById(noteId).then((note) => actions.noteCard(recipient, note)).catch(gone),
          // Kept only for a note whose text names a case: no other note is about a claimant.
          posted: async (noteId, recipientAad, postedId, reference) => {
            const note = await store.weeklyNoteById(noteId);
            if (note && caseReferencesIn(note.body).length > 0) await services.postedCards.record({ requestId: noteId, recipientAad, activityId: postedId, reference });
          },
        },
      },
      liveCards: {
        [HCP_ACTIVITY_LIVE_CARD]: async (activityId) => {
          const activity = await store.activity(activityId);
          if (!activity?.caseReference) return;
          await refreshPostedCopies({ postedCards: services.postedCards, directory, updates, logger }, { kind: HCP_ACTIVITY_LIVE_CARD, subjectId: activityId }, (viewer) => actions.activityCard(viewer, activity).catch(gone), activity.caseReference);
        },
        // Its text may have been overwritten since (so naming no case now): it is shown as stored.
        [HCP_WEEKLY_NOTE_LIVE_CARD]: async (noteId) => {
          const note = await store.weeklyNoteById(noteId);
          if (!note) return;
          await refreshPostedCopies({ postedCards: services.postedCards, directory, updates, logger }, { kind: HCP_WEEKLY_NOTE_LIVE_CARD, subjectId: noteId }, (viewer) => actions.noteCard(viewer, note).catch(gone), weeklyNoteLabel(note.weekStart));
        },
      },
      work: {
        // Writes the activity's diary entries, or removes them once it is cancelled; safe to repeat after a stop.
        [HCP_DIARY_WORK]: (activityId) => diaryWork.complete(activityId),
      },
      jobs: [
        {
          name: 'remindWeeklyNotes',
          everyMs: 15 * 60_000,
          // Friday afternoon, London time: one instance a week (a lease in SQL) reminds every HCP whose note is not in.
          run: async () => {
            const now = clock.now();
            if (!reminderDue(now, null)) return null;
            const week = weekStartOf(londonDateFast(now));
            if (!(await leases.claim('hcp-weekly-note-reminder', week, now, 10 * 60_000))) return null;
            try {
              const sent = await service.remindWeeklyNotes(await roles.allHcps());
              await leases.complete('hcp-weekly-note-reminder', week, clock.now());
              return sent;
            } catch (error) {
              await leases.release('hcp-weekly-note-reminder', week);
              throw error;
            }
          },
        },
      ],
    };
  },
};
