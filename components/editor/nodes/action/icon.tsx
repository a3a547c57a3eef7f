// The action icon: a tag (tags and friend fields change here), drawn inline so it shows without an emoji font.
import { NodeIcon } from '../node-icon';
import type { IconProps } from '../types';

export function ActionIcon(props: IconProps) {
  return (
    <NodeIcon {...props}>
      <path d="M3.5 12.2V3.5h8.7l8.3 8.3-8.7 8.7z" />
      <circle cx="8" cy="8" r="1.5" />
    </NodeIcon>
  );
}
