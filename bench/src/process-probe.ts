// Loaded with `node --import` into every measured process (the harness adds it; the contenders
// do not know it). Inside the process it records when the first HTTP request goes out — the
// first socket any client connects (`net.Socket.prototype.connect`, which undici, node:http,
// axios and fanout's own client all end in, over TCP and TLS alike; the original is put back at
// once, so no later connection pays for it) — and, at exit, the whole process's CPU time and peak
// RSS (getrusage, the same figure as `/usr/bin/time -v`'s "Maximum resident set size"). One
// JSON line goes to fd 3.
import { writeSync } from 'node:fs';
import { Socket } from 'node:net';
import type { ProbeReport } from './probe-report.js';

let firstRequestMs: number | undefined;

const connect = Socket.prototype.connect;
Socket.prototype.connect = function firstConnect(this: Socket, ...args: unknown[]) {
  firstRequestMs ??= performance.now();
  Socket.prototype.connect = connect;
  return (connect as (...a: unknown[]) => Socket).apply(this, args);
} as typeof connect;

process.on('exit', () => {
  const usage = process.resourceUsage();
  const report: ProbeReport = {
    firstRequestMs,
    exitMs: performance.now(),
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
    maxRssKb: usage.maxRSS,
  };
  writeSync(3, `${JSON.stringify(report)}\n`);
});
