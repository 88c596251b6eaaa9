import '@mantine/core/styles.css';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isApiError } from './api/client.ts';
import { makeRouter } from './router.tsx';
import { theme } from './theme.ts';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // Retrying a 4xx never helps; a flaky network sometimes does.
      retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    },
  },
});

const router = makeRouter(queryClient);

// A session that expires mid-use sends the user back to the login page, then here again.
queryClient.getQueryCache().subscribe((event) => {
  if (event.type === 'updated' && isApiError(event.query.state.error, 401)) {
    const here = router.state.location;
    if (here.pathname !== '/login') {
      queryClient.removeQueries({ queryKey: ['me'] });
      void router.navigate({ to: '/login', search: { redirect: here.href } });
    }
  }
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
