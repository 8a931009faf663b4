export { startDemoUpstream, type DemoUpstream } from './server.js';
export { BEHAVIOUR_DEFAULTS, type DemoUpstreamOptions, type UpstreamBehaviour } from './options.js';
export type { UpstreamStats } from './stats.js';
export { loadDataset, postUrl, RESOURCES, type Dataset, type Resource } from './dataset.js';
export { freePort } from './free-port.js';
export { parseIdList, IdListError } from './parse-id-list.js';
export { shapingHeaders, readShaping, SHAPING_HEADERS, MAX_SHAPED_LATENCY_MS, ShapingHeaderError, type RequestShaping } from './request-shaping.js';
