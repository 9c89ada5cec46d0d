import type { StatusPage } from '@mcpulse/contract';
import { listStatusPages } from '../api/status-pages-api.js';
import { useResource } from './use-resource.js';

/** The organisation's pages that show the monitor, in the order the API lists them. */
export function pagesShowing(pages: readonly StatusPage[], monitorId: string): StatusPage[] {
  return pages.filter((page) =>
    page.groups.some((group) => group.monitors.some((monitor) => monitor.monitorId === monitorId)),
  );
}

/** The status pages a monitor is on; null while they load, or when they could not be read. */
export function useStatusPagesShowing(monitorId: string): StatusPage[] | null {
  const pages = useResource((signal) => listStatusPages(signal), `status-pages-showing:${monitorId}`, 60_000);
  return pages.data ? pagesShowing(pages.data.pages, monitorId) : null;
}
