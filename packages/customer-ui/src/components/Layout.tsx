import type { ReactNode } from 'react';

export function Layout({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Payrail
        </span>
        <nav aria-label="Main">
          <a className="nav-link" href="/" aria-current="page">
            Service status
          </a>
        </nav>
      </header>
      <main className="content">{children}</main>
      <footer className="footer muted">Payments are processed securely by Payrail.</footer>
    </div>
  );
}
