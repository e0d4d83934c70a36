// Fixed secrets for tests only: the template database is seeded with them.
export const TEST_SECRET_KEY = '6e6f742d612d7265616c2d6b65792d6a7573742d666f722d74657374732d3031';
export const TEST_PASSWORD = 'Test#Demo-2026x';
export const TEST_TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
