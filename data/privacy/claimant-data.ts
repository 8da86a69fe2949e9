/**
 * Where claimant data is held: every table, declared once. Erasure, subject access and retention
 * all read this list, and a test checks that every column of every table that could hold a NINO,
 * a surname or free text is either declared here or said not to hold claimant data (and why), so
 * a new table cannot be forgotten.
 */

/** What a column holds about the claimant. A 'name' is how they are called (a first name or initials), replaced like a surname. */
export type ClaimantDataKind = 'nino' | 'surname' | 'name' | 'free-text' | 'health';

/** How a table's rows are tied to one claimant. */
export type ClaimantLink =
  /** The claimant row itself (one per request). */
  | { readonly by: 'claimant'; readonly column: 'id' }
  /** Rows of the claimant's support requests. */
  | { readonly by: 'request'; readonly column: string }
  /** Rows of the claimant's Specialist Advice conversations. */
  | { readonly by: 'conversation'; readonly column: string }
  /** Rows of the claimant's retention cases (found by NINO; a case of someone who claims nothing has none). */
  | { readonly by: 'retention'; readonly column: string }
  /** Rows that name one of the claimant's cases by its reference (DEA-000123, SA-000012, RET-000004) rather than its id. */
  | { readonly by: 'reference'; readonly column: string }
  /**
   * Cases nominated for group conferences, by their id: erasure and subject access find those of the
   * claimant's requests; the retention job also takes new cases (no request) some time after their
   * conference was held or cancelled.
   */
  | { readonly by: 'conference case'; readonly column: 'id' }
  /**
   * Text searched rather than linked: for the NINO (stored documents, bot state: an unfinished draft
   * is deleted whole), or for the references of the claimant's cases (an HCP's weekly note naming
   * one: the declared columns are overwritten whole). A row found this way is no longer found once
   * erased, as what it was found by is gone.
   */
  | { readonly by: 'search'; readonly column: string; readonly for: 'nino' | 'references'; readonly found: 'deleted' | 'overwritten' };

export interface ClaimantTable {
  /** TypeORM entity name. */
  readonly entity: string;
  /** Heading in the subject access document. */
  readonly title: string;
  readonly link: ClaimantLink;
  /** The columns erasure and retention overwrite, and what each holds. */
  readonly columns: Readonly<Record<string, ClaimantDataKind>>;
  /** Columns left out of the subject access document (keys and internal bookkeeping). */
  readonly internal?: readonly string[];
  /** A version column to step on each change, so posted cards and open forms see the row changed. */
  readonly version?: string;
  /** True when the rows are Specialist Advice (HCP) material: five working days to answer. */
  readonly hcpMaterial?: boolean;
}

