// Bounds on what an import will read, whatever the file. They follow from the largest
// realistic file, a county roster of 20,000 people (see docs/benchmarks.md for the measured
// figures): 20,000 rows × 30 columns, whose app export is 1.3 MB zipped and about 23 MB of
// sheet XML unzipped. Each limit leaves room for several times that, and each refusal names
// its limit in Chinese.

/** Spreadsheet file size (also enforced by the contract). */
export const MAX_FILE_MB = 40;
/** Sum of the declared uncompressed sizes of every zip entry, checked before anything is inflated. */
export const MAX_UNZIPPED_BYTES = 200 * 1024 * 1024;
/** Shared strings in an .xlsx. */
export const MAX_SHARED_STRINGS = 1_000_000;
/** Characters in one cell (Excel's own limit is 32,767). */
export const MAX_CELL_CHARS = 32_767;
/** Filled cells read from the sheet. */
export const MAX_CELLS = 4_000_000;
/** Rows of the sheet, blank rows included. */
export const MAX_SHEET_ROWS = 110_000;
/** Data rows under the header. */
export const MAX_DATA_ROWS = 100_000;
/** The parsing worker's heap. */
export const WORKER_HEAP_MB = 1024;
/** The parsing worker's wall-clock limit. */
export const WORKER_TIME_MS = 60_000;

export const fmt = (n: number) => n.toLocaleString('en-US');
