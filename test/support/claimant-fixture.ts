import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { applySeed } from '../../data/seed/apply-seed';
import { parseSeedFile } from '../../data/seed/seed-file';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';

/** A claimant with something in every table that can hold claimant data, each fact a unique word. */
export const SUBJECT = {
  nino: 'JK482913B',
  surname: 'Quillfeather',
  /** Health and free text: every one must be gone after an erasure, and found by a subject access export. */
  texts: {
    description: 'Flurbenzine asthma worsens on the bus',
    reason: 'Needs Zorvanite advice',
    messageBody: 'Trembliscope migraine each Monday',
    messageSummary: 'Summary of Vexolith anxiety',
    meetingBody: 'Outcome: Grondavel back pain eased',
    overrideReason: 'Plinkarosa depression since spring',
    overrideNote: 'Agreed for Mubblethwaite reasons',
    qualityNotes: 'Checked: Sprockenham notes',
    conferenceNote: 'Discussed Wibbleston fatigue',
    adviceBackground: 'Background Tarquinade arthritis',
    adviceConditions: 'Condition Hobnoblin epilepsy',
    adviceWca: 'WCA Dringlebert summary',
    notesConditions: 'Notes Fandangle diabetes',
    notesImpact: 'Impact Glorpwick tiredness',
    notesFunctioning: 'Functioning Snibbleton stairs',
    notesActions: 'Actions Quorbly walk daily',
    notesFindings: 'Findings Zibbledorf to GP',
    draft: 'Draft Blemthorpe panic attacks',
    followUpDone: 'Done: Crumbleford job trial arranged',
    partnershipTopic: 'Barriers: Wozzleton hearing loss',
    partnershipFeedback: 'Feedback Jibberling on provision',
    partnershipNote: 'Note Flimbury pacing plan',
    retentionPersonName: 'Snorvel',
    retentionEmployer: 'Grumbleworth Haulage Ltd',
    retentionNeed: 'Cannot lift since Thrumbleton hernia',
    retentionAgreed: 'Agreed Pibbleworth desk trial',
    retentionHcpAdvice: 'HCP Quazzleby lifting advice',
    retentionOutcome: 'Outcome Drizzlemoor transfer',
    hcpActivityNote: 'Case conference on Plumbleford sciatica',
    supplierDetails: 'HCP material for Mr Thistlewaite, stroke',
    supplierAnswer: 'Crindleford aphasia notes sent securely',
    weeklyNote: 'SA-000001: talked through Wobblecombe tremor with the coach',
    weeklyNoteChange: 'Say what the Plonkington adjustments were',
  },
} as const;

/** Another claimant, whose data an erasure must leave alone. */
export const OTHER = { nino: 'CE123456A', surname: 'Untouchedsson', text: 'Keepme Ravelston condition' } as const;

export interface SeededClaimant {
  readonly requestId: string;
  readonly otherRequestId: string;
  readonly conversationId: string;
  readonly retentionCaseId: string;
  readonly coachId: string;
  readonly hcpId: string;
  readonly deaId: string;
}

