// The wait for event icon: an hourglass, waiting for something to happen (lucide's Hourglass).
import { Hourglass } from 'lucide-react';
import { kindIcon } from '../node-icon';

export const WaitForEventIcon = kindIcon(Hourglass, 'WaitForEventIcon');
