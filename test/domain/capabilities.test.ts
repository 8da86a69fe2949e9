import { CAPABILITIES } from '../../bot/journeys';
import { capabilitiesFor, type Capability } from '../../domain/capabilities';
import { ROLES, type Role } from '../../domain/roles';

const titles = (roles: readonly Role[]): string[] => capabilitiesFor({ roles }, CAPABILITIES).map((c) => c.title);
const commands = (roles: readonly Role[]): (string | null)[] => capabilitiesFor({ roles }, CAPABILITIES).map((c) => c.command);

const COLLEAGUE_ROLES: Role[] = ['service_delivery_team_leader', 'service_delivery_coach'];

describe('capabilitiesFor', () => {
  it('a work coach: ask your DEA, your requests and help, not the DEA’s cohort', () => {
    expect(titles(['work_coach'])).toEqual(['Ask your DEA for support', 'Your requests', 'Consent, booking and outcomes', 'Nominate a case for a group conference', 'Ask for Specialist Advice', 'Your day', 'Ask for a case conference with an HCP', 'Actions from your cases', 'Search the local Disability Hub', 'Disability Hub feedback forum', 'Feedback on Specialist Advice', 'Help']);
    expect(commands(['work_coach'])).toEqual(['new request', 'my requests', null, 'nominate case', 'specialist advice', 'my day', 'case conference', 'my actions', 'hub', 'forum', null, 'help']);
    expect(titles(['work_coach'])).not.toContain('Requests from your cohort');
  });

  it('a DEA: requests from the cohort, the queue and help, and nothing to ask for', () => {
    expect(titles(['dea'])).toEqual(['Requests from your cohort', 'Your queue', 'Your meetings', 'After each meeting', 'Actions from your cases', 'Retention cases', 'Consulting on retention cases', 'Working with the work psychologist', 'Search the local Disability Hub', 'Partnerships and strategies', 'Disability Hub feedback forum', 'Reports', 'Help']);
    expect(commands(['dea'])).toEqual([null, 'queue', 'meetings', null, 'my actions', 'retention cases', null, 'work psychologist', 'hub', 'partnerships', 'forum', 'report', 'help']);
  });

  it('the cohort entry is something the bot does, with no command', () => {
    const cohort = capabilitiesFor({ roles: ['dea'] }, CAPABILITIES).find((c) => c.title === 'Requests from your cohort');
    expect(cohort).toMatchObject({ command: null, roles: ['dea'] });
  });

  it.each(COLLEAGUE_ROLES)('%s: ask the DEA, your requests and help', (role) => {
    expect(titles([role])).toEqual(['Ask the DEA for support', 'Your requests', 'Search the local Disability Hub', 'Disability Hub feedback forum', 'Help']);
    expect(commands([role])).toEqual(['new request', 'my requests', 'hub', 'forum', 'help']);
  });

  it('an HCP: ask the DEA, your requests, your day, the conversations that come as cards, and retention cases they are consulted on', () => {
    expect(titles(['hcp'])).toEqual(['Ask the DEA for support', 'Your requests', 'Your day', 'Three-way conversations', 'Your supporting activity', 'Your weekly note', 'Record an arrival', 'Retention cases', 'Search the local Disability Hub', 'Disability Hub feedback forum', 'Help']);
    expect(commands(['hcp'])).toEqual(['new request', 'my requests', 'my day', null, 'activity', 'weekly note', 'arrived', 'retention cases', 'hub', 'forum', 'help']);
  });

  it('an HCP activity manager and a jobcentre contact: also their day', () => {
    expect(commands(['hcp_activity_manager'])).toEqual(['new request', 'my requests', 'my day', 'hcp week', 'supplier requests', 'hub', 'forum', 'report', 'help']);
    expect(titles(['jobcentre_contact'])).toEqual(['Ask the DEA for support', 'Your requests', 'Your day', 'Information packs', 'Record an arrival', 'Search the local Disability Hub', 'Disability Hub feedback forum', 'Help']);
  });

  it('an employer adviser: retention cases and their actions besides asking the DEA', () => {
    expect(commands(['employer_adviser'])).toEqual(['new request', 'my requests', 'my actions', 'retention cases', 'hub', 'forum', 'help']);
  });

  it('a work psychologist: their actions, retention cases referred to them and the DEA partnership', () => {
    expect(titles(['work_psychologist'])).toEqual(['Ask the DEA for support', 'Your requests', 'Actions from outcomes', 'Retention cases', 'Retention cases referred to you', 'Working with the DEA', 'Search the local Disability Hub', 'Strategies with your DEAs', 'Disability Hub feedback forum', 'Help']);
    expect(commands(['work_psychologist'])).toEqual(['new request', 'my requests', 'my actions', 'retention cases', null, 'work psychologist', 'hub', 'partnerships', 'forum', 'help']);
  });

  it('a Third Party Provision manager has their actions', () => {
    expect(commands(['third_party_provision_manager'])).toEqual(['my actions', 'hub', 'forum', 'help']);
  });

  it('a work coach team leader: ask the DEA, their requests, trends in the team, help', () => {
    expect(titles(['work_coach_team_leader'])).toEqual(['Ask the DEA for support', 'Your requests', 'Trends in your team', 'Quality checks (QAS)', 'Plan group conferences', 'Nominate a case for a group conference', 'Ask for a case conference with an HCP', 'Search the local Disability Hub', 'Strategies you own', 'Disability Hub feedback forum', "Who looked at a claimant's cases", 'Reports', 'Help']);
  });

  it.each([...ROLES])('%s sees help, last', (role) => {
    const list = capabilitiesFor({ roles: [role] }, CAPABILITIES);
    expect(list.filter((c) => c.command === 'help')).toHaveLength(1);
    expect(list[list.length - 1]?.command).toBe('help');
  });

  it('someone with no roles still sees help', () => {
    expect(commands([])).toEqual(['help']);
  });

  it('a work coach who is also a service delivery coach gets each command once, the work coach’s wording first', () => {
    const list = capabilitiesFor({ roles: ['work_coach', 'service_delivery_coach'] }, CAPABILITIES);
    expect(list.map((c) => c.command)).toEqual(['new request', 'my requests', null, 'nominate case', 'specialist advice', 'my day', 'case conference', 'my actions', 'hub', 'forum', null, 'help']);
    expect(list.map((c) => c.title)).toEqual(['Ask your DEA for support', 'Your requests', 'Consent, booking and outcomes', 'Nominate a case for a group conference', 'Ask for Specialist Advice', 'Your day', 'Ask for a case conference with an HCP', 'Actions from your cases', 'Search the local Disability Hub', 'Disability Hub feedback forum', 'Feedback on Specialist Advice', 'Help']);
  });

  it('a work coach who is also a DEA sees both sides, each command once', () => {
    expect(titles(['work_coach', 'dea'])).toEqual([
      'Ask your DEA for support',
      'Your requests',
      'Requests from your cohort',
      'Your queue',
      'Your meetings',
      'Consent, booking and outcomes',
      'After each meeting',
      'Nominate a case for a group conference',
      'Ask for Specialist Advice',
      'Your day',
      'Ask for a case conference with an HCP',
      'Actions from your cases',
      'Retention cases',
      'Consulting on retention cases',
      'Working with the work psychologist',
      'Search the local Disability Hub',
      'Partnerships and strategies',
      'Disability Hub feedback forum',
      'Reports',
      'Feedback on Specialist Advice',
      'Help',
    ]);
  });

  it.each<[readonly Role[]]>([
    [['work_coach', 'service_delivery_coach']],
    [['service_delivery_coach', 'work_psychologist']],
    [['dea', 'work_coach', 'hcp']],
    [[...ROLES]],
  ])('no duplicate commands for %j', (roles) => {
    const found = commands(roles).filter((c): c is string => c !== null);
    expect(new Set(found).size).toBe(found.length);
  });

  it('everyone has every role: one of each command plus the informational entries', () => {
    expect(commands([...ROLES])).toEqual(['new request', 'my requests', null, 'queue', null, 'meetings', null, null, 'quality checks', 'plan group conferences', 'nominate case', 'specialist advice', 'my day', null, null, 'activity', 'weekly note', 'arrived', 'case conference', 'hcp week', 'supplier requests', 'my actions', 'retention cases', null, null, 'work psychologist', 'hub', 'partnerships', 'forum', null, 'subject access', 'erase claimant', 'who looked', 'report', null, 'help']);
  });

  it('keeps the order of CAPABILITIES, help last', () => {
    const all = capabilitiesFor({ roles: [...ROLES] }, CAPABILITIES);
    const positions = all.slice(0, -1).map((c: Capability) => CAPABILITIES.indexOf(c));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(all[all.length - 1]?.command).toBe('help');
    expect(positions.every((i) => i >= 0)).toBe(true);
  });

  it('every capability has a title and a description', () => {
    for (const capability of CAPABILITIES) {
      expect(capability.title.trim()).not.toBe('');
      expect(capability.description.trim()).not.toBe('');
    }
  });
});
