/** `.fanout-<host tag>-<pid>-<8 hex>.part` */
export const TEMP_NAME = /^\.fanout-([0-9a-f]{8})-(\d+)-[0-9a-f]{8}\.part$/;

/**
 * Whether `name` has the form of a fanout temporary file (of any machine): a later run may remove
 * such a file. Its own file: `--name` templates are checked at start-up, without loading
 * `node:crypto` and `node:os` as the temporary files' code does.
 */
export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}
