import { boundText } from '../lib/bounded-text.js';
import { formatCount } from '../lib/format.js';

/** Server-sent text cut to `max` characters, saying how much is left out. */
export function ClippedText({ text, max }: { text: string; max: number }) {
  const { text: shown, cut } = boundText(text, max);
  if (cut === 0) return <>{text}</>;
  return (
    <>
      {shown}…<span className="clip-note"> ({formatCount(cut)} more characters not shown)</span>
    </>
  );
}
