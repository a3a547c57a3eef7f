// The send icon: an envelope, drawn inline so it shows without an emoji font.
import { NodeIcon } from '../node-icon';
import type { IconProps } from '../types';

export function SendIcon(props: IconProps) {
  return (
    <NodeIcon {...props}>
      <rect x="3" y="5.5" width="18" height="13" rx="2" />
      <path d="m3.5 7 8.5 6 8.5-6" />
    </NodeIcon>
  );
}
