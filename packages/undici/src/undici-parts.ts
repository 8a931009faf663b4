// The three parts of undici this transport uses, each from its own module. undici's index loads
// every part it has (fetch, WebSocket, EventSource, the cache, the mocks) and, doing so, Node's
// own copy of undici behind the `File` and `Headers` globals: ~55 ms of CPU at every start of a
// process that sends a request, for code never run (a worker, profiled from start to ready).
// undici has no `exports` map, so its modules are importable by path; their types are the
// index's (undici-parts.d.ts).
import Agent from 'undici/lib/dispatcher/agent.js';
import buildConnector from 'undici/lib/core/connect.js';
import redirect from 'undici/lib/interceptor/redirect.js';

export { Agent, buildConnector, redirect };
