// The end icon: a stop square, drawn inline so it shows without an emoji font.
import { NodeIcon } from '../node-icon';
import type { IconProps } from '../types';

export function EndIcon(props: IconProps) {
  return (
    <NodeIcon {...props}>
      <rect x="6" y="6" width="12" height="12" rx="1.5" />
    </NodeIcon>
  );
}
