// Types for the parts of runner-env.mjs the TypeScript tests use.
export declare const root: string
export declare const entry: string
/** action.yml's input defaults, read without a YAML library. */
export declare function actionDefaults(): Record<string, string>
/** Parses the runner's `name<<delimiter` / `name=value` file format (GITHUB_OUTPUT, GITHUB_STATE). */
export declare function parseCommandFile(text: string): Record<string, string>
export declare function readCommandFile(path: string): Record<string, string>
