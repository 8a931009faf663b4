// Loaded with `node --import` into every measured process (the harness adds it; the contenders
// do not know it). Inside the process it records when the first HTTP request is created
// (undici's and node:http's diagnostics channels, unsubscribed at once so that no request after
// the first pays for it) and, at exit, the whole process's CPU time and peak RSS (getrusage, the
// same figure as `/usr/bin/time -v`'s "Maximum resident set size"). One JSON line goes to fd 3.
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { writeSync } from 'node:fs';
import type { ProbeReport } from './probe-report.js';

// undici's and node:http's requests, and a client socket from `net.connect` (what fanout's own
// HTTP/1.1 transport opens for its first request over http:).
const FIRST_REQUEST_CHANNELS = ['undici:request:create', 'http.client.request.start', 'net.client.socket'];
let firstRequestMs: number | undefined;

function onFirstRequest(): void {
  if (firstRequestMs !== undefined) return;
  firstRequestMs = performance.now();
  // Not while the channel is publishing: unsubscribing splices the list it iterates.
  queueMicrotask(() => {
    for (const name of FIRST_REQUEST_CHANNELS) unsubscribe(name, onFirstRequest);
  });
}

for (const name of FIRST_REQUEST_CHANNELS) subscribe(name, onFirstRequest);

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
