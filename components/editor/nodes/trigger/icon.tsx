// The trigger icon: a play arrow (where friends come in), drawn inline so it shows without an emoji font.
import { NodeIcon } from '../node-icon';
import type { IconProps } from '../types';

export function TriggerIcon(props: IconProps) {
  return (
    <NodeIcon {...props}>
      <path d="M8 5.5v13l10.5-6.5z" />
    </NodeIcon>
  );
}
