// The send icon: a message bubble (lucide's MessageSquareText).
import { MessageSquareText } from 'lucide-react';
import { kindIcon } from '../node-icon';

export const SendIcon = kindIcon(MessageSquareText, 'SendIcon');
