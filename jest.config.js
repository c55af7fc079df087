/** Unit tests live beside the source (src/**); integration, contract and browser tests under test/. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts', '<rootDir>/sandbox/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/build/'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
