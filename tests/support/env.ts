/** The environment the test server and the test database run with. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL
  ?? (process.env.DATABASE_URL ? process.env.DATABASE_URL.replace(/\/[^/?]*(\?|$)/, '/crm_test$1') : 'mysql://root@127.0.0.1:3306/crm_test')

export const TEST_ENV: Record<string, string> = {
  NODE_ENV: 'test',
  DATABASE_URL: TEST_DATABASE_URL,
  // Test keys, two of them, so decryption with a rotated-out key is exercised.
  ENCRYPTION_KEYS: 'test2:dGVzdC1rZXktdHdvLTMyLWJ5dGVzLWxvbmctLS0tLS0=,test1:dGVzdC1rZXktb25lLTMyLWJ5dGVzLWxvbmctLS0tLS0=',
  BLIND_INDEX_KEY: 'test-blind-index-key-at-least-32-characters-long',
  LOGIN_MAX_FAILURES: '5',
  LOGIN_WINDOW_MINUTES: '15',
  // Lets tests speak for different client addresses through X-Forwarded-For.
  TRUST_PROXY: 'true',
  SCHEDULER_ENABLED: 'false',
}
