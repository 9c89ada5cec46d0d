import { type FormEvent, useState } from 'react';
import { logIn } from '../../api/account-api.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { TextField } from '../../components/field.js';
import { useAccount } from '../../lib/account-context.js';
import { fieldErrorOf } from '../../lib/form-errors.js';
import { Link, useRouter } from '../../lib/router.js';
import { AuthFrame } from './auth-frame.js';

export function LoginPage() {
  const { setAccount } = useAccount();
  const { navigate } = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fieldError = fieldErrorOf(error, ['email', 'password']);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      setAccount(await logIn({ email, password }));
      navigate('/', { replace: true });
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame
      title="Log in"
      footer={
        <>
          New here? <Link to="/signup">Create an account</Link>
        </>
      }
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        {error && !fieldError ? <ErrorBanner error={error} /> : null}
        <TextField
          id="email"
          label="Email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onValue={setEmail}
          error={fieldError?.field === 'email' ? fieldError.message : undefined}
        />
        <TextField
          id="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onValue={setPassword}
          error={fieldError?.field === 'password' ? fieldError.message : undefined}
        />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
    </AuthFrame>
  );
}
