import { createRoot } from 'react-dom/client';
import { commonMessages, mergeMessages } from '../shared/common-messages.ts';
import { I18nProvider } from '../shared/i18n.tsx';
import '../shared/styles.css';
import '../merchant/onboarding.css';
import { fieldMessages } from '../merchant/field-messages.ts';
import { reviewMessages } from './messages.ts';
import { ReviewApp } from './review-app.tsx';

const messages = mergeMessages(commonMessages, fieldMessages, reviewMessages);
createRoot(document.getElementById('root')!).render(
  <I18nProvider messages={messages}>
    <ReviewApp />
  </I18nProvider>,
);
