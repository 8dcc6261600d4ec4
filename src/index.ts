import { cleanup } from './post.js'
import { run } from './main.js'
import { isPost } from './state.js'

/* istanbul ignore next: the entry point only dispatches */
await (isPost() ? cleanup() : run())
