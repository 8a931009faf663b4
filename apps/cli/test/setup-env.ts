import { controlThisProcessEnv } from './child-env.js';

// Every test file runs with the same environment, whatever the caller's (NO_COLOR, FORCE_COLOR,
// TERM=dumb, CI, HTTP_PROXY, TZ, LANG, ...): see child-env.ts.
controlThisProcessEnv();
