import type { Account } from '@mcpulse/contract';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { getAccount } from '../api/account-api.js';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client.js';

interface AccountState {
  /** undefined while the first look-up runs; null when nobody is signed in. */
  account: Account | null | undefined;
  /** Signed in (sign-up, log-in) or out (log-out, an expired session). */
  setAccount(account: Account | null): void;
  /** Reads plan and usage again after something changed them. */
  refreshAccount(): void;
}

const AccountContext = createContext<AccountState | null>(null);

export function AccountProvider({ children }: { children: ReactNode }) {
  const [account, setState] = useState<Account | null | undefined>(undefined);

  const setAccount = useCallback((next: Account | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setState(next);
  }, []);

  const refreshAccount = useCallback(() => {
    getAccount().then(setAccount, (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) setAccount(null);
    });
  }, [setAccount]);

  useEffect(() => {
    setUnauthenticatedHandler(() => setAccount(null));
    getAccount().then(setAccount, (error: unknown) => {
      // Anything but "not signed in" (the server is down, say) still lands on the log-in page, which says so.
      setAccount(null);
      if (!(error instanceof ApiError && error.status === 401)) console.error(error);
    });
  }, [setAccount]);

  const value = useMemo(
    () => ({ account, setAccount, refreshAccount }),
    [account, setAccount, refreshAccount],
  );
  return <AccountContext.Provider value={value}>{children}</AccountContext.Provider>;
}

export function useAccount(): AccountState {
  const state = useContext(AccountContext);
  if (!state) throw new Error('useAccount outside AccountProvider');
  return state;
}
