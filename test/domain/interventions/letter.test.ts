import { notificationLetter, type LetterDetails } from '../../../domain/interventions/letter';

// 14 July 2026 is in British Summer Time (UTC+1); 1 December 2026 is in GMT.
const SUMMER = { start: new Date('2026-07-14T09:00:00.000Z'), end: new Date('2026-07-14T10:00:00.000Z') };
const WINTER = { start: new Date('2026-12-01T10:00:00.000Z'), end: new Date('2026-12-01T11:30:00.000Z') };

const details = (changes: Partial<LetterDetails> = {}): LetterDetails => ({
  purpose: 'three_way_intervention',
  meeting: SUMMER,
  mode: 'face_to_face',
  place: 'Leeds Eastgate Jobcentre',
  coachName: 'Amira',
  deaName: 'Bronwen',
  conditionality: 'mandatory',
  format: 'standard',
  ...changes,
});

describe('notificationLetter: when and where', () => {
  it('gives the date and time in London time during British Summer Time', () => {
    const { text } = notificationLetter(details());
    expect(text).toContain('on Tuesday 14 July 2026 from 10:00 to 11:00, at Leeds Eastgate Jobcentre.');
    expect(text).not.toContain('09:00');
  });

  it('gives the date and time in London time in winter (GMT)', () => {
    const { text } = notificationLetter(details({ meeting: WINTER }));
    expect(text).toContain('on Tuesday 1 December 2026 from 10:00 to 11:30, at Leeds Eastgate Jobcentre.');
  });

  it('uses the London date for a meeting just after midnight in summer', () => {
    const early = { start: new Date('2026-07-14T23:30:00.000Z'), end: new Date('2026-07-15T00:00:00.000Z') };
    expect(notificationLetter(details({ meeting: early })).text).toContain('on Wednesday 15 July 2026 from 00:30 to 01:00');
  });

  it('says "the jobcentre" when a face-to-face meeting has no place', () => {
    expect(notificationLetter(details({ place: null })).text).toContain('from 10:00 to 11:00, at the jobcentre.');
  });

  it('says the claimant will be called for a telephone meeting, without a place', () => {
    const { text } = notificationLetter(details({ mode: 'telephone' }));
    expect(text).toContain('from 10:00 to 11:00, by telephone: we will call you.');
    expect(text).not.toContain('Leeds Eastgate');
  });

  it('says a link will be sent for a video meeting', () => {
    const { text } = notificationLetter(details({ mode: 'video' }));
    expect(text).toContain('by video call: we will send you the link.');
    expect(text).not.toContain('Leeds Eastgate');
  });

  it('says a link will be sent for a Teams meeting', () => {
    expect(notificationLetter(details({ mode: 'teams' })).text).toContain('by Microsoft Teams video call: we will send you the link.');
  });
});

describe('notificationLetter: three way intervention', () => {
  it('names the work coach and the DEA, and says a mandatory appointment must be attended', () => {
    const { text } = notificationLetter(details());
    expect(text.split('\n\n')).toEqual([
      'You have an appointment with your work coach, Amira, and Bronwen, a Disability Employment Adviser, on Tuesday 14 July 2026 from 10:00 to 11:00, at Leeds Eastgate Jobcentre.',
      'You must attend this appointment. If you do not attend and do not have a good reason, your benefit may be affected. If you cannot attend, contact us before the appointment.',
      'If you need this letter in another format, or need help to attend, please tell us.',
    ]);
  });

  it('says a voluntary appointment is voluntary, without the warning about benefit', () => {
    const { text } = notificationLetter(details({ conditionality: 'voluntary' }));
    expect(text).toContain('This appointment is voluntary. If you cannot attend, please contact us before the appointment.');
    expect(text).not.toContain('You must attend');
    expect(text).not.toContain('benefit may be affected');
  });
});

describe('notificationLetter: claimant support intervention', () => {
  it('names only the DEA, says it is voluntary and that normal conditionality still applies', () => {
    const { text } = notificationLetter(details({ purpose: 'claimant_support_intervention', conditionality: 'voluntary' }));
    expect(text.split('\n\n')).toEqual([
      'Bronwen, a Disability Employment Adviser, would like to meet you on Tuesday 14 July 2026 from 10:00 to 11:00, at Leeds Eastgate Jobcentre.',
      'This appointment is voluntary. Your regular appointments with your work coach still take place and your usual conditions still apply.',
      'If you need this letter in another format, or need help to attend, please tell us.',
    ]);
    expect(text).not.toContain('Amira');
    expect(text).not.toContain('three way');
  });

  it('is voluntary whatever conditionality is passed (seed §38)', () => {
    const { text } = notificationLetter(details({ purpose: 'claimant_support_intervention', conditionality: 'mandatory' }));
    expect(text).toContain('This appointment is voluntary.');
    expect(text).not.toContain('You must attend');
  });
});

describe('notificationLetter: format and content', () => {
  it('has no format flag for standard print', () => {
    expect(notificationLetter(details({ format: 'standard' })).formatFlag).toBeNull();
  });

  it.each([
    ['large_print', 'large print'],
    ['braille', 'braille'],
  ] as const)('flags a %s letter, pointing to the guidance', (format, words) => {
    const { formatFlag, text } = notificationLetter(details({ format }));
    expect(formatFlag).toBe(`Send this letter in ${words}: see "Delivering equality for blind or visually impaired customers".`);
    // The flag is for the person sending it, not part of the letter.
    expect(text).not.toContain('Delivering equality');
  });

  it('contains no names but the staff names given, and nothing unfilled', () => {
    for (const purpose of ['three_way_intervention', 'claimant_support_intervention'] as const) {
      for (const mode of ['face_to_face', 'teams', 'video', 'telephone'] as const) {
        const { text } = notificationLetter(details({ purpose, mode, place: null, coachName: 'Zed', deaName: 'Yolanda' }));
        expect(text).not.toMatch(/undefined|null|NaN|\$\{|Invalid Date/);
        // Capitalised words are sentence starts, weekday, month, the DEA title, the product name, or the names given.
        const allowed = new Set(['You', 'If', 'This', 'Your', 'Disability', 'Employment', 'Adviser', 'Tuesday', 'July', 'Microsoft', 'Teams', 'Zed', 'Yolanda']);
        const capitalised = text.match(/\b[A-Z][a-z]+\b/g) ?? [];
        expect(capitalised.filter((w) => !allowed.has(w))).toEqual([]);
        if (purpose === 'three_way_intervention') expect(text).toContain('Zed');
        expect(text).toContain('Yolanda');
      }
    }
  });
});
