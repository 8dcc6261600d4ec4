/** State handed from the main step to the post step (the runner keeps it as STATE_* env). */
import * as core from './runner.js'
import { State } from './constants.js'

type StateKey = (typeof State)[keyof typeof State]

export const isPost = (): boolean => core.getState(State.IsPost) === 'true'
export const markMainStarted = (): void => core.saveState(State.IsPost, 'true')
export const save = (key: StateKey, value: string): void => core.saveState(key, value)
export const load = (key: StateKey): string => core.getState(key)
