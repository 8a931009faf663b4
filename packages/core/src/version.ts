/** This package's version (a test holds it equal to package.json's). */
export const VERSION = '0.1.0';

/** The `User-Agent` fanout sends unless told otherwise. */
export const DEFAULT_USER_AGENT = `fanout/${VERSION}`;
