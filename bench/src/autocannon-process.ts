// The wire ceiling in a process of its own: node autocannon-process.js BASE CONNECTIONS SECONDS
// autocannon sends /posts/1..100 in turn on each connection and parses no bodies.
import autocannon from 'autocannon';

const [base = '', connections = '64', seconds = '5'] = process.argv.slice(2);
const result = await autocannon({
  url: base,
  connections: Number(connections),
  duration: Number(seconds),
  requests: Array.from({ length: 100 }, (_, i) => ({ method: 'GET', path: `/posts/${i + 1}` })),
});
process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: result.requests.total / (result.duration || Number(seconds)),
    requests: result.requests.total,
    errors: result.errors,
    non2xx: result.non2xx,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99 },
  })}\n`,
);
