// The trigger icon: what sets a friend off (lucide's Zap).
import { Zap } from 'lucide-react';
import { kindIcon } from '../node-icon';

export const TriggerIcon = kindIcon(Zap, 'TriggerIcon');
