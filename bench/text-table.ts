/**
 * Fixed-width text tables for the terminal (and for a Markdown code block).
 */

/** A column: header, and whether its cells are right-aligned (numbers). */
export interface Column {
  readonly header: string;
  readonly right?: boolean;
}

/** Renders `rows` under `columns`, two spaces between columns. */
export function textTable(columns: readonly Column[], rows: readonly (readonly string[])[]): string {
  const widths = columns.map((column, c) =>
    Math.max(column.header.length, ...rows.map((row) => (row[c] ?? '').length)),
  );
  const line = (cells: readonly string[]): string =>
    columns
      .map((column, c) => {
        const cell = cells[c] ?? '';
        const width = widths[c] as number;
        return column.right === true ? cell.padStart(width) : cell.padEnd(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(columns.map((column) => column.header)), rule, ...rows.map(line)].join('\n');
}

/** `1234567` → `1,234,567`. */
export function grouped(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** Fixed decimals, e.g. `fixed(1.2345, 2)` → `1.23`. */
export function fixed(value: number, digits: number): string {
  return value.toFixed(digits);
}
