import { DomainError } from '../../../domain/errors';
import { hubKindChoices, searchHub, type HubEntry } from '../../../domain/partnerships/hub';
import { PartnershipService } from '../../../domain/partnerships/partnership-service';
import { immediateUnitOfWork } from '../../../domain/unit-of-work';
import { MemoryDirectory, MemoryHub, MemoryPartners, MemorySolutions, RecordingNotifier, person } from './in-memory';

const dea = person('dea', ['dea']);
const otherDea = person('dea2', ['dea'], { jobcentreId: 'jc-2' });
const farDea = person('dea3', ['dea'], { jobcentreId: 'jc-far' });
const coachA = person('coachA', ['work_coach'], { deaId: 'dea' });
const coachB = person('coachB', ['work_coach'], { deaId: 'dea', jobcentreId: 'jc-2' });
const farCoach = person('farCoach', ['work_coach'], { deaId: 'dea3', jobcentreId: 'jc-far' });
const contact = person('spoc', ['provision_tool_contact'], { jobcentreId: 'jc-2' });
const now = new Date('2026-12-07T10:00:00Z');

function setup(people = [dea, otherDea, farDea, coachA, coachB, farCoach, contact]) {
  const hub = new MemoryHub();
  const solutions = new MemorySolutions();
  const partners = new MemoryPartners();
  const notifier = new RecordingNotifier();
  const directory = new MemoryDirectory(people, { 'jc-1': 'Surrey and Sussex', 'jc-2': 'Surrey and Sussex', 'jc-far': 'Cumbria and Lancashire' });
  const service = new PartnershipService({ hub, solutions, partners, directory, notifier, uow: immediateUnitOfWork, clock: { now: () => now } });
  return { service, hub, solutions, partners, notifier };
}

const entry = { title: 'Hidden impairment toolkit', summary: 'How to spot and support hidden impairments such as autism and dyslexia.', link: 'https://intranet.example/hidden', kind: 'toolkit' };

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the local Disability Hub: the DEA keeps it, the single point of contact publishes it (seed 000 §60–62)', () => {
  it('new content waits for the district’s single point of contact, and coaches find it only once published', async () => {
    const { service, notifier } = setup();
    const change = await service.proposeEntry(dea, entry);
    expect(change).toMatchObject({ action: 'add', contactId: 'spoc', status: 'requested' });
    expect(notifier.sent).toEqual([{ what: 'hub change', to: ['spoc'], subject: change.id }]);
    expect((await service.search(coachA, 'hidden')).entries).toEqual([]);

    await service.publish(contact, change.id, change.version);
    expect((await service.search(coachA, 'hidden impairment')).entries.map((e) => e.title)).toEqual(['Hidden impairment toolkit']);
    // Another coach of the same district finds it; a coach of another district does not.
    expect((await service.search(coachB, 'dyslexia')).entries).toHaveLength(1);
    expect((await service.search(farCoach, 'dyslexia')).entries).toEqual([]);
    expect(notifier.sent.at(-1)).toEqual({ what: 'hub decided', to: ['dea'], subject: change.id });
  });

  it('names each problem beside its field and saves nothing', async () => {
    const { service, hub } = setup();
    const error = await refusal(service.proposeEntry(dea, { title: '', summary: 'x'.repeat(601), link: 'javascript:alert(1)', kind: 'poster' }));
    expect(Object.keys(error.problems).sort()).toEqual(['kind', 'link', 'summary', 'title']);
    expect(hub.entries.size).toBe(0);
  });

  it('only a DEA keeps the Hub; only the contact it was sent to publishes it, once', async () => {
    const { service } = setup();
    expect((await refusal(service.proposeEntry(coachA, entry))).kind).toBe('not_allowed');
    const change = await service.proposeEntry(dea, entry);
    expect((await refusal(service.publish(dea, change.id, change.version))).kind).toBe('not_allowed');
    await service.publish(contact, change.id, change.version);
    expect((await refusal(service.publish(contact, change.id, change.version + 1))).message).toMatch(/already been published/);
  });

  it('says so when the district has no single point of contact, and saves nothing', async () => {
    const { service, hub } = setup([dea, coachA]);
    const error = await refusal(service.proposeEntry(dea, entry));
    expect(error.message).toMatch(/single point of contact/);
    expect(hub.entries.size).toBe(0);
  });

  it('a changed entry stays as it was until the change is published; one change waits at a time; removal takes it off', async () => {
    const { service } = setup();
    const added = await service.proposeEntry(dea, entry);
    await service.publish(contact, added.id, added.version);
    const update = await service.proposeChange(otherDea, added.entryId, { ...entry, title: 'Hidden impairment toolkit (2027 edition)' });
    expect((await service.search(coachA, 'hidden')).entries[0]!.title).toBe('Hidden impairment toolkit');
    expect((await refusal(service.proposeRemoval(dea, added.entryId))).message).toMatch(/already waiting/);
    // A DEA of another district cannot touch it.
    expect((await refusal(service.proposeChange(farDea, added.entryId, entry))).message).toMatch(/another district/);
    await service.publish(contact, update.id, update.version);
    expect((await service.search(coachA, 'hidden')).entries[0]!.title).toBe('Hidden impairment toolkit (2027 edition)');
    const removal = await service.proposeRemoval(dea, added.entryId);
    await service.publish(contact, removal.id, removal.version);
    expect((await service.search(coachA, 'hidden')).entries).toEqual([]);
  });

  it('an opportunity shared on the Hub keeps its kind when changed; a new entry is never one (the kinds a form offers are the kinds its click is allowed)', async () => {
    const { service, hub } = setup();
    const { hubChange } = await service.shareSolution(dea, { kind: 'job_trial', status: 'available', title: 'Job trials at Greenway', summary: 'Four-week trials.', link: '', onHub: 'true' });
    await service.publish(contact, hubChange!.id, hubChange!.version);
    expect(hub.entries.get(hubChange!.entryId)!.kind).toBe('employment_opportunity');
    const changed = await service.proposeChange(dea, hubChange!.entryId, { title: 'Job trials at Greenway (spring)', summary: 'Four-week trials.', link: '', kind: 'employment_opportunity' });
    expect(changed.content.kind).toBe('employment_opportunity');
    const error = await refusal(service.proposeEntry(dea, { ...entry, kind: 'employment_opportunity' }));
    expect(error.problems.kind).toMatch(/share it with your work coaches/);
    expect([...hub.entries.values()].map((e) => e.title)).toEqual(['Job trials at Greenway']);
    // A toolkit cannot be turned into an opportunity either.
    const toolkit = await service.proposeEntry(dea, entry);
    await service.publish(contact, toolkit.id, toolkit.version);
    expect((await refusal(service.proposeChange(dea, toolkit.entryId, { ...entry, kind: 'employment_opportunity' }))).problems).toHaveProperty('kind');
    expect(hubKindChoices(null)).not.toContain('employment_opportunity');
    expect(hubKindChoices('employment_opportunity')).toContain('employment_opportunity');
    expect(hubKindChoices('toolkit')).toEqual(hubKindChoices(null));
  });

  it('a declined addition never reaches coaches, and the contact must say why', async () => {
    const { service } = setup();
    const change = await service.proposeEntry(dea, entry);
    expect((await refusal(service.decline(contact, change.id, change.version, ' '))).problems.reason).toBeDefined();
    const { change: declined, entry: gone } = await service.decline(contact, change.id, change.version, 'The link is broken.');
    expect(declined).toMatchObject({ status: 'declined', reason: 'The link is broken.' });
    expect(gone.status).toBe('removed');
  });
});

