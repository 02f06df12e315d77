import { createRoot } from 'react-dom/client';
import { commonMessages, mergeMessages } from '../shared/common-messages.ts';
import { I18nProvider } from '../shared/i18n.tsx';
import '../shared/styles.css';
import './admin.css';
import { AdminApp } from './admin-app.tsx';
import { adminMessages } from './messages.ts';
import { riskWebhookMessages } from './messages-risk.ts';

const messages = mergeMessages(commonMessages, adminMessages, riskWebhookMessages);
createRoot(document.getElementById('root')!).render(
  <I18nProvider messages={messages}>
    <AdminApp />
  </I18nProvider>,
);
