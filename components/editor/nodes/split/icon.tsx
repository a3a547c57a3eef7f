// The split icon: one path splitting in two, for A/B (lucide's Split).
import { Split } from 'lucide-react';
import { kindIcon } from '../node-icon';

export const SplitIcon = kindIcon(Split, 'SplitIcon');
