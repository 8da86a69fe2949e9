import { describeDate, londonDate } from '../domain/requests/calendar-date';
import { formatNino, maskNino } from '../domain/requests/nino';
import type { RetentionView } from '../domain/retention-cases/retention-service';
import {
  ASSESSMENT_LABELS,
  ASSESSMENTS,
  leadOf,
  OUTCOME_LABELS,
  OUTCOMES,
  RETENTION_LIMITS,
  ROUTE_LABELS,
  ROUTES,
  STATUS_LABELS,
  type RetentionCase,
  type RetentionRoute,
} from '../domain/retention-cases/retention-case';
import type { StaffMember } from '../domain/staff';
import { formCard, showCardAction, type FormField } from './form-card';
import type { AdaptiveCard } from './render';
import { summaryCard } from './summary-card';

export interface RetentionCardOptions {
  readonly note?: string;
  readonly noteTone?: 'good' | 'attention';
  readonly values?: Readonly<Record<string, string>>;
  readonly problems?: Readonly<Record<string, string>>;
}

const day = (at: Date) => describeDate(londonDate(at));

/**
 * The choice of the DEA to consult (§67), on the registration form and on a case's "Consult the DEA":
 * offered only when the jobcentre has several, in the order given (by name); with one, it is them.
 */
function deaChoice(deas: readonly StaffMember[], label: string, required: boolean): FormField[] {
  return deas.length > 1 ? [{ id: 'deaId', kind: 'choice', label, required, errorMessage: 'Choose the DEA.', choices: deas.map((d) => ({ title: d.name, value: d.id })) }] : [];
}

/** The employer adviser's form for a new retention case; what was typed comes back with each problem beside its field. */
export function retentionRegistrationCard(deas: readonly StaffMember[], values: Readonly<Record<string, string>> = {}, problems?: Readonly<Record<string, string>>): AdaptiveCard {
  const fields: readonly FormField[] = [
    { id: 'personName', kind: 'text', label: 'The person (first name or initials)', required: true, errorMessage: 'Enter how you refer to the person.', maxLength: RETENTION_LIMITS.personName },
    { id: 'employer', kind: 'text', label: 'Their employer', required: true, errorMessage: 'Enter the employer.', maxLength: RETENTION_LIMITS.employer },
    { id: 'need', kind: 'multiline', label: 'The need arising from their health condition or disability', required: true, errorMessage: 'Describe the need.', maxLength: RETENTION_LIMITS.need },
    { id: 'claimant', kind: 'choice', label: 'Do they claim a benefit?', required: true, errorMessage: 'Say whether they claim a benefit.', choices: [{ title: 'No', value: 'no' }, { title: 'Yes: a DEA Support Intervention would count towards their interventions', value: 'yes' }] },
    { id: 'surname', kind: 'text', label: 'Surname (claimants only)', required: false, errorMessage: 'Enter their surname.', maxLength: 100 },
    { id: 'nino', kind: 'text', label: 'National Insurance number (claimants only)', required: false, errorMessage: 'Enter their National Insurance number, like QQ 12 34 56 C.', placeholder: 'QQ 12 34 56 C', maxLength: 13 },
    { id: 'assessment', kind: 'choice', label: 'Is it a straightforward reasonable adjustment?', required: true, errorMessage: 'Choose one.', choices: ASSESSMENTS.map((a) => ({ title: ASSESSMENT_LABELS[a], value: a })) },
    ...deaChoice(deas, 'The DEA to consult (possibly complex cases)', false),
  ];
  const card = formCard({
    journey: 'retention',
    step: 'register',
    title: 'Register a retention case',
    intro: 'Someone needs support to keep their job because of a health condition or disability. Resolve a straightforward reasonable adjustment yourself; for a possibly complex case, for example a managed transfer to another role, the DEA is consulted with you.',
    submitTitle: 'Register the case',
    fields,
    values: { claimant: 'no', ...values },
    problems,
  });
  card.actions = [{ type: 'Action.Execute', title: 'Register the case', verb: 'retention.register', data: {}, style: 'positive' }];
  return card;
}

