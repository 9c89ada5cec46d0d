import { EventEmitter } from 'node:events';
import { Writable } from 'node:stream';
import { createLogger } from '@mcpulse/config';
import { describe, expect, it } from 'vitest';
import { installShutdown, type ProcessEvents } from '../src/process/shutdown.js';

/** A stand-in for `process`: signals are emitted by the test, exits are recorded. */
function fakeProcess() {
  const events = new EventEmitter();
  const exits: number[] = [];
  let resolveExit: (code: number) => void = () => undefined;
  const exited = new Promise<number>((resolve) => {
    resolveExit = resolve;
  });
  const target = Object.assign(events, {
    exit(code: number) {
      exits.push(code);
      resolveExit(code);
    },
  }) as EventEmitter & ProcessEvents;
  return { target, exits, exited };
}

function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: createLogger({ name: 'shutdown-test', level: 'debug', destination }), lines };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10));

describe('installShutdown', () => {
  it('runs the steps in reverse order of adding and exits 0 on SIGTERM', async () => {
    const { target, exits, exited } = fakeProcess();
    const { logger } = capturedLogger();
    const ran: string[] = [];
    let began = false;
    const shutdown = installShutdown({
      logger,
      deadlineMs: 1_000,
      process: target,
      onBegin: () => {
        began = true;
      },
    });
    shutdown.add('database', () => void ran.push('database'));
    shutdown.add('queues', async () => {
      await tick();
      ran.push('queues');
    });
    shutdown.add('work', () => void ran.push('work'));
    expect(shutdown.stopping).toBe(false);
    target.emit('SIGTERM');
    expect(began).toBe(true);
    expect(shutdown.stopping).toBe(true);
    expect(await exited).toBe(0);
    expect(ran).toEqual(['work', 'queues', 'database']);
    expect(exits).toEqual([0]);
  });

  it('logs a step that throws, still runs the steps after it, and exits 1', async () => {
    const { target, exited } = fakeProcess();
    const { logger, lines } = capturedLogger();
    const ran: string[] = [];
    const shutdown = installShutdown({ logger, deadlineMs: 1_000, process: target });
    shutdown.add('database', () => void ran.push('database'));
    shutdown.add('queues', async () => {
      throw new Error('queue close refused');
    });
    shutdown.add('work', () => void ran.push('work'));
    target.emit('SIGINT');
    expect(await exited).toBe(1);
    expect(ran).toEqual(['work', 'database']);
    const failure = lines.find((line) => line.msg === 'stop step failed');
    expect(failure).toMatchObject({ step: 'queues', err: { message: 'queue close refused' } });
  });

  it('exits 1 at the deadline while a step hangs, naming the step', async () => {
    const { target, exits, exited } = fakeProcess();
    const { logger, lines } = capturedLogger();
    const shutdown = installShutdown({ logger, deadlineMs: 100, process: target });
    let databaseClosed = false;
    shutdown.add('database', () => {
      databaseClosed = true;
    });
    shutdown.add('probe worker', () => new Promise<void>(() => undefined));
    const signalledAt = Date.now();
    target.emit('SIGTERM');
    expect(await exited).toBe(1);
    expect(Date.now() - signalledAt).toBeGreaterThanOrEqual(95);
    expect(databaseClosed).toBe(false);
    expect(lines.find((line) => line.level === 50)).toMatchObject({
      step: 'probe worker',
      msg: 'shutdown deadline passed; exiting with work still stopping',
    });
    await tick();
    expect(exits).toEqual([1]);
  });

  it('runs the steps once when a second signal arrives while stopping', async () => {
    const { target, exits, exited } = fakeProcess();
    const { logger, lines } = capturedLogger();
    const shutdown = installShutdown({ logger, deadlineMs: 1_000, process: target });
    let closes = 0;
    shutdown.add('work', async () => {
      closes++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    target.emit('SIGINT');
    target.emit('SIGINT');
    target.emit('SIGTERM');
    expect(await exited).toBe(0);
    await tick();
    expect(closes).toBe(1);
    expect(exits).toEqual([0]);
    expect(lines.filter((line) => line.msg === 'already shutting down')).toHaveLength(2);
  });

  it('stops with code 1 after an uncaught exception or an unhandled rejection, even if one comes while stopping', async () => {
    for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
      const { target, exited } = fakeProcess();
      const { logger, lines } = capturedLogger();
      const shutdown = installShutdown({ logger, deadlineMs: 1_000, process: target });
      let closed = false;
      shutdown.add('database', () => {
        closed = true;
      });
      target.emit(event, new Error('boom'));
      expect(await exited).toBe(1);
      expect(closed).toBe(true);
      expect(lines.find((line) => line.level === 60)).toMatchObject({ err: { message: 'boom' } });
    }

    const { target, exited } = fakeProcess();
    const { logger } = capturedLogger();
    const shutdown = installShutdown({ logger, deadlineMs: 1_000, process: target });
    shutdown.add('work', () => tick().then(() => undefined));
    target.emit('SIGTERM');
    target.emit('unhandledRejection', new Error('while stopping'));
    expect(await exited).toBe(1);
  });
});
