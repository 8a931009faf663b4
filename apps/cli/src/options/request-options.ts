import { InvalidArgumentError, Option, type Command } from 'commander';
import type { HttpMethod } from '@fanout/core';
import { CORE_HTTP_METHODS } from './core-constants.js';

/** What each request sends (curl's flag names). */
export interface RequestFlags {
  readonly request?: HttpMethod;
  /** `--method`, curl's `-X` under another name. */
  readonly method?: HttpMethod;
  readonly header?: readonly string[];
  readonly data?: string;
  readonly json?: string;
  readonly location?: boolean;
  /** `-A`: the User-Agent header (a `-H User-Agent:` wins). */
  readonly userAgent?: string;
}

/** Credentials: never stored, printed or logged. */
export interface AuthFlags {
  readonly header?: readonly string[];
  readonly user?: string;
  readonly oauth2Bearer?: string;
}

function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

function method(value: string): HttpMethod {
  const name = CORE_HTTP_METHODS.find((known) => known === value.toUpperCase());
  if (name === undefined) throw new InvalidArgumentError(`must be one of ${CORE_HTTP_METHODS.join(', ')}.`);
  return name;
}

/** Adds the Request group: method, headers, body, redirects (and with `auth`, credentials). */
export function addRequestOptions(command: Command, auth: boolean): Command {
  command
    .optionsGroup('Request:')
    .option('-X, --request <method>', `HTTP method for every input: ${CORE_HTTP_METHODS.join(', ')} (default GET, POST with a body; alias --method)`, method)
    .addOption(new Option('--method <method>').argParser(method).hideHelp())
    .option('-H, --header <header>', "'Name: value', repeatable; '@FILE' reads one header a line from FILE", collect)
    .option('-d, --data <body>', "request body: a string, '@FILE' or '@-' (stdin); the method becomes POST")
    .option('--json <body>', "JSON body (a string, '@FILE' or '@-') with Content-Type and Accept: application/json")
    .option('-A, --user-agent <string>', 'the User-Agent header (default fanout/<version>)')
    .option('-L, --location', 'follow redirects (at most 5); without it a 3xx is an HttpError');
  if (auth) addAuthOptions(command);
  return command;
}

/** Adds `-u/--user` and `--oauth2-bearer` (Request group). */
export function addAuthOptions(command: Command): Command {
  return command
    .option('-u, --user <user:password>', 'basic auth (the Authorization header; never printed)')
    .option('--oauth2-bearer <token>', 'bearer token auth (never printed)');
}

/** `worker`'s credentials: added by each worker, so secrets never reach Redis. */
export function addWorkerAuthOptions(command: Command): Command {
  command
    .optionsGroup('Request (added by this worker, never stored in Redis):')
    .option('-H, --header <header>', "'Name: value', repeatable; '@FILE' reads one header a line from FILE", collect);
  return addAuthOptions(command);
}
