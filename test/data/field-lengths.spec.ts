import type { DataSource } from 'typeorm';
import { SCHEMA } from '../../bot/journeys';
import { textLimits, tooLong } from '../../data/field-lengths';
import { offlineMssqlDataSource } from '../../data/mssql/offline';
import type { ClaimantRow } from '../../data/schema/requests';
import type { StaffRow } from '../../data/schema/directory';
import { applySeed } from '../../data/seed/apply-seed';
import { SqlStaffDirectory } from '../../data/stores/staff-directory';
import { SqlSupportRequestStore } from '../../data/stores/support-requests';
import { CONFERENCE_LIMITS } from '../../domain/conferences/plan';
import { DomainError } from '../../domain/errors';
import { ACTION_NOTE_MAX } from '../../domain/follow-up-actions/follow-up-action';
import { HUB_LIMITS } from '../../domain/partnerships/hub';
import { PARTNER_LIMITS, parsePartner } from '../../domain/partnerships/partners';
import { SOLUTION_LIMITS } from '../../domain/partnerships/solutions';
import { RETENTION_LIMITS } from '../../domain/retention-cases/retention-case';
import { PARTNERSHIP_LIMITS } from '../../domain/work-psychologist/partnership';
import { OVERRIDE_REASON_MAX } from '../../domain/interventions/intervention-limit';
import { QAS_NOTES_MAX } from '../../domain/quality/qas';
import { LIMITS } from '../../domain/requests/drafts';
import { TRIAGE_LIMITS } from '../../domain/requests/triage-service';
import { TEXT_LIMITS as ADVICE_TEXT_LIMITS } from '../../domain/specialist-advice/request-form';
import { openTempDatabase, type TempDatabase } from '../support/template-database';

/**
 * SQLite keeps text of any length in a varchar(n); SQL Server refuses the statement. The schema's
 * lengths are enforced in code on both, and the limits people are held to on the forms fit them.
 */
