// The frame of every kind's icon: a 24×24 line drawing in the current text colour, 1em by default.
import type { ReactNode } from 'react';
import type { IconProps } from './types';

export function NodeIcon({ className = 'h-4 w-4', children }: IconProps & { children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden
      focusable="false"
    >
      {children}
    </svg>
  );
}
