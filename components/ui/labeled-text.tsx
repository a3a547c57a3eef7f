'use client';
// A label above a one-line text input (or a textarea when `rows` is given), for the settings forms of pages.
import type { ReactNode } from 'react';

export function LabeledText(props: {
  label: ReactNode;
  value: string;
  onChange: (v: string) => void;
  disabled?: boolean;
  inputClassName: string;
  labelClassName?: string;
  placeholder?: string;
  rows?: number;
  testId?: string;
}) {
  const common = {
    className: props.inputClassName,
    value: props.value,
    disabled: props.disabled,
    placeholder: props.placeholder,
    'data-testid': props.testId,
  };
  return (
    <label className={props.labelClassName ?? 'block'}>
      {props.label}
      {props.rows ? (
        <textarea {...common} rows={props.rows} onChange={(e) => props.onChange(e.target.value)} />
      ) : (
        <input {...common} onChange={(e) => props.onChange(e.target.value)} />
      )}
    </label>
  );
}
