/**
 * The entry point the runner starts for both the main and the post step (action.yml names
 * this one bundle for both); main marks its start in the step state, so post knows it is post.
 */
import { run as main } from './action/main.js'
import { run as post } from './action/post.js'
import { isPost } from './action/state.js'

/* istanbul ignore next: the entry point only dispatches */
await (isPost() ? post() : main())