export const CLAIMANT_TABLES: readonly ClaimantTable[] = [
  { entity: 'Claimant', title: 'Claimant details', link: { by: 'claimant', column: 'id' }, columns: { surname: 'surname', nino: 'nino' } },
  {
    entity: 'SupportRequest',
    title: 'Support requests',
    link: { by: 'request', column: 'id' },
    columns: { description: 'free-text', reason: 'free-text' },
    internal: ['submissionKey', 'version'],
    version: 'version',
  },
  { entity: 'RequestMessage', title: 'Messages about the requests', link: { by: 'request', column: 'requestId' }, columns: { body: 'free-text', summary: 'free-text' } },
  { entity: 'RequestEvent', title: 'Changes to the requests', link: { by: 'request', column: 'requestId' }, columns: {} },
  { entity: 'ConsentRecord', title: 'Consent', link: { by: 'request', column: 'requestId' }, columns: {} },
  { entity: 'Booking', title: 'Meetings booked', link: { by: 'request', column: 'requestId' }, columns: {}, internal: ['events', 'version', 'lastError'] },
  { entity: 'MeetingRecord', title: 'Outcomes and summaries', link: { by: 'request', column: 'requestId' }, columns: { body: 'free-text' } },
  { entity: 'InterventionOverride', title: 'Further interventions asked of a team leader', link: { by: 'request', column: 'requestId' }, columns: { reason: 'free-text', note: 'free-text' } },
  { entity: 'QualityCheck', title: 'Quality checks', link: { by: 'request', column: 'requestId' }, columns: { notes: 'free-text' } },
  {
    entity: 'ConferenceCase',
    title: 'Cases discussed at group conferences',
    link: { by: 'conference case', column: 'id' },
    // A case nominated from a request keeps no note (domain/conferences/conference-cases.ts): the
    // request says what it is about, and erasure and subject access find the case through it (its
    // note, were one ever stored, is removed with the request's details). A new case has no request:
    // its note, a few words the nominator typed, refuses a National Insurance number but may hold a
    // first name, a surname or health words. Erasure and subject access by NINO cannot find it (it
    // names no NINO and no case); the retention job removes it once its conference has been held or
    // cancelled longer ago than the request retention period (RETENTION_REQUEST_DAYS), as it is a
    // case of the DEA model like a request.
    columns: { note: 'free-text' },
  },
  {
    entity: 'AdviceConversation',
    title: 'Specialist Advice conversations',
    link: { by: 'conversation', column: 'id' },
    columns: { surname: 'surname', nino: 'nino', wcaSummary: 'health', background: 'free-text', conditions: 'health' },
    internal: ['diaryEvents', 'submissionKey', 'version'],
    version: 'version',
    hcpMaterial: true,
  },
  {
    entity: 'AdviceNotes',
    title: 'Health Care Professional notes',
    link: { by: 'conversation', column: 'conversationId' },
    columns: { conditions: 'health', impact: 'health', functioning: 'health', actions: 'free-text', findings: 'health' },
    hcpMaterial: true,
  },
  { entity: 'AdviceEvent', title: 'Changes to the Specialist Advice conversations', link: { by: 'conversation', column: 'conversationId' }, columns: {}, hcpMaterial: true },
  {
    entity: 'ReportFeedback',
    title: 'Feedback after the Specialist Advice conversations',
    link: { by: 'conversation', column: 'subjectId' },
    // After a conversation the work coach answers for themselves and records the claimant's own view
    // (did the advice help them manage their condition, did they agree steps towards work): the
    // claimant's answers are theirs to see. Scores only (1 to 5, or 1 for yes and 0 for no), under a
    // question code, with no name or text: nothing to overwrite, so erasure and retention keep them.
    // Once the conversation is erased its scores tie to no one, and the reports' counts and averages
    // stay as they were. Periodic feedback has a period, not a conversation, as its subject.
    columns: {},
    hcpMaterial: true,
  },
  {
    entity: 'FollowUpAction',
    title: 'Actions that followed an outcome',
    link: { by: 'request', column: 'requestId' },
    // What was done for the claimant, typed by the work psychologist, employer adviser or provision manager.
    columns: { doneNote: 'free-text' },
    internal: ['source', 'version'],
    version: 'version',
  },
  {
    entity: 'PartnershipActivity',
    title: 'Case conferences with the work psychologist',
    link: { by: 'reference', column: 'requestReference' },
    // The claimant's barriers to provision or work, and what the work psychologist advised. Sessions
    // commissioned from coach feedback name no request, and are about a group of coaches.
    columns: { topic: 'health', feedback: 'free-text', note: 'free-text' },
  },
  {
    entity: 'RetentionCase',
    title: 'Retention cases (support to keep a job)',
    link: { by: 'retention', column: 'id' },
    columns: {
      nino: 'nino',
      surname: 'surname',
      personName: 'name',
      employer: 'free-text',
      need: 'health',
      agreedNote: 'free-text',
      hcpAdvice: 'health',
      outcomeNote: 'free-text',
    },
    internal: ['version'],
    version: 'version',
  },
  {
    entity: 'HcpActivity',
    title: 'Case conferences with a Health Care Professional',
    link: { by: 'reference', column: 'caseReference' },
    // A note may name the claimant only when the activity is about their case; other notes are refused if they hold a National Insurance number.
    columns: { note: 'free-text' },
    internal: ['diaryEvents', 'version'],
    version: 'version',
    hcpMaterial: true,
  },
  {
    entity: 'SupplierRequest',
    title: 'Requests to the Health Care Professional supplier about these cases',
    link: { by: 'reference', column: 'caseReference' },
    // A request that names a case (a subject access request for the HCP's material must name one) may
    // describe the claimant in its details, and the supplier's answer may too; a National Insurance
    // number is refused in both. Requests that name no case (provision, replacements, information)
    // are about staffing and are kept.
    columns: { details: 'free-text', answer: 'free-text' },
    internal: ['version'],
    version: 'version',
    hcpMaterial: true,
  },
  {
    entity: 'HcpWeeklyNote',
    title: 'HCP weekly notes naming these cases',
    // A weekly note names cases by reference inside its text: a note is found when its text names one
    // of the claimant's cases (a LIKE on each reference, in chunks, then checked word by word so that
    // DEA-000001 does not find DEA-0000012). Where the claimant's part of a note ends cannot be told,
    // so erasure and retention replace the whole text (and the reason for any change asked, which is
    // about that text): the note's other cases lose their lines too, which removes no one else's
    // rights. The export gives the note whole; it may name other people's cases, which the data
    // protection lead takes out before sending it on.
    link: { by: 'search', column: 'body', for: 'references', found: 'overwritten' },
    columns: { body: 'free-text', changeReason: 'free-text' },
    internal: ['version', 'remindedAt'],
    version: 'version',
    hcpMaterial: true,
  },
  { entity: 'AccessLog', title: 'Who has seen these cases', link: { by: 'request', column: 'caseId' }, columns: {} },
  { entity: 'AccessLog', title: 'Who has seen these Specialist Advice conversations', link: { by: 'conversation', column: 'caseId' }, columns: {}, hcpMaterial: true },
  { entity: 'AccessLog', title: 'Who has seen these retention cases', link: { by: 'retention', column: 'caseId' }, columns: {} },
  // HCP activities, HCP weekly notes and work psychologist case conferences name a case by reference only, and so does the record of their showing.
  { entity: 'AccessLog', title: 'Who has seen HCP activities, weekly notes and case conferences naming these cases', link: { by: 'reference', column: 'caseId' }, columns: {}, hcpMaterial: true },
  { entity: 'BotState', title: 'Unfinished drafts', link: { by: 'search', column: 'document', for: 'nino', found: 'deleted' }, columns: { document: 'free-text' }, internal: ['id', 'storageKey', 'etag'] },
];

