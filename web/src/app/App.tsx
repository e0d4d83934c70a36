// Providers: data (TanStack Query), Ant Design (locale and theme follow the UI language, the
// screen width and the reduced-motion setting), and the router.
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router';
import { queryClient } from './query';
import { router } from './router';
import { installSessionHooks } from './session';
import { themeFor } from './theme';
import { useIsMobile, usePrefersReducedMotion } from './useIsMobile';

installSessionHooks(queryClient);

export function App() {
  const { i18n } = useTranslation();
  const isMobile = useIsMobile();
  const en = i18n.language === 'en';
  const reduceMotion = usePrefersReducedMotion();
  const theme = useMemo(() => themeFor(isMobile, reduceMotion), [isMobile, reduceMotion]);
  dayjs.locale(en ? 'en' : 'zh-cn');
  useEffect(() => {
    // Server-made text (error messages, role names in lists) follows the new language.
    void queryClient.invalidateQueries();
  }, [en]);
  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={en ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
