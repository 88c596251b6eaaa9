import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A slightly deeper blue than Mantine's default reads better on dense tables.
const orrery: MantineColorsTuple = [
  '#e7f3ff',
  '#d0e2ff',
  '#a0c2fb',
  '#6da1f6',
  '#4284f2',
  '#2872f0',
  '#1868f0',
  '#0657d6',
  '#004dc0',
  '#0042aa',
];

export const theme = createTheme({
  primaryColor: 'orrery',
  colors: { orrery },
  primaryShade: 6,
  defaultRadius: 'sm',
  fontFamily:
    'Inter, -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
  headings: { fontWeight: '650' },
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm' } },
    Table: {
      defaultProps: { fz: 'sm' },
      styles: {
        th: {
          fontSize: 'var(--mantine-font-size-xs)',
          fontWeight: 600,
          textTransform: 'uppercase',
          letterSpacing: '0.03em',
          color: 'var(--mantine-color-dark-3)',
          whiteSpace: 'nowrap',
        },
      },
    },
    Tooltip: { defaultProps: { withArrow: true, openDelay: 300 } },
  },
});
