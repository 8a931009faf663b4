/**
 * The input-file line reader is the core's (one implementation): lines numbered as an editor
 * shows them, split in bounded memory, a line over 1 MiB given as `overLong` (see
 * `LineSplitter` in @fanout/core).
 */
export { numberedLines, MAX_LINE_BYTES, type NumberedLine } from '@fanout/core';
