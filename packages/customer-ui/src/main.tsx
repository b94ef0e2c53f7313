import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from '@payrail/ui-common';
import { Provider } from 'urql';
import { App } from './App';
import { apiUrl } from './config';
import '@payrail/ui-common/base.css';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <Provider value={createApiClient(apiUrl)}>
      <App />
    </Provider>
  </StrictMode>,
);
