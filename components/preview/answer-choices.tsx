'use client';
// A question's choices under its bubble in the preview, as LINE shows quick replies: pressing one answers as the test friend.
import { useT } from '@/components/editor/editor-context';
import type { AskedQuestion } from './run-preview';

export function AnswerChoices({ question, onAnswer }: { question: AskedQuestion; onAnswer: (choice: number) => void }) {
  const t = useT();
  const chosen = question.answered === null ? null : question.choices[question.answered];
  return (
    <div className="space-y-1" data-testid="preview-question">
      <div className="flex flex-wrap gap-1">
        {question.choices.map((label, i) => (
          <button
            key={i}
            type="button"
            data-testid={`preview-answer-${i}`}
            aria-pressed={question.answered === i}
            onClick={() => onAnswer(i)}
            className={`rounded-full border px-3 py-1 text-xs shadow-sm ${
              question.answered === i ? 'border-sky-700 bg-sky-700 text-white' : 'border-sky-600 bg-white text-sky-700 hover:bg-sky-50'
            }`}
          >
            {label}
          </button>
        ))}
      </div>
      <p className="text-[10px] text-white">
        {chosen === null || chosen === undefined ? t('preview.answerHint') : t('preview.answered').replace('{label}', chosen)}
      </p>
    </div>
  );
}
