// The question icon: a speech bubble with a question mark, asking and listening (lucide's MessageCircleQuestion).
import { MessageCircleQuestion } from 'lucide-react';
import { kindIcon } from '../node-icon';

export const QuestionIcon = kindIcon(MessageCircleQuestion, 'QuestionIcon');
