import { useAccount } from '../../lib/account-context.js';

const PLAN_WORDS: Record<string, string> = {
  free: 'Free',
  author: 'Author',
  team: 'Team',
};

export function AccountPage() {
  const { account } = useAccount();
  if (!account) return null;
  const { usage } = account;
  const share = usage.monitorQuota > 0 ? Math.min(1, usage.monitors / usage.monitorQuota) : 0;
  return (
    <>
      <h1>Account</h1>
      <section className="card" aria-labelledby="plan-title">
        <h2 id="plan-title">Plan and usage</h2>
        <dl className="facts">
          <div>
            <dt>Organisation</dt>
            <dd>{account.organization.name}</dd>
          </div>
          <div>
            <dt>Plan</dt>
            <dd>{PLAN_WORDS[account.organization.plan] ?? account.organization.plan}</dd>
          </div>
          <div>
            <dt>Signed in as</dt>
            <dd>{account.user?.email ?? 'an API key'}</dd>
          </div>
        </dl>
        <p id="usage-label">
          {usage.monitors} of {usage.monitorQuota} monitors used
        </p>
        <meter
          className="usage-meter"
          min={0}
          max={usage.monitorQuota}
          value={usage.monitors}
          high={usage.monitorQuota * 0.8}
          optimum={0}
          aria-labelledby="usage-label"
        />
        {share >= 1 ? (
          <p className="banner banner-warn">
            You have reached your plan's monitor limit: delete a monitor, or move to a larger plan, to add
            another.
          </p>
        ) : null}
      </section>
    </>
  );
}
