import type { ReactNode } from 'react';

export function Layout({ children }: { children: ReactNode }) {
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Payrail Admin</span>
        <nav aria-label="Main">
          <a className="nav-link" href="/" aria-current="page">
            System health
          </a>
        </nav>
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
