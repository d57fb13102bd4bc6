import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from './api';
import { forgetSession } from './auth';

function makeQueryClient(): QueryClient {
  // A 401 anywhere means the session ended: forget it, and the auth guard sends the user to /login.
  const onError = (e: unknown) => {
    if (isApiError(e, 401)) forgetSession(client);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        // Retrying a 4xx cannot help; network blips get one more try.
        retry: (count, e) => !(isApiError(e) && e.status >= 400 && e.status < 500) && count < 1,
      },
    },
  });
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en-US' ? enUS : zhCN;
  return (
    <QueryClientProvider client={client}>
      <ConfigProvider locale={locale} theme={{ token: { colorPrimary: '#1677ff', borderRadius: 6 } }}>
        {children}
      </ConfigProvider>
    </QueryClientProvider>
  );
}
