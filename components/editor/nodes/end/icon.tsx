// The end icon: a stop sign (lucide's CircleStop).
import { CircleStop } from 'lucide-react';
import { kindIcon } from '../node-icon';

export const EndIcon = kindIcon(CircleStop, 'EndIcon');
