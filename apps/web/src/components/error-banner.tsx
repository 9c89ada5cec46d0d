import { ApiError } from '../api/client.js';

/** An error that concerns the whole page or form rather than one field. */
export function ErrorBanner({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const message =
    error instanceof ApiError || error instanceof Error
      ? error.message
      : 'Something went wrong. Please try again.';
  return (
    <div className="banner banner-error" role="alert">
      {title ? <strong>{title} </strong> : null}
      {message}
    </div>
  );
}
