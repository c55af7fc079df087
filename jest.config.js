/** Unit tests live beside the source (src/**); integration and contract tests under test/. */
const tsJest = ['ts-jest', { tsconfig: 'tsconfig.json' }];
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': tsJest },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts', '<rootDir>/sandbox/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/build/'],
};
