/**
 * A validator for AWS service-model shapes (botocore's JSON form).
 *
 * The JS SDK does not check lengths, patterns or enums on the client, so a
 * bad request only fails once it reaches AWS. We check the same constraints
 * before the first side effect; the test server checks them with the very
 * same code against the full service models.
 */

interface ShapeRef {
  shape: string
}

export interface Shape {
  type: string
  min?: number
  max?: number
  pattern?: string
  enum?: string[]
  required?: string[]
  members?: Record<string, ShapeRef>
  member?: ShapeRef
  key?: ShapeRef
  value?: ShapeRef
}

export type ShapeMap = Readonly<Record<string, Shape>>

/** One broken constraint; `path` is the member path as AWS prints it (`AlgorithmSpecification.ContainerArguments[2]`). */
export interface Violation {
  path: string
  message: string
  /** Enum violations are kept apart: AWS adds values (instance types) faster than any model we ship. */
  kind: 'enum' | 'other'
}

const compiled = new Map<string, RegExp | null>()

// botocore patterns are Java regexes without anchors. Java's POSIX classes have no JS spelling.
const POSIX_CLASSES: Record<string, string> = {
  Alnum: 'a-zA-Z0-9',
  Alpha: 'a-zA-Z',
  Digit: '0-9',
  Upper: 'A-Z',
  Lower: 'a-z'
}

/** Compiles a model pattern as an anchored JS regex; null when JS cannot express it (then it is not checked). */
function modelPattern(pattern: string): RegExp | null {
  if (compiled.has(pattern)) return compiled.get(pattern) ?? null
  const source = translatePosixClasses(pattern)
  let re: RegExp | null = null
  for (const flags of ['u', '']) {
    try {
      re = new RegExp(`^(?:${source})$`, flags)
      break
    } catch {
      re = null
    }
  }
  compiled.set(pattern, re)
  return re
}

// Inside [...] a POSIX class becomes a bare range; outside it becomes a class of its own.
function translatePosixClasses(original: string): string {
  let out = ''
  let inClass = false
  for (let i = 0; i < original.length; i++) {
    const ch = original[i]
    if (ch === '\\') {
      const m = /^\\p\{(Alnum|Alpha|Digit|Upper|Lower)\}/.exec(original.slice(i))
      if (m) {
        const range = POSIX_CLASSES[m[1]]
        out += inClass ? range : `[${range}]`
        i += m[0].length - 1
        continue
      }
      out += original.slice(i, i + 2)
      i++
      continue
    }
    if (ch === '[') inClass = true
    else if (ch === ']') inClass = false
    out += ch
  }
  return out
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value)
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}

/**
 * Checks `value` against `shapeName` and everything below it.
 * Unknown members are reported too: AWS rejects them as SerializationException.
 */
export function validateShape(shapes: ShapeMap, shapeName: string, value: unknown, path = ''): Violation[] {
  const out: Violation[] = []
  visit(shapes, shapeName, value, path, out)
  return out
}

function visit(shapes: ShapeMap, name: string, value: unknown, path: string, out: Violation[]): void {
  const shape = shapes[name]
  if (!shape) throw new Error(`shape ${name} is not in the model`)
  const at = path || name
  const push = (message: string, kind: Violation['kind'] = 'other'): void => {
    out.push({ path: at, message, kind })
  }
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        push('must be an object')
        return
      }
      const record = value as Record<string, unknown>
      for (const req of shape.required ?? []) {
        if (record[req] === undefined) push(`is missing required member ${req}`)
      }
      for (const [key, member] of Object.entries(record)) {
        if (member === undefined) continue
        const ref = shape.members?.[key]
        if (!ref) {
          push(`has unknown member ${key}`)
          continue
        }
        visit(shapes, ref.shape, member, path ? `${path}.${key}` : key, out)
      }
      return
    }
    case 'list': {
      if (!Array.isArray(value)) {
        push('must be a list')
        return
      }
      checkCount(shape, value.length, push)
      value.forEach((item, i) => visit(shapes, shape.member!.shape, item, `${at}[${i}]`, out))
      return
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        push('must be a map')
        return
      }
      const entries = Object.entries(value as Record<string, unknown>)
      checkCount(shape, entries.length, push)
      for (const [k, v] of entries) {
        visit(shapes, shape.key!.shape, k, `${at} key '${describe(k)}'`, out)
        visit(shapes, shape.value!.shape, v, `${at}.${k}`, out)
      }
      return
    }
    case 'string': {
      if (typeof value !== 'string') {
        push('must be a string')
        return
      }
      const length = [...value].length
      if (shape.min !== undefined && length < shape.min)
        push(`'${describe(value)}' must be at least ${shape.min} characters`)
      if (shape.max !== undefined && length > shape.max)
        push(`must be at most ${shape.max} characters (it has ${length})`)
      if (shape.enum && !shape.enum.includes(value))
        push(`'${describe(value)}' is not one of the ${shape.enum.length} allowed values`, 'enum')
      if (shape.pattern) {
        const re = modelPattern(shape.pattern)
        if (re && !re.test(value)) push(`'${describe(value)}' must match ${shape.pattern}`)
      }
      return
    }
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        push('must be a whole number')
        return
      }
      if (shape.min !== undefined && value < shape.min) push(`${value} must be at least ${shape.min}`)
      if (shape.max !== undefined && value > shape.max) push(`${value} must be at most ${shape.max}`)
      return
    }
    case 'float':
    case 'double':
      if (typeof value !== 'number') push('must be a number')
      return
    case 'boolean':
      if (typeof value !== 'boolean') push('must be true or false')
      return
    case 'timestamp':
      if (typeof value !== 'number' && !(value instanceof Date)) push('must be a timestamp')
      return
    default:
      return
  }
}

function checkCount(shape: Shape, count: number, push: (m: string) => void): void {
  if (shape.min !== undefined && count < shape.min)
    push(`must have at least ${shape.min} item${shape.min === 1 ? '' : 's'} (it has ${count})`)
  if (shape.max !== undefined && count > shape.max) push(`must have at most ${shape.max} items (it has ${count})`)
}
