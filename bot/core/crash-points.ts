import { writeSync } from 'node:fs';

/**
 * Named points where the process kills itself with SIGKILL, so that crash tests can stop the real
 * bot between any two steps of its work and check that the next process finishes it. Armed only by
 * `CRASH_AT` outside production (the configuration never reads it in production); unarmed, every
 * point does nothing. `CRASH_AT=name` stops at the first time `name` is reached, `name#3` at the third.
 */
export class CrashPoints {
  private readonly reached = new Map<string, number>();

  private constructor(private readonly armed: { readonly name: string; readonly nth: number } | null) {}

  static none(): CrashPoints {
    return new CrashPoints(null);
  }

  static at(spec: string | null): CrashPoints {
    if (!spec) return CrashPoints.none();
    const [name, nth] = spec.split('#');
    return new CrashPoints({ name: name!, nth: Math.max(1, Number(nth ?? 1) || 1) });
  }

  /** True when some point is armed (adapters then take their steps one at a time, to stop between them). */
  get armedFor(): string | null {
    return this.armed?.name ?? null;
  }

  at(name: string): void {
    if (!this.armed || this.armed.name !== name) return;
    const count = (this.reached.get(name) ?? 0) + 1;
    this.reached.set(name, count);
    if (count !== this.armed.nth) return;
    writeSync(2, `crash point ${name}#${count}: stopping with SIGKILL\n`);
    process.kill(process.pid, 'SIGKILL');
  }
}
