import { execFile } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

// Run in a child process: ESLint loads its flat config as an ES module, which Jest's module system does not.
const LINT_ALL = `
import { ESLint } from 'eslint';
let input = '';
for await (const chunk of process.stdin) input += chunk;
const eslint = new ESLint({ cache: false });
const out = [];
for (const { path, source } of JSON.parse(input)) out.push((await eslint.lintText(source, { filePath: path }))[0].messages.map((m) => m.message));
process.stdout.write(JSON.stringify(out));
`;

/** The linter's messages for each source, as if it were that file of the project. */
function lint(files: readonly { path: string; source: string }[]): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['--input-type=module', '-e', LINT_ALL], { cwd: ROOT }, (error, stdout) => (error ? reject(error) : resolve(JSON.parse(stdout) as string[][])));
    child.stdin!.end(JSON.stringify(files));
  });
}

const ROLE_CHECKS = `import { hasRole, isTeamLeader, type StaffMember } from '../domain/staff';
export const shown = (p: StaffMember): boolean => hasRole(p, 'dea') || isTeamLeader(p) || p.roles.includes('hcp');
`;
const BARE_SORT = `export const sorted = (names: string[]): string[] => [...names].sort((a, b) => a.localeCompare(b));
`;

describe('the linter keeps rules in domain/ and names in English order', () => {
  let messages: string[][];
  beforeAll(async () => {
    messages = await lint([
      ...['bot', 'cards', 'dialogs'].map((folder) => ({ path: join(ROOT, folder, 'example.ts'), source: ROLE_CHECKS })),
      { path: join(ROOT, 'domain', 'example.ts'), source: ROLE_CHECKS.replace("'../domain/staff'", "'./staff'") },
      ...['domain', 'data', 'cards'].map((folder) => ({ path: join(ROOT, folder, 'example.ts'), source: BARE_SORT })),
    ]);
  }, 60_000);

  it('refuses a role check in bot/, cards/ and dialogs/', () => {
    for (const found of messages.slice(0, 3)) expect(found.filter((m) => m.startsWith('Rules live in domain/'))).toHaveLength(3);
  });

  it('lets domain/ check roles, its policies being where the rules are', () => {
    expect(messages[3]).toEqual([]);
  });

  it('refuses localeCompare anywhere', () => {
    for (const found of messages.slice(4)) expect(found).toEqual([expect.stringContaining('localeCompare follows the server')]);
  });
});
