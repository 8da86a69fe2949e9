import { randomUUID } from 'node:crypto';
import { REMOVED } from '../../data/privacy/claimant-data';
import { ClaimantRecords, type ClaimantCases } from '../../data/privacy/claimant-records';
import { OTHER, SUBJECT, seedClaimant, type SeededClaimant } from '../support/claimant-fixture';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

/** The fixture's cases were written then (and ended then, once closed). */
const AT = new Date('2026-11-02T10:00:00Z');
const LATER = new Date(AT.getTime() + 1000);
const BY_NINO = { nino: SUBJECT.nino, person: null };

describe('privacy: what erasure, subject access and the retention job reach', () => {
  let db: TempDatabase;
  let seeded: SeededClaimant;
  let records: ClaimantRecords;
  beforeEach(async () => {
    db = await openTempDatabase();
    seeded = await seedClaimant(db.dataSource);
    records = new ClaimantRecords(db.dataSource);
  });
  afterEach(() => db.close());

  const query = (sql: string, parameters: unknown[] = []) => db.dataSource.query(sql, parameters) as Promise<Record<string, unknown>[]>;
  const section = async (cases: ClaimantCases, title: string) => (await records.held(cases)).find((h) => h.table.title === title)?.rows ?? [];
  const closeRequest = (id: string, changes: Record<string, unknown> = {}) => db.dataSource.getRepository('SupportRequest').update(id, { status: 'closed', updatedAt: AT, ...changes });

  describe('the retention job knows a case is done by the exact text it writes, not by how the claimant\'s own text starts', () => {
    it('takes an ended request whose description starts with "Removed", and removes its NINO and surname', async () => {
      await closeRequest(seeded.requestId, { description: 'Removed from his warehouse job after a stroke' });
      const cases = await records.endedBefore(LATER, AT, 10);
      expect(cases.requestIds).toEqual([seeded.requestId]);

      await records.anonymise(cases, REMOVED.expired);
      expect(await query('SELECT c.nino, c.surname, r.description FROM claimant c JOIN support_request r ON r.claimantId = c.id WHERE r.id = ?', [seeded.requestId])).toEqual([
        { nino: REMOVED.nino, surname: REMOVED.surname, description: REMOVED.expired },
      ]);
      // Done: not taken again.
      expect((await records.endedBefore(LATER, AT, 10)).requestIds).toEqual([]);
    });

    it('takes an ended request with no claimant whose description starts with "removed" in any case', async () => {
      await closeRequest(seeded.requestId, { description: 'removed from the rota after a fall', claimantId: null });
      expect((await records.endedBefore(LATER, AT, 10)).requestIds).toEqual([seeded.requestId]);
    });

    it('takes a request while any of its claimant fields is still held, and never one erased or expired already', async () => {
      // Its reason still held, though the rest was removed.
      await closeRequest(seeded.requestId);
      const [{ claimantId }] = (await query('SELECT claimantId FROM support_request WHERE id = ?', [seeded.requestId])) as { claimantId: string }[];
      await db.dataSource.getRepository('Claimant').update(claimantId, { nino: REMOVED.nino, surname: REMOVED.surname });
      await db.dataSource.getRepository('SupportRequest').update(seeded.requestId, { description: REMOVED.erased });
      expect((await records.endedBefore(LATER, AT, 10)).requestIds).toEqual([seeded.requestId]);
      // Erased at the claimant's request: done, and left as the erasure wrote it.
      await db.dataSource.getRepository('SupportRequest').update(seeded.requestId, { reason: REMOVED.erased });
      expect((await records.endedBefore(LATER, AT, 10)).requestIds).toEqual([]);
    });

    it('takes a closed retention case whose need starts with "Removed", and removes its NINO, surname and name', async () => {
      await db.dataSource.getRepository('RetentionCase').update(seeded.retentionCaseId, { need: 'Removed from the packing line after a hernia' });
      const cases = await records.endedBefore(LATER, LATER, 10);
      expect(cases.retentionCaseIds).toEqual([seeded.retentionCaseId]);
      await records.anonymise(cases, REMOVED.expired);
      expect(await query('SELECT nino, surname, personName, need FROM retention_case WHERE id = ?', [seeded.retentionCaseId])).toEqual([
        { nino: REMOVED.nino, surname: REMOVED.surname, personName: REMOVED.surname, need: REMOVED.expired },
      ]);
      expect((await records.endedBefore(LATER, LATER, 10)).retentionCaseIds).toEqual([]);
    });
  });

  describe('supplier requests naming a case', () => {
    const title = 'Requests to the Health Care Professional supplier about these cases';

    it('are in the subject access export, are erased with the case, and one naming another case is left alone', async () => {
      const cases = await records.casesOf(BY_NINO);
      const rows = await section(cases, title);
      expect(rows).toEqual([expect.objectContaining({ caseReference: 'DEA-000001', kind: 'subject_access', details: SUBJECT.texts.supplierDetails, answer: SUBJECT.texts.supplierAnswer })]);
      expect(rows[0]).not.toHaveProperty('version');

      const counts = await records.anonymise(cases, REMOVED.erased);
      expect(counts).toMatchObject({ SupplierRequest: 1 });
      expect(await query('SELECT caseReference, details, answer, status, version FROM supplier_request ORDER BY number')).toEqual([
        { caseReference: 'DEA-000001', details: REMOVED.erased, answer: REMOVED.erased, status: 'answered', version: 3 },
        { caseReference: 'DEA-000002', details: OTHER.text, answer: OTHER.text, status: 'answered', version: 2 },
      ]);
    });

    it('are removed by the retention job with the case they name; an open one with no answer keeps its blank', async () => {
      await db.dataSource.getRepository('SupplierRequest').update({ number: 1 }, { caseReference: 'SA-000001', status: 'open', answer: null });
      const cases = await records.endedBefore(LATER, LATER, 10);
      expect(cases.references).toContain('SA-000001');
      await records.anonymise(cases, REMOVED.expired);
      expect(await query('SELECT details, answer FROM supplier_request WHERE number = 1')).toEqual([{ details: REMOVED.expired, answer: null }]);
    });
  });

  describe('HCP weekly notes naming a case', () => {
    const title = 'HCP weekly notes naming these cases';

    it('are found by a reference in their text, any case, word by word, and exported whole', async () => {
      const hcp = seeded.hcpId;
      const note = { hcpId: hcp, district: 'Surrey and Sussex', status: 'draft', submittedAt: null, reviewedById: null, reviewedAt: null, changeReason: null, remindedAt: null, version: 1, createdAt: AT, updatedAt: AT };
      await db.dataSource.getRepository('HcpWeeklyNote').insert({ ...note, id: randomUUID(), weekStart: '2026-11-16', body: 'Group case conference: dea-000001 and DEA-000002.' });
      // Not a reference to the subject's case: a longer number, or letters before it.
      await db.dataSource.getRepository('HcpWeeklyNote').insert({ ...note, id: randomUUID(), weekStart: '2026-11-23', body: 'About SA-0000011 and XDEA-000001 only.' });

      const rows = await section(await records.casesOf(BY_NINO), title);
      expect(rows.map((r) => r.weekStart).sort()).toEqual(['2026-11-02', '2026-11-16']);
      expect(rows.find((r) => r.weekStart === '2026-11-02')).toMatchObject({ body: `Presentation to the Crawley coaches.\n${SUBJECT.texts.weeklyNote}`, changeReason: SUBJECT.texts.weeklyNoteChange });
      expect(rows[0]).not.toHaveProperty('version');
    });

    it('have their whole text replaced by an erasure, and notes naming only other cases are left alone', async () => {
      const counts = await records.anonymise(await records.casesOf(BY_NINO), REMOVED.erased);
      expect(counts).toMatchObject({ HcpWeeklyNote: 1 });
      expect(await query('SELECT weekStart, body, changeReason, status, version FROM hcp_weekly_note ORDER BY weekStart')).toEqual([
        { weekStart: '2026-11-02', body: REMOVED.erased, changeReason: REMOVED.erased, status: 'submitted', version: 2 },
        { weekStart: '2026-11-09', body: `DEA-000002: ${OTHER.text}`, changeReason: null, status: 'submitted', version: 1 },
      ]);
      // Nothing names the case any more.
      expect(await section(await records.casesOf(BY_NINO), title)).toEqual([]);
    });

    it('are removed by the retention job with the case they name', async () => {
      const cases = await records.endedBefore(LATER, LATER, 10);
      expect(cases.conversationIds).toEqual([seeded.conversationId]);
      await records.anonymise(cases, REMOVED.expired);
      expect(await query("SELECT body FROM hcp_weekly_note WHERE weekStart = '2026-11-02'")).toEqual([{ body: REMOVED.expired }]);
      expect(await query("SELECT body FROM hcp_weekly_note WHERE weekStart = '2026-11-09'")).toEqual([{ body: `DEA-000002: ${OTHER.text}` }]);
    });
  });

  describe('a new case at a group conference (no request): its note', () => {
    const NOTE = 'Mr Gribbleton, new stroke, unsure about work';
    let newCaseId: string;
    let conferenceId: string;
    beforeEach(async () => {
      [{ id: conferenceId }] = (await query('SELECT id FROM group_conference')) as { id: string }[];
      newCaseId = randomUUID();
      await db.dataSource.getRepository('ConferenceCase').insert({ id: newCaseId, conferenceId, nominatedById: seeded.coachId, requestId: null, reference: null, note: NOTE, nextSteps: null, followUps: null, outcomeAt: null, createdAt: AT });
    });
    const conferenceIs = (status: string, updatedAt: Date) => db.dataSource.getRepository('GroupConference').update(conferenceId, { status, updatedAt });
    const noteOf = async () => (await query('SELECT note FROM conference_case WHERE id = ?', [newCaseId]))[0]!.note;

    it('is removed by the retention job once its conference was held longer ago than the request period, once', async () => {
      await conferenceIs('held', AT);
      // Not yet past the period.
      expect((await records.endedBefore(AT, AT, 10)).conferenceCaseIds).toEqual([]);
      const cases = await records.endedBefore(LATER, AT, 10);
      expect(cases.conferenceCaseIds).toEqual([newCaseId]);
      expect(cases.references).toContain(`conference case ${newCaseId}`);
      const counts = await records.anonymise(cases, REMOVED.expired);
      expect(counts).toMatchObject({ ConferenceCase: 1 });
      expect(await noteOf()).toBe(REMOVED.expired);
      expect((await records.endedBefore(LATER, AT, 10)).conferenceCaseIds).toEqual([]);
    });

    it('is removed after a cancelled conference too, and kept while its conference is still to come', async () => {
      // The fixture's conference is booked: the case is still to be discussed.
      expect((await records.endedBefore(LATER, AT, 10)).conferenceCaseIds).toEqual([]);
      await conferenceIs('cancelled', AT);
      await records.anonymise(await records.endedBefore(LATER, AT, 10), REMOVED.expired);
      expect(await noteOf()).toBe(REMOVED.expired);
    });

    it('goes with a request\'s expiry when nominated from it, and is not found by the claimant\'s NINO when new', async () => {
      await conferenceIs('held', AT);
      await closeRequest(seeded.requestId);
      const expired = await records.endedBefore(LATER, AT, 10);
      expect(expired.conferenceCaseIds).toHaveLength(2);
      expect(expired.conferenceCaseIds).toContain(newCaseId);
      expect((await records.casesOf(BY_NINO)).conferenceCaseIds).not.toContain(newCaseId);
      const rows = await section(await records.casesOf(BY_NINO), 'Cases discussed at group conferences');
      expect(rows).toEqual([expect.objectContaining({ reference: 'DEA-000001' })]);
    });
  });

  describe('feedback after a Specialist Advice conversation', () => {
    const title = 'Feedback after the Specialist Advice conversations';

    it('is in the subject access export, the claimant\'s own answers with the coach\'s, and not periodic feedback', async () => {
      await db.dataSource.getRepository('ReportFeedback').insert({ id: randomUUID(), kind: 'periodic', subjectId: 'w2026-11-02', respondentId: seeded.hcpId, district: 'Surrey and Sussex', question: 'staff_confidence', score: 3, createdAt: AT });
      const cases = await records.casesOf(BY_NINO);
      const rows = await section(cases, title);
      expect(rows.map((r) => [r.question, r.score]).sort()).toEqual([['claimant_benefit', 1], ['claimant_steps', 0], ['coach_confidence', 4]]);
      expect((await records.held(cases)).find((h) => h.table.title === title)!.table.hcpMaterial).toBe(true);
    });

    it('keeps its scores through an erasure: numbers under a question, tied to no one once the conversation is erased', async () => {
      await records.anonymise(await records.casesOf(BY_NINO), REMOVED.erased);
      expect(await query('SELECT question, score FROM report_feedback ORDER BY question')).toEqual([
        { question: 'claimant_benefit', score: 1 },
        { question: 'claimant_steps', score: 0 },
        { question: 'coach_confidence', score: 4 },
      ]);
    });
  });
});
