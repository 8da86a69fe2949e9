import { COACH_DROPDOWN_MAX, matchCoach, offersCoachList, resolveCoach } from '../../domain/coach-lookup';

const coach = (id: string, name: string, email: string) => ({ id, name, email });
const ben = coach('b1', 'Ben Turner', 'Ben.Turner@jobcentre.example');
const sam1 = coach('s1', 'Sam Lee', 'sam.lee@jobcentre.example');
const sam2 = coach('s2', 'Sam Lee', 'sam.lee2@jobcentre.example');
const sam3 = coach('s3', 'sam  lee', 'samantha.lee@jobcentre.example');
const siobhan = coach('o1', 'Siobhán O’Brien', 'siobhan.obrien@jobcentre.example');
const words = { who: 'you lead', notInList: 'Choose one of the work coaches you lead, from the list.' };
/** Enough coaches that a form asks for a name or email rather than listing them. */
const many = [ben, sam1, sam2, sam3, siobhan, ...Array.from({ length: COACH_DROPDOWN_MAX }, (_, i) => coach(`x${i}`, `Coach ${i}`, `coach.${i}@jobcentre.example`))];

describe('naming a work coach: from a drop-down when few, by name or email when many', () => {
  it('lists up to the bound and asks for a name or email past it', () => {
    expect(offersCoachList(COACH_DROPDOWN_MAX)).toBe(true);
    expect(offersCoachList(COACH_DROPDOWN_MAX + 1)).toBe(false);
    expect(offersCoachList(many.length)).toBe(false);
  });

  it('takes a drop-down’s id, an exact email or a whole name, whatever the case, spaces or apostrophe', () => {
    expect(resolveCoach('B1', many, words)).toEqual({ coach: ben });
    expect(resolveCoach(' ben.turner@JOBCENTRE.example ', many, words)).toEqual({ coach: ben });
    expect(resolveCoach('ben turner', many, words)).toEqual({ coach: ben });
    expect(resolveCoach('  BEN   TURNER ', many, words)).toEqual({ coach: ben });
    expect(resolveCoach("siobhán o'brien", many, words)).toEqual({ coach: siobhan });
    // An email settles a shared name.
    expect(resolveCoach('sam.lee2@jobcentre.example', many, words)).toEqual({ coach: sam2 });
    expect(resolveCoach('', many, words)).toEqual({ coach: null });
    expect(resolveCoach('   ', many, words)).toEqual({ coach: null });
    expect(resolveCoach(undefined, many, words)).toEqual({ coach: null });
  });

  it('never guesses: part of a name, or part of an email, names nobody', () => {
    expect(matchCoach('Ben', many)).toEqual({ kind: 'none' });
    expect(matchCoach('Turner', many)).toEqual({ kind: 'none' });
    expect(matchCoach('ben.turner', many)).toEqual({ kind: 'none' });
  });

  it('refuses a name several coaches share, saying how many and asking for the email', () => {
    expect(resolveCoach('Sam Lee', many, words)).toEqual({ problem: '3 work coaches you lead are called Sam Lee. Type the email of the one you mean.' });
  });

  it('refuses someone not among them: by name or email past the bound, from the list below it', () => {
    expect(resolveCoach('Kate Fisher', many, words)).toEqual({ problem: 'No work coach you lead has that name or email. Check the spelling, or type their email.' });
    expect(resolveCoach('kate', [ben, sam1], words)).toEqual({ problem: 'Choose one of the work coaches you lead, from the list.' });
    // A drop-down's value is read the same way as what is typed.
    expect(resolveCoach('Ben Turner', [ben, sam1], words)).toEqual({ coach: ben });
  });

  it('does not take one of two directory entries sharing an email', () => {
    const twin = coach('b2', 'Benjamin Turner', 'ben.turner@jobcentre.example');
    expect(resolveCoach('ben.turner@jobcentre.example', [...many, twin], words)).toEqual({ problem: '2 work coaches you lead have that email in the staff directory. Type the full name of the one you mean.' });
    expect(resolveCoach('Benjamin Turner', [...many, twin], words)).toEqual({ coach: twin });
  });
});
