import { Component, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/**
 * Keeps one section's failure to itself: whatever a monitored server sent
 * that a section cannot draw, the rest of the page stays usable.
 */
export class SectionBoundary extends Component<{ title: string; children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <section className="section" role="alert">
        <h2>{this.props.title}</h2>
        <p className="banner banner-error">
          This part of the page could not be drawn ({this.state.error.message.slice(0, 200)}). The rest of the
          page works.
        </p>
        <button type="button" className="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </section>
    );
  }
}
