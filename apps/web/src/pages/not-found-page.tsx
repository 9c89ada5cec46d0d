import { EmptyState } from '../components/empty-state.js';
import { Link } from '../lib/router.js';

export function NotFoundPage() {
  return (
    <EmptyState
      title="Nothing here"
      action={
        <Link to="/" className="button button-primary">
          Go to your monitors
        </Link>
      }
    >
      <p>This page does not exist. The link may be old, or the monitor may have been deleted.</p>
    </EmptyState>
  );
}