describe('searching the Hub', () => {
  const at = (iso: string) => new Date(iso);
  const e = (title: string, summary: string, updated: string, status: HubEntry['status'] = 'published'): HubEntry => ({ id: title, district: 'd', title, summary, link: null, kind: 'guidance', status, keeperId: 'dea', createdAt: at(updated), updatedAt: at(updated) });
  const entries = [e('Autism guide', 'Working with autistic claimants', '2026-01-01'), e('Mental health first aid', 'Support for anxiety and autism', '2026-03-01'), e('Autism waiting', 'not yet', '2026-04-01', 'awaiting_publication')];

  it('needs every word, ranks title matches first, and leaves out what is not published', () => {
    expect(searchHub(entries, 'autism').map((x) => x.title)).toEqual(['Autism guide', 'Mental health first aid']);
    expect(searchHub(entries, 'autism anxiety').map((x) => x.title)).toEqual(['Mental health first aid']);
    expect(searchHub(entries, 'the guidance').map((x) => x.title)).toEqual(['Mental health first aid', 'Autism guide']);
    expect(searchHub(entries, 'braille')).toEqual([]);
  });
});

describe('sharing an opportunity with the cohort in one step (seed 000 §49–54)', () => {
  const job = { kind: 'job_trial', status: 'available', title: 'Job trials at Greenway Garden Centre', summary: 'Four-week trials for 3 claimants.', link: '', onHub: 'true' };

  it('sends it to every coach of the cohort and asks for it on the Hub, together', async () => {
    const { service, notifier, hub } = setup();
    const { solution, hubChange } = await service.shareSolution(dea, job);
    expect(solution).toMatchObject({ kind: 'job_trial', status: 'available', sentTo: 2, hubEntryId: hubChange!.entryId });
    expect(hub.entries.get(hubChange!.entryId)).toMatchObject({ kind: 'employment_opportunity', status: 'awaiting_publication' });
    expect(notifier.sent.map((s) => s.what)).toEqual(['hub change', 'solution']);
    expect(notifier.sent[1]!.to).toEqual(['coachA', 'coachB']);
  });

  it('"no immediate solution" goes to the coaches but never on the Hub', async () => {
    const { service, hub } = setup();
    const { solution, hubChange } = await service.shareSolution(dea, { ...job, kind: 'contracted_provision', status: 'still_investigating', onHub: 'true' });
    expect(solution.status).toBe('still_investigating');
    expect(hubChange).toBeNull();
    expect(hub.entries.size).toBe(0);
  });

  it('refuses a coach, an empty cohort and missing details', async () => {
    const { service } = setup([dea, contact]);
    expect((await refusal(service.shareSolution(coachA, job))).kind).toBe('not_allowed');
    expect((await refusal(service.shareSolution(dea, job))).message).toMatch(/nobody to share it with/);
    expect(Object.keys((await refusal(service.shareSolution(dea, { status: 'maybe' }))).problems).sort()).toEqual(['kind', 'status', 'summary', 'title']);
  });
});

