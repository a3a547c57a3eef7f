// A page's list: a dashed "nothing yet" box when there are no rows, otherwise a table with these column headings.
import type { ReactNode } from 'react';

export function ListTable(props: {
  headers: ReactNode[];
  empty: ReactNode;
  isEmpty: boolean;
  testId: string;
  className?: string;
  /** The heading row's text style. */
  headClassName?: string;
  children: ReactNode;
}) {
  if (props.isEmpty)
    return (
      <p className={`${props.className ?? ''} rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-500`}>
        {props.empty}
      </p>
    );
  return (
    <table
      className={`${props.className ?? ''} w-full overflow-hidden rounded-lg border border-slate-200 bg-white text-sm`}
      data-testid={props.testId}
    >
      <thead className={`bg-slate-50 text-left ${props.headClassName ?? 'text-slate-600'}`}>
        <tr>
          {props.headers.map((h, k) => (
            <th key={k} className="px-4 py-2">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{props.children}</tbody>
    </table>
  );
}
