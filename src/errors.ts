/** Normalises anything thrown into a message worth showing in the step log. */
export function errorMessage(error: unknown): string {
  // Also an error made in another realm (Node's own fetch under a test runner's sandbox), which
  // is no `instanceof Error` here but still has its message.
  if (error instanceof Error) return error.message
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined
  return typeof message === 'string' ? message : String(error)
}
