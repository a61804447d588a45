// Maps wall time to virtual time at the chosen speed (x1, x2, x10, x60, or paused). This is
// the only place in the engine that reads the wall clock; the deterministic core never does.
import type { ClockSpeed } from '../engine-api.ts';

export interface DriverTarget {
  /** Advance virtual time by `ms` (firing timers on the way). */
  advance(ms: number): void;
  now(): number;
}

interface Sleeper {
  until: number;
  resolve: () => void;
}

const TICK_MS = 50;
/** Never advance more than this much virtual time in one tick (a backgrounded tab catches up slowly). */
const MAX_VIRTUAL_PER_TICK = 60_000;

export class RealtimeDriver {
  private speed: ClockSpeed = 1;
  private last = performance.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  private sleepers: Sleeper[] = [];
  private carry = 0;

  constructor(
    private target: DriverTarget,
    private readonly onTick: () => void,
  ) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.last = performance.now();
    this.timer = setInterval(() => this.tick(), TICK_MS);
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  retarget(target: DriverTarget): void {
    this.target = target;
    this.wakeAll();
  }

  getSpeed(): ClockSpeed {
    return this.speed;
  }

  setSpeed(speed: ClockSpeed): void {
    this.tick();
    this.speed = speed;
  }

  /** Resolves once `ms` of virtual time has passed (or on wakeAll). */
  sleep(ms: number): Promise<void> {
    const until = this.target.now() + ms;
    return new Promise((resolve) => this.sleepers.push({ until, resolve }));
  }

  /** Wakes every sleeper now (Ctrl-C, reset). */
  wakeAll(): void {
    const s = this.sleepers;
    this.sleepers = [];
    for (const x of s) x.resolve();
  }

  /** Called after the virtual clock moved for another reason (step button, a command). */
  notifyMoved(): void {
    this.wake();
  }

  tick(): void {
    const wall = performance.now();
    const delta = wall - this.last;
    this.last = wall;
    if (this.speed > 0) {
      const v = Math.min(delta * this.speed + this.carry, MAX_VIRTUAL_PER_TICK);
      const whole = Math.floor(v);
      this.carry = v - whole;
      if (whole > 0) this.target.advance(whole);
    }
    this.wake();
    this.onTick();
  }

  private wake(): void {
    const now = this.target.now();
    const due = this.sleepers.filter((s) => s.until <= now);
    if (due.length === 0) return;
    this.sleepers = this.sleepers.filter((s) => s.until > now);
    for (const s of due) s.resolve();
  }
}
