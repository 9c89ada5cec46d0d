import type { ReactNode } from 'react';
import { DirectoryPage } from '../pages/directory/directory-page.js';
import { DirectoryServerPage } from '../pages/directory/directory-server-page.js';

/**
 * The public directory's pages, shown with or without a session. A registry name always holds a
 * `/` (`io.github.owner/server`), so `/directory/<one segment>` is never a server and stays free
 * for other directory pages.
 */
export function directoryPage(path: string): { title: string; render: () => ReactNode } | null {
  if (path === '/directory' || path === '/directory/') {
    return { title: 'MCP directory', render: () => <DirectoryPage /> };
  }
  const match = /^\/directory\/([^/]+\/.+)$/.exec(path);
  if (!match) return null;
  let name: string;
  try {
    name = (match[1] as string).split('/').map(decodeURIComponent).join('/');
  } catch {
    return null;
  }
  return { title: name, render: () => <DirectoryServerPage key={name} name={name} /> };
}
