// The split icon: one path forking in two, drawn inline so it shows without an emoji font.
import { NodeIcon } from '../node-icon';
import type { IconProps } from '../types';

export function SplitIcon(props: IconProps) {
  return (
    <NodeIcon {...props}>
      <path d="M12 21v-7.5M12 13.5 6 6.5M12 13.5l6-7" />
      <path d="M5 10.5V5.5h5M19 10.5V5.5h-5" />
    </NodeIcon>
  );
}
