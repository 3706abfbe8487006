import type { ReactNode } from 'react';

/** Heading of a chart section panel, with a one-line summary and optional tools on the right. */
export function SectionHeader({ title, summary, children }: { title: string; summary?: ReactNode; children?: ReactNode }) {
  return (
    <div className="section-header">
      <div>
        <h2>{title}</h2>
        {summary && <p className="muted">{summary}</p>}
      </div>
      {children && <div className="section-header__tools">{children}</div>}
    </div>
  );
}

export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="empty-cell">
        {children}
      </td>
    </tr>
  );
}
