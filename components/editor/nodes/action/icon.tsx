// The action icon: a tag, since tags and friend fields change here (lucide's Tag).
import { Tag } from 'lucide-react';
import { kindIcon } from '../node-icon';

export const ActionIcon = kindIcon(Tag, 'ActionIcon');
