import { z } from 'zod';
import { Reports1764600000000 } from '../../data/migrations/1764600000000-Reports';
import { SqlDeadlineStore } from '../../data/reports/deadline-store';
import { SqlFeedbackStore } from '../../data/reports/feedback-store';
import { SqlReportPeople } from '../../data/reports/report-people';
import { SqlReportReadModel } from '../../data/reports/sql-report-read-model';
import { reportFeedbackSchema } from '../../data/schema/reports';
import { SqlJobLeases } from '../../data/stores/job-leases';
import { DeadlineService } from '../../domain/reports/deadlines';
import { FeedbackService } from '../../domain/reports/feedback-service';
import { ReportService } from '../../domain/reports/report-service';
import { Trials } from '../../domain/reports/trials';
import { onlyShows, verb, type Journey } from '../core/journey';
import { ChartRenderer } from './chart-renderer';
import { DEADLINE_MISSED_CARD, DEADLINE_WARNING_CARD, FEEDBACK_AFTER_CARD, FEEDBACK_PERIODIC_CARD, REPORT_CARD } from './kinds';
import { FILE_PATH, ReportActions } from './report-actions';
import { ReportLinks } from './report-links';

const FEEDBACK = z.object({ subjectId: z.string().min(1).max(36), kind: z.enum(['after_conversation', 'periodic']) }).passthrough();

/**
 * Management information: Specialist Advice success factors, demand and outcomes for the HCP
 * Activity Manager and the performance manager; a DEA's figures for them and their team leader.
 * Weekly and monthly, typed or scheduled, each a card with a chart and a CSV download.
 */
export const reportsJourney: Journey = {
  name: 'reports',
  capabilities: [
    {
      command: 'report',
      title: 'Reports',
      description: 'Figures for a week or a month, with a chart and a CSV download: say "report last week", "report last month" or "report 2026-03". They also come on Monday mornings and on the first working day of the month.',
      roles: ['hcp_activity_manager', 'performance_manager', 'dea', 'work_coach_team_leader'],
      takesWords: true,
    },
    {
      command: null,
      title: 'Feedback on Specialist Advice',
      description: 'After each three-way conversation you get a short card: 6 questions on a scale, for you and as the claimant told you.',
      roles: ['work_coach'],
    },
  ],
  entities: [reportFeedbackSchema],
  migrations: [Reports1764600000000],
  build: ({ dataSource, directory, outbox, clock, logger, config, publicUrl }) => {
    const people = new SqlReportPeople(dataSource);
    const trials = new Trials(config.reports.trials, config.reports.defaultTrial);
    const jobs = new SqlJobLeases(dataSource);
    const feedbackStore = new SqlFeedbackStore(dataSource);
    const deadlineStore = new SqlDeadlineStore(dataSource);
    const reports = new ReportService({ read: new SqlReportReadModel(dataSource), people, trials, clock });
    const charts = new ChartRenderer();
    // Loading the chart libraries takes a second or two of CPU: done at start, except under test.
    if (process.env.NODE_ENV !== 'test') charts.warm();
    const actions = new ReportActions({
      reports,
      feedback: new FeedbackService({ store: feedbackStore, people, clock }),
      feedbackStore,
      deadlines: deadlineStore,
      people,
      directory,
      links: new ReportLinks(config.reports.linkSecret, config.reports.linkMinutes * 60_000),
      charts,
      trials,
      jobs,
      notify: (staffId, kind, subjectId) => outbox.notify(staffId, kind, subjectId),
      publicUrl,
      clock,
      logger,
    });
    const deadlines = new DeadlineService({
      store: deadlineStore,
      jobs,
      clock,
      logger,
      notifier: {
        dueSoon: (request) => outbox.notify(request.deaId, DEADLINE_WARNING_CARD, request.id),
        missed: async (request) => {
          const dea = await directory.findById(request.deaId);
          if (dea?.teamLeaderId) await outbox.notify(dea.teamLeaderId, DEADLINE_MISSED_CARD, request.id);
          else logger.warn({ requestId: request.id }, 'required response date missed, and the DEA has no team leader to tell');
        },
      },
    });
    return {
      commands: { report: onlyShows((turn, person) => actions.command(turn, person)) },
      verbs: [verb('reports.feedback', FEEDBACK, ({ person, data, typed }) => actions.feedbackAnswer(person, data.kind, data.subjectId, typed))],
      cards: {
        [REPORT_CARD]: { render: (subjectId, recipient) => actions.renderScheduled(subjectId, recipient) },
        [FEEDBACK_AFTER_CARD]: { render: (conversationId, recipient) => actions.renderFeedback('after_conversation', conversationId, recipient) },
        [FEEDBACK_PERIODIC_CARD]: { render: (periodKey, recipient) => actions.renderFeedback('periodic', periodKey, recipient) },
        [DEADLINE_WARNING_CARD]: { render: (requestId, recipient) => actions.renderDeadline(false, requestId, recipient) },
        [DEADLINE_MISSED_CARD]: { render: (requestId, recipient) => actions.renderDeadline(true, requestId, recipient) },
      },
      jobs: [
        { name: 'sendScheduledReports', everyMs: 5 * 60_000, run: () => actions.sendScheduled() },
        { name: 'requiredResponseDates', everyMs: 15 * 60_000, run: () => deadlines.sweep() },
      ],
      http: [{ path: FILE_PATH, handle: (query) => actions.file(query) }],
      close: () => charts.close(),
    };
  },
};
