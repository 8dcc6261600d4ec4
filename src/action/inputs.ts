/** Reads every input the workflow gave the step, with @actions/core. */
import * as core from '@actions/core'
import { INPUT_DEFAULTS, type InputName, type Inputs } from './names.js'

/** The environment variable the runner puts an input in: `INPUT_` + upper case, spaces to `_`. */
const variableOf = (name: string): string => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`

/**
 * Every input, untrimmed (lines of `overrides` keep their own spacing rules). The runner
 * always passes every input; one that is absent from the environment means the action runs
 * outside a runner (a local run), and takes action.yml's default.
 */
export function readInputs(): Inputs {
  const inputs = {} as Record<InputName, string>
  for (const name of Object.keys(INPUT_DEFAULTS) as InputName[]) {
    inputs[name] =
      process.env[variableOf(name)] === undefined
        ? INPUT_DEFAULTS[name]
        : core.getInput(name, { trimWhitespace: false })
  }
  return inputs
}
