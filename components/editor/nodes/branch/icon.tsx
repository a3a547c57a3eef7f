// The branch icon: a decision diamond, drawn inline so it shows without an emoji font.
import { NodeIcon } from '../node-icon';
import type { IconProps } from '../types';

export function BranchIcon(props: IconProps) {
  return (
    <NodeIcon {...props}>
      <path d="M12 3.5 20.5 12 12 20.5 3.5 12z" />
    </NodeIcon>
  );
}