function leadLine(view: RetentionView, viewer: StaffMember): string {
  const c = view.case;
  const a = view.allowed;
  if (c.status === 'closed') return `Closed on ${day(c.closedAt!)}: ${OUTCOME_LABELS[c.outcome!]}.`;
  if (a.has('agreeNextStep')) return 'The employer adviser asks you to consult on this case. Talk it through with them, then record the next step you agree.';
  if (a.has('referToWorkPsychologist')) return 'You are unable to resolve the retention issue: you may refer the case to the work psychologist, who will conduct the retention activity, or record its outcome.';
  const noWorkPsychologist = view.nobody.get('referToWorkPsychologist');
  if (noWorkPsychologist) return `You are unable to resolve the retention issue. ${noWorkPsychologist} You may still record its outcome.`;
  if (a.has('recordHcpAdvice')) return 'You are consulted for advice only: you do not represent the person with their employer or at a tribunal, or complete retention paperwork.';
  if (a.has('recordUnableToResolve')) return 'You lead the retention activity: record the outcome when it is done. If you are unable to resolve it, say so here: you may then refer it to the work psychologist.';
  if (a.has('recordOutcome') && c.route === 'employer_adviser') {
    const noDea = view.nobody.get('consultDea');
    return `Resolve the reasonable adjustment, then record the outcome. ${noDea ?? 'Consult the DEA if it turns out to be complex.'}`;
  }
  if (a.has('recordOutcome')) return 'You lead the retention activity: record the outcome when it is done.';
  if (c.status === 'consulting') return viewer.id === c.employerAdviserId ? 'Sent to the DEA to consult. Agree the next step with them; they record it here.' : 'The DEA and the employer adviser are agreeing the next step.';
  if (c.status === 'dea_unable_to_resolve') return `${view.people.get(c.deaId ?? '')?.name ?? 'The DEA'} is unable to resolve the retention issue, and may refer the case to the work psychologist.`;
  const lead = leadOf(c);
  return `${(lead && view.people.get(lead)?.name) ?? 'The lead'} leads the retention activity and records the outcome.`;
}

/** A retention case's card, as this person may see it. */
export function retentionCard(view: RetentionView, viewer: StaffMember, options: RetentionCardOptions = {}): AdaptiveCard {
  const c = view.case;
  const name = (id: string | null) => (id ? view.people.get(id)?.name ?? '' : '');
  const fullDetails = viewer.id === c.employerAdviserId || viewer.id === c.deaId;
  const facts = [
    { label: 'Status', value: STATUS_LABELS[c.status] },
    { label: 'Person', value: c.personName + (fullDetails && c.surname ? ` ${c.surname}` : '') },
    ...(c.nino ? [{ label: 'National Insurance number', value: fullDetails ? formatNino(c.nino) : maskNino(c.nino) }] : []),
    { label: 'Employer', value: c.employer },
    { label: 'Employer adviser', value: name(c.employerAdviserId) },
    ...(c.deaId ? [{ label: 'DEA', value: name(c.deaId) }] : []),
    ...(c.route ? [{ label: 'Next step', value: ROUTE_LABELS[c.route] }] : []),
    ...(c.workPsychologistId ? [{ label: 'Work psychologist', value: name(c.workPsychologistId) }] : []),
    ...(c.hcpId ? [{ label: 'Health Care Professional (advice only)', value: name(c.hcpId) }] : []),
    ...(c.route === 'dea_support_intervention' ? [{ label: 'Counts towards their DEA interventions', value: c.interventionRequestId ? 'Yes: it is a DEA Support Intervention request for the DEA to book' : 'No: they do not claim a benefit' }] : []),
    { label: 'Registered', value: day(c.createdAt) },
  ];
  const paragraphs = [
    { label: 'The need arising from their health condition or disability', value: c.need },
    ...(c.agreedNote ? [{ label: 'What the employer adviser and the DEA agreed', value: c.agreedNote }] : []),
    ...(c.hcpAdvice ? [{ label: `Advice from ${name(c.hcpId)}`, value: c.hcpAdvice }] : []),
    ...(c.outcomeNote ? [{ label: `Outcome: ${OUTCOME_LABELS[c.outcome!]}`, value: c.outcomeNote }] : []),
  ];
  const card = summaryCard({
    title: `Retention case ${c.reference}`,
    subtitle: leadLine(view, viewer),
    facts,
    paragraphs,
    note: options.note,
    noteTone: options.note ? options.noteTone ?? 'good' : undefined,
    refresh: { verb: 'retention.refresh', data: { caseId: c.id } },
  });
  const data = { caseId: c.id, version: c.version };
  const form = (title: string, verb: string, submitTitle: string, fields: FormField[]) => showCardAction({ title, verb, submitTitle, data, fields, values: options.values, problems: options.problems });
  const wpChoices = view.workPsychologists.map((w) => ({ title: w.name, value: w.id }));
  const wpField: FormField = { id: 'workPsychologistId', kind: 'choice', label: 'Work psychologist (when it goes to them)', required: false, errorMessage: 'Choose the work psychologist.', choices: wpChoices };
  const actions: Record<string, unknown>[] = [];
  if (view.allowed.has('agreeNextStep')) {
    actions.push(
      form('Record the next step', 'retention.agree', 'Record the next step', [
        { id: 'route', kind: 'choice', label: 'The next step you agreed', required: true, errorMessage: 'Choose the next step.', choices: view.nextSteps.map((r) => ({ title: ROUTE_LABELS[r], value: r })) },
        { id: 'agreedNote', kind: 'multiline', label: 'What you agreed', required: true, errorMessage: 'Say what you agreed.', maxLength: RETENTION_LIMITS.note },
        ...(view.nextSteps.includes('work_psychologist') && view.workPsychologists.length > 1 ? [wpField] : []),
      ]),
    );
  }
  if (view.allowed.has('recordOutcome')) {
    actions.push(
      form('Record the outcome', 'retention.outcome', 'Record the outcome', [
        { id: 'outcome', kind: 'choice', label: 'Outcome', required: true, errorMessage: 'Choose the outcome.', choices: OUTCOMES.map((o) => ({ title: OUTCOME_LABELS[o], value: o })) },
        { id: 'outcomeNote', kind: 'multiline', label: 'What was done', required: true, errorMessage: 'Say what was done.', maxLength: RETENTION_LIMITS.note },
      ]),
    );
  }
  if (view.allowed.has('consultDea')) {
    // One click with one DEA at the case's jobcentre; with several, the employer adviser chooses whom.
    const choice = deaChoice(view.deas, 'The DEA to consult', true);
    actions.push(choice.length ? form('Consult the DEA', 'retention.consultDea', 'Consult the DEA', choice) : { type: 'Action.Execute', title: 'Consult the DEA', verb: 'retention.consultDea', data });
  }
  if (view.allowed.has('recordUnableToResolve')) {
    actions.push(
      form('Unable to resolve it', 'retention.unableToResolve', 'Record that I am unable to resolve it', [
        { id: 'referralNote', kind: 'multiline', label: 'Why you are unable to resolve the retention issue', required: true, errorMessage: 'Say why.', maxLength: RETENTION_LIMITS.note },
      ]),
    );
  }
  if (view.allowed.has('referToWorkPsychologist')) {
    // The reason is on the case already; with one work psychologist to go to, it is one click.
    const refer: FormField = { id: 'workPsychologistId', kind: 'choice', label: 'Work psychologist', required: true, errorMessage: 'Choose the work psychologist.', choices: wpChoices };
    actions.push(view.workPsychologists.length > 1 ? form('Refer to the work psychologist', 'retention.refer', 'Refer the case', [refer]) : { type: 'Action.Execute', title: 'Refer to the work psychologist', verb: 'retention.refer', data });
  }
  if (view.allowed.has('recordHcpAdvice')) {
    actions.push(form('Record your advice', 'retention.hcpAdvice', 'Record advice', [{ id: 'hcpAdvice', kind: 'multiline', label: 'Your advice (consultative only)', required: true, errorMessage: 'Enter your advice.', maxLength: RETENTION_LIMITS.note }]));
  }
  if (view.allowed.has('consultHcp') && view.hcps.length && actions.length < 3) {
    actions.push(
      form('Consult a Health Care Professional', 'retention.consultHcp', 'Ask for their advice', [
        { id: 'hcpId', kind: 'choice', label: 'Health Care Professional (advice only)', required: true, errorMessage: 'Choose the Health Care Professional.', choices: view.hcps.map((h) => ({ title: h.name, value: h.id })) },
      ]),
    );
  }
  if (actions.length) card.actions = actions;
  return card;
}

