import { checkNino, formatNino, looksLikeNino, maskNino, type NinoCheck } from '../../domain/requests/nino';

/** The problem of a check expected to fail; fails the test if the check passed. */
function problemOf(raw: string): string {
  const check: NinoCheck = checkNino(raw);
  if (check.ok) throw new Error(`expected ${JSON.stringify(raw)} to be refused, but it was accepted as ${check.nino}`);
  return check.problem;
}

const FORMAT_PROBLEM = 'A National Insurance number is 2 letters, 6 numbers and a letter A to D, like AB 12 34 56 C.';

describe('checkNino: valid numbers', () => {
  it.each([
    ['AB123456C', 'AB123456C'],
    ['ab123456c', 'AB123456C'],
    ['Ab123456c', 'AB123456C'],
    ['AB 12 34 56 C', 'AB123456C'],
    ['  ab 12 34 56 c  ', 'AB123456C'],
    ['AB-12-34-56-C', 'AB123456C'],
    ['ab-123456 -c', 'AB123456C'],
    ['AB\t123456\tC', 'AB123456C'],
    ['JW000000A', 'JW000000A'],
    ['ZY999999D', 'ZY999999D'],
    ['CE123456B', 'CE123456B'],
    // O is forbidden only as the second letter.
    ['OA123456A', 'OA123456A'],
  ])('accepts %j as %s', (raw, nino) => {
    expect(checkNino(raw)).toEqual({ ok: true, nino });
  });

  it.each(['A', 'B', 'C', 'D'])('accepts suffix %s', (suffix) => {
    expect(checkNino(`AB123456${suffix}`)).toEqual({ ok: true, nino: `AB123456${suffix}` });
  });

  it('accepts every letter allowed first and second except the never-issued pairs', () => {
    const allowedFirst = 'ABCEGHJKLMNOPRSTWXYZ'.split('');
    const allowedSecond = 'ABCEGHJKLMNPRSTWXYZ'.split('');
    const neverIssued = new Set(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ']);
    for (const first of allowedFirst) {
      for (const second of allowedSecond) {
        const nino = `${first}${second}123456A`;
        expect({ nino, ok: checkNino(nino).ok }).toEqual({ nino, ok: !neverIssued.has(first + second) });
      }
    }
  });
});

describe('checkNino: prefix letters', () => {
  it.each(['D', 'F', 'I', 'Q', 'U', 'V'])('refuses %s as the first letter and says so', (letter) => {
    expect(problemOf(`${letter}A123456A`)).toBe(`A National Insurance number never starts with ${letter}.`);
  });

  it.each(['D', 'F', 'I', 'Q', 'U', 'V'])('refuses lower-case %s as the first letter, naming it in upper case', (letter) => {
    expect(problemOf(`${letter.toLowerCase()}a123456a`)).toBe(`A National Insurance number never starts with ${letter}.`);
  });

  it.each(['D', 'F', 'I', 'O', 'Q', 'U', 'V'])('refuses %s as the second letter and says so', (letter) => {
    expect(problemOf(`A${letter}123456A`)).toBe(`The second letter of a National Insurance number is never ${letter}.`);
  });

  it.each(['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'])('refuses the never-issued prefix %s and says so', (prefix) => {
    expect(problemOf(`${prefix}123456A`)).toBe(`National Insurance numbers starting ${prefix} are never issued.`);
  });

  it('refuses a never-issued prefix typed in lower case with spaces', () => {
    expect(problemOf('zz 12 34 56 a')).toBe('National Insurance numbers starting ZZ are never issued.');
  });
});

describe('checkNino: shape', () => {
  it.each([
    ['AB123456E', 'suffix E'],
    ['AB123456Z', 'suffix Z'],
    ['AB1234567', 'a digit as suffix'],
    ['AB123456', 'no suffix (8 characters)'],
    ['AB12345C', 'five digits'],
    ['AB1234567C', 'seven digits'],
    ['AB123456CC', 'two suffix letters'],
    ['A1234567C', 'one prefix letter'],
    ['ABC12345C', 'three prefix letters'],
    ['12345678C', 'no prefix letters'],
    ['AB12E456C', 'a letter among the digits'],
    ['AB123456C.', 'punctuation'],
    ['AB/12/34/56/C', 'slashes'],
    ['ÀB123456C', 'an accented letter'],
    ['AB１２３４５６C', 'full-width digits'],
  ])('refuses %j (%s) with the format problem', (raw) => {
    expect(problemOf(raw)).toBe(FORMAT_PROBLEM);
  });

  it('the format problem names the shape and the allowed suffixes', () => {
    expect(FORMAT_PROBLEM).toMatch(/2 letters/);
    expect(FORMAT_PROBLEM).toMatch(/6 numbers/);
    expect(FORMAT_PROBLEM).toMatch(/A to D/);
  });

  it.each(['', '   ', ' - - ', '\t\n'])('asks for the number when given %j', (raw) => {
    expect(problemOf(raw)).toBe("Enter the claimant's National Insurance number.");
  });
});

describe('maskNino', () => {
  it('shows only the last three characters', () => {
    const masked = maskNino('AB123456C');
    expect(masked).toBe('•••••56C');
    expect(masked).not.toContain('AB');
    expect(masked).not.toContain('1234');
    expect(masked.endsWith('56C')).toBe(true);
  });

  it('hides everything but the last three of another number', () => {
    expect(maskNino('JW987654A')).toBe('•••••54A');
  });
});

describe('formatNino', () => {
  it('spaces a normalised number as AB 12 34 56 C', () => {
    expect(formatNino('AB123456C')).toBe('AB 12 34 56 C');
    expect(formatNino('JW000000A')).toBe('JW 00 00 00 A');
  });

  it('round-trips through checkNino', () => {
    const check = checkNino(formatNino('CE654321D'));
    expect(check).toEqual({ ok: true, nino: 'CE654321D' });
  });
});

describe('a NINO removed at the claimant\'s request or at the end of its retention period', () => {
  it('reads as Removed, masked or not', () => {
    expect(formatNino('REMOVED')).toBe('Removed');
    expect(maskNino('REMOVED')).toBe('Removed');
  });
});

describe('a NINO in free text that must name no claimant', () => {
  it('is found however it is written, as checkNino reads it', () => {
    for (const written of ['AB123456C', 'ab 12 34 56 c', 'AB-12-34-56-C', 'AB  12  34  56  C', 'Claimant AB-123456-C: no PIP assessor']) expect(looksLikeNino(written)).toBe(true);
    for (const text of ['Call 0800 123 456', 'DEA-000123', 'Room 12 34', 'PIP and ESA since 2024']) expect(looksLikeNino(text)).toBe(false);
  });
});
