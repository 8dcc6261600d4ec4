import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'build/', 'examples/', '.bench/'] },
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json' } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/explicit-function-return-type': ['error', { allowExpressions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      // The stages talk to the runner only through what src/action hands them.
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['@actions/*'], message: 'Only src/action/ imports @actions/*: take a Log or an Exec.' }]
        }
      ]
    }
  },
  { files: ['src/action/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['__tests__/**/*.ts', '__fixtures__/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' }
  },
  { files: ['**/*.cjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } }
)
