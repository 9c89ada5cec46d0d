import type { ReactNode } from 'react';
import { logOut } from '../api/account-api.js';
import { useAccount } from '../lib/account-context.js';
import { Link, useRouter } from '../lib/router.js';
import { BrandMark } from './brand.js';

const NAV = [
  { to: '/', label: 'Monitors', match: (path: string) => path === '/' || path.startsWith('/monitors') },
  { to: '/directory', label: 'Directory', match: (path: string) => path.startsWith('/directory') },
  {
    to: '/status-pages',
    label: 'Status pages',
    match: (path: string) => path.startsWith('/status-pages'),
  },
  { to: '/webhooks', label: 'Webhooks', match: (path: string) => path.startsWith('/webhooks') },
  { to: '/api-keys', label: 'API keys', match: (path: string) => path.startsWith('/api-keys') },
  { to: '/account', label: 'Account', match: (path: string) => path.startsWith('/account') },
];

/** The frame of every signed-in page: skip link, navigation, plan and usage, log out. */
export function Layout({ children }: { children: ReactNode }) {
  const { account, setAccount } = useAccount();
  const { path, navigate } = useRouter();
  const out = async () => {
    try {
      await logOut();
    } finally {
      setAccount(null);
      navigate('/login', { replace: true });
    }
  };
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <Link to="/" className="brand" aria-label="mcpulse home">
          <BrandMark />
          mcpulse
        </Link>
        <nav aria-label="Main" className="nav">
          {NAV.map((item) => (
            <Link
              key={item.to}
              to={item.to}
              className="nav-link"
              aria-current={item.match(path) ? 'page' : undefined}
            >
              {item.label}
            </Link>
          ))}
        </nav>
        <div className="topbar-account">
          {account ? (
            <Link to="/account" className="plan-chip" title="Plan and usage">
              <span className="plan-name">{account.organization.plan}</span>
              <span>
                {account.usage.monitors}/{account.usage.monitorQuota} monitors
              </span>
            </Link>
          ) : null}
          <button type="button" className="button button-quiet" onClick={() => void out()}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="main">
        {children}
      </main>
    </>
  );
}
