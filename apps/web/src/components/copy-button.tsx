import { useState } from 'react';

/** Copies `text` to the clipboard and says so; `name` tells a screen reader what it copies. */
export function CopyButton({ text, name }: { text: string; name?: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <button
      type="button"
      className="button"
      onClick={() => void copy()}
      {...(name ? { 'aria-label': `Copy ${name}` } : {})}
    >
      {copied ? 'Copied ✓' : 'Copy'}
    </button>
  );
}
