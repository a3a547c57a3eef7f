// The wait icon: a clock, drawn inline so it shows without an emoji font.
import { NodeIcon } from '../node-icon';
import type { IconProps } from '../types';

export function WaitIcon(props: IconProps) {
  return (
    <NodeIcon {...props}>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 7.5V12l3 2" />
    </NodeIcon>
  );
}
