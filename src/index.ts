import { isPost } from './state.js'

/* istanbul ignore next: the entry point only dispatches */
if (isPost()) {
  const { cleanup } = await import('./post.js')
  await cleanup()
} else {
  const { run } = await import('./main.js')
  await run()
}
