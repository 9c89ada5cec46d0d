import type { ReactNode } from 'react';
import { AboutPage } from './about-page.js';
import { AuditPage } from './audit-page.js';

/** Pages anyone may read, signed in or not. */
export const DIRECTORY_AUDIT_ROUTES: [string, { title: string; render: () => ReactNode }][] = [
  ['/directory/audit', { title: 'MCP directory audit', render: () => <AuditPage /> }],
  ['/directory/about', { title: 'About the directory probe', render: () => <AboutPage /> }],
];