/** Seeds the demo staff, the subject's data in every claimant table, and another claimant's request. */
export async function seedClaimant(dataSource: DataSource, at = new Date('2026-11-02T10:00:00Z')): Promise<SeededClaimant> {
  await applySeed(dataSource, parseSeedFile(readFileSync(join(__dirname, '..', '..', 'data', 'seed', 'demo-staff.json'), 'utf8')));
  const directory = new SqlStaffDirectory(dataSource);
  const coach = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000001'))!;
  const hcp = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000004'))!;
  const requests = new SqlSupportRequestStore(dataSource);
  const base = { type: 'claimant_support' as const, requesterId: coach.id, deaId: coach.deaId!, topic: null, requiredBy: '2026-12-01', urgent: false, vulnerability: null };
  const t = SUBJECT.texts;
  const request = await requests.create({ ...base, claimant: { surname: SUBJECT.surname, nino: SUBJECT.nino, benefits: ['UC'] }, description: t.description, reason: t.reason }, at);
  const other = await requests.create({ ...base, claimant: { surname: OTHER.surname, nino: OTHER.nino, benefits: ['UC'] }, description: OTHER.text, reason: OTHER.text }, at);

  const insert = (entity: string, row: Record<string, unknown>) => dataSource.getRepository(entity).insert(row);
  await insert('RequestEvent', { id: randomUUID(), requestId: request.id, at, actorId: coach.id, action: 'submit', fromStatus: null, toStatus: 'submitted' });
  await insert('RequestMessage', { id: randomUUID(), requestId: request.id, at, authorId: coach.id, kind: 'answer', body: t.messageBody, summary: t.messageSummary, expectedReturn: null });
  await insert('ConsentRecord', { id: randomUUID(), requestId: request.id, purpose: 'three_way', conditionality: 'voluntary', statements: 'dea_role', answer: 'yes', availability: 'monday-am', letterFormat: 'large_print', capturedById: coach.id, capturedAt: at });
  await insert('Booking', { id: randomUUID(), requestId: request.id, startsAt: at, endsAt: at, mode: 'in_person', status: 'booked', events: '[]', joinUrl: null, lastError: null, claimantContact: 'phone', version: 1, createdAt: at, updatedAt: at });
  await insert('MeetingRecord', { id: randomUUID(), requestId: request.id, kind: 'outcome', authorId: coach.deaId, at, body: t.meetingBody, nextSteps: 'none' });
  await insert('InterventionOverride', { id: randomUUID(), requestId: request.id, reason: t.overrideReason, askedById: coach.deaId, askedAt: at, teamLeaderId: coach.teamLeaderId ?? coach.id, decision: 'agreed', decidedAt: at, note: t.overrideNote, priorCount: 3 });
  await insert('QualityCheck', { id: randomUUID(), requestId: request.id, standard: 'qas1', checkerId: coach.id, markedAt: at, result: 'met', notes: t.qualityNotes, recordedAt: at });
  const planId = randomUUID();
  const conferenceId = randomUUID();
  await insert('ConferencePlan', { id: planId, deaId: coach.deaId, wctlId: coach.teamLeaderId ?? coach.id, durationMinutes: 60, inviteWctl: false, workPsychologistId: null, status: 'booked', groups: '[]', warning: null, cardActivityId: null, cardReference: null, version: 1, createdAt: at, updatedAt: at });
  await insert('GroupConference', { id: conferenceId, planId, month: '2026-11', groupIndex: 0, startsAt: at, endsAt: at, coachIds: '[]', clashes: '[]', status: 'booked', eventId: null, joinUrl: null, lastError: null, casesSentAt: null, summary: null, actions: null, version: 1, createdAt: at, updatedAt: at });
  // A case nominated from a request is stored without a note today; one written by an earlier version is removed with the request.
  await insert('ConferenceCase', { id: randomUUID(), conferenceId, nominatedById: coach.id, requestId: request.id, reference: request.reference, note: t.conferenceNote, nextSteps: null, followUps: null, outcomeAt: null, createdAt: at });

  const conversationId = randomUUID();
  await insert('AdviceConversation', {
    id: conversationId, number: 1, status: 'held', coachId: coach.id, hcpId: hcp.id, contactId: null, jobcentreId: coach.jobcentreId, cluster: 'Hastings and Bexhill', district: 'Surrey and Sussex',
    surname: SUBJECT.surname, nino: SUBJECT.nino, benefit: 'UC', wcaStatus: 'had', wcaSummary: t.adviceWca, background: t.adviceBackground, conditions: t.adviceConditions, adviceTypes: 'condition', channel: 'in_person',
    complex: false, adHoc: false, consentAgreed: true, gpConsent: true, consentById: coach.id, consentAt: at, startsAt: at, endsAt: at, prepStartsAt: null, timesMoved: 0, packReadyAt: null, preparedAt: null, heldAt: at,
    returnedAt: null, returnConfirmedAt: null, findings: 'none', diaryEvents: '[]', version: 1, createdAt: at, updatedAt: at,
  });
  await insert('AdviceNotes', { conversationId, conditions: t.notesConditions, impact: t.notesImpact, functioning: t.notesFunctioning, actions: t.notesActions, noAlternativeDiagnosis: true, wcaNotChallenged: true, findings: t.notesFindings, signedName: 'Hana HCP', signedOn: '2026-11-02', recordedById: hcp.id, recordedAt: at });
  await insert('AdviceEvent', { id: randomUUID(), conversationId, actorId: hcp.id, what: 'held', at });
  // The coach's feedback after the conversation, with the claimant's own view as the coach recorded it.
  for (const [question, score] of [['coach_confidence', 4], ['claimant_benefit', 1], ['claimant_steps', 0]] as const) {
    await insert('ReportFeedback', { id: randomUUID(), kind: 'after_conversation', subjectId: conversationId, respondentId: coach.id, district: 'Surrey and Sussex', question, score, createdAt: at });
  }
  await insert('FollowUpAction', { id: randomUUID(), requestId: request.id, requestReference: request.reference, kind: 'employer_adviser', jobcentreId: coach.jobcentreId, requesterId: coach.id, deaId: coach.deaId, assigneeId: null, status: 'done', createdById: coach.deaId, createdAt: at, dueBy: at, assignedAt: null, acceptedAt: null, doneAt: at, doneNote: t.followUpDone, version: 1 });
  await insert('PartnershipActivity', { id: randomUUID(), deaId: coach.deaId, workPsychologistId: coach.id, kind: 'case_conference', status: 'done', requestReference: request.reference, topic: t.partnershipTopic, feedback: t.partnershipFeedback, heldOn: '2026-11-02', note: t.partnershipNote, createdAt: at });
  // A session from coach feedback names no case: an erasure leaves it alone.
  await insert('PartnershipActivity', { id: randomUUID(), deaId: coach.deaId, workPsychologistId: coach.id, kind: 'training', status: 'done', requestReference: null, topic: OTHER.text, feedback: null, heldOn: '2026-11-02', note: null, createdAt: at });
  const retentionCaseId = randomUUID();
  await insert('RetentionCase', {
    id: retentionCaseId, number: 1, employerAdviserId: coach.id, jobcentreId: coach.jobcentreId, deaId: coach.deaId, workPsychologistId: null, hcpId: hcp.id, hcpAdvice: t.retentionHcpAdvice,
    personName: t.retentionPersonName, employer: t.retentionEmployer, need: t.retentionNeed, nino: SUBJECT.nino, surname: SUBJECT.surname, assessment: 'possibly_complex', status: 'closed',
    route: 'dea_supports_employer_adviser', agreedNote: t.retentionAgreed, interventionRequestId: null, outcome: 'managed_transfer', outcomeNote: t.retentionOutcome, outcomeById: coach.id, closedAt: at, createdAt: at, version: 1,
  });
  // Someone who claims nothing: no NINO, so not found by one.
  await insert('RetentionCase', {
    id: randomUUID(), number: 2, employerAdviserId: coach.id, jobcentreId: coach.jobcentreId, deaId: null, workPsychologistId: null, hcpId: null, hcpAdvice: null,
    personName: OTHER.surname, employer: 'Other Employer Ltd', need: OTHER.text, nino: null, surname: null, assessment: 'straightforward', status: 'with_employer_adviser',
    route: 'employer_adviser', agreedNote: null, interventionRequestId: null, outcome: null, outcomeNote: null, outcomeById: null, closedAt: null, createdAt: at, version: 1,
  });
  await insert('HcpActivity', {
    id: randomUUID(), hcpId: hcp.id, kind: 'individual_case_conference', status: 'done', jobcentreId: coach.jobcentreId, district: 'Surrey and Sussex', date: '2026-11-02', startsAt: at, endsAt: at,
    takingPart: 'A work coach', note: t.hcpActivityNote, caseReference: 'SA-000001', caseCount: null, adHoc: true, requestedById: null, setById: null, recordedById: hcp.id, recordedAt: at, version: 1, createdAt: at, updatedAt: at,
  });
  // The activity manager asked the HCP supplier for the HCP's material on the subject's request, and recorded the answer.
  const supplier = { kind: 'subject_access', status: 'answered', district: 'Surrey and Sussex', hcpId: hcp.id, fromDate: null, toDate: null, raisedById: coach.id, raisedAt: at, dueOn: '2026-11-09', answeredAt: at, answeredById: coach.id, version: 2 };
  await insert('SupplierRequest', { ...supplier, id: randomUUID(), number: 1, details: t.supplierDetails, caseReference: request.reference, answer: t.supplierAnswer });
  await insert('SupplierRequest', { ...supplier, id: randomUUID(), number: 2, details: OTHER.text, caseReference: other.reference, answer: OTHER.text });
  // The HCP's weekly notes: one naming the subject's conversation, one naming only the other claimant's request.
  const note = { hcpId: hcp.id, district: 'Surrey and Sussex', status: 'submitted', submittedAt: at, reviewedById: null, reviewedAt: null, remindedAt: null, version: 1, createdAt: at, updatedAt: at };
  await insert('HcpWeeklyNote', { ...note, id: randomUUID(), weekStart: '2026-11-02', body: `Presentation to the Crawley coaches.\n${t.weeklyNote}`, changeReason: t.weeklyNoteChange });
  await insert('HcpWeeklyNote', { ...note, id: randomUUID(), weekStart: '2026-11-09', body: `${other.reference}: ${OTHER.text}`, changeReason: null });
  await insert('AccessLog', { id: randomUUID(), at, staffId: coach.deaId, caseKind: 'request', caseId: request.id, relationship: 'adviser', shown: 'card' });
  await insert('AccessLog', { id: randomUUID(), at, staffId: hcp.id, caseKind: 'advice', caseId: conversationId, relationship: 'adviser', shown: 'card' });
  await insert('AccessLog', { id: randomUUID(), at, staffId: coach.id, caseKind: 'retention', caseId: retentionCaseId, relationship: 'employer adviser', shown: 'card' });
  await insert('AccessLog', { id: randomUUID(), at, staffId: hcp.id, caseKind: 'hcp activity', caseId: 'SA-000001', relationship: 'hcp', shown: 'card' });
  // A half-typed request kept in the coach's bot state.
  await insert('BotState', { id: randomUUID().replace(/-/g, ''), storageKey: 'msteams/users/coach', document: JSON.stringify({ requestDraft: { nino: SUBJECT.nino.toLowerCase(), surname: SUBJECT.surname, description: t.draft } }), etag: '1', updatedAt: at });
  return { requestId: request.id, otherRequestId: other.id, conversationId, retentionCaseId, coachId: coach.id, hcpId: hcp.id, deaId: coach.deaId! };
}
