import { createRoot } from 'react-dom/client';
import { commonMessages, mergeMessages } from '../shared/common-messages.ts';
import { I18nProvider } from '../shared/i18n.tsx';
import '../shared/styles.css';
import './pos.css';
import { PosApp } from './pos-app.tsx';
import { posMessages } from './messages.ts';
import { menuMessages } from './messages-menu.ts';

const messages = mergeMessages(commonMessages, posMessages, menuMessages);
createRoot(document.getElementById('root')!).render(
  <I18nProvider messages={messages}>
    <PosApp />
  </I18nProvider>,
);
