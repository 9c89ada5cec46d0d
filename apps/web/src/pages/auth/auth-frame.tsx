import type { ReactNode } from 'react';
import { BrandMark } from '../../components/brand.js';

/** The centred card that log-in and sign-up share. */
export function AuthFrame({
  title,
  children,
  footer,
}: {
  title: string;
  children: ReactNode;
  footer: ReactNode;
}) {
  return (
    <main id="main" className="auth" tabIndex={-1}>
      <div className="auth-card">
        <p className="brand auth-brand">
          <BrandMark />
          mcpulse
        </p>
        <p className="auth-tagline">Uptime, latency and schema drift for your MCP servers.</p>
        <h1>{title}</h1>
        {children}
        <p className="auth-footer">{footer}</p>
      </div>
    </main>
  );
}
