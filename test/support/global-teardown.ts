import { rmSync } from 'node:fs';

export default function globalTeardown(): void {
  const dir = process.env.DEA_TEST_TEMPLATES;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
