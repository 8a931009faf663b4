export { undiciTransport, type UndiciTransportOptions } from './undici-transport.js';