/** A person's retention cases, and how many went each way (for the reports). */
export function retentionListCard(cases: readonly RetentionCase[], byRoute: ReadonlyMap<RetentionRoute | null, number>, options: { mayRegister: boolean }): AdaptiveCard {
  const total = [...byRoute.values()].reduce((a, b) => a + b, 0);
  return summaryCard({
    title: 'Retention cases',
    subtitle: total
      ? `${total} case${total === 1 ? '' : 's'} you take part in, newest first.`
      : options.mayRegister
        ? 'You have no retention cases yet. Register one when someone needs support to keep their job because of a health condition or disability.'
        : 'You take part in no retention cases yet. Employer advisers register them and consult you on complex ones.',
    facts: cases.map((c) => ({ label: `${c.reference}, ${c.employer}`, value: STATUS_LABELS[c.status] })),
    paragraphs: total
      ? [
          {
            label: 'By route',
            value: [...ROUTES.map((r) => `${ROUTE_LABELS[r]}: ${byRoute.get(r) ?? 0}`), `Next step not yet agreed: ${byRoute.get(null) ?? 0}`].join('\n'),
          },
        ]
      : [],
    actions: [
      ...(options.mayRegister ? [{ title: 'Register a retention case', kind: 'submit' as const, style: 'positive' as const, data: { verb: 'retention.new' } }] : []),
      ...cases.slice(0, 5).map((c) => ({ title: `Open ${c.reference}`, kind: 'submit' as const, data: { verb: 'retention.open', caseId: c.id } })),
    ],
  });
}
