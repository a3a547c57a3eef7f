// The frame of every kind's icon: a lucide line drawing (SVG, so it shows without an emoji font) in the current text colour.
import type { LucideIcon } from 'lucide-react';
import type { ComponentType } from 'react';
import type { IconProps } from './types';

/** A kind's icon from a lucide icon: 1rem by default, hidden from screen readers (the kind's name is written beside it). */
export function kindIcon(Icon: LucideIcon, name: string): ComponentType<IconProps> {
  function KindIcon({ className = 'h-4 w-4' }: IconProps) {
    return <Icon className={className} aria-hidden focusable="false" strokeWidth={2} />;
  }
  KindIcon.displayName = name;
  return KindIcon;
}
