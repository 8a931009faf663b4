export { axiosTransport, type AxiosTransportOptions } from './axios-transport.js';
