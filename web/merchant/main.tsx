import { createRoot } from 'react-dom/client';
import { commonMessages, mergeMessages } from '../shared/common-messages.ts';
import { I18nProvider } from '../shared/i18n.tsx';
import '../shared/styles.css';
import './onboarding.css';
import { ApplyApp } from './apply-app.tsx';
import { fieldMessages } from './field-messages.ts';
import { applyMessages } from './messages.ts';

const messages = mergeMessages(commonMessages, fieldMessages, applyMessages);
createRoot(document.getElementById('root')!).render(
  <I18nProvider messages={messages}>
    <ApplyApp />
  </I18nProvider>,
);
