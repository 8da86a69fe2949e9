import { helpCard } from '../../cards/help-card';
import { HELP } from '../../bot/journeys';
import type { Capability } from '../../domain/capabilities';
import type { StaffMember } from '../../domain/staff';

const coach = { id: 'c', aadObjectId: 'a', name: 'Amira Shah', email: 'amira.shah@jobcentre.example', roles: ['work_coach'], jobcentreId: null, deaId: null, teamLeaderId: null } as unknown as StaffMember;
const offer = (n: number): Capability[] => Array.from({ length: n }, (_, i) => ({ command: `thing ${i}`, title: `Thing ${i}`, description: `Does thing ${i}.`, roles: 'everyone' }));

describe('the help card', () => {
  it('says who the person is registered as, with their jobcentre when there is one', () => {
    const text = (card: object) => JSON.stringify(card);
    expect(text(helpCard(coach, [HELP]))).toContain('You are registered as: Work coach.');
    expect(text(helpCard(coach, [HELP], { jobcentreName: 'Leeds', welcome: true }))).toContain('You are registered as: Work coach, Leeds.');
    expect(text(helpCard(coach, [HELP], { welcome: true }))).toContain('Welcome to DEA Support, Amira');
  });

  it('lists every command with how to say it, and offers at most three buttons at once', () => {
    const card = helpCard(coach, [HELP, ...offer(5)]) as unknown as { body: { items?: { text: string }[] }[]; actions: { title: string; data: { command: string }; mode?: string }[] };
    expect(card.body.filter((b) => b.items).map((b) => b.items!.at(-1)!.text)).toEqual([...offer(5).map((c) => `Say **${c.command}**`), 'Say **help**']);
    expect(card.actions.map((a) => [a.data.command, a.mode ?? 'primary'])).toEqual([
      ['thing 0', 'primary'],
      ['thing 1', 'primary'],
      ['thing 2', 'primary'],
      ['thing 3', 'secondary'],
      ['thing 4', 'secondary'],
    ]);
  });
});
