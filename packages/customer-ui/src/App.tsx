import { Layout } from './components/Layout';
import { StatusPage } from './pages/status/StatusPage';

export function App() {
  return (
    <Layout>
      <StatusPage />
    </Layout>
  );
}
