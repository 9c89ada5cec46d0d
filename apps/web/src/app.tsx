import { type ReactNode, useEffect } from 'react';
import { Layout } from './components/layout.js';
import { PublicFrame } from './components/public-frame.js';
import { AccountProvider, useAccount } from './lib/account-context.js';
import { directoryPage } from './lib/directory-routes.js';
import { matchPath } from './lib/route-match.js';
import { RouterProvider, useRouter } from './lib/router.js';
import { AccountPage } from './pages/account/account-page.js';
import { ApiKeysPage } from './pages/api-keys/api-keys-page.js';
import { LoginPage } from './pages/auth/login-page.js';
import { SignupPage } from './pages/auth/signup-page.js';
import { DIRECTORY_AUDIT_ROUTES } from './pages/directory-audit/public-routes.js';
import { MonitorDetailPage } from './pages/monitors/monitor-detail-page.js';
import { MonitorFormPage } from './pages/monitors/monitor-form-page.js';
import { MonitorsPage } from './pages/monitors/monitors-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { OAuthDonePage } from './pages/oauth-done-page.js';
import { StatusPageEditorPage } from './pages/status-pages/status-page-editor-page.js';
import { StatusPagesPage } from './pages/status-pages/status-pages-page.js';
import { WebhookDeliveriesPage } from './pages/webhooks/webhook-deliveries-page.js';
import { WebhooksPage } from './pages/webhooks/webhooks-page.js';

type Page = { title: string; render: (params: Record<string, string>) => ReactNode };

/** The signed-in pages, first match wins. */
const ROUTES: [string, Page][] = [
  ['/', { title: 'Monitors', render: () => <MonitorsPage /> }],
  ['/monitors/new', { title: 'Add a monitor', render: () => <MonitorFormPage /> }],
  [
    '/monitors/:id',
    { title: 'Monitor', render: (p) => <MonitorDetailPage key={p.id} monitorId={p.id as string} /> },
  ],
  [
    '/monitors/:id/edit',
    { title: 'Edit monitor', render: (p) => <MonitorFormPage key={p.id} monitorId={p.id as string} /> },
  ],
  ['/status-pages', { title: 'Status pages', render: () => <StatusPagesPage /> }],
  ['/status-pages/new', { title: 'New status page', render: () => <StatusPageEditorPage /> }],
  [
    '/status-pages/:id',
    {
      title: 'Edit status page',
      render: (p) => <StatusPageEditorPage key={p.id} pageId={p.id as string} />,
    },
  ],
  ['/webhooks', { title: 'Webhooks', render: () => <WebhooksPage /> }],
  [
    '/webhooks/:id',
    { title: 'Delivery log', render: (p) => <WebhookDeliveriesPage key={p.id} webhookId={p.id as string} /> },
  ],
  ['/api-keys', { title: 'API keys', render: () => <ApiKeysPage /> }],
  ['/account', { title: 'Account', render: () => <AccountPage /> }],
  ['/oauth/done', { title: 'OAuth sign-in', render: () => <OAuthDonePage /> }],
];

function resolve(path: string): { page: Page; params: Record<string, string> } {
  for (const [pattern, page] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) return { page, params };
  }
  return { page: { title: 'Not found', render: () => <NotFoundPage /> }, params: {} };
}

function Screens() {
  const { account } = useAccount();
  const { path, navigate } = useRouter();
  const publicPage = path === '/login' || path === '/signup';
  // Readable by anyone, signed in or not: never sent to the log-in page.
  const open =
    directoryPage(path) ?? DIRECTORY_AUDIT_ROUTES.find(([pattern]) => matchPath(pattern, path))?.[1];

  useEffect(() => {
    if (account === null && !publicPage && !open) navigate('/login', { replace: true });
    if (account && publicPage) navigate('/', { replace: true });
  }, [account, publicPage, open, navigate]);

  const { page, params } = resolve(path);
  const title = open ? open.title : publicPage ? (path === '/login' ? 'Log in' : 'Sign up') : page.title;
  useEffect(() => {
    document.title = `${title} · mcpulse`;
  }, [title]);

  if (open) return <PublicFrame>{open.render()}</PublicFrame>;
  if (account === undefined) return <p className="loading boot">Loading mcpulse…</p>;
  if (account === null) return path === '/signup' ? <SignupPage /> : <LoginPage />;
  return <Layout>{page.render(params)}</Layout>;
}

export function App() {
  return (
    <RouterProvider>
      <AccountProvider>
        <Screens />
      </AccountProvider>
    </RouterProvider>
  );
}
