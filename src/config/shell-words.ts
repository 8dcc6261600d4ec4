/**
 * Splits the `command` input into words the way a POSIX shell would for quoting,
 * without running a shell: no expansion, no globbing, no operators.
 */
export function splitWords(text: string): string[] {
  const words: string[] = []
  let word = ''
  let inWord = false
  let i = 0
  while (i < text.length) {
    const ch = text[i]
    if (ch === "'") {
      const end = text.indexOf("'", i + 1)
      if (end < 0) throw new Error(`unterminated single quote at character ${i + 1}`)
      word += text.slice(i + 1, end)
      inWord = true
      i = end + 1
    } else if (ch === '"') {
      i++
      inWord = true
      for (;;) {
        if (i >= text.length) throw new Error('unterminated double quote')
        const c = text[i]
        if (c === '"') break
        // Inside double quotes a backslash only escapes these characters.
        if (c === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) {
          if (text[i + 1] !== '\n') word += text[i + 1]
          i += 2
          continue
        }
        word += c
        i++
      }
      i++
    } else if (ch === '\\') {
      if (i + 1 >= text.length) throw new Error('the command ends with a lone backslash')
      if (text[i + 1] !== '\n') {
        word += text[i + 1]
        inWord = true
      }
      i += 2
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(word)
      word = ''
      inWord = false
      i++
    } else {
      word += ch
      inWord = true
      i++
    }
  }
  if (inWord) words.push(word)
  return words
}
