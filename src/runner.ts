/**
 * The GitHub runner's step protocol: inputs from INPUT_* variables, outputs and state
 * through the files the runner names, log commands (`::warning::`, `::group::`,
 * `::add-mask::`) on stdout, and the step summary file.
 *
 * This is the part of @actions/core the action uses. @actions/core itself also loads an
 * HTTP client for OIDC tokens at start-up, which measured ~85 ms of a dry run's ~120 ms
 * overhead over bare Node; the action never asks for an OIDC token.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { EOL } from 'node:os'

/** The value of input `name` ('' when unset), trimmed, as the runner passes it. */
export function getInput(name: string): string {
  return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim()
}

// Message and property escaping, as the runner unescapes them.
const escapeData = (text: string): string => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (text: string): string => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C')

function command(name: string, message: string, properties: Record<string, string> = {}): void {
  const props = Object.entries(properties)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',')
  process.stdout.write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`)
}

/** Writes `name<<delimiter` blocks to a runner file; the random delimiter cannot occur in the value. */
function fileCommand(variable: string, name: string, value: string): boolean {
  const file = process.env[variable]
  if (!file) return false
  const delimiter = `ghadelimiter_${randomUUID()}`
  appendFileSync(file, `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`, 'utf8')
  return true
}

export function setOutput(name: string, value: string): void {
  if (!fileCommand('GITHUB_OUTPUT', name, value)) command('set-output', value, { name })
}

/** Saved for the post step, which reads it back as STATE_<name>. */
export function saveState(name: string, value: string): void {
  if (!fileCommand('GITHUB_STATE', name, value)) command('save-state', value, { name })
}

export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? ''
}

/** From now on the runner replaces `value` with *** wherever it would print it. */
export function setSecret(value: string): void {
  command('add-mask', value)
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

export function debug(message: string): void {
  command('debug', message)
}

export function notice(message: string): void {
  command('notice', message)
}

export function warning(message: string): void {
  command('warning', message)
}

export function error(message: string): void {
  command('error', message)
}

export function startGroup(name: string): void {
  command('group', name)
}

export function endGroup(): void {
  command('endgroup', '')
}

/** Runs `fn` inside a collapsible log group. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  startGroup(name)
  try {
    return await fn()
  } finally {
    endGroup()
  }
}

/** Marks the step failed with an error annotation; the process exits 1 when it is done. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

/** Appends Markdown/HTML to the step summary; false where the runner gave no summary file. */
export function appendSummary(text: string): boolean {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file) return false
  appendFileSync(file, text.endsWith(EOL) ? text : text + EOL, 'utf8')
  return true
}
