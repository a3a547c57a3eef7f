// The wait for event icon: an hourglass, drawn inline so it shows without an emoji font.
import { NodeIcon } from '../node-icon';
import type { IconProps } from '../types';

export function WaitForEventIcon(props: IconProps) {
  return (
    <NodeIcon {...props}>
      <path d="M6.5 3.5h11M6.5 20.5h11" />
      <path d="M8 3.5v2.5c0 2.5 4 4 4 6s-4 3.5-4 6v2.5M16 3.5v2.5c0 2.5-4 4-4 6s4 3.5 4 6v2.5" />
    </NodeIcon>
  );
}
