import { Layout } from './components/Layout';
import { HealthPage } from './pages/health/HealthPage';

export function App() {
  return (
    <Layout>
      <HealthPage />
    </Layout>
  );
}
