/**
 * The job summary's view of the container arguments: a collapsible block with every
 * argument exactly as SageMaker receives it, and a sentence when packing happened.
 */
import type { ContainerArgumentsPlan } from './container-arguments.js'

/** A code fence longer than any backtick run inside, so no argument can close it early. */
function fence(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  return '`'.repeat(longest + 1)
}

function visible(arg: string): string {
  // One argument per line: line breaks and tabs inside an argument are shown escaped.
  return arg.replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/\t/g, '\\t')
}

/**
 * Markdown (with HTML `<details>`) for a GitHub job summary: a note when sibling keys were
 * packed into dict literals, then the arguments, one per line, in a collapsible block.
 */
export function formatArgumentsSummary(plan: ContainerArgumentsPlan): string {
  const lines: string[] = []
  if (plan.packed) {
    const keys = plan.packedKeys.slice(0, 20).map((k) => `\`${k}\``)
    const more = plan.packedKeys.length > 20 ? ` and ${plan.packedKeys.length - 20} more` : ''
    lines.push(
      `The Hydra config needed ${plan.unpackedCount} container arguments, more than SageMaker's limit, ` +
        `so sibling keys were packed into dict literals (${plan.configOverrides} config overrides; Hydra merges them, so the values are unchanged): ` +
        `${keys.join(', ')}${more}.`,
      ''
    )
  }
  if (plan.shadowedKeys.length > 0)
    lines.push(
      `Set later by the experiment name or your overrides, so not repeated from the config: ${plan.shadowedKeys.map((k) => `\`${k}\``).join(', ')}.`,
      ''
    )
  const body = plan.args.map(visible).join('\n')
  const f = fence(body)
  lines.push(
    '<details>',
    `<summary>Container arguments (${plan.args.length})</summary>`,
    '',
    `${f}text`,
    body,
    f,
    '',
    '</details>'
  )
  return lines.join('\n')
}
