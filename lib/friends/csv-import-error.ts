// A failed CSV import as a typed error: 400 `invalid:csv`, one issue per problem with path [row, column].
import 'server-only';
import { AppError } from '../errors';
import type { CsvError } from './csv-import';

export function csvImportError(errors: CsvError[]): AppError {
  const rows = new Set(errors.map((e) => e.row)).size;
  return new AppError(
    'invalid:csv',
    `${rows} row(s) have problems; nothing was imported`,
    errors.map((e) => ({ path: e.column === null ? [e.row] : [e.row, e.column], message: e.message, row: e.row, column: e.column })),
  );
}
