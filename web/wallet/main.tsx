import { createRoot } from 'react-dom/client';
import { commonMessages, mergeMessages } from '../shared/common-messages.ts';
import { I18nProvider } from '../shared/i18n.tsx';
import '../shared/styles.css';
import './wallet.css';
import { walletMessages } from './messages.ts';
import { topUpMessages } from './messages-top-up.ts';
import { WalletApp } from './wallet-app.tsx';

const messages = mergeMessages(commonMessages, walletMessages, topUpMessages);
createRoot(document.getElementById('root')!).render(
  <I18nProvider messages={messages}>
    <WalletApp />
  </I18nProvider>,
);

// Installable as a PWA; the worker caches the app shell only, never the API.
if ('serviceWorker' in navigator && window.isSecureContext) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/wallet/sw.js', { scope: '/wallet/' }).catch(() => undefined);
  });
}
