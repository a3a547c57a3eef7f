// The wait icon: a clock (lucide's Clock).
import { Clock } from 'lucide-react';
import { kindIcon } from '../node-icon';

export const WaitIcon = kindIcon(Clock, 'WaitIcon');