/**
 * Tables and text columns that hold no claimant data, each with the reason. A table missing from
 * both lists fails the registry test.
 */
export const NOT_CLAIMANT_DATA: Readonly<Record<string, string | Readonly<Record<string, string>>>> = {
  Jobcentre: 'Jobcentres: names and places, no claimant.',
  Staff: 'Staff directory: colleagues, no claimant.',
  StaffRole: 'Staff roles.',
  ProcessedActivity: 'Ids of activities already handled; no content.',
  ConversationReference: 'How to reach a colleague in Teams; no claimant.',
  Outbox: { lastError: 'A delivery error from Teams; cards are rendered at delivery, the row holds only ids.', activityId: 'A Teams message id.' },
  ConversationPace: 'When the next message may go to a Teams conversation: a conversation id and a time.',
  WorkItem: 'Work still to finish after an answer (diaries, plans): a kind, the subject\'s id, times and the last diary or Graph error; no content.',
  PartnershipMeeting: 'Monthly meetings of a DEA and their work psychologist: staff ids, times, a diary event id, a diary error and why a meeting moved (a bank holiday, which of the two was busy); no claimant.',
  PostedCard: { activityId: 'A Teams message id.', reference: 'Where a card was posted in Teams (conversation ids); the card itself is re-rendered from stored state.' },
  CalendarEvent: {
    subject: 'Diary entries name only the case reference; claimant details are never written to calendars.',
    body: 'Diary entries name only the case reference; claimant details are never written to calendars.',
    attendees: 'Staff attendees.',
    mailbox: 'Staff mailbox.',
    location: 'A room or jobcentre.',
    joinUrl: 'An online meeting link.',
  },
  JobRun: 'Runs of periodic jobs.',
  TrendAlert: 'Counts of requests per coach and topic; no claimant.',
  ConferencePlan: { warning: 'A planning warning about diaries; no claimant.', venue: 'A jobcentre.', room: 'A room at a jobcentre.', cardActivityId: 'A Teams message id.', cardReference: 'Where the plan card was posted.', groups: 'Coach ids.' },
  GroupConference: {
    summary: 'The group summary of a conference; cases are discussed by reference and their notes kept per case.',
    actions: 'Group actions; cases are discussed by reference.',
    coachIds: 'Staff ids.',
    clashes: 'Staff ids.',
    eventId: 'A diary event id.',
    joinUrl: 'An online meeting link.',
    lastError: 'A diary error.',
  },
  ConferenceQas: { comments: 'A quality check of a whole group conference; no claimant.' },
  HcpSiteDay: 'Where an HCP works on a day.',
  // Feedback after a conversation is exported with it (CLAIMANT_TABLES); periodic feedback is about a week or month.
  ReportFeedback: { district: 'A district name.' },
  HcpActivity: { takingPart: 'Colleagues or teams who took part in an HCP\'s supporting activity.', district: 'A district name.', diaryEvents: 'Diary event ids.' },
  // A weekly note naming a case is found by its text (CLAIMANT_TABLES); a note naming none is about the HCP's week.
  HcpWeeklyNote: { district: 'A district name.' },
  HcpAttendance: { district: 'A district name.' },
  // A supplier request naming a case is the claimant's (CLAIMANT_TABLES); one naming none is about staffing or information.
  SupplierRequest: { district: 'A district name.' },
  HcpNotice: { district: 'A district name.' },
  HcpBreak: 'The breaks an HCP agreed with their activity manager.',
  // Partnerships, the Disability Hub and strategies are about provision in a district, not about a
  // person: cases are named by reference only. Their forms are shown to staff who are not on a case,
  // so a claimant's details typed there would be a breach; erasure cannot find them by NINO.
  HubEntry: {
    district: 'A district name.',
    title: 'Hub content published to every coach of a district: provision, not a person.',
    summary: 'Hub content published to every coach of a district: provision, not a person.',
    link: 'A web address of a service.',
  },
  HubChange: {
    title: 'Proposed Hub content, as HubEntry.',
    summary: 'Proposed Hub content, as HubEntry.',
    link: 'A web address of a service.',
    reason: 'Why the district contact declined a change to Hub content.',
  },
  Opportunity: {
    title: 'A job or provision opportunity shared with a DEA\'s whole cohort of coaches.',
    summary: 'A job or provision opportunity shared with a DEA\'s whole cohort of coaches.',
    link: 'A web address of the opportunity.',
  },
  ExternalPartner: {
    district: 'A district name.',
    name: 'An organisation\'s name.',
    contact: 'A contact at the organisation (a business contact, not a claimant).',
    website: 'The organisation\'s web address.',
    focus: 'What the organisation offers.',
  },
  ServiceChange: {
    partnerName: 'An organisation\'s name.',
    district: 'A district name.',
    change: 'A change in an organisation\'s service, told to a whole district.',
    impact: 'What a change in service means for claimants in general, told to a whole district.',
  },
  Strategy: {
    title: 'A DEA\'s strategy for a district: provision, not a person.',
    why: 'Why the strategy is needed: gaps in provision, seen across cases.',
    areas: 'Codes of the areas covered.',
    internalPartners: 'Codes of internal partners.',
    partnerIds: 'Ids of external partners.',
    gapConferenceIds: 'Ids of group conferences where a gap was seen.',
    gapNote: 'A gap in provision, seen across cases.',
  },
  StrategyAction: { what: 'An action of a strategy.', owner: 'Who does it: a person or organisation of the strategy, not a claimant.' },
  ForumPost: {
    district: 'A district name.',
    topic: 'Feedback to the DEAs on a health or disability issue, read by the whole district; the form says never to name a claimant.',
    body: 'Feedback to the DEAs on a health or disability issue, read by the whole district; the form says never to name a claimant.',
    answer: 'A DEA\'s answer on the forum, read by the whole district.',
  },
  StrategyMeeting: {
    externalInvitees: 'Business email addresses of external partners invited to a strategy meeting (kept as typed in lower case, never compared).',
    lastError: 'A diary error.',
    eventId: 'A diary event id.',
    notes: 'Notes of a strategy meeting: provision and partnerships across cases, not a person.',
  },
  PrivacyRecord: { cases: 'Case references only.', counts: 'Counts of rows.' },
  // Text columns of claimant tables that are not claimant data.
  ConsentRecord: { statements: 'Codes of what was explained.', availability: 'Half days the claimant is free, as codes.' },
  MeetingRecord: { nextSteps: 'Codes of the next steps.' },
  ConferenceCase: { nextSteps: 'Codes of the next steps.', followUps: 'References of follow-up requests.' },
  Booking: { events: 'Diary event ids.', joinUrl: 'An online meeting link.', lastError: 'A diary error.' },
  AdviceConversation: { adviceTypes: 'Codes of the advice asked for.', cluster: 'Jobcentre cluster.', district: 'District.', diaryEvents: 'Diary event ids.', diaryError: 'A diary error.' },
  AdviceNotes: { signedName: 'The HCP who signed the notes.' },
  BotState: { storageKey: 'Teams conversation or user key.' },
};

/** What erased or expired text reads as. */
export const REMOVED = {
  nino: 'REMOVED',
  surname: 'Removed',
  text: 'Removed',
  /** Free text removed by the retention job (bot/privacy/retention.ts writes it). */
  expired: 'Removed at the end of its retention period',
  /** Free text removed by an erasure (bot/privacy/privacy-actions.ts writes it). */
  erased: 'Removed at the claimant\'s request',
} as const;

/** The only texts free text is ever overwritten with, so the only ones that mean "already removed". */
export type RemovedText = typeof REMOVED.expired | typeof REMOVED.erased;
export const REMOVED_TEXTS: readonly RemovedText[] = [REMOVED.expired, REMOVED.erased];
