/** Normalises anything thrown into a message worth showing in the step log. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
