'use client';
// A modal that asks before a change that is hard to take back (archive, delete, restore a version): what will happen,
// then confirm or cancel; the error of a refused attempt stays in the dialog.
import type { ReactNode } from 'react';

export function ConfirmDialog(props: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  busyLabel: string;
  busy: boolean;
  danger?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  testId: string;
}) {
  return (
    <div
      className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40"
      role="dialog"
      aria-modal
      data-testid={props.testId}
    >
      <div className="w-[32rem] max-w-[92vw] rounded-xl bg-white shadow-xl">
        <h2 className="border-b border-slate-200 px-5 py-3 font-bold">{props.title}</h2>
        <div className="space-y-3 px-5 py-4 text-sm text-slate-700">
          {props.children}
          {props.error ? (
            <p className="rounded-md border border-rose-200 bg-rose-50 p-2 text-rose-800" role="alert" data-testid="confirm-error">
              {props.error}
            </p>
          ) : null}
        </div>
        <div className="flex justify-end gap-2 border-t border-slate-200 px-5 py-3">
          <button type="button" className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-100" onClick={props.onCancel}>
            {props.cancelLabel}
          </button>
          <button
            type="button"
            data-testid="confirm-ok"
            disabled={props.busy}
            onClick={props.onConfirm}
            className={`rounded-md px-4 py-1.5 text-sm font-semibold text-white disabled:opacity-50 ${props.danger ? 'bg-rose-600 hover:bg-rose-700' : 'bg-line hover:bg-line-dark'}`}
          >
            {props.busy ? props.busyLabel : props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
