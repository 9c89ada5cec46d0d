import type { ReactNode } from 'react';
import { useAccount } from '../lib/account-context.js';
import { Link, useRouter } from '../lib/router.js';
import { BrandMark } from './brand.js';

const NAV = [
  { to: '/directory', label: 'Directory' },
  { to: '/directory/audit', label: 'Audit' },
  { to: '/directory/about', label: 'About the probe' },
];

/** The frame of the public directory pages: anyone may read them, signed in or not. */
export function PublicFrame({ children }: { children: ReactNode }) {
  const { account } = useAccount();
  const { path } = useRouter();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to={account ? '/' : '/directory/audit'} className="brand" aria-label="mcpulse home">
          <BrandMark />
          mcpulse
        </Link>
        <nav aria-label="Directory" className="nav">
          {NAV.map((item) => (
            <Link
              key={item.to}
              to={item.to}
              className="nav-link"
              aria-current={path === item.to ? 'page' : undefined}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="topbar-account">
          {account ? (
            <Link to="/" className="button button-quiet">
              Your monitors
            </Link>
          ) : (
            <Link to="/login" className="button button-quiet">
              Log in
            </Link>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main">
        {children}
      </main>
    </>
  );
}
