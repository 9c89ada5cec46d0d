import { type FormEvent, useState } from 'react';
import { signUp } from '../../api/account-api.js';
import { ErrorBanner } from '../../components/error-banner.js';
import { TextField } from '../../components/field.js';
import { useAccount } from '../../lib/account-context.js';
import { fieldErrorOf } from '../../lib/form-errors.js';
import { Link, useRouter } from '../../lib/router.js';
import { AuthFrame } from './auth-frame.js';

export function SignupPage() {
  const { setAccount } = useAccount();
  const { navigate } = useRouter();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [organizationName, setOrganizationName] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fieldError = fieldErrorOf(error, ['email', 'password', 'organizationName']);
  const errorFor = (field: string) => (fieldError?.field === field ? fieldError.message : undefined);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const body = {
        email,
        password,
        ...(organizationName.trim() ? { organizationName: organizationName.trim() } : {}),
      };
      setAccount(await signUp(body));
      navigate('/', { replace: true });
    } catch (reason) {
      setError(reason);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame
      title="Create your account"
      footer={
        <>
          Have an account? <Link to="/login">Log in</Link>
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
          error={errorFor('email')}
        />
        <TextField
          id="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          value={password}
          onValue={setPassword}
          error={errorFor('password')}
          hint="At least 10 characters."
        />
        <TextField
          id="organizationName"
          label="Organisation (optional)"
          autoComplete="organization"
          value={organizationName}
          onValue={setOrganizationName}
          error={errorFor('organizationName')}
          hint="The name of your team or company."
        />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
    </AuthFrame>
  );
}