describe('text lengths', () => {
  let mssql: DataSource;
  let db: TempDatabase;
  beforeAll(async () => {
    mssql = await offlineMssqlDataSource(SCHEMA.entities);
    db = await openTempDatabase();
  });
  afterAll(async () => {
    await mssql.destroy();
    await db.close();
  });

  it('every text column has a length: a number, or MAX for long text on SQL Server', () => {
    const unbounded = mssql.entityMetadatas.flatMap((m) =>
      m.columns.filter((c) => /char|text/i.test(String(c.type)) && !(Number(c.length) > 0) && c.length !== 'MAX').map((c) => `${m.tableName}.${c.databaseName} ${String(c.type)}`),
    );
    expect(unbounded).toEqual([]);
  });

  it('a value one character over any column is refused with its limit named, and one at the limit passes', () => {
    let checked = 0;
    for (const metadata of db.dataSource.entityMetadatas) {
      for (const [property, limit] of textLimits(metadata)) {
        expect(tooLong(metadata, { [property]: 'x'.repeat(limit) })).toEqual({});
        expect(tooLong(metadata, { [property]: 'x'.repeat(limit + 1) })[property]).toContain(`${limit} characters or fewer`);
        checked++;
      }
    }
    // Every limited column of every entity, not a sample: the count grows with the schema.
    expect(checked).toBe(mssql.entityMetadatas.reduce((n, m) => n + m.columns.filter((c) => /char/i.test(String(c.type)) && Number(c.length) > 0).length, 0));
  });

  it('on SQLite, too long a value is refused before anything is written, with a message for people', async () => {
    await applySeed(db.dataSource, {
      jobcentres: [],
      staff: [
        { aadObjectId: '00000000-0000-4000-8000-000000000001', name: 'Dana Morgan', email: 'dana.morgan@example.gov.uk', roles: ['dea'] },
        { aadObjectId: '00000000-0000-4000-8000-000000000002', name: 'Amira Shah', email: 'amira.shah@example.gov.uk', roles: ['work_coach'] },
      ],
    });
    const directory = new SqlStaffDirectory(db.dataSource);
    const dea = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000001'))!;
    const coach = (await directory.findByAadObjectId('00000000-0000-4000-8000-000000000002'))!;
    const create = new SqlSupportRequestStore(db.dataSource).create(
      {
        type: 'claimant_support',
        requesterId: coach.id,
        deaId: dea.id,
        claimant: { surname: 'J'.repeat(101), nino: 'QQ123456C', benefits: ['UC'] },
        topic: null,
        description: 'Needs support',
        reason: null,
        requiredBy: null,
        urgent: false,
        vulnerability: null,
      },
      new Date(),
    );
    await expect(create).rejects.toThrow(DomainError);
    await expect(create).rejects.toMatchObject({ kind: 'invalid', message: 'Keep the surname to 100 characters or fewer (it has 101). Nothing was saved.', problems: { surname: expect.any(String) } });
    expect(await db.dataSource.getRepository<ClaimantRow>('Claimant').count()).toBe(0);

    // An update is held to the same lengths.
    await expect(db.dataSource.getRepository<StaffRow>('Staff').update({ id: coach.id }, { name: 'A'.repeat(201) })).rejects.toMatchObject({ kind: 'invalid', problems: { name: expect.stringContaining('200') } });
    expect((await directory.findById(coach.id))?.name).toBe('Amira Shah');
  });

  it('what the forms let people type fits the column it is kept in', () => {
    const length = (entity: string, property: string) => Number(mssql.getMetadata(entity).findColumnWithPropertyName(property)?.length);
    const fits: [limit: string, value: number, column: number][] = [
      ["claimant's surname", LIMITS.surname, length('Claimant', 'surname')],
      ["claimant's surname for Specialist Advice", ADVICE_TEXT_LIMITS.surname, length('AdviceConversation', 'surname')],
      ['reason for a request', LIMITS.reason, length('SupportRequest', 'reason')],
      ["DEA's summary of information", TRIAGE_LIMITS.summary, length('RequestMessage', 'summary')],
      ['QAS check notes', QAS_NOTES_MAX, length('QualityCheck', 'notes')],
      ['conference check comments', CONFERENCE_LIMITS.qasComments, length('ConferenceQas', 'comments')],
      ['new case at a conference', CONFERENCE_LIMITS.note, length('ConferenceCase', 'note')],
      ['jobcentre of a conference plan', CONFERENCE_LIMITS.venue, length('ConferencePlan', 'venue')],
      ['room of a conference plan', CONFERENCE_LIMITS.room, length('ConferencePlan', 'room')],
      ['reason for a further intervention', OVERRIDE_REASON_MAX, length('InterventionOverride', 'reason')],
      ["team leader's note on it", OVERRIDE_REASON_MAX, length('InterventionOverride', 'note')],
      ["retention case: how the person is referred to", RETENTION_LIMITS.personName, length('RetentionCase', 'personName')],
      ['retention case: employer', RETENTION_LIMITS.employer, length('RetentionCase', 'employer')],
      ['retention case: need', RETENTION_LIMITS.need, length('RetentionCase', 'need')],
      ['retention case: advice', RETENTION_LIMITS.note, length('RetentionCase', 'hcpAdvice')],
      ['retention case: outcome', RETENTION_LIMITS.note, length('RetentionCase', 'outcomeNote')],
      // What was agreed, with a referral's reason added to it, is cut at the note's limit and 200 more.
      ['retention case: what was agreed', RETENTION_LIMITS.note + 200, length('RetentionCase', 'agreedNote')],
      ['what was done about a follow-up action', ACTION_NOTE_MAX, length('FollowUpAction', 'doneNote')],
      ['Hub entry title', HUB_LIMITS.title, length('HubEntry', 'title')],
      ['Hub entry summary', HUB_LIMITS.summary, length('HubEntry', 'summary')],
      ['Hub entry web address', HUB_LIMITS.link, length('HubEntry', 'link')],
      ['Hub change title', HUB_LIMITS.title, length('HubChange', 'title')],
      ['Hub change summary', HUB_LIMITS.summary, length('HubChange', 'summary')],
      ['Hub change web address', HUB_LIMITS.link, length('HubChange', 'link')],
      ['opportunity title', SOLUTION_LIMITS.title, length('Opportunity', 'title')],
      ['opportunity summary', SOLUTION_LIMITS.summary, length('Opportunity', 'summary')],
      ["partner's name", PARTNER_LIMITS.name, length('ExternalPartner', 'name')],
      ["partner's name on a service change", PARTNER_LIMITS.name, length('ServiceChange', 'partnerName')],
      ["partner's contact", PARTNER_LIMITS.contact, length('ExternalPartner', 'contact')],
      ["partner's website", PARTNER_LIMITS.website, length('ExternalPartner', 'website')],
      ['what a partnership is about', PARTNER_LIMITS.focus, length('ExternalPartner', 'focus')],
      ['partnership activity topic', PARTNERSHIP_LIMITS.topic, length('PartnershipActivity', 'topic')],
      ['partnership activity feedback', PARTNERSHIP_LIMITS.feedback, length('PartnershipActivity', 'feedback')],
      ['partnership activity advice', PARTNERSHIP_LIMITS.note, length('PartnershipActivity', 'note')],
    ];
    expect(fits.filter(([, value, column]) => !(value <= column)).map(([name, value, column]) => `${name}: the form allows ${value}, the column holds ${column}`)).toEqual([]);
  });

  it("a partner's web address longer than its column is refused on the form, with its limit named", () => {
    const partner = { name: 'Crawley Mind', kind: 'charity', contact: 'info@crawleymind.example.org', focus: 'Mental health support' };
    const long = `https://crawleymind.example.org/${'a'.repeat(PARTNER_LIMITS.website)}`;
    expect(() => parsePartner({ ...partner, website: long }, '2026-01-05')).toThrow(expect.objectContaining({ problems: { website: `The web address must be ${PARTNER_LIMITS.website} characters or fewer.` } }));
    expect(parsePartner({ ...partner, website: long.slice(0, PARTNER_LIMITS.website) }, '2026-01-05').website).toHaveLength(PARTNER_LIMITS.website);
  });
});