describe('external partners and changes in their services (seed 000 §55–56)', () => {
  const charity = { name: 'Crawley Mind', kind: 'charity', contact: 'hello@crawleymind.example', focus: 'Mental health support groups', lastMetOn: '2026-11-20' };

  it('keeps the district’s partners and tells every DEA and coach of the district but the sender about a change', async () => {
    const { service, notifier } = setup();
    const partner = await service.addPartner(dea, charity, '2026-12-07');
    expect((await service.partnersFor(otherDea)).partners.map((p) => p.name)).toEqual(['Crawley Mind']);
    const { recipients } = await service.tellDistrict(dea, partner.id, { change: 'Closing on 31 January', impact: 'Refer to the NHS talking therapies service instead.' });
    expect(recipients).toBe(3);
    expect([...notifier.sent.at(-1)!.to].sort()).toEqual(['coachA', 'coachB', 'dea2']);
  });

  it('a DEA of the district records a meeting and new contact details, over the details they saw only (seed 000 §56)', async () => {
    const { service, partners } = setup();
    const partner = await service.addPartner(dea, { ...charity, lastMetOn: '' }, '2026-12-07');
    // Another DEA of the district keeps the district's partners too.
    const { before, partner: met } = await service.updatePartner(otherDea, partner.id, 1, { lastMetOn: '2026-12-04', contact: 'Sam Lee, 01293 555 0100', website: 'https://crawleymind.example.org' }, '2026-12-07');
    expect(before.lastMetOn).toBeNull();
    expect(met).toMatchObject({ lastMetOn: '2026-12-04', contact: 'Sam Lee, 01293 555 0100', website: 'https://crawleymind.example.org', name: 'Crawley Mind', version: 2 });
    // Sent from a card shown before that: refused, nothing overwritten.
    expect(await refusal(service.updatePartner(dea, partner.id, 1, { lastMetOn: '2026-12-05', contact: 'hello@crawleymind.example' }, '2026-12-07'))).toMatchObject({ kind: 'conflict' });
    expect(partners.rows[0]).toMatchObject({ lastMetOn: '2026-12-04', version: 2 });
    // Each problem beside its field: a meeting not yet held, one in a year typed wrong, no way to reach them.
    expect((await refusal(service.updatePartner(dea, partner.id, 2, { lastMetOn: '2026-12-08', contact: 'x' }, '2026-12-07'))).problems).toEqual({ lastMetOn: 'The date you last met must be today or in the past.' });
    expect((await refusal(service.updatePartner(dea, partner.id, 2, { lastMetOn: '2016-12-06', contact: '' }, '2026-12-07'))).problems).toEqual({ lastMetOn: 'The date you last met must be in the last 10 years. Check the year.', contact: 'Enter how to reach them: a name, phone number or email address.' });
    expect((await refusal(service.updatePartner(dea, partner.id, 2, { lastMetOn: '2026-02-30', contact: 'x' }, '2026-12-07'))).problems).toHaveProperty('lastMetOn');
    expect((await service.updatePartner(dea, partner.id, 2, { lastMetOn: '2016-12-07', contact: 'x' }, '2026-12-07')).partner.lastMetOn).toBe('2016-12-07');
    // Nobody else: a coach, a DEA of another district; nor a partner no longer there.
    expect((await refusal(service.updatePartner(coachA, partner.id, 3, { contact: 'x' }, '2026-12-07'))).kind).toBe('not_allowed');
    expect((await refusal(service.updatePartner(farDea, partner.id, 3, { contact: 'x' }, '2026-12-07'))).message).toBe('This partner is on another district’s list.');
    expect((await refusal(service.updatePartner(dea, 'partner-gone', 3, { contact: 'x' }, '2026-12-07'))).kind).toBe('not_found');
    // A partner added with a meeting in a year typed wrong is refused the same way.
    expect((await refusal(service.addPartner(dea, { ...charity, lastMetOn: '1926-11-20' }, '2026-12-07'))).problems.lastMetOn).toMatch(/last 10 years/);
  });

  it('refuses a partner of another district, a date in the future and an empty notice', async () => {
    const { service } = setup();
    const partner = await service.addPartner(dea, charity, '2026-12-07');
    expect(await refusal(service.tellDistrict(farDea, partner.id, { change: 'x', impact: 'y' }))).toMatchObject({ kind: 'invalid', problems: { partnerId: 'Choose one of your district’s partners.' } });
    expect((await refusal(service.addPartner(dea, { ...charity, lastMetOn: '2027-01-01' }, '2026-12-07'))).problems.lastMetOn).toBeDefined();
    expect(Object.keys((await refusal(service.tellDistrict(dea, partner.id, {}))).problems).sort()).toEqual(['change', 'impact']);
  });
});
